/**
 * Browser benchmarks in a real Chromium (Debian's, through playwright-core) with the built
 * extension, against the demo CRM and an in-process Attain server (test/e2e/support/stack.ts):
 *
 *   keystroke    amount keystroke → sidebar estimate and status pill (p50/p95)
 *   content      the content script's size and the main-thread time it adds to a page load
 *   cold-open    sidebar opened with the server down → cached attainment painted (p50)
 *   first-sync   first sync of 50,000 deals and 5,000 notes into IndexedDB
 *
 *   npm run bench:browser      BENCH_BROWSER=keystroke,content,cold-open,first-sync (default: all)
 *                              BENCH_RAW_RUNS=2 (raw IndexedDB baseline runs of first-sync)
 *                              BENCH_EXTENSION_DIR=dir (a prebuilt extension instead of .output)
 *                              BENCH_COLD_OPENS=10 (measured relaunches of cold-open)
 *                              BENCH_COLD_COMPARE=before=/path,… (other builds, cold-open A/B)
 *                              BENCH_TRACE_DIR=dir (a Chrome trace of one cold open per build)
 *                              BENCH_COLD_CPU=1 (cold-open: also the sidebar's main-thread CPU time)
 *
 * Each figure has a baseline measured in the same run (see each module). Figures are printed
 * and written to bench/results/browser.json and latest.json (bench/harness.ts).
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumOrSkip } from '../test/e2e/support/chromium';
import { DEMO_REP, openAttainBrowser, startDemoStack } from '../test/e2e/support/stack';
import { report, type Figure } from './harness';
import { coldOpenBench, type ColdOpenOptions } from './browser/cold-open';
import { launchPlain, loadNote, prepareExtension, type BenchOutcome } from './browser/common';
import { contentScriptBench } from './browser/content-script';
import { firstSyncBench } from './browser/first-sync';
import { keystrokeBench } from './browser/keystroke';

const ALL = ['keystroke', 'content', 'cold-open', 'first-sync'] as const;
type Bench = (typeof ALL)[number];
const selected = new Set(
  (process.env.BENCH_BROWSER ?? ALL.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const name of selected) {
  if (!ALL.includes(name as Bench))
    throw new Error(`unknown benchmark "${name}" (${ALL.join(', ')})`);
}
const wants = (name: Bench) => selected.has(name);

const executablePath = chromiumOrSkip('bench:browser');
if (!executablePath) process.exit(0);
const started = Date.now();
const figures: Figure[] = [];
const notes: string[] = [`start: ${loadNote()}`];
const failed: string[] = [];

/** Runs one benchmark; a failure is reported and the others still run. */
async function step(name: Bench, run: () => Promise<BenchOutcome>): Promise<void> {
  if (!wants(name)) return;
  try {
    const outcome = await run();
    figures.push(...outcome.figures);
    notes.push(...outcome.notes);
    console.log(`… ${name} done after ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failed.push(name);
    console.error(`!! ${name} failed:`, error);
  }
}

async function demoBenchmarks(path: string, extensionDir: string): Promise<void> {
  const stack = await startDemoStack();
  try {
    const me = await stack.attain.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', DEMO_REP)
      .executeTakeFirstOrThrow();
    // An open deal of the signed-in rep: the sidebar estimates it as the rep's own.
    const deal = stack.demo.deals().find((d) => d.ownerId === me.id && !d.isClosed);
    if (!deal) throw new Error(`the demo data has no open deal of ${DEMO_REP}`);

    if (wants('keystroke') || wants('content')) {
      const ext = await openAttainBrowser(path, extensionDir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
      });
      const plain = await launchPlain(path);
      try {
        await step('keystroke', () =>
          keystrokeBench({
            stack,
            extensionContext: ext.context,
            plainContext: plain.context,
            crmId: deal.crmId,
          }),
        );
        await step('content', () =>
          contentScriptBench({
            url: stack.demo.recordUrl(deal.crmId),
            extensionDir,
            extensionContext: ext.context,
            plainContext: plain.context,
          }),
        );
      } finally {
        await plain.close();
        await ext.close();
      }
    }
    await step('cold-open', () =>
      coldOpenBench({
        executablePath: path,
        extensionDir,
        stack,
        crmId: deal.crmId,
        ...coldOpenSettings(),
      }),
    );
  } finally {
    await stack.close();
  }
}

/** cold-open's settings from the environment (see the top of this file). */
function coldOpenSettings(): Pick<ColdOpenOptions, 'opens' | 'compare' | 'traceDir' | 'cpu'> {
  const opens = process.env.BENCH_COLD_OPENS;
  const compare = (process.env.BENCH_COLD_COMPARE ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at < 1) throw new Error(`BENCH_COLD_COMPARE: "${entry}" is not label=dir`);
      return { label: entry.slice(0, at), dir: resolve(entry.slice(at + 1)) };
    });
  return {
    ...(opens ? { opens: Number(opens) } : {}),
    ...(compare.length > 0 ? { compare } : {}),
    ...(process.env.BENCH_TRACE_DIR ? { traceDir: resolve(process.env.BENCH_TRACE_DIR) } : {}),
    ...(process.env.BENCH_COLD_CPU === '1' ? { cpu: true } : {}),
  };
}

// A private copy: other processes (e2e tests) may rebuild .output while the benchmarks run.
// BENCH_EXTENSION_DIR: a prebuilt extension, used as it is (and kept).
const givenDir = process.env.BENCH_EXTENSION_DIR;
const extensionDir = givenDir ? resolve(givenDir) : await prepareExtension();
try {
  if (wants('keystroke') || wants('content') || wants('cold-open')) {
    await demoBenchmarks(executablePath, extensionDir).catch((error: unknown) => {
      failed.push('demo stack');
      console.error('!! the demo stack failed:', error);
    });
  }
  await step('first-sync', () => firstSyncBench({ executablePath, extensionDir }));
} finally {
  if (!givenDir) rmSync(extensionDir, { recursive: true, force: true });
}

for (const note of notes) console.log(`# ${note}`);
report('browser', figures);
console.log(`# bench:browser took ${Math.round((Date.now() - started) / 1000)} s`);
if (failed.length > 0) {
  console.error(`bench:browser: ${failed.join(', ')} failed (see above)`);
  process.exitCode = 1;
}
