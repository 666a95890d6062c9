// @vitest-environment jsdom
import type { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchRecord, type DetectedRecord } from '../../lib/crm';
import { salesforceLightning } from '../../lib/crm/salesforce-lightning/adapter';
import { loadFixture } from './load-fixture';

const HOST = 'https://acme.lightning.force.com';
const OPP = '006Dn000004PqRsIAK';
const OTHER = '006Dn000005GgHhIAK';
const view = (id = OPP) => `${HOST}/lightning/r/Opportunity/${id}/view`;

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

/** Lets mutation callbacks, microtasks and short timers run. */
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function start(
  dom: JSDOM,
  options: {
    schedule?: (run: () => void) => void;
    urlPollMs?: number;
    getUrl?: () => string;
    immediate?: boolean;
  } = {},
) {
  const controller = new AbortController();
  controllers.push(controller);
  const calls: (DetectedRecord | null)[] = [];
  const onChange = vi.fn((record: DetectedRecord | null) => {
    calls.push(record);
  });
  const onError = vi.fn();
  watchRecord(dom.window.document, onChange, {
    signal: controller.signal,
    schedule: options.schedule ?? ((run) => queueMicrotask(run)),
    urlPollMs: options.urlPollMs ?? 10_000,
    onError,
    ...(options.getUrl ? { getUrl: options.getUrl } : {}),
    ...(options.immediate ? { immediate: true } : {}),
  });
  return { controller, calls, onChange, onError };
}

function type(dom: JSDOM, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new dom.window.Event('input', { bubbles: true, composed: true }));
}

function amountInput(dom: JSDOM): HTMLInputElement {
  const input = dom.window.document.querySelector<HTMLInputElement>('input[name="Amount"]');
  if (!input) throw new Error('fixture has no Amount input');
  return input;
}

describe('watchRecord', () => {
  it('reports the record once at start', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { calls, onChange } = start(dom);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ recordId: OPP }), null);
    expect(calls[0]?.fields.amount).toBe(140000);
  });

  it('reports every keystroke in the amount', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { calls } = start(dom);
    await settle();
    for (const value of ['1', '12', '125', '125,', '125,0', '125,00', '125,000']) {
      type(dom, amountInput(dom), value);
      await settle();
    }
    // `125,` adds nothing; grouping commas are read leniently while typing (125,0 → 1250)
    expect(calls.map((record) => record?.fields.amount)).toEqual([
      140000, 1, 12, 125, 1250, 12500, 125000,
    ]);
  });

  it('reports close date and probability keystrokes', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const doc = dom.window.document;
    const { calls } = start(dom);
    await settle();
    type(dom, doc.querySelector<HTMLInputElement>('input[name="CloseDate"]')!, '6/30/2026');
    await settle();
    type(dom, doc.querySelector<HTMLInputElement>('input[name="Probability"]')!, '75');
    await settle();
    expect(calls.slice(1).map((r) => [r?.fields.closeDate, r?.fields.probability])).toEqual([
      ['2026-06-30', 90],
      ['2026-06-30', 75],
    ]);
  });

  it('coalesces a burst of events and mutations into one detection per frame', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const schedule = vi.fn((run: () => void) => setTimeout(run, 0));
    const { calls } = start(dom, { schedule });
    await settle();
    schedule.mockClear();
    for (const value of ['2', '20', '200', '2000']) type(dom, amountInput(dom), value);
    dom.window.document.body.append(dom.window.document.createElement('div'));
    await settle();
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000, 2000]);
  });

  it('stays silent when nothing it reports has changed', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const doc = dom.window.document;
    const { onChange } = start(dom);
    await settle();
    type(dom, amountInput(dom), '140000');
    type(dom, amountInput(dom), '140,000');
    doc.body.append(doc.createElement('div'));
    doc.querySelector('records-form-footer')?.setAttribute('class', 'busy');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reports a stage picked in a combobox (a re-render, no input event)', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const doc = dom.window.document;
    const { calls } = start(dom);
    await settle();
    const button = doc.querySelector('button[name="StageName"]')!;
    button.setAttribute('data-value', 'Closed Won');
    button.querySelector('span')!.textContent = 'Closed Won';
    await settle();
    expect(calls.at(-1)?.fields.stage).toBe('Closed Won');
  });

  it('follows SPA navigation seen through DOM changes, then by polling the URL', async () => {
    const dom = loadFixture('salesforce-lightning/view-cached-tabs.html', view());
    const doc = dom.window.document;
    const { calls } = start(dom, { urlPollMs: 20 });
    await settle();
    // the page's router (another JS world) pushes a new URL and swaps the active page
    dom.window.history.pushState({}, '', view(OTHER));
    const [cached, active] = Array.from(doc.querySelectorAll('.oneContent'));
    active?.classList.remove('active');
    cached?.classList.add('active');
    await settle();
    expect(calls.at(-1)).toMatchObject({ recordId: OTHER, fields: { amount: 9999 } });
    // a navigation with no DOM change at all: only the poll notices
    dom.window.history.pushState({}, '', `${HOST}/lightning/o/Opportunity/list`);
    await settle(60);
    expect(calls.at(-1)).toBeNull();
    expect(calls.map((record) => record?.recordId ?? null)).toEqual([OPP, OTHER, null]);
  });

  it('re-detects on popstate (back/forward)', async () => {
    const dom = loadFixture('salesforce-lightning/view-cached-tabs.html', view());
    const { calls } = start(dom);
    await settle();
    dom.window.history.pushState({}, '', `${HOST}/lightning/page/home`);
    dom.window.dispatchEvent(new dom.window.PopStateEvent('popstate'));
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBeNull();
  });

  it('takes the URL from getUrl when given', async () => {
    const dom = loadFixture('salesforce-lightning/view-cached-tabs.html', view());
    let url = `${HOST}/lightning/page/home`;
    const { calls, onChange } = start(dom, { getUrl: () => url });
    await settle();
    expect(onChange).not.toHaveBeenCalled();
    url = view();
    dom.window.document.body.append(dom.window.document.createElement('span'));
    await settle();
    expect(calls[0]?.recordId).toBe(OPP);
  });

  it('hears typing and changes inside open shadow roots, also ones attached later', async () => {
    const dom = loadFixture('salesforce-lightning/shadow-dom.html', view());
    const doc = dom.window.document;
    const { calls } = start(dom);
    await settle();
    // a dynamic-forms Stage field rendered later, with its select inside a shadow root
    const page = doc.querySelector('one-record-home-flexipage2')!.shadowRoot!;
    const field = doc.createElement('record_flexipage-record-field');
    field.setAttribute('data-target-selection-name', 'sfdc:RecordField.Opportunity.StageName');
    const shadow = field.attachShadow({ mode: 'open' });
    const select = doc.createElement('select');
    select.name = 'StageName';
    for (const stage of ['Verhandlung', 'Abschluss gewonnen'])
      select.append(new dom.window.Option(stage));
    shadow.append(select);
    page.append(field);
    await settle();
    expect(calls.at(-1)?.mode).toBe('edit');
    // `change` does not leave a shadow root; the watcher listens inside it
    select.selectedIndex = 1;
    select.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
    await settle();
    expect(calls.at(-1)?.fields.stage).toBe('Abschluss gewonnen');
    // text changing inside a nested shadow root (no event at all)
    const amountText = doc
      .querySelector('one-record-home-flexipage2')!
      .shadowRoot!.querySelector('records-record-layout-block')!
      .shadowRoot!.querySelector(
        'records-record-layout-item lightning-formatted-text',
      )!.shadowRoot!;
    amountText.firstChild!.textContent = 'CHF 2’000’000.00';
    await settle();
    expect(calls.at(-1)?.fields.amount).toBe(2000000);
  });

  it('stops everything when the signal aborts', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { controller, onChange } = start(dom, { urlPollMs: 10 });
    await settle();
    controller.abort();
    type(dom, amountInput(dom), '1');
    dom.window.document.body.append(dom.window.document.createElement('div'));
    dom.window.history.pushState({}, '', view(OTHER));
    dom.window.dispatchEvent(new dom.window.PopStateEvent('popstate'));
    await settle(40);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('does nothing with a signal aborted before it starts', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const controller = new AbortController();
    controller.abort();
    const onChange = vi.fn();
    watchRecord(dom.window.document, onChange, { signal: controller.signal });
    await settle(40);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('drops a detection scheduled before the abort', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { controller, onChange } = start(dom);
    controller.abort();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reads typing at once, not in the next frame', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const frames: (() => void)[] = [];
    const schedule = vi.fn((run: () => void) => frames.push(run));
    const { calls } = start(dom, { schedule });
    frames.splice(0).forEach((run) => run()); // the first detection
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000]);
    schedule.mockClear();
    type(dom, amountInput(dom), '9');
    await Promise.resolve();
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000, 9]);
    expect(schedule).not.toHaveBeenCalled();
  });

  it('reads a burst of typing in one task once', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { calls } = start(dom);
    await settle();
    const read = vi.spyOn(salesforceLightning, 'read');
    const doc = dom.window.document;
    doc.body.append(doc.createElement('div')); // so the burst needs a whole read
    for (const value of ['3', '30', '300']) type(dom, amountInput(dom), value);
    await settle();
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000, 300]);
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  it('re-reads only the typed control while nothing else on the page changed', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { calls } = start(dom);
    await settle();
    const read = vi.spyOn(salesforceLightning, 'read');
    for (const value of ['4', '45', '450']) {
      type(dom, amountInput(dom), value);
      await settle();
    }
    expect(read).not.toHaveBeenCalled();
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000, 4, 45, 450]);
    expect(calls.at(-1)).toEqual({ ...calls[0], fields: { ...calls[0]?.fields, amount: 450 } });
    read.mockRestore();
  });

  it('reads the whole page again once the page changed, and after a focus change', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const doc = dom.window.document;
    const { calls } = start(dom);
    await settle();
    const read = vi.spyOn(salesforceLightning, 'read');
    // The page changes another field, then the rep types: both are reported.
    const button = doc.querySelector('button[name="StageName"]')!;
    button.setAttribute('data-value', 'Closed Won');
    button.querySelector('span')!.textContent = 'Closed Won';
    type(dom, amountInput(dom), '6');
    await settle();
    expect(calls.at(-1)?.fields).toMatchObject({ stage: 'Closed Won', amount: 6 });
    expect(read).toHaveBeenCalled();
    read.mockClear();
    amountInput(dom).dispatchEvent(new dom.window.FocusEvent('focusin', { bubbles: true }));
    type(dom, amountInput(dom), '60');
    await settle();
    expect(read).toHaveBeenCalledTimes(1);
    expect(calls.at(-1)?.fields.amount).toBe(60);
    read.mockRestore();
  });

  it('follows a control the page replaced, not the one it removed', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const { calls } = start(dom);
    await settle();
    type(dom, amountInput(dom), '7');
    await settle();
    const old = amountInput(dom);
    const replacement = old.cloneNode() as HTMLInputElement;
    replacement.value = '8';
    old.replaceWith(replacement);
    await settle();
    expect(calls.at(-1)?.fields.amount).toBe(8);
    type(dom, old, '70'); // detached: not on the page any more
    await settle();
    expect(calls.at(-1)?.fields.amount).toBe(8);
    type(dom, replacement, '80');
    await settle();
    expect(calls.at(-1)?.fields.amount).toBe(80);
  });

  it('detects once, synchronously, when immediate, and not again until something changes', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const read = vi.spyOn(salesforceLightning, 'read');
    const { calls } = start(dom, { immediate: true });
    expect(calls.map((record) => record?.fields.amount)).toEqual([140000]);
    await settle(50);
    expect(read).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
    read.mockRestore();
  });

  it('coalesces mutations to animation frames by default; typing does not wait for one', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    const controller = new AbortController();
    controllers.push(controller);
    const raf = vi.spyOn(dom.window, 'requestAnimationFrame');
    const onChange = vi.fn();
    watchRecord(dom.window.document, onChange, { signal: controller.signal });
    const doc = dom.window.document;
    doc.body.append(doc.createElement('div'));
    doc.body.append(doc.createElement('div'));
    await settle(50);
    expect(raf).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(1);
    type(dom, amountInput(dom), '5');
    type(dom, amountInput(dom), '50');
    await Promise.resolve();
    expect(raf).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange.mock.calls[1]?.[0]?.fields.amount).toBe(50);
  });

  it('reports a failing detection to onError and keeps watching', async () => {
    const dom = loadFixture('salesforce-lightning/inline-edit.html', view());
    let fail = true;
    const { calls, onError } = start(dom, {
      getUrl: () => {
        if (fail) throw new Error('location unavailable');
        return view();
      },
    });
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    fail = false;
    type(dom, amountInput(dom), '7');
    await settle();
    expect(calls.map((record) => record?.fields.amount)).toEqual([7]);
  });
});
