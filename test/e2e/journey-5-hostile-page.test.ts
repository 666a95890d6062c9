import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, Statement } from '../../lib/domain';
import { chromiumOrSkip } from './support/chromium';
import {
  AttainApi,
  expectPill,
  expectText,
  journeyExtension,
  money,
  openEditModal,
  openSidebar,
  pillText,
  plainOpenDeals,
  saveScreenshot,
  serverEstimates,
  showView,
  todayUtc,
  type ServerEstimate,
} from './support/journey';
import { readOverlayDom } from './support/overlay-helpers';
import {
  DEMO_ADMIN,
  DEMO_REP,
  openAttainBrowser,
  startDemoStack,
  type AttainBrowser,
  type DemoStack,
} from './support/stack';

/**
 * Journey 5: a hostile script in the CRM page. It posts forged messages (to the window and to
 * every frame it can reach), pokes the overlay's host element (its closed shadow root, its
 * attributes and styles, events), and tries to read the sidebar. Nothing changes in the
 * sidebar (same record, same figures), and nothing leaks: no Attain data or token in the
 * page's globals, DOM, storage or messages.
 */

const executablePath = chromiumOrSkip('journey 5 (hostile page)');

/** The page's own recorder, installed before any script of the page or the extension runs. */
const PROBE = `(() => {
  const startGlobals = new Set(Object.getOwnPropertyNames(window));
  const messages = [];
  window.addEventListener('message', (event) => {
    let data;
    try { data = JSON.parse(JSON.stringify(event.data)); } catch { data = String(event.data); }
    messages.push({ data, origin: event.origin, fromSelf: event.source === window,
      ports: event.ports.length });
  }, true);
  Object.defineProperty(window, '__e2eProbe', {
    value: () => ({
      messages,
      newGlobals: Object.getOwnPropertyNames(window).filter((n) => !startGlobals.has(n)),
    }),
  });
})();`;

interface ProbeMessage {
  data: unknown;
  origin: string;
  fromSelf: boolean;
  ports: number;
}

/** What the sidebar shows of the deal, recorded on every change from the moment it is called. */
async function recordSidebar(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const log: string[] = [];
    (globalThis as unknown as { __journeyLog: string[] }).__journeyLog = log;
    const snapshot = () => {
      const text = (selector: string) =>
        (document.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const entry = [
        text('.deal .record-name'),
        text('.deal .estimate'),
        text('.deal .values'),
        text('.status-right'),
        document.querySelector('.activity-tab.selected')?.getAttribute('data-view') ?? '',
      ].join(' | ');
      if (log[log.length - 1] !== entry) log.push(entry);
    };
    snapshot();
    new MutationObserver(snapshot).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

describe.skipIf(!executablePath)(
  'journey 5: a hostile CRM page script cannot change the sidebar or read Attain data',
  () => {
    let stack: DemoStack;
    let extension: ReturnType<typeof journeyExtension>;
    let browser: AttainBrowser | undefined;
    let deal: Deal;
    let estimates: Map<number, ServerEstimate>;
    let token: string;
    let page: Page;
    let frame: Frame;
    let baseline: { log: string[]; pill: string; iframeWidth: number };
    /** Everything the attack posted, as JSON. */
    let posted: Set<string>;
    const LEGIT_AMOUNT = 4321;

    beforeAll(async () => {
      extension = journeyExtension('attain-e2e-journey-5');
      stack = await startDemoStack();
      const rep = await AttainApi.login(stack.attain.url, DEMO_REP);
      const admin = await AttainApi.login(stack.attain.url, DEMO_ADMIN);
      const { statement } = await rep.get<{ statement: Statement }>(
        `/v1/reps/${rep.user.id}/statement?period=${todayUtc()}`,
      );
      const [candidate] = plainOpenDeals(
        stack.demo.deals(),
        rep.user.id,
        statement.currency,
        statement.periodStart,
        statement.periodEnd,
      );
      deal = await admin.get<Deal>(`/v1/admin/deals/${candidate!.id}`);
      ({ estimates } = await serverEstimates(admin, rep, deal, [deal.amount, LEGIT_AMOUNT]));

      browser = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
      });
      token = await browser.extensionPage.evaluate(
        () =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open('attain');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('meta').objectStore('meta').get('session');
              get.onsuccess = () =>
                resolve(
                  (get.result as { value: { token: string } } | undefined)?.value.token ?? '',
                );
              get.onerror = () => reject(get.error);
            };
          }),
      );
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      page = await browser.context.newPage();
      await page.addInitScript(PROBE);
      await page.goto(stack.demo.recordUrl(deal.crmId!));
      frame = await openSidebar(page);
      await showView(frame, 'deal');
      const pays = money(estimates.get(deal.amount)!.pays);
      await expectText(frame.locator('.deal .record-name'), deal.name);
      await expectText(frame.locator('.deal .estimate .big-figure'), pays);
      await expectPill(page, `Pays ${pays} if won`);
      await recordSidebar(frame);
      const dom = await readOverlayDom(page);
      baseline = {
        log: await frame.evaluate(
          () => (globalThis as unknown as { __journeyLog: string[] }).__journeyLog,
        ),
        pill: await pillText(page),
        iframeWidth: (await dom.box(dom.iframe))?.width ?? 0,
      };
      expect(baseline.log).toHaveLength(1);
      expect(baseline.iframeWidth).toBeGreaterThan(200);
    });

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      extension?.dispose();
    });

    it('forged messages and pokes at the host change nothing in the sidebar', async () => {
      const attack = await page.evaluate(
        async ({ crmId, serverUrl, extensionId }) => {
          const results: Record<string, unknown> = {};
          const forged: unknown[] = [
            {
              type: 'record',
              record: {
                crm: 'salesforce-lightning',
                recordId: crmId,
                mode: 'view',
                fields: { amount: 999999999, recordName: 'PWNED deal', currencyIsoCode: 'USD' },
              },
              url: location.href,
            },
            { type: 'record', record: null, url: location.href },
            { type: 'estimate', estimate: { text: 'PWNED', tone: 'negative' } },
            { type: 'visibility', state: 'collapsed', side: 'left', width: 300 },
            { type: 'collapse' },
            { type: 'resize', width: 300 },
            { type: 'overlay.toggle' },
            { type: 'sync.now', reason: 'user' },
            { type: 'auth.signOut', clearLocalData: true },
            { type: 'event.dataChanged', entities: ['deal', 'me'] },
            { channel: 'attain', type: 'hello', token: 'forged' },
          ];
          // To the window, to every frame the page can reach, with and without a port.
          const channel = new MessageChannel();
          const portAnswers: unknown[] = [];
          channel.port1.onmessage = (event) => portAnswers.push(event.data);
          for (const message of forged) {
            window.postMessage(message, '*');
            for (let i = 0; i < window.frames.length; i++)
              window.frames[i]?.postMessage(message, '*');
            for (const iframe of Array.from(document.querySelectorAll('iframe'))) {
              iframe.contentWindow?.postMessage(message, '*');
            }
          }
          window.postMessage({ type: 'connect' }, '*', [channel.port2]);

          // WXT posts its content script's "started" event name to the page (it holds the
          // extension's id); sent back, it invalidates the script's context.
          const probe = (
            window as unknown as { __e2eProbe(): { messages: { data: { type?: unknown } }[] } }
          ).__e2eProbe();
          const started = probe.messages
            .map((m) => m.data?.type)
            .find(
              (type) => typeof type === 'string' && type.endsWith(':wxt:content-script-started'),
            );
          results.learnedStartedEvent = typeof started === 'string';
          if (typeof started === 'string') {
            const detail = { contentScriptName: 'crm', messageId: 'forged' };
            document.dispatchEvent(new CustomEvent(started, { detail }));
            const message = { type: started, ...detail };
            forged.push(message);
            window.postMessage(message, '*');
          }
          results.reachableFrames = window.frames.length;
          results.iframesInDom = document.querySelectorAll('iframe').length;

          // The host element: the overlay's closed shadow root, its attributes, styles, events.
          const host = document.documentElement.lastElementChild as HTMLElement;
          results.hostTag = host.tagName;
          results.shadowRoot = host.shadowRoot === null ? null : 'open';
          try {
            host.attachShadow({ mode: 'open' });
            results.attachShadow = 'attached';
          } catch (error) {
            results.attachShadow = (error as Error).name;
          }
          results.iframeInHost = host.querySelector('iframe') !== null;
          results.hostText = host.textContent;
          host.setAttribute(
            'style',
            'display:none!important;width:1px!important;opacity:0!important',
          );
          host.setAttribute('hidden', '');
          host.className = 'pwned';
          host.dataset.attain = 'pwned';
          host.replaceChildren(document.createTextNode('PWNED'));
          const style = document.createElement('style');
          style.textContent =
            'html > div { display: none !important; visibility: hidden !important }';
          document.head.append(style);
          for (const event of [
            new MouseEvent('click', { bubbles: true, composed: true }),
            new MouseEvent('mousedown', { bubbles: true, clientX: 1100, clientY: 300 }),
            new PointerEvent('pointerdown', { bubbles: true, clientX: 1100, clientY: 300 }),
            new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
            new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }),
            new KeyboardEvent('keydown', { key: 'A', altKey: true, shiftKey: true, bubbles: true }),
            new FocusEvent('focus'),
            new CustomEvent('attain:record', { detail: { amount: 1 }, bubbles: true }),
          ]) {
            host.dispatchEvent(event);
            document.dispatchEvent(event);
          }

          // Reading the sidebar: its page by the extension's id, the extension's API, the server.
          results.chromeRuntime = typeof (window as { chrome?: { runtime?: unknown } }).chrome
            ?.runtime;
          const sidebarUrl = `chrome-extension://${extensionId}/sidebar.html`;
          results.fetchSidebar = await fetch(sidebarUrl).then(
            (r) => `status ${r.status}`,
            (e: Error) => e.name,
          );
          results.fetchServer = await fetch(`${serverUrl}/v1/me`, { credentials: 'include' }).then(
            (r) => `status ${r.status}`,
            (e: Error) => e.name,
          );
          const own = document.createElement('iframe');
          own.src = sidebarUrl;
          document.body.append(own);
          await new Promise((resolve) => {
            own.onload = resolve;
            own.onerror = resolve;
            setTimeout(resolve, 2_000);
          });
          try {
            results.ownFrameDocument = own.contentDocument === null ? null : 'readable';
            results.ownFrameText = own.contentWindow?.document.body.textContent ?? null;
          } catch (error) {
            results.ownFrameText = (error as Error).name;
          }
          own.remove();

          // Every message posted so far has been delivered once this one arrives.
          await new Promise<void>((resolve) => {
            const done = (event: MessageEvent) => {
              if (event.data === 'attack-done') {
                window.removeEventListener('message', done);
                resolve();
              }
            };
            window.addEventListener('message', done);
            window.postMessage('attack-done', '*');
          });
          results.portAnswers = portAnswers;
          results.hitIsHost = document.elementFromPoint(window.innerWidth - 100, 300) === host;
          return { results, forged: [...forged, { type: 'connect' }, 'attack-done'] };
        },
        {
          crmId: deal.crmId!,
          serverUrl: stack.attain.url,
          extensionId: browser!.extensionId,
        },
      );
      posted = new Set(attack.forged.map((m) => JSON.stringify(m)));
      expect(attack.results).toEqual({
        reachableFrames: 0,
        iframesInDom: 0,
        learnedStartedEvent: true,
        hostTag: 'DIV',
        shadowRoot: null,
        attachShadow: 'NotSupportedError',
        iframeInHost: false,
        hostText: '',
        chromeRuntime: 'undefined',
        fetchSidebar: 'TypeError',
        fetchServer: 'TypeError', // no CORS for the CRM's origin, and no cookie to ride on
        ownFrameDocument: null,
        ownFrameText: 'SecurityError',
        portAnswers: [],
        hitIsHost: true, // the overlay still covers its side of the page
      });

      // A legitimate change on the page reaches the sidebar through the same channel, after
      // anything the attack could have sent: up to it, the sidebar never changed.
      const amount = await openEditModal(page);
      await amount.selectText();
      await page.keyboard.type(String(LEGIT_AMOUNT));
      const legit = money(estimates.get(LEGIT_AMOUNT)!.pays);
      await expectText(frame.locator('.deal .estimate .big-figure'), legit);
      const log = await frame.evaluate(
        () => (globalThis as unknown as { __journeyLog: string[] }).__journeyLog,
      );
      const firstChange = log.findIndex((entry) => entry !== baseline.log[0]);
      expect(firstChange).toBeGreaterThan(0);
      // Every state from the first change on is the legitimate edit's (its keystrokes).
      for (const entry of log.slice(firstChange)) {
        expect(entry).toMatch(
          new RegExp(`^${deal.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`),
        );
        expect(entry).not.toContain('PWNED');
        expect(entry).not.toContain('999,999,999');
      }
      expect(
        log
          .slice(firstChange)
          .some((entry) => entry.includes(`${money(LEGIT_AMOUNT)} (from the page)`)),
      ).toBe(true);

      // The overlay is whole: its pill follows the edit, its iframe is still full width.
      await expectPill(page, `Pays ${legit} if won`);
      const dom = await readOverlayDom(page);
      expect((await dom.box(dom.iframe))?.width).toBe(baseline.iframeWidth);
      expect(dom.texts.join(' ')).not.toContain('PWNED');

      // Cancelling the edit brings back exactly the state before the attack.
      await page.keyboard.press('Escape');
      await expectPill(page, baseline.pill);
      await expect
        .poll(() =>
          frame.evaluate(() => {
            const log = (globalThis as unknown as { __journeyLog: string[] }).__journeyLog;
            return log[log.length - 1];
          }),
        )
        .toBe(baseline.log[0]);
      await saveScreenshot(page, 'journey-5-hostile-page');
    });

    it('leaks nothing to the page: no token, no figures, in its globals, DOM, storage or messages', async () => {
      const secrets = [
        token,
        DEMO_REP,
        'Pays ',
        'This deal:',
        'My numbers',
        baseline.pill,
        money(estimates.get(LEGIT_AMOUNT)!.pays),
      ];
      const seen = await page.evaluate(async () => {
        const probe = (
          window as unknown as {
            __e2eProbe(): { messages: ProbeMessageLike[]; newGlobals: string[] };
          }
        ).__e2eProbe();
        type ProbeMessageLike = { data: unknown; origin: string; fromSelf: boolean; ports: number };
        const globals: Record<string, string> = {};
        for (const name of probe.newGlobals) {
          try {
            globals[name] = String(
              JSON.stringify((window as unknown as Record<string, unknown>)[name]),
            );
          } catch {
            globals[name] = String((window as unknown as Record<string, unknown>)[name]);
          }
        }
        document.execCommand('selectAll');
        const selection = getSelection()?.toString() ?? '';
        getSelection()?.removeAllRanges();
        const storage = (s: Storage) =>
          Object.fromEntries(
            Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i)!)]),
          );
        return {
          messages: probe.messages,
          globals,
          html: document.documentElement.outerHTML,
          text: document.documentElement.innerText,
          selection,
          localStorage: JSON.stringify(storage(localStorage)),
          sessionStorage: JSON.stringify(storage(sessionStorage)),
          cookie: document.cookie,
          windowName: window.name,
          databases: (await indexedDB.databases()).map((d) => d.name),
        };
      });
      const everything = JSON.stringify(seen);
      for (const secret of secrets) expect(everything, secret).not.toContain(secret);
      expect(seen.databases).toEqual([]);
      expect(Object.keys(seen.globals).filter((name) => /attain/i.test(name))).toEqual([]);
      // Every message the page received is one it posted itself, but for WXT's notice that the
      // content script started (the extension's id and the script's name: no Attain data).
      const messages = seen.messages as ProbeMessage[];
      expect(messages.length).toBe(posted.size + 1);
      const notPosted = messages.filter((m) => !posted.has(JSON.stringify(m.data)));
      expect(notPosted).toEqual([
        {
          data: {
            type: `${browser!.extensionId}:crm:wxt:content-script-started`,
            contentScriptName: 'crm',
            messageId: expect.stringMatching(/^[a-z0-9]+$/),
          },
          origin: new URL(page.url()).origin,
          fromSelf: true,
          ports: 0,
        },
      ]);
      // The page's DOM names no extension resource (the iframe lives in the closed root).
      expect(seen.html).not.toContain('chrome-extension:');
    });
  },
);
