import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import type { OverlayConnection, connectOverlay } from '../../lib/messaging/overlay/sidebar-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { copyExtension, ensureExtensionBuilt } from './support/extension';
import {
  ACCOUNT_ID,
  DEAL_PATH,
  FIXTURE,
  OPPORTUNITY_ID,
  bundleForEvaluate,
  patchExtension,
  readOverlayDom,
  serveFixture,
  waitForSidebarFrame,
} from './support/overlay-helpers';

/**
 * The overlay in a real Chromium: the built extension (with a stub sidebar page, so only the
 * test's copy of lib/messaging/overlay/sidebar-port.ts talks on the port) on a saved Lightning
 * page. A Salesforce host is served through Playwright's router (the static content-script
 * matches apply); the loopback server is added as a custom host (dynamic registration).
 */

const executablePath = chromiumOrSkip('overlay e2e');
const CRM_ORIGIN = 'https://acme.lightning.force.com';
const CRM_HOST = new URL(CRM_ORIGIN).host;

interface SeenEvent {
  type: 'record' | 'visibility';
  record?: { crm: string; recordId: string; fields: { amount: number | null } } | null;
  url?: string;
  state?: string;
  width?: number;
  side?: string;
}

/** The extension API where these functions are evaluated: the sidebar frame, the worker. */
declare const chrome: {
  tabs: { getCurrent(): Promise<{ id?: number } | undefined> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

/** What the test defines in the sidebar frame. */
interface SidebarGlobals {
  __attainOverlayTest: { connectOverlay: typeof connectOverlay };
  connection: OverlayConnection;
  seen: SeenEvent[];
}

let browser: ExtensionBrowser;
let extensionDir: string;
let fixture: { server: Server; origin: string };
let sidebarBundle: string;
let backgroundBundle: string;

/** Connects the test's sidebar helper from inside the sidebar iframe; resolves when ready. */
async function connectFromSidebar(frame: Frame): Promise<boolean> {
  await frame.evaluate(sidebarBundle);
  return frame.evaluate(() => {
    const g = globalThis as unknown as SidebarGlobals;
    g.seen = [];
    g.connection = g.__attainOverlayTest.connectOverlay(
      chrome as unknown as Parameters<typeof connectOverlay>[0],
      {
        onRecord: (record, url) =>
          g.seen.push({ type: 'record', record: record as SeenEvent['record'], url }),
        onVisibility: (v) => g.seen.push({ type: 'visibility', ...v }),
      },
    );
    return g.connection.ready;
  });
}

const seen = (frame: Frame) =>
  frame.evaluate(() => (globalThis as unknown as SidebarGlobals).seen.slice());

async function waitForEvent(
  frame: Frame,
  predicate: (event: SeenEvent) => boolean,
  timeoutMs = 5_000,
): Promise<SeenEvent> {
  const started = Date.now();
  for (;;) {
    const match = (await seen(frame)).reverse().find(predicate);
    if (match) return match;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`no matching event; saw ${JSON.stringify(await seen(frame))}`);
    }
    await frame.page().waitForTimeout(50);
  }
}

async function openDeal(url = `${CRM_ORIGIN}${DEAL_PATH}`): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const frame = await waitForSidebarFrame(page);
  expect(await connectFromSidebar(frame)).toBe(true);
  return { page, frame };
}

async function storedLayout(): Promise<unknown> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(
    async (key) => (await chrome.storage.local.get(key))[key],
    `overlay:layout:${CRM_HOST}`,
  );
}

async function inWorker<T>(run: string): Promise<T> {
  const worker = await browser.serviceWorker();
  if (!(await worker.evaluate(() => '__attainOverlayTest' in globalThis))) {
    await worker.evaluate(backgroundBundle);
  }
  return worker.evaluate(run) as Promise<T>;
}

describe.skipIf(!executablePath)('overlay in Chromium', () => {
  beforeAll(async () => {
    ensureExtensionBuilt({ ifMissing: true }); // the global setup rebuilt it if stale
    extensionDir = copyExtension('attain-e2e-overlay');
    patchExtension(extensionDir, ['http://127.0.0.1/*']);
    fixture = await serveFixture();
    [sidebarBundle, backgroundBundle] = await Promise.all([
      bundleForEvaluate('lib/messaging/overlay/sidebar-port.ts'),
      bundleForEvaluate(
        'lib/messaging/overlay/background.ts',
        'lib/messaging/overlay/dynamic-hosts.ts',
      ),
    ]);
    browser = await launchWithExtension(executablePath ?? '', extensionDir);
    const html = readFileSync(FIXTURE, 'utf8');
    await browser.context.route(`${CRM_ORIGIN}/**`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 404 }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    fixture?.server.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  it('mounts the sidebar iframe inside a closed shadow root the page cannot enter', async () => {
    const { page, frame } = await openDeal();
    expect(new URL(frame.url()).protocol).toBe('chrome-extension:');
    const pageView = await page.evaluate(() => {
      const host = document.documentElement.lastElementChild as HTMLElement;
      return {
        isBody: host === document.body,
        shadowRoot: host.shadowRoot,
        iframes: document.querySelectorAll('iframe').length,
        frames: window.frames.length,
        hostMarkup: host.outerHTML,
        runtime: typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime,
      };
    });
    expect(pageView).toEqual({
      isBody: false,
      shadowRoot: null,
      iframes: 0,
      frames: 0,
      hostMarkup: '<div></div>',
      runtime: 'undefined',
    });
    const dom = await readOverlayDom(page);
    expect(dom.closed).toBe(true);
    const box = await dom.box(dom.iframe);
    expect(box?.width).toBeGreaterThan(200);
    await page.close();
  });

  it('sends the deal, and each keystroke in the amount, to the sidebar', async () => {
    const { page, frame } = await openDeal();
    const first = await waitForEvent(frame, (e) => e.type === 'record');
    expect(first.record).toMatchObject({
      crm: 'salesforce-lightning',
      recordId: OPPORTUNITY_ID,
      fields: { amount: 140000 },
    });
    expect(first.url).toBe(`${CRM_ORIGIN}${DEAL_PATH}`);
    await waitForEvent(frame, (e) => e.type === 'visibility' && e.state === 'expanded');

    const amount = page.locator('input[name="Amount"]');
    await amount.fill('');
    await amount.pressSequentially('152500', { delay: 40 });
    await waitForEvent(frame, (e) => e.record?.fields.amount === 152500);
    const amounts = (await seen(frame))
      .filter((e) => e.type === 'record')
      .map((e) => e.record?.fields.amount);
    expect(amounts).toEqual(expect.arrayContaining([140000, 15, 1525, 152500]));
    await page.close();
  });

  it('shows the estimate beside the amount input, out of the page scripts’ reach', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.type === 'record');
    const amount = page.locator('input[name="Amount"]');
    await amount.fill('140500');
    await waitForEvent(frame, (e) => e.record?.fields.amount === 140500);
    await frame.evaluate(() =>
      (globalThis as unknown as SidebarGlobals).connection.sendEstimate({
        text: 'Pays $9,150',
        tone: 'positive',
      }),
    );
    await page.waitForTimeout(200);

    const dom = await readOverlayDom(page);
    const pill = dom.node('s');
    expect(dom.text(pill)).toBe('Pays $9,150');
    expect(dom.attribute(pill, 'class')).toContain('f'); // floating beside the anchor
    const pillBox = await dom.box(pill);
    const inputBox = await amount.boundingBox();
    expect(pillBox && inputBox).toBeTruthy();
    expect(pillBox!.x).toBeGreaterThanOrEqual(inputBox!.x + inputBox!.width);
    expect(
      Math.abs(pillBox!.y + pillBox!.height / 2 - (inputBox!.y + inputBox!.height / 2)),
    ).toBeLessThan(12);

    const leaks = await page.evaluate(() => {
      document.execCommand('selectAll');
      const selection = getSelection()?.toString() ?? '';
      getSelection()?.removeAllRanges();
      return [
        document.documentElement.innerText,
        document.documentElement.textContent ?? '',
        document.body.innerText,
        selection,
        document.documentElement.outerHTML,
      ].filter((text) => text.includes('9,150'));
    });
    expect(leaks).toEqual([]);
    await page.close();
  });

  it('ignores the page’s postMessage and its pokes at the host element', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.type === 'record');
    await frame.evaluate(() =>
      (globalThis as unknown as SidebarGlobals).connection.sendEstimate({
        text: 'Pays $1,000',
        tone: 'neutral',
      }),
    );
    const before = { events: (await seen(frame)).length, layout: await storedLayout() };

    const attack = await page.evaluate(async () => {
      const host = document.documentElement.lastElementChild as HTMLElement;
      const forged = [
        { type: 'estimate', estimate: { text: 'PWNED', tone: 'negative' } },
        { type: 'collapse' },
        { type: 'resize', width: 300 },
        { type: 'overlay.toggle' },
      ];
      for (const message of forged) {
        window.postMessage(message, '*');
        for (let i = 0; i < window.frames.length; i++) window.frames[i]?.postMessage(message, '*');
      }
      let attach = 'attached';
      try {
        host.attachShadow({ mode: 'open' });
      } catch (error) {
        attach = (error as Error).name;
      }
      host.setAttribute('style', 'display:none!important;width:1px!important');
      host.replaceChildren(document.createTextNode('PWNED'));
      const style = document.createElement('style');
      style.textContent = 'html > div { display: none !important; opacity: 0 !important }';
      document.head.append(style);
      host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const hit = document.elementFromPoint(window.innerWidth - 100, 300);
      return { attach, hitIsHost: hit === host };
    });
    expect(attack).toEqual({ attach: 'NotSupportedError', hitIsHost: true });

    const dom = await readOverlayDom(page);
    expect(dom.texts.join(' ')).not.toContain('PWNED');
    expect(dom.text(dom.node('s'))).toBe('Pays $1,000');
    expect((await dom.box(dom.iframe))?.width).toBeGreaterThan(200);
    expect((await seen(frame)).length).toBe(before.events);
    expect(await storedLayout()).toEqual(before.layout);
    await page.close();
  });

  it('follows single-page navigation: a non-deal page is reported as null, then the deal again', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.record?.recordId === OPPORTUNITY_ID);
    await page.evaluate(
      (path) => history.pushState({}, '', path),
      `/lightning/r/Account/${ACCOUNT_ID}/view`,
    );
    const gone = await waitForEvent(frame, (e) => e.type === 'record' && e.record === null);
    expect(gone.url).toContain(ACCOUNT_ID);
    await page.evaluate((path) => history.pushState({}, '', path), DEAL_PATH);
    await waitForEvent(frame, (e) => e.type === 'record' && e.record?.recordId === OPPORTUNITY_ID);
    await page.close();
  });

  it('collapses from its tab and remembers it for the host across reloads', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.type === 'visibility');
    const dom = await readOverlayDom(page);
    const tab = await dom.box(dom.node('t'));
    await page.mouse.click(tab!.x + tab!.width / 2, tab!.y + tab!.height / 2);
    await waitForEvent(frame, (e) => e.type === 'visibility' && e.state === 'collapsed');
    expect(await storedLayout()).toMatchObject({ collapsed: true });

    await page.reload();
    const reloaded = await waitForSidebarFrame(page);
    expect(await connectFromSidebar(reloaded)).toBe(true);
    await waitForEvent(reloaded, (e) => e.type === 'visibility' && e.state === 'collapsed');
    const after = await readOverlayDom(page);
    const collapsedTab = await after.box(after.node('t'));
    expect(collapsedTab!.x + collapsedTab!.width).toBeCloseTo(1400, -1); // docked at the edge

    // The sidebar can expand it again over the port.
    await reloaded.evaluate(() => (globalThis as unknown as SidebarGlobals).connection.expand());
    await waitForEvent(reloaded, (e) => e.type === 'visibility' && e.state === 'expanded');
    expect(await storedLayout()).toMatchObject({ collapsed: false });
    await page.close();
  });

  it('resizes with the drag handle and remembers the width', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.type === 'visibility');
    const dom = await readOverlayDom(page);
    const handle = await dom.box(dom.node('h'));
    const y = handle!.y + 200;
    await page.mouse.move(handle!.x + 3, y);
    await page.mouse.down();
    await page.mouse.move(900, y, { steps: 8 });
    await page.mouse.move(850, y, { steps: 4 });
    await page.mouse.up();
    const resized = await waitForEvent(frame, (e) => e.type === 'visibility' && e.width === 550);
    expect(resized.state).toBe('expanded');
    expect(await storedLayout()).toMatchObject({ width: 550 });
    const resizedDom = await readOverlayDom(page);
    const iframeBox = await resizedDom.box(resizedDom.iframe);
    expect(iframeBox!.width).toBeGreaterThan(530);
    await page.close();
  });

  it('toggles from the background (the keyboard command’s and the popup’s path)', async () => {
    const { page, frame } = await openDeal();
    await waitForEvent(frame, (e) => e.type === 'visibility');
    const tabId = await frame.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
    const answer = await inWorker<{ ok: boolean; collapsed?: boolean }>(
      `globalThis.__attainOverlayTest.toggleOverlayInTab(chrome, ${tabId})`,
    );
    expect(answer).toEqual({ ok: true, collapsed: true });
    await waitForEvent(frame, (e) => e.type === 'visibility' && e.state === 'collapsed');
    // Through the wired background (entrypoints/background.ts), as the popup sends it.
    const wired = await frame.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'overlay.toggle' }),
    );
    expect(wired).toEqual({ ok: true, collapsed: false });
    await waitForEvent(frame, (e) => e.type === 'visibility' && e.state === 'expanded');
    await page.close();
  });

  it('runs on a host the user added, through dynamic registration', async () => {
    const url = `${fixture.origin}${DEAL_PATH}`;
    const before = await browser.context.newPage();
    await before.goto(url);
    await before.waitForTimeout(1_000);
    expect(before.frames()).toHaveLength(1); // not a static match: no overlay yet
    await before.close();

    const refused = await inWorker<{ ok: boolean; reason?: string }>(
      `globalThis.__attainOverlayTest.addOverlayHost(chrome, { origin: 'https://crm.example.org', crm: 'salesforce' })`,
    );
    expect(refused).toEqual({ ok: false, reason: 'permission-missing' });
    const added = await inWorker<{ ok: boolean }>(
      `globalThis.__attainOverlayTest.addOverlayHost(chrome, { origin: '${fixture.origin}', crm: 'salesforce' })`,
    );
    expect(added).toMatchObject({
      ok: true,
      host: { pattern: 'http://127.0.0.1/*', crm: 'salesforce' },
    });
    const registered = await inWorker<{ id: string; matches: string[] }[]>(
      'chrome.scripting.getRegisteredContentScripts()',
    );
    expect(registered).toEqual([
      expect.objectContaining({
        id: 'attain-overlay-custom-hosts',
        matches: ['http://127.0.0.1/*'],
      }),
    ]);

    const { page, frame } = await openDeal(url);
    const event = await waitForEvent(frame, (e) => e.type === 'record');
    expect(event.record).toMatchObject({ crm: 'salesforce-lightning', recordId: OPPORTUNITY_ID });
    expect(event.url).toBe(url);
    await page.close();

    await inWorker(
      `globalThis.__attainOverlayTest.removeOverlayHost(chrome, 'http://127.0.0.1/*', { revokePermission: false })`,
    );
    expect(await inWorker('chrome.scripting.getRegisteredContentScripts()')).toEqual([]);
    const after = await browser.context.newPage();
    await after.goto(url);
    await after.waitForTimeout(1_000);
    expect(after.frames()).toHaveLength(1);
    await after.close();
  });
});

describe.skipIf(!executablePath)('the built sidebar page in the overlay', () => {
  let real: ExtensionBrowser | undefined;
  let realDir = '';

  afterAll(async () => {
    await real?.close();
    if (realDir) rmSync(realDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    ensureExtensionBuilt({ ifMissing: true });
    realDir = copyExtension('attain-e2e-sidebar');
    real = await launchWithExtension(executablePath ?? '', realDir);
    const html = readFileSync(FIXTURE, 'utf8');
    await real.context.route(`${CRM_ORIGIN}/**`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 404 }),
    );
  });

  it('loads in the iframe and gets past its overlay gate (its handshake succeeded)', async () => {
    if (!real || !existsSync(join(realDir, 'sidebar.html'))) {
      throw new Error('the build has no sidebar.html (entrypoints/sidebar)');
    }
    const page = await real.context.newPage();
    await page.goto(`${CRM_ORIGIN}${DEAL_PATH}`);
    const frame = await waitForSidebarFrame(page);
    // The sidebar gives up on the overlay after ~4 s and then shows its "not in overlay" gate
    // (entrypoints/sidebar/SidebarGate.tsx, class "gate"); connected, it shows the workbench.
    await page.waitForTimeout(6_000);
    const state = await frame.evaluate(() => ({
      gate: document.querySelector('.gate')?.textContent ?? null,
      elements: document.body.querySelectorAll('*').length,
    }));
    expect(state.gate).toBeNull();
    expect(state.elements).toBeGreaterThan(5);

    // The control: opened outside an overlay, the same page stops at its gate.
    const alone = await real.context.newPage();
    await alone.goto(`chrome-extension://${real.extensionId}/sidebar.html`);
    await alone.waitForSelector('.gate', { timeout: 10_000 });
  });
});
