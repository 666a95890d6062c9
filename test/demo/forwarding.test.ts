import { afterEach, describe, expect, it } from 'vitest';
import type { SaveResponse, StatusResponse } from '../../demo/http/api-types';
import { MARKUP_NAMED_RECORD_ID } from '../../demo/records/seed-records';
import { startDemoCrm, type DemoCrm, type StartDemoCrmOptions } from '../../demo/start';
import {
  DEAL_A,
  DEAL_C,
  freePort,
  sampleDeals,
  silentLog,
  startFakeAttain,
  type FakeDeal,
} from './fake-attain';

const running: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

async function setUp(options: Partial<StartDemoCrmOptions> = {}, deals?: FakeDeal[]) {
  const attain = await startFakeAttain(deals ? { deals } : {});
  running.push(attain);
  const demo = await startDemoCrm({
    port: 0,
    attainUrl: attain.url,
    log: silentLog,
    today: () => '2026-05-01',
    retry: { initialMs: 50, maxMs: 200 },
    forwardWaitMs: 1500,
    ...options,
  });
  running.push(demo);
  await demo.ready;
  return { attain, demo };
}

async function save(
  demo: DemoCrm,
  id: string,
  fields: Record<string, string>,
  init: RequestInit = {},
) {
  const response = await fetch(`${demo.url}/demo/api/opportunities/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.url },
    body: JSON.stringify({ fields }),
    ...init,
  });
  return { status: response.status, body: (await response.json()) as SaveResponse };
}

async function status(demo: DemoCrm): Promise<StatusResponse> {
  return (await fetch(`${demo.url}/demo/api/status`)).json() as Promise<StatusResponse>;
}

async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('demo CRM: saving forwards the deal to Attain', () => {
  it('loads every deal page by page and sends its own seed record once', async () => {
    const { attain, demo } = await setUp();
    expect(
      demo
        .deals()
        .map((d) => d.crmId)
        .sort(),
    ).toEqual([...sampleDeals().map((d) => d.crmId), MARKUP_NAMED_RECORD_ID].sort());
    expect(attain.imports).toHaveLength(1);
    const [row] = attain.imports[0] as FakeDeal[];
    expect(row).toMatchObject({
      crmId: MARKUP_NAMED_RECORD_ID,
      name: 'Acme <img src=x onerror=alert(1)> renewal',
      ownerId: 'rep-01',
      closeDate: '2026-05-22',
      isClosed: false,
    });
    // A second start finds it on the server and sends nothing.
    const again = await startDemoCrm({ port: 0, attainUrl: attain.url, log: silentLog });
    running.push(again);
    await again.ready;
    expect(attain.imports).toHaveLength(1);
  });

  it('upserts the whole edited deal by CRM id, as a connector would', async () => {
    const { attain, demo } = await setUp();
    const { status: code, body } = await save(demo, DEAL_A, {
      Name: 'Burlington Textiles Weaving Plant Generator',
      Amount: '130,000.50',
      CloseDate: '1/15/2027',
      StageName: 'Closed Won',
      Probability: '100',
      NextStep: '',
    });
    expect(code).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      sync: 'synced',
      recordName: 'Burlington Textiles Weaving Plant Generator',
    });
    const sent = attain.imports.at(-1) as FakeDeal[];
    expect(sent).toHaveLength(1);
    const { nextStep, ...original } = sampleDeals()[0]!;
    expect(nextStep).toBeDefined();
    expect(sent[0]).toEqual({
      ...original,
      amount: 130000.5,
      closeDate: '2027-01-15',
      stage: 'Closed Won',
      isClosed: true,
      isWon: true,
      probability: 100,
      stageEnteredDate: '2026-05-01',
    });
    expect(attain.deals.get(DEAL_A)?.amount).toBe(130000.5);
    // The CRM shows the saved values right away.
    const view = await (await fetch(`${demo.url}/lightning/r/Opportunity/${DEAL_A}/view`)).text();
    expect(view).toContain('$130,000.50');
    expect(view).toContain('1/15/2027');
    if (body.ok) expect(body.page.html).toContain('$130,000.50');
  });

  it('counts a later close date of an open deal as a push, and sends nothing when nothing changed', async () => {
    const { attain, demo } = await setUp();
    const imports = attain.imports.length;
    expect((await save(demo, DEAL_A, { Amount: '125,000.00' })).body).toMatchObject({
      ok: true,
      sync: 'synced',
    });
    expect(attain.imports).toHaveLength(imports);
    await save(demo, DEAL_A, { CloseDate: '2/1/2027' });
    expect((attain.imports.at(-1) as FakeDeal[])[0]).toMatchObject({
      closeDate: '2027-02-01',
      closeDatePushCount: 1,
    });
  });

  it('reports bad input per field and changes nothing', async () => {
    const { attain, demo } = await setUp();
    const imports = attain.imports.length;
    const { status: code, body } = await save(demo, DEAL_A, {
      Name: ' ',
      Amount: '12abc',
      CloseDate: '31/12/2026',
      StageName: 'Won-ish',
      Probability: '120',
    });
    expect(code).toBe(422);
    expect(body).toMatchObject({
      ok: false,
      message: 'Review the errors on this page.',
      errors: {
        Name: 'Complete this field.',
        Amount: 'Enter a valid amount, like 1,234.50.',
        CloseDate: 'Your entry does not match the allowed format 12/31/2026.',
        StageName: 'Select a stage from the list.',
        Probability: 'Enter a number between 0 and 100.',
      },
    });
    expect(attain.imports).toHaveLength(imports);
    expect(demo.deals().find((d) => d.crmId === DEAL_A)?.amount).toBe(125000);
  });

  it('keeps the edit while Attain is down, says the sync is pending, and delivers it when it is back', async () => {
    const port = await freePort();
    const attain = await startFakeAttain({ port });
    running.push(attain);
    const demo = await startDemoCrm({
      port: 0,
      attainUrl: attain.url,
      log: silentLog,
      retry: { initialMs: 50, maxMs: 100 },
    });
    running.push(demo);
    await demo.ready;
    await attain.stop();

    const started = Date.now();
    const { body } = await save(demo, DEAL_A, { Amount: '140000' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(body).toMatchObject({ ok: true, sync: 'pending' });
    expect(demo.deals().find((d) => d.crmId === DEAL_A)?.amount).toBe(140000);
    expect(await status(demo)).toEqual({
      loaded: true,
      pending: 1,
      text: 'Attain sync pending (1)',
    });
    const list = await (await fetch(`${demo.url}/lightning/o/Opportunity/list`)).text();
    expect(list.replace(/\s+/g, ' ')).toContain('Attain sync pending (1)');

    // A second edit of the same record replaces the queued one.
    await save(demo, DEAL_A, { Amount: '150000' });
    expect((await status(demo)).pending).toBe(1);

    await attain.restart();
    await eventually(async () => (await status(demo)).pending === 0);
    expect(attain.deals.get(DEAL_A)?.amount).toBe(150000);
    expect(await status(demo)).toMatchObject({ pending: 0, text: 'Attain: in sync' });
  });

  it('retries a 503 in the background and reports a refused import without retrying it', async () => {
    const { attain, demo } = await setUp({ forwardWaitMs: 300 });
    attain.importMode = 'unavailable';
    expect((await save(demo, DEAL_C, { Probability: '90' })).body).toMatchObject({
      sync: 'pending',
    });
    const tries = attain.imports.length;
    await eventually(() => attain.imports.length > tries + 1);
    attain.importMode = 'ok';
    await eventually(async () => (await status(demo)).pending === 0);
    expect(attain.deals.get(DEAL_C)?.probability).toBe(90);

    attain.importMode = 'reject';
    const { body } = await save(demo, DEAL_C, { Probability: '95' });
    expect(body).toMatchObject({ ok: true, sync: 'rejected' });
    if (body.ok) expect(body.syncMessage).toContain('import_rejected');
    const attempts = attain.imports.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(attain.imports).toHaveLength(attempts);
    expect((await status(demo)).pending).toBe(0);
  });

  it('signs in again when its session expires', async () => {
    const { attain, demo } = await setUp();
    const logins = attain.logins;
    attain.expireTokens();
    expect((await save(demo, DEAL_A, { Amount: '1' })).body).toMatchObject({ sync: 'synced' });
    expect(attain.logins).toBe(logins + 1);
    expect(attain.deals.get(DEAL_A)?.amount).toBe(1);
  });

  it('takes saves only as JSON from its own pages', async () => {
    const { attain, demo } = await setUp();
    const imports = attain.imports.length;
    const foreign = await save(
      demo,
      DEAL_A,
      { Amount: '1' },
      {
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      },
    );
    expect(foreign.status).toBe(403);
    const form = await fetch(`${demo.url}/demo/api/opportunities/${DEAL_A}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'fields=1',
    });
    expect(form.status).toBe(415);
    const unknown = await save(demo, '006Dm00000ZzZz9AAA', { Amount: '1' });
    expect(unknown.status).toBe(404);
    const extra = await fetch(`${demo.url}/demo/api/opportunities/${DEAL_A}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { OwnerId: 'admin' } }),
    });
    expect(extra.status).toBe(400);
    expect(attain.imports).toHaveLength(imports);
  });

  it('serves pages while the Attain server is not up yet, and loads the deals once it is', async () => {
    const port = await freePort();
    const demo = await startDemoCrm({
      port: 0,
      attainUrl: `http://127.0.0.1:${port}`,
      log: silentLog,
      retry: { initialMs: 50, maxMs: 100 },
    });
    running.push(demo);
    const waiting = await fetch(`${demo.url}/lightning/o/Opportunity/list`);
    expect(waiting.status).toBe(200);
    const text = (await waiting.text()).replace(/\s+/g, ' ');
    expect(text).toContain(`Waiting for the Attain server at http://127.0.0.1:${port}`);
    expect(text).toContain('Attain: connecting…');
    expect((await fetch(`${demo.url}/lightning/r/Opportunity/${DEAL_A}/view`)).status).toBe(503);

    const attain = await startFakeAttain({ port });
    running.unshift(attain);
    await demo.ready;
    expect(demo.deals()).toHaveLength(4);
    expect((await status(demo)).loaded).toBe(true);
  });
});
