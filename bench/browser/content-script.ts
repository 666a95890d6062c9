/**
 * The content script's cost: its gzipped size (scripts/content-size.ts), and the main-thread
 * time it adds to a demo deal page load, from loads alternating between the Chromium with the
 * extension and the same Chromium without it.
 *
 * Each load is a new tab: `Performance.enable` (thread CPU time), navigate, wait for `load`
 * and a fixed settle time (the content script runs at `document_idle`, then mounts the overlay
 * and answers the sidebar), then `Performance.getMetrics` of the page's renderer: TaskDuration
 * (all main-thread tasks: script, style, layout, parsing), ScriptDuration, RecalcStyleDuration
 * and LayoutDuration, in thread CPU time (`timeDomain: 'threadTicks'`), which other processes
 * on a busy machine inflate less than wall time. The sidebar iframe is an extension page in
 * its own process and is not counted: it is not the page's main thread.
 *
 * The content script's own cost is the difference of the ScriptDuration medians: the renderer
 * counts every script it runs, content-script worlds included, async continuations and the
 * DOM work the script does synchronously (mounting the iframe) included; a trace attributes
 * events to the script's URL only for its first evaluation and callbacks, not for code after
 * an `await` (docs/performance.md). TaskDuration's difference is everything the page's main
 * thread does more (plus the style and layout of the overlay), with more noise.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';
import { measureContentScript, CONTENT_SCRIPT_BUDGET_BYTES } from '../../scripts/content-size';
import type { Figure } from '../harness';
import { loadNote, median, type BenchOutcome } from './common';

/** One build of the extension to measure, loaded in its own Chromium. */
export interface ExtensionUnderTest {
  /** '' for the build under test; e.g. 'before' for a comparison build (named in the figures). */
  label: string;
  extensionDir: string;
  context: BrowserContext;
}

export interface ContentScriptOptions {
  /** A demo deal page (view mode). */
  url: string;
  /** The builds to measure, their loads interleaved with each other and the plain browser. */
  extensions: readonly ExtensionUnderTest[];
  plainContext: BrowserContext;
  /** Loads per browser (alternating). */
  loads?: number;
  /** Wait after `load` before reading the metrics. */
  settleMs?: number;
}

const METRICS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
type Metrics = Record<string, number>;

async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const out: Metrics = {};
  for (const m of metrics) if (METRICS.includes(m.name)) out[m.name] = m.value * 1000;
  return out;
}

async function oneLoad(context: BrowserContext, url: string, settleMs: number): Promise<Metrics> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    return await readMetrics(cdp);
  } finally {
    await page.close();
  }
}

const suffix = (label: string) => (label ? `.${label}` : '');
const named = (label: string) => (label ? ` (${label})` : '');

export async function contentScriptBench(options: ContentScriptOptions): Promise<BenchOutcome> {
  const loads = options.loads ?? 20;
  const settleMs = options.settleMs ?? 750;
  const notes: string[] = [];
  const figures: Figure[] = [];

  for (const { label, extensionDir } of options.extensions) {
    const size = measureContentScript(extensionDir);
    if (size) {
      figures.push({
        name: `browser.content_script_gzip_bytes${suffix(label)}`,
        value: size.gzipBytes,
        unit: 'B',
        budget: `≤ ${CONTENT_SCRIPT_BUDGET_BYTES} B`,
      });
      notes.push(`content${named(label)}: ${size.summary}`);
    } else {
      notes.push(`content${named(label)}: the build has no content-scripts/crm.js`);
    }
  }

  // Every browser: one warm-up load each (first process start, caches), then loads in a
  // rotating order, so a drift in the machine's load falls on all of them alike.
  const contexts = [...options.extensions.map((e) => e.context), options.plainContext];
  const rows: Metrics[][] = contexts.map(() => []);
  for (const context of contexts) await oneLoad(context, options.url, settleMs);
  for (let i = 0; i < loads; i++) {
    const order = contexts.map((_, k) => (k + i) % contexts.length);
    if (i % 2 === 1) order.reverse();
    for (const k of order) rows[k]!.push(await oneLoad(contexts[k]!, options.url, settleMs));
  }
  const plain = rows[contexts.length - 1]!;

  const of = (list: Metrics[], name: string) => list.map((r) => r[name] ?? Number.NaN);
  for (const name of METRICS) {
    notes.push(
      `content: ${name} median without the extension ${median(of(plain, name)).toFixed(2)} ms; ${options.extensions
        .map(
          ({ label }, k) =>
            `with${named(label) || ' the build under test'} ${median(of(rows[k]!, name)).toFixed(2)} ms`,
        )
        .join('; ')} (${loads} loads each)`,
    );
  }
  notes.push(`content: ${loadNote()}`);
  options.extensions.forEach(({ label }, k) => {
    const delta = (name: string) => median(of(rows[k]!, name)) - median(of(plain, name));
    figures.push(
      {
        name: `browser.content_script_script_ms${suffix(label)}`,
        value: delta('ScriptDuration'),
        unit: 'ms',
        baseline: {
          name: 'page load script time without the extension',
          value: median(of(plain, 'ScriptDuration')),
          unit: 'ms',
        },
        budget: '≤ 5 ms',
      },
      {
        name: `browser.content_script_main_thread_ms${suffix(label)}`,
        value: delta('TaskDuration'),
        unit: 'ms',
        baseline: {
          name: 'page load main thread without the extension',
          value: median(of(plain, 'TaskDuration')),
          unit: 'ms',
        },
      },
    );
  });
  return { figures, notes };
}
