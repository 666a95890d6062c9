/**
 * The sidebar page's first module (main.tsx imports it before anything else): it starts the
 * I/O the first paint waits for (the stored preferences and remembered view, the IndexedDB
 * reads of My numbers) while the rest of the page's scripts load and evaluate. It imports no
 * zod schema, no React DOM and no view.
 */
import { browser } from 'wxt/browser';
import type { Preferences } from '../../components/data-contract/types';
import { createLazyPageClient } from '../../components/data/lazy-client';
import { prefetchFirstView } from '../../components/data/prefetch';
import { parsePreferences, PREFERENCES_KEY } from '../../components/data/preferences';
import { createAttainQueryClient, type DataServices } from '../../components/data/services';
import { AttainDatabase } from '../../lib/db/database';
import { createBrowserApi, type WebExtensionLike } from '../../lib/messaging/browser-api';
import { firstPaint } from './first-paint';

/** Where the view the user last had open is remembered (extension storage, like the preferences). */
export const ACTIVE_VIEW_KEY = 'attain:activeView';

export const api = createBrowserApi(browser as unknown as WebExtensionLike);

export const queryClient = createAttainQueryClient();

export const services: DataServices = {
  db: new AttainDatabase(),
  // The message protocol (and its schemas) after the first paint; every answer and event is
  // still validated (components/data/lazy-client.ts).
  client: createLazyPageClient(api, () =>
    firstPaint.then(() => import('../../lib/messaging/client')),
  ),
  api,
  now: () => new Date(),
  afterFirstPaint: firstPaint,
};

/**
 * What the first render needs from extension storage (the same asynchronous source the
 * preferences always came from): the preferences, for the theme and the language, and the view
 * the user last had open. No synchronous storage is read on the way to the first paint.
 */
export const stored: Promise<{ preferences: Preferences; activeView: string | null }> = Promise.all(
  [api.local.get(PREFERENCES_KEY), api.local.get(ACTIVE_VIEW_KEY)],
).then(
  ([preferences, view]) => ({
    preferences: parsePreferences(preferences),
    activeView: typeof view === 'string' ? view : null,
  }),
  () => ({ preferences: parsePreferences(undefined), activeView: null }),
);

// The first `Intl` formatter of a page loads ICU's locale data (tens of ms), and the first
// date formatter its calendar and time zone data (as much again): started in tasks of their
// own, they can run while the page waits for its scripts and reads rather than inside the first
// render, which formats every figure and My numbers' period (a date range).
setTimeout(() => {
  try {
    new Intl.NumberFormat(navigator.language).format(0);
  } catch {
    // An odd browser language: the first render resolves the locale properly.
  }
}, 0);
setTimeout(() => {
  try {
    new Intl.DateTimeFormat(navigator.language, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).formatRange(0, 1);
  } catch {
    // As above.
  }
}, 0);

/** My numbers' reads, under way from here (settled, never rejected: a failed read is re-read by its hook). */
export const prefetched: Promise<void> = prefetchFirstView(queryClient, services).catch(
  () => undefined,
);
