import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { CrmDeal } from '../../../demo/records/deal';
import { SYNC_SCHEMA_VERSION, type Deal, type Statement } from '../../../lib/domain';
import { copyExtension, ensureExtensionBuilt, ROOT } from './extension';
import { readOverlayDom, waitForSidebarFrame } from './overlay-helpers';
import { DEMO_PASSWORD } from './stack';

/**
 * Helpers for the end-to-end journeys (test/e2e/journey-*.test.ts): the sidebar as a user
 * sees it, the Attain server's HTTP API as the oracle, screenshots of each journey's end.
 */

export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts/e2e');

/** How long a journey waits for the sidebar to show something (sync, render). */
export const UI_TIMEOUT = 20_000;

/** Saves a screenshot of the page (with the overlay) as test-artifacts/e2e/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A private copy of the built extension for one test file (another process may rebuild
 * `.output` meanwhile); the global setup has rebuilt it if stale. `dispose()` deletes it.
 */
export function journeyExtension(prefix: string): { dir: string; dispose(): void } {
  ensureExtensionBuilt({ ifMissing: true });
  const dir = copyExtension(prefix);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The sidebar iframe on a CRM page, once the workbench has painted its activity bar. */
export async function openSidebar(page: Page): Promise<Frame> {
  const frame = await waitForSidebarFrame(page, UI_TIMEOUT);
  await frame.locator('.activity-bar').waitFor({ timeout: UI_TIMEOUT });
  return frame;
}

/** Shows a view of the workbench through its activity-bar tab (`deal`, `notes`, `pulse`…). */
export async function showView(frame: Frame, viewId: string): Promise<void> {
  const tab = frame.locator(`.activity-bar button[data-view="${viewId}"]`);
  await tab.waitFor({ timeout: UI_TIMEOUT });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await frame
    .locator(`.activity-bar button[data-view="${viewId}"][aria-selected="true"]`)
    .waitFor({ timeout: UI_TIMEOUT });
}

/** A locator's text, trimmed; '' when it is not there. */
export async function textOf(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return '';
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Reads `read()` until `accept` holds (every 50 ms, up to `timeout`) and returns that value; fails
 * with the last value read. Unlike expect.poll it also works in hooks.
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeout = UI_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      failure = undefined;
      if (accept(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}; last: ${
          failure !== undefined ? String(failure) : JSON.stringify(last)
        }`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the locator's (whitespace-normalised) text is `expected` (or matches it). */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeout = UI_TIMEOUT,
): Promise<string> {
  return waitFor(
    `${String(locator)} to read ${String(expected)}`,
    () => textOf(locator),
    (text) => (typeof expected === 'string' ? text === expected : expected.test(text)),
    timeout,
  );
}

/** The sidebar's status-bar sync item ("Synced now", "1 change waiting to sync", "Offline"…). */
export function syncItem(frame: Frame): Locator {
  return frame.locator('.status-bar .status-left .status-item').first();
}

/** The status pill's text, read from the overlay's closed shadow root (the page cannot). */
export async function pillText(page: Page): Promise<string> {
  const dom = await readOverlayDom(page);
  const pill = dom.node('s');
  return pill ? dom.text(pill).trim() : '';
}

export async function expectPill(page: Page, expected: string, timeout = UI_TIMEOUT) {
  return waitFor(
    `the pill to read "${expected}"`,
    () => pillText(page),
    (t) => t === expected,
    timeout,
  );
}

/**
 * Opens the demo CRM's edit modal from the record page's Edit button. The overlay covers the
 * right edge of the page, where Lightning puts that button, so it is reached with the keyboard
 * (as a user would when the sidebar is open).
 */
export async function openEditModal(page: Page): Promise<Locator> {
  const edit = page.locator('.oneContent.active button[name="Edit"]').first();
  await edit.focus();
  await page.keyboard.press('Enter');
  const amount = page.locator('.modal-container input[name="Amount"]');
  await amount.waitFor({ timeout: UI_TIMEOUT });
  return amount;
}

// Formatting as the sidebar does in en-US (components/i18n/format.ts: Intl, 2 digits for USD).
const moneyFormats = new Map<string, Intl.NumberFormat>();
export function money(amount: number, currency = 'USD', options: { signed?: boolean } = {}) {
  const key = `${currency}|${options.signed === true}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: options.signed ? 'exceptZero' : 'auto',
    });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

export function percent(fraction: number, maxDigits = 1): string {
  return new Intl.NumberFormat('en-US', {
    style: 'percent',
    maximumFractionDigits: maxDigits,
  }).format(fraction);
}

/** The first day of the calendar quarter containing `day` (YYYY-MM-DD). */
export function quarterStart(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

/** The Attain server's HTTP API, signed in as one user (docs/api.md). */
export class AttainApi {
  private readonly clientId = randomUUID();
  private seq = 0;

  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly user: { id: string; email: string; name: string; role: string },
  ) {}

  static async login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<AttainApi> {
    const response = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as {
      token: string;
      user: { id: string; email: string; name: string; role: string };
    };
    if (!response.ok) throw new ApiFailure(response.status, body, `login ${email}`);
    return new AttainApi(baseUrl, body.token, body.user);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) throw new ApiFailure(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Pushes one mutation as this API client would (a sync client of its own). */
  async mutate(name: string, args: unknown): Promise<{ status: string; error?: unknown }> {
    const seq = ++this.seq;
    const answer = await this.post<{ results: { seq: number; status: string; error?: unknown }[] }>(
      '/v1/sync/push',
      {
        clientId: this.clientId,
        schemaVersion: SYNC_SCHEMA_VERSION,
        mutations: [{ seq, name, args }],
      },
    );
    const result = answer.results.find((r) => r.seq === seq);
    if (!result) throw new Error(`push of ${name}: no result for seq ${seq}`);
    return result;
  }
}

/** What the server's statement says a deal adds once won, at one amount. */
export interface ServerEstimate {
  /** The statement's total with the deal won at that amount, minus without it (cents). */
  pays: number;
  /** Attainment and tier with the deal won. */
  attainment: number | null;
  tier: number | null;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * The server as the oracle of a deal's estimate: for each amount, the deal is imported as won
 * with that amount (admin deal import), the rep's statement for the deal's period is read, and
 * at the end the deal is imported back as it was. Run it before a browser syncs the rep's
 * data. `before` is the period's statement with the deal as it is (open).
 */
export async function serverEstimates(
  admin: AttainApi,
  rep: AttainApi,
  deal: Deal,
  amounts: readonly number[],
): Promise<{ before: Statement; estimates: Map<number, ServerEstimate> }> {
  const statementPath = `/v1/reps/${rep.user.id}/statement?period=${deal.closeDate}`;
  const { statement: before } = await rep.get<{ statement: Statement }>(statementPath);
  const { reversedOn: _reversed, ...open } = deal;
  const estimates = new Map<number, ServerEstimate>();
  try {
    for (const amount of amounts) {
      if (estimates.has(amount)) continue;
      await admin.post('/v1/admin/deals/import?format=json', {
        deals: [{ ...open, amount, isClosed: true, isWon: true, stage: 'Closed Won' }],
      });
      const { statement: after } = await rep.get<{ statement: Statement }>(statementPath);
      estimates.set(amount, {
        pays: cents(after.total - before.total),
        attainment: after.attainment,
        tier: after.tier,
      });
    }
  } finally {
    await admin.post('/v1/admin/deals/import?format=json', { deals: [deal] });
  }
  const { statement: restored } = await rep.get<{ statement: Statement }>(statementPath);
  if (restored.total !== before.total) throw new Error('the deal was not put back as it was');
  return { before, estimates };
}

/**
 * The rep's open deals closing in [from, to], wholly theirs, in `currency`, named as text (the
 * demo's markup-named record is left out), closing soonest first.
 */
export function plainOpenDeals(
  deals: readonly CrmDeal[],
  repId: string,
  currency: string,
  from: string,
  to: string,
): CrmDeal[] {
  return deals
    .filter(
      (d) =>
        d.ownerId === repId &&
        !d.isClosed &&
        d.currency === currency &&
        !(d as { splits?: unknown[] }).splits?.length &&
        d.closeDate >= from &&
        d.closeDate <= to &&
        !d.name.includes('<'),
    )
    .sort((a, b) => a.closeDate.localeCompare(b.closeDate) || a.id.localeCompare(b.id));
}
