import type { EntityName, MutationName } from '../domain';
import { MetaRepository, MutationService, QueryCacheRepository, type AttainDatabase } from '../db';
import { normalizeServerUrl } from './api-client';
import { AuthService, type SignInResult } from './auth';
import { SyncEngine, type SyncTrigger } from './engine';
import type { LockFn } from './locks';
import { ServerReads, serverReadKey, type ServerRead } from './server-reads';
import type { SessionStore } from './session';
import type { SyncStatus } from './status';

export interface BackgroundControllerOptions {
  db: AttainDatabase;
  sessions: SessionStore;
  lock: LockFn;
  isOnline: () => boolean;
  /** Host access to the server's origin is granted (else sign-in asks the page to request it). */
  hasHostPermission: (origin: string) => Promise<boolean>;
  /** The server URL an administrator set (`storage.managed`), if any. */
  managedServerUrl: () => Promise<string | null>;
  /** What the server field shows before anyone signed in. */
  defaultServerUrl?: string | null;
  openOptions: () => Promise<void>;
  onStatus: (status: SyncStatus) => void;
  onDataChanged: (entities: EntityName[]) => void;
  /** Run `trigger('retry')` at this time (a timer while the worker lives; the alarm otherwise). */
  schedule: (atMs: number) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * Everything the background service worker does, as methods the message router calls
 * (`lib/messaging`'s `BackgroundService`): sync, sign-in, local writes for pages without
 * IndexedDB, server-only reads. State lives in IndexedDB and extension storage: a new
 * controller in a restarted worker carries on.
 */
export class BackgroundController {
  private engine: SyncEngine;
  private readonly auth: AuthService;
  private readonly reads: ServerReads;
  private readonly meta: MetaRepository;

  constructor(private readonly options: BackgroundControllerOptions) {
    this.engine = this.newEngine();
    this.auth = new AuthService({
      db: options.db,
      sessions: options.sessions,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    this.reads = new ServerReads({
      sessions: options.sessions,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      onUnauthorized: () => this.signedOutByServer(),
    });
    this.meta = new MetaRepository(options.db);
  }

  private newEngine(): SyncEngine {
    const o = this.options;
    return new SyncEngine({
      db: o.db,
      sessions: o.sessions,
      lock: o.lock,
      isOnline: o.isOnline,
      schedule: o.schedule,
      onStatus: o.onStatus,
      onDataChanged: o.onDataChanged,
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.now ? { now: o.now } : {}),
      ...(o.log ? { log: o.log } : {}),
    });
  }

  /** Starts (or resumes) sync; the status is published. */
  async start(): Promise<void> {
    await this.trigger('startup');
  }

  /** A trigger from the worker (alarm, online, retry timer). */
  async trigger(trigger: SyncTrigger): Promise<void> {
    await this.engine.sync(trigger).catch((error: unknown) => {
      this.options.log?.(`sync failed unexpectedly: ${String(error)}`);
    });
  }

  async status(): Promise<SyncStatus> {
    return this.engine.publishStatus();
  }

  /** Starts a sync without waiting for it; answers with the status now. */
  async syncNow(reason: 'local-write' | 'sidebar-opened' | 'user'): Promise<SyncStatus> {
    void this.trigger(reason);
    return this.engine.status();
  }

  async signIn(input: {
    serverUrl: string;
    email: string;
    password: string;
    discardUnsynced?: boolean | undefined;
  }): Promise<SignInResult | { ok: false; code: 'permission_required'; message: string }> {
    const managed = await this.options.managedServerUrl();
    const requested = managed ?? input.serverUrl;
    let serverUrl: string;
    try {
      serverUrl = normalizeServerUrl(requested);
    } catch (error) {
      return {
        ok: false,
        code: 'invalid_server_url',
        message:
          error instanceof Error && !(error instanceof TypeError)
            ? error.message
            : 'That is not a web address (it should look like https://attain.example.com).',
      };
    }
    if (!(await this.options.hasHostPermission(new URL(serverUrl).origin))) {
      return {
        ok: false,
        code: 'permission_required',
        message: `Attain needs your permission to reach ${new URL(serverUrl).host}.`,
      };
    }
    // A run with the previous account must not write into the data being replaced.
    this.engine.kill();
    this.engine = this.newEngine();
    const result = await this.auth.signIn({
      serverUrl,
      email: input.email,
      password: input.password,
      ...(input.discardUnsynced !== undefined ? { discardUnsynced: input.discardUnsynced } : {}),
    });
    if (result.ok) {
      this.options.onDataChanged(['me']);
      void this.trigger('user');
    } else {
      await this.engine.publishStatus();
    }
    return result;
  }

  async signOut(input: { clearLocalData: boolean }): Promise<{ signedOut: true }> {
    this.engine.kill();
    this.engine = this.newEngine();
    await this.auth.signOut(input);
    await this.engine.publishStatus();
    if (input.clearLocalData) this.options.onDataChanged(['me']);
    return { signedOut: true };
  }

  async config(): Promise<{
    account: { userId: string; email: string; serverUrl: string; signedIn: boolean } | null;
    managedServerUrl: string | null;
    serverUrl: string | null;
  }> {
    const [account, managed] = await Promise.all([
      this.auth.account(),
      this.options.managedServerUrl(),
    ]);
    return {
      account,
      managedServerUrl: managed,
      serverUrl: managed ?? account?.serverUrl ?? this.options.defaultServerUrl ?? null,
    };
  }

  /** A local write for a page that asked the background to make it; then a sync. */
  async mutate(name: MutationName, args: unknown): Promise<{ seq: number; entityId: string }> {
    const result = await new MutationService(this.options.db, {
      ...(this.options.now ? { now: () => new Date(this.options.now!()) } : {}),
    }).run(name, args);
    void this.trigger('local-write');
    return result;
  }

  /** A server-only read; the answer is also cached for offline use. */
  async serverRead(read: ServerRead): Promise<{ data: unknown; fetchedAt: string }> {
    const data = await this.reads.read(read);
    const fetchedAt = new Date(this.options.now?.() ?? Date.now()).toISOString();
    const account = await this.meta.get('account');
    if (account) {
      await new QueryCacheRepository(this.options.db)
        .put({ key: serverReadKey(read), data, fetchedAt, userId: account.userId })
        .catch(() => undefined);
    }
    return { data, fetchedAt };
  }

  /** What a CRM page's pill may know: a state and two counts. */
  async syncBadge(): Promise<{ state: SyncStatus['state']; pending: number; rejected: number }> {
    const s = await this.engine.status();
    return { state: s.state, pending: s.pending, rejected: s.rejected };
  }

  openOptions(): Promise<void> {
    return this.options.openOptions();
  }

  private async signedOutByServer(): Promise<void> {
    await this.options.sessions.clear();
    await this.options.db.transaction('rw', this.options.db.meta, async () => {
      const account = await this.meta.get('account');
      if (account?.signedIn) await this.meta.put({ ...account, signedIn: false });
    });
    await this.engine.publishStatus();
  }

  /** Stops everything (tests; a worker being replaced). */
  dispose(): void {
    this.engine.kill();
  }
}
