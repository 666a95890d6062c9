import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { Figure } from '../harness';
export { rng } from '../harness';
import { DISABLED_FEATURES } from '../../test/e2e/support/chromium';
import { copyExtension, ensureExtensionBuilt } from '../../test/e2e/support/extension';

/** Shared pieces of the browser benchmarks (bench/browser/*.ts). */

/** Files a build must have, and every file its pages and manifest name. */
function completeBuild(dir: string): boolean {
  const needed = ['manifest.json', 'background.js', 'sidebar.html', 'content-scripts/crm.js'];
  if (!needed.every((f) => existsSync(join(dir, f)))) return false;
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(dir, page), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) {
      if (!existsSync(join(dir, ref!))) return false;
    }
  }
  return true;
}

/**
 * A private, complete copy of the built extension (building it first when stale). Other
 * processes (e2e tests) may rebuild `.output` at any moment: a build that fails because
 * another one runs, or a copy taken mid-build, is tried again.
 */
export async function prepareExtension(attempts = 4): Promise<string> {
  let lastError: unknown = null;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 5_000 * i));
    try {
      ensureExtensionBuilt();
      const dir = copyExtension('attain-bench-extension');
      if (completeBuild(dir)) return dir;
      rmSync(dir, { recursive: true, force: true });
      lastError = new Error('the copied build was incomplete (another build was writing it)');
    } catch (error) {
      lastError = error;
    }
    console.warn(`bench:browser: preparing the extension failed (${String(lastError)}); retrying`);
  }
  throw lastError;
}

/** What a benchmark module returns: its figures, and lines for the log (not figures). */
export interface BenchOutcome {
  figures: Figure[];
  notes: string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** "load 1.52 1.40 1.31" (1, 5 and 15 minutes), for the notes. */
export function loadNote(): string {
  return `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export interface PlainBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The baseline browser: the same Chromium, switches and viewport as the extension browser
 * (test/e2e/support/chromium.ts), without the extension.
 */
export async function launchPlain(executablePath: string): Promise<PlainBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'attain-bench-plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * This context's high-resolution clock (`performance.timeOrigin + performance.now()`) minus
 * the wall clock (`Date.now()`), read at millisecond edges of the wall clock (median of 15).
 *
 * Every process of the browser reads the same monotonic clock, but each renderer converts it
 * to `timeOrigin`'s epoch once, so two processes (the page and the out-of-process extension
 * iframe) may disagree by a fraction of a millisecond or more. The wall clock is the same for
 * both: the difference of the two offsets is the skew between their clocks, to about 0.1 ms.
 */
function clockOffsetInPage(): number {
  const offsets: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = Date.now();
    let wall = start;
    let hr = 0;
    while (wall === start) {
      hr = performance.timeOrigin + performance.now();
      wall = Date.now();
    }
    offsets.push(hr - wall);
  }
  offsets.sort((a, b) => a - b);
  return offsets[7]!;
}

export async function clockOffset(target: Page | Frame): Promise<number> {
  return target.evaluate(clockOffsetInPage);
}

/**
 * tsx compiles this code with esbuild's keepNames, which wraps named inner functions in
 * `__name(...)`: functions sent to a page through `evaluate` need that helper there.
 */
export const NAME_HELPER = 'globalThis.__name ??= (fn) => fn;';

/** Defines the helper in a page or frame (and, for a context, in every document it opens). */
export async function defineNameHelper(target: Page | Frame | BrowserContext): Promise<void> {
  if ('addInitScript' in target && !('evaluate' in target)) {
    await target.addInitScript({ content: NAME_HELPER });
    return;
  }
  await (target as Page | Frame).evaluate(NAME_HELPER);
}

/** Polls `check` until it returns a value that is not undefined, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The sidebar iframe of a CRM page, once it has loaded. */
export async function sidebarFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const frame = await until(
    'the sidebar iframe',
    async () => page.frames().find((f) => f.url().endsWith('/sidebar.html')),
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(
      `${String(error)}; frames: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  });
  await frame.waitForLoadState('load');
  return frame;
}

/** The pids of a process and of all its descendants (Linux /proc). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process has gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** CPU time (user + system, in clock ticks) used so far by `pids`. */
function cpuTicks(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone.
    }
  }
  return total;
}

/**
 * Waits until the Chromium using `profileDir` has settled after its launch: its processes
 * together use less than a fifth of a CPU over two consecutive quarter-seconds (or `maxMs` has
 * passed). A freshly launched Chromium keeps a CPU busy for a second or more with its own
 * start-up (it preloads its omnibox popup's WebUI, chrome://omnibox-popup.top-chrome, in a
 * renderer of its own); a page opened meanwhile measures that contention, not itself. Returns
 * how long it waited (ms), or null where /proc is not there to read.
 */
export async function browserSettled(profileDir: string, maxMs = 8_000): Promise<number | null> {
  if (!existsSync('/proc/self/stat')) return null;
  const flag = `--user-data-dir=${profileDir}`;
  const root = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .find((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(flag);
      } catch {
        return false;
      }
    });
  if (!root) return null;
  const started = Date.now();
  const windowMs = 250;
  const quietTicks = 5; // clock ticks (1/100 s) per quarter-second: a fifth of a CPU
  let quiet = 0;
  let last = cpuTicks(processTree(Number(root)));
  while (Date.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = cpuTicks(processTree(Number(root)));
    quiet = now - last < quietTicks ? quiet + 1 : 0;
    last = now;
    if (quiet >= 2) break;
  }
  return Date.now() - started;
}
