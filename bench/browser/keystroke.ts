/**
 * Keystroke → estimate: real keys typed into the demo CRM's amount input (the edit modal's
 * `input[name="Amount"]`) with the extension signed in as a rep who owns the deal, timed from
 * the page's `keydown` to the moment the sidebar's DOM shows the estimate for the new amount
 * (a MutationObserver in the sidebar frame), and to the moment the page's status pill shows
 * the new pay-out (a MutationObserver on the overlay's closed shadow root, reached through the
 * DevTools protocol). Baseline, same run: the same page in a Chromium without the extension,
 * `keydown` → the page's own `input` event.
 *
 * Clocks: every context stamps `performance.timeOrigin + performance.now()` (the keydown's
 * `event.timeStamp` for the key itself); the skew between the page's renderer and the
 * extension iframe's is measured against the wall clock and subtracted (common.ts).
 */
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import type { DemoStack } from '../../test/e2e/support/stack';
import { percentile, type Figure } from '../harness';
import {
  clockOffset,
  defineNameHelper,
  loadNote,
  median,
  rng,
  sidebarFrame,
  sortedCopy,
  until,
  type BenchOutcome,
} from './common';

export interface KeystrokeOptions {
  stack: DemoStack;
  /** A context with the extension, signed in as the deal's owner. */
  extensionContext: BrowserContext;
  /** The same Chromium without the extension. */
  plainContext: BrowserContext;
  /** The deal's record id in the demo CRM. */
  crmId: string;
  keystrokes?: number;
  warmup?: number;
  /** Names a comparison build in the figures (`….before`); '' for the build under test. */
  label?: string;
}

interface Stamp {
  t: number;
  text: string | null;
}

/** What the page records: each keydown (key, timeStamp) and each input event. */
interface PageProbe {
  keys: Array<{ key: string; t: number }>;
  inputs: number[];
  pill: Stamp[];
}

interface SidebarProbe {
  amounts: Stamp[];
  pays: Stamp[];
}

type ProbeWindow = typeof globalThis & { __benchProbe: PageProbe };
type SidebarWindow = typeof globalThis & { __benchSidebar: SidebarProbe };

/**
 * The keys: the amount starts at `12` and is edited at its end, the way a rep corrects an
 * amount: a seeded walk of digits and Backspaces between two and six digits (12 → 12d → 12dd
 * → 12d → 12dd…), so every keystroke changes the amount and amounts swing across tiers.
 */
export function keySequence(count: number, seed = 8): string[] {
  const random = rng(seed);
  const keys: string[] = [];
  let text = '12';
  while (keys.length < count) {
    const erase = text.length >= 6 || (text.length > 2 && random() < 0.45);
    if (erase) {
      keys.push('Backspace');
      text = text.slice(0, -1);
    } else {
      const digit = String(Math.floor(random() * 10));
      keys.push(digit);
      text += digit;
    }
  }
  return keys;
}

/** The amount in the input after each key, from `12`. */
export function amountsAfter(keys: readonly string[], start = '12'): number[] {
  let text = start;
  return keys.map((k) => {
    text = k === 'Backspace' ? text.slice(0, -1) : text + k;
    return Number(text);
  });
}

const centsOf = (text: string | null | undefined): number | null => {
  const digits = (text ?? '').replace(/[^0-9]/g, '');
  return digits ? Number(digits) : null;
};

async function openEditModal(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await defineNameHelper(page);
  const input = page.locator('input[name="Amount"]');
  await input.waitFor({ state: 'visible' });
  await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('12');
}

async function installPageProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: PageProbe = { keys: [], inputs: [], pill: [] };
    (globalThis as ProbeWindow).__benchProbe = probe;
    addEventListener(
      'keydown',
      (e) => probe.keys.push({ key: e.key, t: performance.timeOrigin + e.timeStamp }),
      true,
    );
    addEventListener(
      'input',
      () => probe.inputs.push(performance.timeOrigin + performance.now()),
      true,
    );
  });
}

/** Observes the overlay's closed shadow root from the page's main world (via CDP). */
async function installPillProbe(page: Page, cdp: CDPSession): Promise<boolean> {
  interface Node {
    nodeId: number;
    backendNodeId: number;
    nodeName: string;
    children?: Node[];
    shadowRoots?: Array<Node & { shadowRootType?: string }>;
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: 2, pierce: true })) as {
    root: Node;
  };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const shadow = html?.children
    ?.flatMap((n) => n.shadowRoots ?? [])
    .find((s) => s.shadowRootType === 'closed');
  if (!shadow) return false;
  const { object } = (await cdp.send('DOM.resolveNode', {
    backendNodeId: shadow.backendNodeId,
  })) as { object: { objectId?: string } };
  if (!object.objectId) return false;
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: `function () {
      const root = this;
      const probe = globalThis.__benchProbe;
      const read = () => {
        const pill = root.querySelector('span.s');
        return pill && !pill.hidden ? pill.textContent : null;
      };
      let last = read();
      new MutationObserver(() => {
        const text = read();
        if (text === last) return;
        last = text;
        probe.pill.push({ t: performance.timeOrigin + performance.now(), text });
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    }`,
  });
  await page.evaluate(() => (globalThis as ProbeWindow).__benchProbe.pill.length);
  return true;
}

async function installSidebarProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const probe: SidebarProbe = { amounts: [], pays: [] };
    (globalThis as SidebarWindow).__benchSidebar = probe;
    const amountText = () =>
      document.querySelector('.deal .values dd')?.firstChild?.textContent ?? null;
    const paysText = () =>
      document.querySelector('.deal .estimate .big-figure')?.textContent ?? null;
    let amount = amountText();
    let pays = paysText();
    new MutationObserver(() => {
      const t = performance.timeOrigin + performance.now();
      const a = amountText();
      const p = paysText();
      if (a !== amount) probe.amounts.push({ t, text: (amount = a) });
      if (p !== pays) probe.pays.push({ t, text: (pays = p) });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Resolves once the sidebar shows `cents` as the amount used (or after 5 s). */
async function waitForSidebarAmount(frame: Frame, cents: number): Promise<boolean> {
  return frame.evaluate(
    (expected) =>
      new Promise<boolean>((resolve) => {
        const read = () =>
          Number(
            (document.querySelector('.deal .values dd')?.firstChild?.textContent ?? '').replace(
              /[^0-9]/g,
              '',
            ),
          );
        if (read() === expected) return resolve(true);
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve(false);
        }, 5_000);
        const observer = new MutationObserver(() => {
          if (read() !== expected) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve(true);
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    cents,
  );
}

async function waitForPill(page: Page, text: string): Promise<boolean> {
  try {
    await until(
      'the status pill',
      async () =>
        (await page.evaluate(
          (t) => (globalThis as ProbeWindow).__benchProbe.pill.some((p) => p.text?.includes(t)),
          text,
        ))
          ? true
          : undefined,
      1_000,
      5,
    );
    return true;
  } catch {
    return false;
  }
}

/** keydown → input in a page without the extension (the baseline). */
async function baselineRun(page: Page, url: string, keys: readonly string[]): Promise<number[]> {
  await openEditModal(page, url);
  await installPageProbe(page);
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  const probe = await page.evaluate(() => (globalThis as ProbeWindow).__benchProbe);
  if (probe.keys.length !== keys.length || probe.inputs.length !== keys.length) {
    throw new Error(
      `baseline: ${keys.length} keys typed, ${probe.keys.length} keydowns and ${probe.inputs.length} input events seen`,
    );
  }
  return probe.keys.map((k, i) => probe.inputs[i]! - k.t);
}

export async function keystrokeBench(options: KeystrokeOptions): Promise<BenchOutcome> {
  const count = options.keystrokes ?? 200;
  const warmup = options.warmup ?? 10;
  const keys = keySequence(warmup + count);
  const amounts = amountsAfter(keys);
  const url = options.stack.demo.recordUrl(options.crmId, 'edit');
  const notes: string[] = [];
  const label = options.label ? `.${options.label}` : '';

  // The extension: the sidebar on This deal, probes in the page, the pill and the sidebar.
  const page = await options.extensionContext.newPage();
  const cdp = await options.extensionContext.newCDPSession(page);
  await openEditModal(page, url);
  const frame = await sidebarFrame(page);
  await defineNameHelper(frame);
  await frame.locator('[data-view="deal"]').click({ timeout: 15_000 });
  if (!(await waitForSidebarAmount(frame, 1200))) {
    throw new Error('the sidebar never showed the deal estimate for the amount 12');
  }
  // Clicking the tab focused the sidebar: back to the end of the amount.
  await page.locator('input[name="Amount"]').click();
  await page.keyboard.press('End');
  await installPageProbe(page);
  const pillObserved = await installPillProbe(page, cdp);
  if (!pillObserved) notes.push('keystroke: the overlay shadow root was not found; no pill figure');
  await installSidebarProbe(frame);

  let pillsAwaited = 0;
  let lastPays: string | null = null;
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]!);
    if (!(await waitForSidebarAmount(frame, Math.round(amounts[i]! * 100)))) {
      throw new Error(`keystroke ${i} (${keys[i]} → ${amounts[i]}): the sidebar never updated`);
    }
    const pays = await frame.evaluate(
      () => document.querySelector('.deal .estimate .big-figure')?.textContent ?? null,
    );
    if (pillObserved && pays && pays !== lastPays) {
      if (await waitForPill(page, pays)) pillsAwaited++;
    }
    lastPays = pays;
  }

  const probe = await page.evaluate(() => (globalThis as ProbeWindow).__benchProbe);
  const sidebar = await frame.evaluate(() => (globalThis as SidebarWindow).__benchSidebar);
  // Both clocks against the wall clock, after the run (the run itself is not disturbed).
  const skew = (await clockOffset(page)) - (await clockOffset(frame));
  const toPage = (t: number) => t + skew;
  notes.push(`keystroke: sidebar clock skew vs page ${skew.toFixed(3)} ms (corrected)`);
  if (probe.keys.length !== keys.length) {
    throw new Error(`${keys.length} keys typed but ${probe.keys.length} keydowns seen`);
  }

  const estimate: number[] = [];
  const pill: number[] = [];
  const inputWithExtension: number[] = [];
  let pays: string | null = null;
  for (let i = 0; i < keys.length; i++) {
    const down = probe.keys[i]!.t;
    const next = probe.keys[i + 1]?.t ?? Number.POSITIVE_INFINITY;
    const cents = Math.round(amounts[i]! * 100);
    const shown = sidebar.amounts.find((s) => toPage(s.t) >= down && centsOf(s.text) === cents);
    const paysNow: string | null =
      [...sidebar.pays].reverse().find((s) => shown && s.t <= shown.t)?.text ?? pays;
    const input = probe.inputs.find((t) => t >= down && t < next);
    if (i >= warmup) {
      if (!shown) throw new Error(`keystroke ${i}: no sidebar update recorded`);
      estimate.push(toPage(shown.t) - down);
      if (input !== undefined) inputWithExtension.push(input - down);
      if (paysNow !== pays && paysNow) {
        const pilled = probe.pill.find((p) => p.t >= down && p.text?.includes(paysNow));
        if (pilled) pill.push(pilled.t - down);
      }
    }
    pays = paysNow;
  }
  await page.close();

  // The baseline: the same keys on the same page in the plain browser.
  const plainPage = await options.plainContext.newPage();
  const baseline = (await baselineRun(plainPage, url, keys)).slice(warmup);
  await plainPage.close();

  const est = sortedCopy(estimate);
  const base = sortedCopy(baseline);
  const pills = sortedCopy(pill);
  notes.push(
    `keystroke${options.label ? ` (${options.label})` : ''}: ${estimate.length} keystrokes after ${warmup} warm-up; pill changed on ${pill.length} (awaited ${pillsAwaited}); with the extension keydown→input p50 ${median(inputWithExtension).toFixed(2)} ms; ${loadNote()}`,
  );
  const baseP50 = { name: 'plain keydown→input p50', value: percentile(base, 50), unit: 'ms' };
  const baseP95 = { name: 'plain keydown→input p95', value: percentile(base, 95), unit: 'ms' };
  const figures: Figure[] = [
    {
      name: `browser.keystroke_estimate_p50_ms${label}`,
      value: percentile(est, 50),
      unit: 'ms',
      baseline: baseP50,
    },
    {
      name: `browser.keystroke_estimate_p95_ms${label}`,
      value: percentile(est, 95),
      unit: 'ms',
      baseline: baseP95,
      budget: '≤ 16 ms',
    },
  ];
  if (pills.length > 0) {
    figures.push(
      {
        name: `browser.keystroke_pill_p50_ms${label}`,
        value: percentile(pills, 50),
        unit: 'ms',
        baseline: baseP50,
      },
      {
        name: `browser.keystroke_pill_p95_ms${label}`,
        value: percentile(pills, 95),
        unit: 'ms',
        baseline: baseP95,
      },
    );
  }
  return { figures, notes };
}
