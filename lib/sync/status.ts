import type { AttainDatabase } from '../db';

/**
 * The one state to show, most urgent first: `signedOut` (sign in again), `stopped` (update
 * the extension), `offline`, `error` (retrying; `error.message` says why), `rejected`
 * (changes the server refused, shown until dismissed), `pending` (changes waiting to
 * sync), `synced` (at `lastSyncedAt`; null when never).
 */
export type SyncState =
  'synced' | 'pending' | 'offline' | 'error' | 'rejected' | 'signedOut' | 'stopped';

/** The facts about sync, and the state derived from them. */
export interface SyncStatus {
  state: SyncState;
  /** A session token exists. */
  signedIn: boolean;
  /** The server the local data comes from (null before the first sign-in). */
  serverUrl: string | null;
  /** The browser's online flag as the reader saw it. */
  online: boolean;
  /** A sync run is in progress (only the background knows; false elsewhere). */
  syncing: boolean;
  /** When the last sync succeeded, null before the first one. */
  lastSyncedAt: string | null;
  /** Mutations not yet acknowledged by the server. */
  pending: number;
  /** Rejected mutations the user has not dismissed. */
  rejected: number;
  /** Why the last attempt failed (cleared by a success). */
  error: { code: string; message: string; at: string } | null;
  /** Sync stopped until the extension is updated (schema mismatch). */
  stopped: { reason: string } | null;
  /** When the next automatic attempt is due after a failure. */
  nextRetryAt: string | null;
}

export interface StatusContext {
  online: boolean;
  syncing?: boolean;
}

type Facts = Omit<SyncStatus, 'state'>;

export function deriveSyncState(f: Facts): SyncState {
  if (!f.signedIn) return 'signedOut';
  if (f.stopped) return 'stopped';
  if (!f.online) return 'offline';
  if (f.error) return f.error.code === 'offline' ? 'offline' : 'error';
  if (f.rejected > 0) return 'rejected';
  if (f.pending > 0) return 'pending';
  return 'synced';
}

/**
 * The status from what IndexedDB holds (plus the browser's online flag): any extension
 * page can compute it without asking the background.
 */
export async function readSyncStatus(db: AttainDatabase, ctx: StatusContext): Promise<SyncStatus> {
  const [account, lastSync, retry, stopped, pending, rejected] = await db.transaction(
    'r',
    [db.meta, db.outbox, db.rejections],
    () =>
      Promise.all([
        db.meta.get('account'),
        db.meta.get('lastSync'),
        db.meta.get('retry'),
        db.meta.get('stopped'),
        db.outbox.count(),
        db.rejections.count(),
      ]),
  );
  const acc = account?.key === 'account' ? account : undefined;
  const last = lastSync?.key === 'lastSync' ? lastSync : undefined;
  const facts: Facts = {
    signedIn: acc?.signedIn ?? false,
    serverUrl: acc?.serverUrl ?? null,
    online: ctx.online,
    syncing: ctx.syncing ?? false,
    lastSyncedAt: last?.lastOkAt ?? null,
    pending,
    rejected,
    error:
      last && !last.ok
        ? {
            code: last.offline ? 'offline' : (last.error?.code ?? 'unknown'),
            message: last.error?.message ?? 'Sync failed.',
            at: last.at,
          }
        : null,
    stopped: stopped?.key === 'stopped' ? { reason: stopped.reason } : null,
    nextRetryAt:
      retry?.key === 'retry' && last && !last.ok ? new Date(retry.notBefore).toISOString() : null,
  };
  return { state: deriveSyncState(facts), ...facts };
}
