/**
 * First sync of 50,000 deals and 5,000 notes into the extension's IndexedDB, in Chromium.
 *
 * The Attain server (in-process, throwaway SQLite) is seeded with the scale seed: 10 reps in
 * one team, so the team's manager (`manager1@…`) has all 50,000 deals in their sync audience
 * (server/sync/visibility.ts: a manager reads their reps' deals). 5,000 shared notes on those
 * deals are added through the server's annotation repository (their change-log rows go to the
 * deals' reps, whom the manager manages). The extension signs in as the manager on a fresh
 * profile; timed from the sync's first request (the service worker's `fetch` is wrapped to
 * stamp it: the background starts the sync before it answers the sign-in, and that answer
 * came 1–3 s after the sync had started under load, so timing from it flattered the figure;
 * the login itself is reported apart) to the end of the first sync (the `lastSync` time the
 * engine stores when the run ends), then the stored rows are counted in IndexedDB.
 *
 * Baseline, same browser: the same rows (read back from the extension's database) written by
 * raw IndexedDB into a new database with the same stores and indexes (read from the
 * extension's database), one transaction, one put() per record, until the transaction completes.
 *
 * While iterating: `BENCH_DEALS` / `BENCH_NOTES` (default 50,000 / 5,000), and A/B of prebuilt
 * builds on the same seeded server with `BENCH_EXTENSION_DIRS=before=/tmp/a,after=/tmp/b`
 * and `BENCH_SYNC_ROUNDS` (A B, A B, …; medians reported).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../../test/e2e/support/chromium';
import { askBackground, signIn, startAttainServer } from '../../test/e2e/support/stack';
import { insertAnnotation } from '../../server/store/annotations-repository';
import { getDeals } from '../../server/store/deals-repository';
import type { Figure } from '../harness';
import { loadNote, median, NAME_HELPER, until, type BenchOutcome } from './common';

export interface FirstSyncOptions {
  executablePath: string;
  extensionDir: string;
  deals?: number;
  notes?: number;
  /** Raw IndexedDB runs for the baseline after each sync (the median is reported); default 2. */
  baselineRuns?: number;
  /** Builds to time on the same seeded server (default: `extensionDir`). */
  builds?: FirstSyncBuild[];
}

const MANAGER = 'manager1@demo.attain.test';
const MANAGER_ID = 'mgr-00001';
const TODAY = '2026-11-20';

interface StatusAnswer {
  data?: {
    syncing: boolean;
    lastSyncedAt: string | null;
    state: string;
    error: { message: string } | null;
  };
}

async function addNotes(
  server: Awaited<ReturnType<typeof startAttainServer>>,
  count: number,
  deals: number,
): Promise<void> {
  const step = Math.max(1, Math.floor(deals / count));
  const ids = Array.from(
    { length: count },
    (_, i) => `deal-${String(((i * step) % deals) + 1).padStart(8, '0')}`,
  );
  const now = `${TODAY}T12:00:00.000Z`;
  await server.store.write(async (trx) => {
    const records = await getDeals(trx, ids);
    for (let i = 0; i < ids.length; i++) {
      const record = records.get(ids[i]!);
      if (!record) throw new Error(`no deal ${ids[i]}`);
      await insertAnnotation(
        trx,
        now,
        {
          id: `note-${String(i + 1).padStart(6, '0')}`,
          dealId: ids[i]!,
          parentId: null,
          authorId: MANAGER_ID,
          body: `Bench note ${i + 1}: check the paper process and the decision date with the buyer.`,
          visibility: 'shared',
          resolved: false,
          conflictOf: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        record.reps,
      );
    }
  });
}

type CpuReading = { node: number; chromium: Map<string, number> } | null;

/** A Chromium process's kind, from its command line: browser, renderer, utility:storage… */
function processKind(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    if (!type) return 'browser';
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    return sub ? `utility:${sub.split('.').at(-2) ?? sub}` : type;
  } catch {
    return 'other';
  }
}

/**
 * CPU seconds (user + system, Linux `/proc`) used so far by this process (the bench and the
 * in-process server) and by its descendants (Chromium's processes), for a load-independent
 * reading next to the wall-clock figures: on a busy machine the wall clock mostly measures the
 * wait for a CPU. Null where `/proc` is not readable.
 */
function cpuSeconds(): CpuReading {
  try {
    const ticksPerSecond = 100; // USER_HZ on Linux
    const stats = new Map<number, { ppid: number; ticks: number }>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): state ppid … utime stime.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        stats.set(Number(name), {
          ppid: Number(fields[1]),
          ticks: Number(fields[11]) + Number(fields[12]),
        });
      } catch {
        // The process ended meanwhile.
      }
    }
    const self = stats.get(process.pid);
    if (!self) return null;
    const chromium = new Map<string, number>();
    const seen = new Set<number>([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, s] of stats) {
        if (!seen.has(pid) && seen.has(s.ppid)) {
          seen.add(pid);
          const kind = processKind(pid);
          chromium.set(kind, (chromium.get(kind) ?? 0) + s.ticks / ticksPerSecond);
          grew = true;
        }
      }
    }
    return { node: self.ticks / ticksPerSecond, chromium };
  } catch {
    return null;
  }
}

/** "CPU 30.1 s Chromium (browser 20.3, renderer 9.5, …) + 3.7 s server/bench". */
function cpuNote(before: CpuReading, after: CpuReading): string {
  if (!before || !after) return 'CPU n/a';
  const parts = [...after.chromium]
    .map(([kind, s]) => [kind, s - (before.chromium.get(kind) ?? 0)] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  const total = parts.reduce((sum, [, s]) => sum + s, 0);
  return `CPU ${total.toFixed(1)} s Chromium (${parts.map(([k, s]) => `${k} ${s.toFixed(1)}`).join(', ')}) + ${(after.node - before.node).toFixed(1)} s server/bench`;
}

/**
 * Wraps the service worker's `fetch` to stamp (wall clock, as the engine's `lastSync`) the
 * first request to `/v1/sync/`: the start of the first sync. Read back with `syncStartedAt`.
 */
async function stampSyncStart(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as {
      fetch: typeof fetch;
      __attainSyncStartedAt?: number;
    };
    const original = g.fetch.bind(g);
    g.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (g.__attainSyncStartedAt === undefined && url.includes('/v1/sync/')) {
        g.__attainSyncStartedAt = Date.now();
      }
      return original(input, init);
    };
  });
}

async function syncStartedAt(worker: Worker): Promise<number | undefined> {
  return worker.evaluate(
    () => (globalThis as unknown as { __attainSyncStartedAt?: number }).__attainSyncStartedAt,
  );
}

/** Counts rows of the extension's database from an extension page (raw IndexedDB). */
async function countRows(page: Page): Promise<{ deals: number; annotations: number }> {
  return page.evaluate(
    () =>
      new Promise<{ deals: number; annotations: number }>((resolve, reject) => {
        const open = indexedDB.open('attain');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['deals', 'annotations'], 'readonly');
          const deals = tx.objectStore('deals').count();
          const annotations = tx.objectStore('annotations').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ deals: deals.result, annotations: annotations.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * The baseline in the extension page: the synced rows read back into memory, then written to
 * a fresh database with the same stores and indexes in one transaction (put() per record).
 * Returns the write time in ms.
 */
async function rawBulkInsert(page: Page, run: number): Promise<number> {
  return page.evaluate(async (n) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const source = await request(indexedDB.open('attain'));
    const read = source.transaction(['deals', 'annotations'], 'readonly');
    const [deals, annotations] = await Promise.all([
      request(read.objectStore('deals').getAll()),
      request(read.objectStore('annotations').getAll()),
    ]);
    // The extension's stores and indexes, as its schema declares them.
    const shapes = ['deals', 'annotations'].map((store) => {
      const s = read.objectStore(store);
      return {
        store,
        keyPath: s.keyPath,
        indexes: [...s.indexNames].map((name) => {
          const index = s.index(name);
          return {
            name,
            keyPath: index.keyPath,
            multiEntry: index.multiEntry,
            unique: index.unique,
          };
        }),
      };
    });
    source.close();

    const name = `bench-raw-${n}`;
    await request(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const shape of shapes) {
        const store = db.createObjectStore(shape.store, { keyPath: shape.keyPath });
        for (const index of shape.indexes) {
          store.createIndex(index.name, index.keyPath, {
            multiEntry: index.multiEntry,
            unique: index.unique,
          });
        }
      }
    };
    const db = await request(open);
    const started = performance.now();
    const tx = db.transaction(['deals', 'annotations'], 'readwrite');
    const dealStore = tx.objectStore('deals');
    const noteStore = tx.objectStore('annotations');
    for (const row of deals) dealStore.put(row);
    for (const row of annotations) noteStore.put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    });
    const ms = performance.now() - started;
    db.close();
    await request(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
    return ms;
  }, run);
}

/** One build to time: its label (in figure names when there are several) and directory. */
export interface FirstSyncBuild {
  label: string;
  dir: string;
}

/**
 * Signs a fresh profile in as the manager, times its first sync, counts the rows, then runs
 * the raw IndexedDB baseline in the same browser.
 */
async function timeOneSync(
  options: FirstSyncOptions,
  server: Awaited<ReturnType<typeof startAttainServer>>,
  build: FirstSyncBuild,
  expected: { deals: number; notes: number },
  baselineRuns: number,
): Promise<{ syncMs: number; raw: number[]; note: string }> {
  const browser = await launchWithExtension(options.executablePath, build.dir);
  try {
    await browser.context.addInitScript({ content: NAME_HELPER });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);

    const worker = await browser.serviceWorker();
    await stampSyncStart(worker);
    const started = Date.now();
    const cpuAtStart = cpuSeconds();
    await signIn(page, server.url, MANAGER);
    const signedIn = Date.now();
    const status = await until(
      'the first sync',
      async () => {
        const answer = (await askBackground(page, { type: 'sync.status' })) as StatusAnswer;
        const s = answer?.data;
        if (s?.error) throw new Error(`sync failed: ${s.error.message}`);
        return s && !s.syncing && s.lastSyncedAt ? s : undefined;
      },
      180_000,
      250,
    );
    // From the sync's first request (the background starts the sync before it answers the
    // sign-in). The same worker must have run it: a restarted one lost the stamp.
    const syncStart = await syncStartedAt(worker);
    if (syncStart === undefined) {
      throw new Error('the service worker did not stamp the start of the sync (restarted?)');
    }
    const syncMs = Date.parse(status.lastSyncedAt!) - syncStart;
    const counts = await countRows(page);
    if (counts.deals !== expected.deals || counts.annotations !== expected.notes) {
      throw new Error(
        `IndexedDB holds ${counts.deals} deals and ${counts.annotations} notes, not ${expected.deals} and ${expected.notes}`,
      );
    }
    const syncLoad = loadNote();
    const syncCpu = cpuNote(cpuAtStart, cpuSeconds());
    const raw: number[] = [];
    const rawCpu: string[] = [];
    for (let i = 0; i < baselineRuns; i++) {
      const before = cpuSeconds();
      raw.push(await rawBulkInsert(page, i));
      rawCpu.push(cpuNote(before, cpuSeconds()));
    }
    const note = `first-sync[${build.label}]: ${syncMs} ms (${syncLoad}; sign-in and sync: ${syncCpu}); sign-in ${signedIn - started} ms (its answer came ${signedIn - syncStart} ms after the sync's first request); counted ${counts.deals} deals and ${counts.annotations} notes; raw IndexedDB runs ${raw.map((v, i) => `${v.toFixed(0)} ms (${rawCpu[i]})`).join(', ')} (${loadNote()})`;
    console.log(`# ${note}`);
    return { syncMs, raw, note };
  } finally {
    await browser.close();
  }
}

/**
 * The builds to time: `BENCH_EXTENSION_DIRS` (comma-separated `label=dir`, e.g.
 * `before=/tmp/before,after=.output/chrome-mv3`, for A/B runs of prebuilt builds back to back
 * on the same seeded server), else the one prepared by the caller.
 */
export function firstSyncBuilds(defaultDir: string): FirstSyncBuild[] {
  const spec = process.env.BENCH_EXTENSION_DIRS;
  if (!spec) return [{ label: 'build', dir: defaultDir }];
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const at = entry.indexOf('=');
      return at > 0
        ? { label: entry.slice(0, at), dir: entry.slice(at + 1) }
        : { label: `build${i + 1}`, dir: entry };
    });
}

export async function firstSyncBench(options: FirstSyncOptions): Promise<BenchOutcome> {
  const dealCount = options.deals ?? Number(process.env.BENCH_DEALS ?? 50_000);
  const noteCount = options.notes ?? Number(process.env.BENCH_NOTES ?? 5_000);
  const baselineRuns = options.baselineRuns ?? Number(process.env.BENCH_RAW_RUNS ?? 2);
  // Rounds over the builds (A B, A B, …): each sync is on a fresh profile.
  const rounds = Number(process.env.BENCH_SYNC_ROUNDS ?? 1);
  const builds = options.builds ?? [{ label: 'build', dir: options.extensionDir }];
  const notes: string[] = [];

  const seedStarted = Date.now();
  const server = await startAttainServer({
    today: TODAY,
    seed: { kind: 'scale', reps: 10, deals: dealCount },
  });
  try {
    await addNotes(server, noteCount, dealCount);
    notes.push(
      `first-sync: seeded ${dealCount} deals and ${noteCount} notes in ${Date.now() - seedStarted} ms`,
    );
    const syncs = new Map<string, number[]>(builds.map((b) => [b.label, []]));
    const raws = new Map<string, number[]>(builds.map((b) => [b.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const build of builds) {
        const one = await timeOneSync(
          options,
          server,
          build,
          { deals: dealCount, notes: noteCount },
          baselineRuns,
        );
        syncs.get(build.label)!.push(one.syncMs);
        raws.get(build.label)!.push(...one.raw);
        notes.push(one.note);
      }
    }
    const figures: Figure[] = [];
    for (const build of builds) {
      const suffix = builds.length > 1 ? `[${build.label}]` : '';
      const syncMs = median(syncs.get(build.label)!);
      const baseline = median(raws.get(build.label)!);
      notes.push(
        `first-sync${suffix}: median ${syncMs.toFixed(0)} ms over ${rounds} sync(s); raw median ${baseline.toFixed(0)} ms; ${(syncMs / baseline).toFixed(2)}× the baseline`,
      );
      figures.push(
        {
          name: `browser.first_sync_ms${suffix}`,
          value: syncMs,
          unit: 'ms',
          baseline: { name: 'raw IndexedDB bulk insert', value: baseline, unit: 'ms' },
          budget: '≤ 10000 ms and ≤ 2× baseline',
        },
        {
          name: `browser.first_sync_vs_baseline${suffix}`,
          value: syncMs / baseline,
          unit: 'x',
          budget: '≤ 2 x',
        },
      );
    }
    return { figures, notes };
  } finally {
    await server.close();
  }
}
