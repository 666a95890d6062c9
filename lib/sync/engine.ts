import { z } from 'zod';
import {
  mutationResultSchema,
  SYNC_SCHEMA_VERSION,
  type EntityName,
  type PushRequest,
} from '../domain';
import {
  MetaRepository,
  OutboxRepository,
  StorageFullError,
  type AttainDatabase,
  type LastSyncMetaRow,
  type SyncMetaRow,
} from '../db';
import { AbortedError, ApiClient, ApiError, NetworkError, ProtocolError } from './api-client';
import {
  applyPullPage,
  applyPushResponse,
  renumberOutbox,
  validatePullPage,
  type ValidatedPullPage,
} from './apply';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { SYNC_LOCK_NAME, type LockFn } from './locks';
import type { SessionStore } from './session';
import { readSyncStatus, type SyncStatus } from './status';

/** Why a sync was asked for. `user` ("Sync now") skips the backoff wait, not a server's Retry-After. */
export type SyncTrigger =
  'local-write' | 'sidebar-opened' | 'online' | 'alarm' | 'startup' | 'retry' | 'user';

export type SyncOutcome =
  | { outcome: 'synced' }
  | { outcome: 'signedOut' }
  | { outcome: 'stopped'; reason: string }
  | { outcome: 'offline' }
  | { outcome: 'waiting'; retryAt: number }
  | { outcome: 'error'; code: string; message: string; retryAt: number }
  | { outcome: 'busy' }
  | { outcome: 'killed' };

export interface SyncEngineOptions {
  db: AttainDatabase;
  sessions: SessionStore;
  /** One runner at a time: `webLock(navigator.locks)` in the extension. */
  lock: LockFn;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  now?: () => number;
  random?: () => number;
  isOnline?: () => boolean;
  /** Asked to call `sync('retry')` at (or after) this epoch-ms time. */
  schedule?: (atMs: number) => void;
  onStatus?: (status: SyncStatus) => void;
  onDataChanged?: (entities: EntityName[]) => void;
  /** Mutations per push (the protocol allows 500). */
  batchSize?: number;
  /** Bytes of mutation arguments per push (the server's body limit is 1 MiB). */
  maxBatchBytes?: number;
  /** Changes per pull page (the server allows 1–5,000). */
  pageLimit?: number;
  /**
   * Changes per pull page during a full resync (a first sync): tens of thousands of changes,
   * so fewer, larger pages (one request and one transaction each). Defaults to `pageLimit`
   * when only that is given, else to `DEFAULT_RESYNC_PAGE_LIMIT`.
   */
  resyncPageLimit?: number;
  /** HTTP round trips per run before the run yields (and asks to continue). */
  maxStepsPerRun?: number;
  backoff?: BackoffPolicy;
  log?: (message: string) => void;
}

const gapDetailsSchema = z.object({
  lastMutationSeq: z.number().int().min(0),
  results: z.array(mutationResultSchema).default([]),
});

/** Changes per pull page when catching up (a few pages at most). */
export const DEFAULT_PAGE_LIMIT = 500;
/**
 * Changes per pull page during a full resync. The server's per-change cost is about the same
 * from 500 to 2,000 changes a page and grows past that (docs/performance.md, first sync); a
 * page of 2,000 deals is ~1 MB of JSON.
 */
export const DEFAULT_RESYNC_PAGE_LIMIT = 2000;

/**
 * A pull page asked for: its answer, validated as soon as it arrives, and settled without
 * ever rejecting (it may be waited for only after the page before it is written).
 */
interface PageInFlight {
  answer: Promise<{ ok: true; page: ValidatedPullPage } | { ok: false; error: unknown }>;
  abort: AbortController;
}

const SCHEMA_MISMATCH_CODES = new Set(['schema_mismatch', 'unsupported_schema_version']);

function isSchemaMismatch(error: ApiError): boolean {
  return SCHEMA_MISMATCH_CODES.has(error.code) || error.status === 426;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  if (error instanceof NetworkError) {
    return { code: error.kind === 'timeout' ? 'timeout' : 'network', message: error.message };
  }
  if (error instanceof StorageFullError) return { code: error.code, message: error.message };
  if (error instanceof ProtocolError) return { code: 'invalid_response', message: error.message };
  return {
    code: 'internal',
    message: `Sync failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/**
 * The client side of the sync protocol. Runs only in the background, one runner at a time
 * (`lock`), in short steps: one HTTP request, then one IndexedDB transaction. Everything it
 * needs to resume lives in IndexedDB, so a service worker killed between any two steps
 * starts again where it was: `kill()` and a new engine on the same database is exactly that.
 */
export class SyncEngine {
  private readonly db: AttainDatabase;
  private readonly meta: MetaRepository;
  private readonly outbox: OutboxRepository;
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly isOnline: () => boolean;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly pageLimit: number;
  private readonly resyncPageLimit: number;
  private readonly maxSteps: number;
  private readonly backoff: BackoffPolicy;
  private readonly log: (message: string) => void;
  private dirty = false;
  private running = false;
  private forced = false;
  private lastPublished = '';

  constructor(private readonly options: SyncEngineOptions) {
    this.db = options.db;
    this.meta = new MetaRepository(options.db);
    this.outbox = new OutboxRepository(options.db);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.isOnline = options.isOnline ?? (() => true);
    this.batchSize = options.batchSize ?? 100;
    this.maxBatchBytes = options.maxBatchBytes ?? 256 * 1024;
    this.pageLimit = options.pageLimit ?? DEFAULT_PAGE_LIMIT;
    this.resyncPageLimit =
      options.resyncPageLimit ?? options.pageLimit ?? DEFAULT_RESYNC_PAGE_LIMIT;
    this.maxSteps = options.maxStepsPerRun ?? 40;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.log ?? ((m) => console.info(`[attain sync] ${m}`));
  }

  get killed(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * Throws the engine away (what a dying service worker does): requests in flight are
   * aborted and nothing more is written. A new engine resumes from the database.
   */
  kill(): void {
    this.abort.abort();
  }

  /** The status as IndexedDB holds it. */
  status(): Promise<SyncStatus> {
    return readSyncStatus(this.db, { online: this.isOnline(), syncing: this.running });
  }

  /** Publishes the status if it changed since the last publication. */
  async publishStatus(): Promise<SyncStatus> {
    const status = await this.status();
    const json = JSON.stringify(status);
    if (json !== this.lastPublished) {
      this.lastPublished = json;
      this.options.onStatus?.(status);
    }
    return status;
  }

  /**
   * Runs sync now, or marks it wanted if a run is in progress (that run goes round again).
   * Resolves with how the last round ended.
   */
  async sync(trigger: SyncTrigger): Promise<SyncOutcome> {
    if (this.killed) return { outcome: 'killed' };
    this.dirty = true;
    if (trigger === 'user') this.forced = true;
    const held = await this.options.lock(SYNC_LOCK_NAME, async () => {
      this.running = true;
      await this.publishStatus().catch(() => undefined);
      let last: SyncOutcome = { outcome: 'synced' };
      try {
        for (let round = 0; this.dirty && round < 5 && !this.killed; round++) {
          this.dirty = false;
          const force = this.forced;
          this.forced = false;
          last = await this.runOnce(force);
          if (last.outcome !== 'synced') break;
          // Mutations written during the run are pushed in another round.
          if (await this.hasUnpushed()) this.dirty = true;
        }
        if (this.dirty && last.outcome === 'synced' && !this.killed) {
          this.options.schedule?.(this.now());
        }
        return last;
      } finally {
        this.running = false;
      }
    });
    if (!held.acquired) return { outcome: 'busy' };
    if (!this.killed) await this.publishStatus().catch(() => undefined);
    return held.value;
  }

  private assertAlive(): void {
    if (this.killed) throw new AbortedError();
  }

  private async hasUnpushed(): Promise<boolean> {
    const sync = await this.meta.sync();
    return (await this.db.outbox.where('seq').above(sync.lastMutationSeq).count()) > 0;
  }

  private async runOnce(force: boolean): Promise<SyncOutcome> {
    const session = await this.options.sessions.load();
    if (!session) {
      await this.markSignedOut(null);
      return { outcome: 'signedOut' };
    }
    const stopped = await this.meta.get('stopped');
    if (stopped) {
      if (stopped.schemaVersion === SYNC_SCHEMA_VERSION && !force) {
        return { outcome: 'stopped', reason: stopped.reason };
      }
      await this.meta.delete('stopped');
    }
    const retry = await this.meta.get('retry');
    if (retry && this.now() < retry.notBefore && (!force || retry.serverAsked)) {
      this.options.schedule?.(retry.notBefore);
      return { outcome: 'waiting', retryAt: retry.notBefore };
    }
    if (!this.isOnline()) return { outcome: 'offline' };

    const api = new ApiClient({
      baseUrl: session.serverUrl,
      token: session.token,
      signal: this.abort.signal,
      now: this.now,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    try {
      const clientId = await this.meta.clientId();
      await this.checkLocalSchema();
      let steps = 0;
      let gaps = 0;
      for (;;) {
        this.assertAlive();
        const pushed = await this.pushStep(api, clientId);
        if (pushed === 'done') break;
        if (pushed === 'gap' && ++gaps > 3) {
          throw new ProtocolError('The server keeps reporting a gap in this client’s changes.');
        }
        if (++steps >= this.maxSteps) return this.yieldRun();
      }
      const pulled = await this.pullPages(api, clientId, this.maxSteps - steps);
      if (pulled === 'more') return this.yieldRun();
      this.assertAlive();
      await this.recordSuccess();
      return { outcome: 'synced' };
    } catch (error) {
      return this.recordFailure(error);
    }
  }

  /** The run used its step budget: it ends here and asks to be run again at once. */
  private yieldRun(): SyncOutcome {
    this.dirty = true;
    return { outcome: 'synced' };
  }

  /** Data pulled with another sync schema version is pulled again from scratch. */
  private async checkLocalSchema(): Promise<void> {
    const sync = await this.meta.get('sync');
    if (sync && sync.schemaVersion !== SYNC_SCHEMA_VERSION) {
      this.log(`local data is from sync schema ${sync.schemaVersion}: pulling everything again`);
      await this.meta.put({ ...sync, cursor: 0, schemaVersion: SYNC_SCHEMA_VERSION });
    }
  }

  /** One push request and its transaction. */
  private async pushStep(api: ApiClient, clientId: string): Promise<'more' | 'gap' | 'done'> {
    const sync = await this.meta.sync();
    const batch = await this.outbox.nextBatch(
      this.batchSize,
      this.maxBatchBytes,
      sync.lastMutationSeq,
    );
    if (batch.length === 0) return 'done';
    const request: PushRequest = {
      clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: batch.map((r) => ({ seq: r.seq, name: r.name, args: r.args })),
    };
    try {
      const response = await api.push(request);
      this.assertAlive();
      const applied = await applyPushResponse(
        this.db,
        response,
        new Date(this.now()).toISOString(),
      );
      if (applied.rejected > 0) this.log(`${applied.rejected} change(s) rejected by the server`);
      return 'more';
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'mutation_gap') throw error;
      const details = gapDetailsSchema.safeParse(error.details);
      if (!details.success) throw error;
      this.assertAlive();
      const now = new Date(this.now()).toISOString();
      if (details.data.results.length > 0) {
        await applyPushResponse(this.db, details.data, now);
      }
      const renumbered = await renumberOutbox(this.db, details.data.lastMutationSeq);
      this.log(
        `the server's last change from this client is ${details.data.lastMutationSeq}: ${renumbered} queued change(s) renumbered after it`,
      );
      return 'gap';
    }
  }

  /**
   * Asks for one pull page. The answer is kept settled (never a rejected promise left
   * unobserved) because it may be waited for only after the page before it is applied.
   */
  private askPage(
    api: ApiClient,
    clientId: string,
    cursor: number,
    rejectionsAfter: number,
    resync: boolean,
  ): PageInFlight {
    const abort = new AbortController();
    const answer = api
      .pull(
        {
          clientId,
          cursor,
          schemaVersion: SYNC_SCHEMA_VERSION,
          limit: resync ? this.resyncPageLimit : this.pageLimit,
          rejectionsAfter,
        },
        abort.signal,
      )
      // Validated on arrival: while the page before it is being written, IndexedDB works
      // in the browser process and this thread is free.
      .then((page) => ({ ok: true as const, page: validatePullPage(page) }))
      .catch((error: unknown) => ({ ok: false as const, error }));
    return { answer, abort };
  }

  /**
   * Pull pages until `hasMore` is false ('done') or `budget` requests were made ('more'),
   * each page applied in its own transaction with its cursor, in the server's order.
   *
   * Pipelined: page N's answer carries the cursor page N+1 is asked with, so page N+1 is
   * asked for as soon as page N arrives and travels while page N is written. It is applied
   * only after page N's transaction committed, and only if the stored cursor is then page
   * N's (`applyPullPage` checks it). Nothing of a page is stored before the pages before it,
   * so a worker that dies anywhere resumes from the last stored cursor exactly as without
   * pipelining: the page that was in flight is asked for again. A page that will not be
   * applied (page N failed, another runner moved the cursor) is aborted and dropped.
   */
  private async pullPages(
    api: ApiClient,
    clientId: string,
    budget: number,
  ): Promise<'done' | 'more'> {
    const sync: SyncMetaRow = await this.meta.sync();
    const lowest = await this.db.outbox.orderBy('seq').first();
    // Rejections of every mutation still held, even one the server acknowledged as a
    // duplicate (the answer with its outcome was lost).
    const rejectionsAfter = Math.max(
      0,
      lowest ? Math.min(lowest.seq - 1, sync.lastMutationSeq) : sync.lastMutationSeq,
    );
    // A first sync (cursor 0) or a full resync under way: large pages.
    let resync = sync.cursor === 0 || sync.resetting;
    let cursor = sync.cursor;
    let inFlight: PageInFlight | null = this.askPage(
      api,
      clientId,
      cursor,
      rejectionsAfter,
      resync,
    );
    let steps = 0;
    try {
      for (;;) {
        const answer = await inFlight.answer;
        inFlight = null;
        this.assertAlive();
        if (!answer.ok) throw answer.error;
        const validated = answer.page;
        const page = validated.page;
        steps++;
        resync ||= page.reset === true;
        if (page.hasMore && steps < budget) {
          // Once page N is applied, every outbox row up to its lastMutationSeq is gone and
          // the stored lastMutationSeq is its own: the next page's rejectionsAfter is exactly
          // page N's lastMutationSeq, as a request made after the apply would say.
          inFlight = this.askPage(api, clientId, page.cursor, page.lastMutationSeq, resync);
        }
        const result = await applyPullPage(
          this.db,
          validated,
          cursor,
          new Date(this.now()).toISOString(),
          SYNC_SCHEMA_VERSION,
          this.log,
        );
        if (result.entities.size > 0) this.options.onDataChanged?.([...result.entities]);
        // Another runner moved the cursor: it is pulling, this one stops here.
        if (!result.applied || !page.hasMore) return 'done';
        if (!inFlight) return 'more';
        cursor = page.cursor;
        this.assertAlive();
      }
    } finally {
      // A page asked for ahead and not applied: nobody waits for it any more.
      inFlight?.abort.abort();
    }
  }

  private async recordSuccess(): Promise<void> {
    const at = new Date(this.now()).toISOString();
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.meta.put({ key: 'lastSync', at, ok: true, lastOkAt: at });
      await this.meta.delete('retry');
    });
  }

  private async markSignedOut(error: { code: string; message: string } | null): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      const account = await this.meta.get('account');
      if (account?.signedIn) await this.meta.put({ ...account, signedIn: false });
      if (error) {
        const last = await this.meta.get('lastSync');
        await this.meta.put({
          key: 'lastSync',
          at: new Date(this.now()).toISOString(),
          ok: false,
          ...(last?.lastOkAt ? { lastOkAt: last.lastOkAt } : {}),
          error,
        });
      }
      await this.meta.delete('retry');
    });
  }

  private async recordFailure(error: unknown): Promise<SyncOutcome> {
    if (error instanceof AbortedError || this.killed) return { outcome: 'killed' };
    const described = describe(error);
    try {
      if (error instanceof ApiError && error.status === 401) {
        await this.options.sessions.clear();
        await this.markSignedOut({
          code: 'unauthorized',
          message: 'Your session has ended: sign in again to sync.',
        });
        this.log('the server refused the token: signed out');
        return { outcome: 'signedOut' };
      }
      if (error instanceof ApiError && isSchemaMismatch(error)) {
        const reason = `This version of Attain cannot sync with the server: ${error.message}`;
        await this.db.transaction('rw', this.db.meta, async () => {
          await this.meta.put({
            key: 'stopped',
            reason,
            schemaVersion: SYNC_SCHEMA_VERSION,
            at: new Date(this.now()).toISOString(),
          });
          await this.meta.delete('retry');
        });
        this.log(`stopped: ${reason}`);
        return { outcome: 'stopped', reason };
      }
      const retryAfterMs = error instanceof ApiError ? error.retryAfterMs : null;
      const retryAt = await this.db.transaction('rw', this.db.meta, async () => {
        const previous = await this.meta.get('retry');
        const attempt = (previous?.attempt ?? 0) + 1;
        const delay = backoffDelay(attempt, retryAfterMs, this.random, this.backoff);
        const notBefore = this.now() + delay;
        await this.meta.put({
          key: 'retry',
          attempt,
          notBefore,
          serverAsked: retryAfterMs !== null,
        });
        const last = await this.meta.get('lastSync');
        const row: LastSyncMetaRow = {
          key: 'lastSync',
          at: new Date(this.now()).toISOString(),
          ok: false,
          error: described,
          // No answer at all (the server is down or out of reach, or the browser is offline):
          // the user works offline from the local data. A timeout is a slow server: an error.
          offline:
            error instanceof NetworkError && (error.kind === 'unreachable' || !this.isOnline()),
        };
        if (last?.lastOkAt) row.lastOkAt = last.lastOkAt;
        await this.meta.put(row);
        return notBefore;
      });
      this.log(
        `failed (${described.code}: ${described.message}); retrying in ${Math.round((retryAt - this.now()) / 1000)} s`,
      );
      this.options.schedule?.(retryAt);
      return { outcome: 'error', ...described, retryAt };
    } catch (bookkeeping) {
      // Even the bookkeeping failed (storage full): retry on the next trigger.
      this.log(`could not record the failure: ${describe(bookkeeping).message}`);
      const retryAt = this.now() + this.backoff.capMs;
      this.options.schedule?.(retryAt);
      return { outcome: 'error', ...described, retryAt };
    }
  }
}
