import { build } from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCrm, type DemoCrm } from '../../demo/start';
import { standInUrl } from '../../entrypoints/crm.content/crm-url';
import { detectRecord, watchRecord, type DetectedRecord } from '../../lib/crm';
import { DEAL_A, DEAL_B, silentLog, startFakeAttain, type FakeAttain } from './fake-attain';

/**
 * The demo's pages with its real client script (bundled as the server bundles it) in jsdom,
 * read by the extension's Salesforce Lightning adapter, unchanged, through the URL the content
 * script gives it on a host the user added as Salesforce (`standInUrl`).
 */
let attain: FakeAttain;
let demo: DemoCrm;
let clientScript: string;

beforeAll(async () => {
  attain = await startFakeAttain();
  demo = await startDemoCrm({
    port: 0,
    attainUrl: attain.url,
    log: silentLog,
    today: () => '2026-05-01',
  });
  await demo.ready;
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../demo/client/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  clientScript = result.outputFiles[0]?.text ?? '';
});

afterAll(async () => {
  await demo?.close();
  await attain?.close();
});

interface Browser {
  window: JSDOM['window'];
  document: Document;
  errors: string[];
}

async function open(path: string): Promise<Browser> {
  const html = await (await fetch(`${demo.url}${path}`)).text();
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    if (!/scrollTo/.test(error.message)) errors.push(error.message);
  });
  virtualConsole.on('error', (message: unknown) => errors.push(String(message)));
  const dom = new JSDOM(html, {
    url: `${demo.url}${path}`,
    runScripts: 'outside-only',
    pretendToBeVisual: true,
    virtualConsole,
  });
  const { window } = dom;
  Object.assign(window, {
    fetch: (input: string, init?: RequestInit) => fetch(new URL(input, window.location.href), init),
  });
  window.eval(clientScript);
  return { window, document: window.document, errors };
}

const adapterUrl = (b: Browser) => standInUrl(b.window.location.href, 'salesforce');
const detect = (b: Browser) => detectRecord(adapterUrl(b), b.document);

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function click(b: Browser, selector: string): void {
  const el = b.document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.click();
}

function type(
  b: Browser,
  selector: string,
  value: string,
  event: 'input' | 'change' = 'input',
): void {
  const el = b.document.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.value = value;
  el.dispatchEvent(new b.window.Event(event, { bubbles: true }));
}

const activeKey = (b: Browser) =>
  b.document.querySelector<HTMLElement>('.oneContent.active')?.dataset.demoPage;
const path = (b: Browser) => b.window.location.pathname;
const toast = (b: Browser) =>
  b.document
    .querySelector('.demo-toasts [data-demo-toast]:last-child')
    ?.textContent?.replace(/\s+/g, ' ')
    .trim();

const DEAL_A_FIELDS = {
  amount: 125000,
  currencyIsoCode: 'USD',
  stage: 'Negotiation',
  closeDate: '2026-12-31',
  probability: 75,
  ownerName: 'Ava Martin',
  accountName: 'Burlington Textiles Corp of America',
  recordName: 'Burlington Textiles Weaving Plant Generator',
};

describe('demo CRM pages read by the Salesforce Lightning adapter', () => {
  it('follows single-page navigation; cached inactive pages never leak into the reading', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_A}/view`);
    expect(detect(b)).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: DEAL_A,
      mode: 'view',
      fields: DEAL_A_FIELDS,
    });

    click(b, 'a.slds-context-bar__label-action[title="Opportunities"]');
    await until(() => activeKey(b) === 'list', 'the list');
    expect(path(b)).toBe('/lightning/o/Opportunity/list');
    expect(b.document.title).toBe('Opportunities | Demo CRM');
    expect(detect(b)).toBeNull();

    click(b, `a[href="/lightning/r/Opportunity/${DEAL_B}/view"]`);
    await until(() => path(b).includes(DEAL_B), 'record B');
    expect(activeKey(b)).toBe(`record:${DEAL_B}`);
    expect(b.document.querySelectorAll('.oneContent')).toHaveLength(3);
    expect(
      b.document
        .querySelector(`.oneContent[data-demo-page="record:${DEAL_A}"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toContain('$125,000.00');
    expect(detect(b)).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: DEAL_B,
      mode: 'view',
      fields: {
        amount: 12500,
        currencyIsoCode: 'EUR',
        stage: 'Proposal',
        closeDate: '2026-06-05',
        probability: 50,
        ownerName: 'Ben <b>Okafor</b>',
        accountName: 'Globex',
        recordName: 'Globex Expansion',
      },
    });

    // Back twice: the list (rendered again: it was cached), then record A straight from the cache.
    b.window.history.back();
    await until(() => activeKey(b) === 'list', 'back to the list');
    expect(detect(b)).toBeNull();
    b.window.history.back();
    await until(() => activeKey(b) === `record:${DEAL_A}`, 'back to record A');
    expect(path(b)).toBe(`/lightning/r/Opportunity/${DEAL_A}/view`);
    expect(detect(b)?.fields).toEqual(DEAL_A_FIELDS);
    b.window.history.forward();
    await until(() => activeKey(b) === 'list', 'forward to the list');
    expect(b.errors).toEqual([]);
  });

  it('reads what is typed in the edit modal on each keystroke, and the saved values after Save', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_B}/view`);
    click(b, 'button[name="Edit"]');
    await until(
      () => b.document.querySelector('records-modal-lwc-detail-panel-wrapper') !== null,
      'the modal',
    );
    expect(path(b)).toBe(`/lightning/r/Opportunity/${DEAL_B}/edit`);
    expect(b.document.title).toBe('Edit Globex Expansion | Demo CRM');
    expect(detect(b)).toMatchObject({
      mode: 'edit',
      fields: { amount: 12500, currencyIsoCode: 'EUR' },
    });

    for (const [typed, read] of [
      ['1', 1],
      ['13', 13],
      ['13,000', 13000],
      ['13,000.5', 13000.5],
    ] as const) {
      type(b, 'records-modal-lwc-detail-panel-wrapper input[name="Amount"]', typed);
      expect(detect(b)?.fields.amount).toBe(read);
    }
    type(
      b,
      'records-modal-lwc-detail-panel-wrapper select[name="StageName"]',
      'Closed Won',
      'change',
    );
    type(b, 'records-modal-lwc-detail-panel-wrapper input[name="CloseDate"]', '7/4/2026');
    expect(detect(b)?.fields).toMatchObject({
      stage: 'Closed Won',
      probability: 100,
      closeDate: '2026-07-04',
    });

    click(b, '.modal-footer button[name="SaveEdit"]');
    await until(() => toast(b) !== undefined, 'the toast');
    expect(toast(b)).toContain('Opportunity "Globex Expansion" was saved.');
    await until(() => path(b).endsWith('/view'), 'the view URL');
    expect(b.document.querySelector('records-modal-lwc-detail-panel-wrapper')).toBeNull();
    expect(detect(b)).toMatchObject({
      mode: 'view',
      fields: { amount: 13000.5, stage: 'Closed Won', probability: 100, closeDate: '2026-07-04' },
    });
    expect(attain.deals.get(DEAL_B)).toMatchObject({
      amount: 13000.5,
      isClosed: true,
      isWon: true,
    });
    // The modal's entry is gone from history: back leaves the record.
    b.window.history.back();
    await new Promise((r) => setTimeout(r, 50));
    expect(path(b)).not.toContain('/edit');
  });

  it('shows field errors in the modal and Cancel leaves it without saving', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_A}/edit`);
    expect(detect(b)?.mode).toBe('edit');
    type(b, 'records-modal-lwc-detail-panel-wrapper input[name="Amount"]', 'lots');
    click(b, '.modal-footer button[name="SaveEdit"]');
    await until(() => b.document.querySelector('[data-demo-help]') !== null, 'the field error');
    expect(
      b.document
        .querySelector('lightning-input[data-demo-field="Amount"]')
        ?.classList.contains('slds-has-error'),
    ).toBe(true);
    expect(
      b.document.querySelector('[data-demo-help]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Enter a valid amount, like 1,234.50.');
    expect(detect(b)?.fields.amount).toBeNull();
    click(b, '.modal-footer button[name="CancelEdit"]');
    // Opened by URL: Cancel turns this history entry into the view page.
    expect(path(b)).toBe(`/lightning/r/Opportunity/${DEAL_A}/view`);
    expect(b.window.history.length).toBe(1);
    expect(detect(b)).toMatchObject({ mode: 'view', fields: { amount: 125000 } });
  });

  it('reads inline edit as edit mode, restores the page on Cancel, and saves', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_A}/view`);
    click(b, '.oneContent.active [data-demo-inline-edit="Amount"]');
    expect(b.document.querySelector('.oneContent.active .demo-inline-editing')).not.toBeNull();
    expect(
      b.document.querySelectorAll(
        '.oneContent.active records-record-layout-item input[name], .oneContent.active records-record-layout-item select[name]',
      ),
    ).toHaveLength(6);
    expect(detect(b)).toMatchObject({ mode: 'edit', fields: DEAL_A_FIELDS });
    type(b, '.oneContent.active input[name="Amount"]', '126000');
    expect(detect(b)?.fields.amount).toBe(126000);
    click(b, '.oneContent.active button[name="CancelEdit"]');
    expect(b.document.querySelector('.demo-inline-editing')).toBeNull();
    expect(detect(b)).toEqual(expect.objectContaining({ mode: 'view', fields: DEAL_A_FIELDS }));

    click(b, '.oneContent.active [data-demo-inline-edit="Probability"]');
    type(b, '.oneContent.active input[name="Amount"]', '127,500');
    type(b, '.oneContent.active input[name="Probability"]', '80');
    expect(detect(b)?.fields).toMatchObject({ amount: 127500, probability: 80 });
    click(b, '.oneContent.active button[name="SaveEdit"]');
    await until(() => toast(b) !== undefined, 'the toast');
    expect(b.document.querySelector('.demo-inline-editing')).toBeNull();
    expect(detect(b)).toMatchObject({ mode: 'view', fields: { amount: 127500, probability: 80 } });
    expect(
      b.document
        .querySelector(
          '.oneContent.active records-highlights-details-item:nth-child(3) .fieldComponent',
        )
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('$127,500.00');
    expect(attain.deals.get(DEAL_A)).toMatchObject({ amount: 127500, probability: 80 });
    expect(b.errors).toEqual([]);
  });

  it('says so when Attain is down at save time', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_A}/view`);
    attain.importMode = 'unavailable';
    try {
      click(b, '.oneContent.active [data-demo-inline-edit="Amount"]');
      type(b, '.oneContent.active input[name="Amount"]', '99');
      click(b, '.oneContent.active button[name="SaveEdit"]');
      await until(() => toast(b) !== undefined, 'the toast', 8000);
      expect(toast(b)).toContain('Saved in the CRM; Attain sync pending');
      expect(b.document.querySelector('[data-demo-toast]')?.getAttribute('data-demo-toast')).toBe(
        'warning',
      );
      await until(
        () =>
          b.document
            .querySelector('[data-demo-sync-status]')
            ?.textContent?.replace(/\s+/g, ' ')
            .trim() === 'Attain sync pending (1)',
        'the header badge',
      );
      expect(detect(b)?.fields.amount).toBe(99);
    } finally {
      attain.importMode = 'ok';
    }
    await until(
      () =>
        b.document
          .querySelector('[data-demo-sync-status]')
          ?.textContent?.replace(/\s+/g, ' ')
          .trim() === 'Attain: in sync',
      'the sync to finish',
      10_000,
    );
  }, 20_000);

  it('lets watchRecord follow keystrokes in the modal and navigation to another record', async () => {
    const b = await open(`/lightning/r/Opportunity/${DEAL_A}/view`);
    const seen: Array<DetectedRecord | null> = [];
    const controller = new AbortController();
    watchRecord(b.document, (record) => seen.push(record), {
      signal: controller.signal,
      getUrl: () => adapterUrl(b),
      urlPollMs: 20,
    });
    try {
      await until(() => seen.length === 1, 'the first detection');
      expect(seen[0]).toMatchObject({ recordId: DEAL_A, mode: 'view' });
      click(b, 'button[name="Edit"]');
      await until(() => seen.at(-1)?.mode === 'edit', 'edit mode');
      type(b, 'records-modal-lwc-detail-panel-wrapper input[name="Amount"]', '2');
      await until(() => seen.at(-1)?.fields.amount === 2, 'the first keystroke');
      type(b, 'records-modal-lwc-detail-panel-wrapper input[name="Amount"]', '20');
      await until(() => seen.at(-1)?.fields.amount === 20, 'the second keystroke');
      click(b, '.modal-footer button[name="CancelEdit"]');
      await until(() => seen.at(-1)?.mode === 'view', 'back to view');
      expect(seen.at(-1)?.fields.amount).not.toBe(20);
      click(b, 'a.slds-context-bar__label-action[title="Opportunities"]');
      await until(() => seen.at(-1) === null, 'the list (no record)');
      click(b, `a[href="/lightning/r/Opportunity/${DEAL_B}/view"]`);
      await until(() => seen.at(-1)?.recordId === DEAL_B, 'record B');
      // Every reading names the record of the URL it was read at, never a cached page's.
      for (const record of seen) {
        if (record?.recordId === DEAL_B) expect(record.fields.recordName).toBe('Globex Expansion');
        if (record?.recordId === DEAL_A)
          expect(record.fields.recordName).not.toBe('Globex Expansion');
      }
    } finally {
      controller.abort();
    }
  });
});
