/**
 * Sidebar cold open with the server down: the extension signs in and syncs once in a kept
 * profile; the Attain server is stopped; then, N times, Chromium is relaunched on that profile
 * (a new browser process, a new service worker, IndexedDB opened from disk) and a demo deal
 * page is opened. Timed from the page's navigation start (`performance.timeOrigin` of the
 * deal page) to the moment the attainment figure of My numbers is painted in the sidebar
 * frame: an init script in the sidebar notes when `.big-figure` appears in the Attainment card
 * and then waits for the next animation frame and the task after it (the frame is painted by
 * then). The DOM time is kept too. The clocks of the page and of the extension iframe are
 * compared against the wall clock (common.ts).
 *
 * Two figures: the sidebar's own part, from the sidebar iframe's navigation start (its
 * `performance.timeOrigin`) to the figure painted, which is the figure the ≤ 300 ms budget of
 * issue 8 applies to; and the whole, from the deal page's navigation start, with the page's own
 * load event as its baseline: the content script only starts after that load (`document_idle`)
 * and mounts the iframe then, so that part is the CRM page's, not the sidebar's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../../test/e2e/support/chromium';
import {
  askBackground,
  DEMO_REP,
  openAttainBrowser,
  type DemoStack,
} from '../../test/e2e/support/stack';
import type { Figure } from '../harness';
import {
  clockOffset,
  loadNote,
  median,
  NAME_HELPER,
  sidebarFrame,
  until,
  type BenchOutcome,
} from './common';

export interface ColdOpenOptions {
  executablePath: string;
  extensionDir: string;
  stack: DemoStack;
  crmId: string;
  /** Measured opens (one more is a warm-up). */
  opens?: number;
}

/** The extension API where the worker evaluation runs. */
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
};

interface PaintProbe {
  dom?: number;
  painted?: number;
  text?: string;
  /** The sidebar document's own milestones, on the same clock. */
  origin?: number;
  domContentLoaded?: number;
  loaded?: number;
}
type ProbeWindow = typeof globalThis & { __benchPaint?: PaintProbe };

/** Runs in every document of the context; does something only in the sidebar page. */
const SIDEBAR_PAINT_PROBE = `(() => {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/sidebar.html')) return;
  const probe = (globalThis.__benchPaint = {});
  const now = () => performance.timeOrigin + performance.now();
  const find = () => {
    const title = document.getElementById('numbers-attainment');
    const figure = title && title.closest('section') && title.closest('section').querySelector('.big-figure');
    return figure && figure.textContent ? figure : null;
  };
  const seen = () => {
    const figure = find();
    if (!figure) return false;
    probe.dom = now();
    probe.text = figure.textContent;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.painted = now();
        const nav = performance.getEntriesByType('navigation')[0];
        probe.origin = performance.timeOrigin;
        probe.domContentLoaded = nav && performance.timeOrigin + nav.domContentLoadedEventEnd;
        probe.loaded = nav && nav.loadEventEnd ? performance.timeOrigin + nav.loadEventEnd : undefined;
      };
      channel.port2.postMessage(null);
    });
    return true;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface SyncStatusAnswer {
  ok?: boolean;
  data?: { syncing: boolean; lastSyncedAt: string | null; state: string };
}

async function waitForFirstSync(extensionPage: Page): Promise<void> {
  await until(
    'the first sync',
    async () => {
      const answer = (await askBackground(extensionPage, {
        type: 'sync.status',
      })) as SyncStatusAnswer;
      const status = answer?.data;
      return status && !status.syncing && status.lastSyncedAt ? true : undefined;
    },
    60_000,
    100,
  );
}

/**
 * An unpacked extension loaded with --load-extension is installed afresh at each launch, which
 * drops its dynamic content scripts until the worker registers them again (onInstalled): the
 * harness waits for that before opening the page (an installed extension keeps them).
 */
async function overlayRegistered(browser: ExtensionBrowser): Promise<void> {
  const worker = await browser.serviceWorker();
  await until(
    'the overlay registration',
    async () =>
      (await worker.evaluate(
        async () => (await chrome.scripting.getRegisteredContentScripts()).length > 0,
      ))
        ? true
        : undefined,
    15_000,
    20,
  );
}

async function readProbe(frame: Frame): Promise<PaintProbe | undefined> {
  const probe = await frame.evaluate(() => (globalThis as ProbeWindow).__benchPaint ?? null);
  return probe?.painted !== undefined ? probe : undefined;
}

export async function coldOpenBench(options: ColdOpenOptions): Promise<BenchOutcome> {
  const opens = options.opens ?? 10;
  const { stack } = options;
  const url = stack.demo.recordUrl(options.crmId);
  const profileDir = mkdtempSync(join(tmpdir(), 'attain-bench-cold-'));
  const notes: string[] = [];
  const painted: number[] = [];
  const dom: number[] = [];
  const skews: number[] = [];
  const phases = {
    pageLoad: [] as number[],
    iframe: [] as number[],
    sidebarDcl: [] as number[],
    sidebarLoad: [] as number[],
  };
  let figureText = '';
  const p50 = (v: number[]) => median(v).toFixed(0);
  try {
    // Sign in, sync once, and check the figure is shown while the server is up.
    const first = await openAttainBrowser(options.executablePath, options.extensionDir, {
      serverUrl: stack.attain.url,
      crmOrigin: stack.demo.url,
      email: DEMO_REP,
      profileDir,
    });
    try {
      await waitForFirstSync(first.extensionPage);
      await first.context.addInitScript({ content: SIDEBAR_PAINT_PROBE });
      const page = await first.context.newPage();
      await page.goto(url);
      const frame = await sidebarFrame(page);
      figureText = (await until('the attainment figure', () => readProbe(frame))).text ?? '';
    } finally {
      await first.close();
    }

    await stack.attain.stop();
    try {
      for (let i = 0; i <= opens; i++) {
        const browser = await launchWithExtension(options.executablePath, options.extensionDir, {
          profileDir,
        });
        try {
          await browser.context.addInitScript({ content: NAME_HELPER });
          await browser.context.addInitScript({ content: SIDEBAR_PAINT_PROBE });
          await overlayRegistered(browser);
          const page = await browser.context.newPage();
          await page.goto(url);
          const frame = await sidebarFrame(page);
          const probe = await until('the cached attainment figure', () => readProbe(frame));
          if (probe.text !== figureText) {
            throw new Error(`cold open showed "${probe.text}", not the synced "${figureText}"`);
          }
          const pageTiming = await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as
              PerformanceNavigationTiming | undefined;
            return { origin: performance.timeOrigin, load: nav?.loadEventEnd ?? Number.NaN };
          });
          const start = pageTiming.origin;
          const skew = (await clockOffset(page)) - (await clockOffset(frame));
          if (i === 0) continue; // warm-up: the OS file cache, the first process start
          skews.push(skew);
          painted.push(probe.painted! + skew - start);
          dom.push(probe.dom! + skew - start);
          const at = (t: number | undefined) => (t === undefined ? Number.NaN : t + skew - start);
          phases.pageLoad.push(pageTiming.load);
          phases.iframe.push(at(probe.origin));
          phases.sidebarDcl.push(at(probe.domContentLoaded));
          phases.sidebarLoad.push(at(probe.loaded));
        } finally {
          await browser.close();
        }
      }
    } finally {
      await stack.attain.start();
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }

  const sidebarOnly = painted.map((v, i) => v - phases.iframe[i]!);
  const fromIframe = (v: number[]) => p50(v.map((t, i) => t - phases.iframe[i]!));
  notes.push(
    `cold-open: ${opens} relaunches with the server down, attainment "${figureText}"; sidebar's part (iframe start → painted) ${sidebarOnly.map((v) => v.toFixed(0)).join(', ')} ms; from navigation start ${painted.map((v) => v.toFixed(0)).join(', ')} ms; clock skew ${Math.min(...skews).toFixed(3)}…${Math.max(...skews).toFixed(3)} ms; ${loadNote()}`,
  );
  notes.push(
    `cold-open phases (p50, ms from the page's navigation start): page load ${p50(phases.pageLoad)}, sidebar iframe navigation ${p50(phases.iframe)}, sidebar DOMContentLoaded ${p50(phases.sidebarDcl)}, sidebar load ${p50(phases.sidebarLoad)}, figure in the DOM ${p50(dom)}, painted ${p50(painted)}`,
  );
  notes.push(
    `cold-open phases (p50, ms from the sidebar iframe's navigation start): DOMContentLoaded ${fromIframe(phases.sidebarDcl)}, figure in the DOM ${fromIframe(dom)}, painted ${fromIframe(painted)}`,
  );
  const figures: Figure[] = [
    {
      // The budget's figure: what the sidebar itself takes.
      name: 'browser.cold_open_sidebar_p50_ms',
      value: median(sidebarOnly),
      unit: 'ms',
      budget: '≤ 300 ms',
    },
    {
      // From the deal page's navigation: the page's own load comes first (not the sidebar's).
      name: 'browser.cold_open_painted_p50_ms',
      value: median(painted),
      unit: 'ms',
      baseline: {
        name: 'the deal page’s own load event p50',
        value: median(phases.pageLoad),
        unit: 'ms',
      },
    },
  ];
  return { figures, notes };
}
