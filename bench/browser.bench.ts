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
 *                              BENCH_RAW_RUNS=2 (raw IndexedDB baseline runs after each first sync)
 *                              BENCH_DEALS, BENCH_NOTES (first-sync scale; 50,000 and 5,000)
 *                              BENCH_EXTENSION_DIRS=before=/tmp/a,after=/tmp/b (first-sync A/B
 *                              of prebuilt builds on one seeded server), BENCH_SYNC_ROUNDS=1
 *                              BENCH_EXTENSION_DIR=<dir>: a prebuilt extension to measure
 *                                (used as is; default: build if stale and copy .output)
 *                              BENCH_COMPARE_DIR=<dir>: a second prebuilt build (e.g. a copy
 *                                of main's) measured in the same run: its keystroke run right
 *                                before the one under test, its content-script loads
 *                                interleaved with them; its figures are named `….before`
 *                              BENCH_KEYSTROKES=200, BENCH_KEYSTROKE_WARMUP=10,
 *                              BENCH_CONTENT_LOADS=20 (fewer while iterating)
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
import { firstSyncBench, firstSyncBuilds } from './browser/first-sync';
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
const envInt = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const keystrokes = envInt('BENCH_KEYSTROKES');
const keystrokeWarmup = envInt('BENCH_KEYSTROKE_WARMUP');
const contentLoads = envInt('BENCH_CONTENT_LOADS');
const compareDir = process.env.BENCH_COMPARE_DIR || undefined;
const givenDir = process.env.BENCH_EXTENSION_DIR || undefined;

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
      const open = (dir: string) =>
        openAttainBrowser(path, dir, {
          serverUrl: stack.attain.url,
          crmOrigin: stack.demo.url,
          email: DEMO_REP,
        });
      const before = compareDir ? await open(compareDir) : null;
      const ext = await open(extensionDir).catch(async (error: unknown) => {
        await before?.close();
        throw error;
      });
      const plain = await launchPlain(path);
      const keystrokeRun = (context: typeof ext.context, label: string) =>
        keystrokeBench({
          stack,
          extensionContext: context,
          plainContext: plain.context,
          crmId: deal.crmId,
          label,
          ...(keystrokes !== undefined ? { keystrokes } : {}),
          ...(keystrokeWarmup !== undefined ? { warmup: keystrokeWarmup } : {}),
        });
      try {
        await step('keystroke', async () => {
          if (!before) return keystrokeRun(ext.context, '');
          const a = await keystrokeRun(before.context, 'before');
          const b = await keystrokeRun(ext.context, '');
          return { figures: [...a.figures, ...b.figures], notes: [...a.notes, ...b.notes] };
        });
        await step('content', () =>
          contentScriptBench({
            url: stack.demo.recordUrl(deal.crmId),
            extensions: [
              ...(before && compareDir
                ? [{ label: 'before', extensionDir: compareDir, context: before.context }]
                : []),
              { label: '', extensionDir, context: ext.context },
            ],
            plainContext: plain.context,
            ...(contentLoads !== undefined ? { loads: contentLoads } : {}),
          }),
        );
      } finally {
        await plain.close();
        await ext.close();
        await before?.close();
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
const extensionDir = givenDir ? resolve(givenDir) : await prepareExtension();
try {
  if (wants('keystroke') || wants('content') || wants('cold-open')) {
    await demoBenchmarks(executablePath, extensionDir).catch((error: unknown) => {
      failed.push('demo stack');
      console.error('!! the demo stack failed:', error);
    });
  }
  await step('first-sync', () =>
    firstSyncBench({ executablePath, extensionDir, builds: firstSyncBuilds(extensionDir) }),
  );
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
