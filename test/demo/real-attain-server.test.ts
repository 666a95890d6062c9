import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveResponse } from '../../demo/http/api-types';
import { isId18 } from '../../demo/records/salesforce-id';
import { MARKUP_NAMED_RECORD_ID } from '../../demo/records/seed-records';
import { startDemoCrm, type DemoCrm } from '../../demo/start';
import { detectRecord } from '../../lib/crm';
import { createApp } from '../../server/app';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo';
import { openStore, type Store } from '../../server/store/db';
import { silentLog } from './fake-attain';

/** The demo CRM against the real Attain server (SQLite in a temp dir, the demo company seeded). */
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
const TODAY = '2026-05-01';

let dir: string;
let store: Store;
let server: ServerType;
let attainUrl: string;
let demo: DemoCrm;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attain-demo-crm-'));
  store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  await seedDemo(store, { today: TODAY, seed: 42, scryptCost: FAST_SCRYPT, dealsPerRep: 5 });
  const app = createApp({
    store,
    config: { rateLimit: null, anonymousRateLimit: null, scryptCost: FAST_SCRYPT },
    log: { info: () => {}, error: () => {} },
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  attainUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = await startDemoCrm({
    port: 0,
    attainUrl,
    adminPassword: DEMO_PASSWORD,
    log: silentLog,
    today: () => TODAY,
  });
  await demo.ready;
}, 60_000);

afterAll(async () => {
  await demo?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function adminGet(path: string): Promise<unknown> {
  const login = await fetch(`${attainUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.attain.test', password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${attainUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('demo CRM with the real Attain server', () => {
  it("shows the seeded company's deals and owners, and sends its own seed record to the server", async () => {
    const deals = demo.deals();
    expect(deals).toHaveLength(12 * 5 + 1);
    const list = await (await fetch(`${demo.url}/lightning/o/Opportunity/list`)).text();
    expect(list).toContain('Ava Martin');
    expect(list).toContain(`${12 * 5 + 1} items`);
    const onServer = (await adminGet(`/v1/admin/deals/${MARKUP_NAMED_RECORD_ID}`)) as Record<
      string,
      unknown
    >;
    expect(onServer).toMatchObject({
      crmId: MARKUP_NAMED_RECORD_ID,
      name: 'Acme <img src=x onerror=alert(1)> renewal',
      ownerId: 'rep-01',
    });
  });

  it('forwards an edit through the deal import: the server has the new values', async () => {
    const deal = demo.deals().find((d) => !d.isClosed && d.crmId !== MARKUP_NAMED_RECORD_ID);
    if (!deal) throw new Error('the seed has no open deal');
    const response = await fetch(
      `${demo.url}/demo/api/opportunities/${encodeURIComponent(deal.crmId)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fields: { Amount: '43,210.00', StageName: 'Closed Won', CloseDate: '4/30/2026' },
        }),
      },
    );
    const body = (await response.json()) as SaveResponse;
    expect(body).toMatchObject({ ok: true, sync: 'synced' });
    const onServer = (await adminGet(`/v1/admin/deals/${deal.id}`)) as Record<string, unknown>;
    expect(onServer).toMatchObject({
      id: deal.id,
      crmId: deal.crmId,
      amount: 43210,
      stage: 'Closed Won',
      isClosed: true,
      isWon: true,
      closeDate: '2026-04-30',
      ownerId: deal.ownerId,
    });
  });

  it('renders pages the adapter reads, with the values the server holds', async () => {
    const path = `/lightning/r/Opportunity/${MARKUP_NAMED_RECORD_ID}/edit`;
    const html = await (await fetch(`${demo.url}${path}`)).text();
    const doc = new JSDOM(html).window.document;
    expect(detectRecord(`https://demo.lightning.force.com${path}`, doc)).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: MARKUP_NAMED_RECORD_ID,
      mode: 'edit',
      fields: {
        amount: 48000,
        currencyIsoCode: 'USD',
        stage: 'Proposal',
        closeDate: '2026-05-22',
        probability: 50,
        ownerName: 'Ava Martin',
        accountName: 'Acme <script>alert("x")</script> & Sons',
        recordName: 'Acme <img src=x onerror=alert(1)> renewal',
      },
    });
  });

  it('serves seeded deals under 18-character Salesforce ids the adapter recognises', async () => {
    const seeded = demo.deals().filter((d) => d.crmId !== MARKUP_NAMED_RECORD_ID);
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.filter((d) => !isId18(d.crmId)).map((d) => d.crmId)).toEqual([]);
    const deal = seeded[0]!;
    const path = `/lightning/r/Opportunity/${deal.crmId}/view`;
    const doc = new JSDOM(await (await fetch(`${demo.url}${path}`)).text()).window.document;
    expect(detectRecord(`https://demo.lightning.force.com${path}`, doc)?.fields.amount).toBe(
      deal.amount,
    );
  });
});
