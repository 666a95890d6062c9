import type { User } from '../domain';
import { MetaRepository, wipeLocalData, type AttainDatabase } from '../db';
import { ApiClient, ApiError, NetworkError, normalizeServerUrl } from './api-client';
import type { SessionStore } from './session';

export type SignInResult =
  | { ok: true; user: User; serverUrl: string; dataCleared: boolean }
  | {
      ok: false;
      code:
        | 'invalid_server_url'
        | 'invalid_credentials'
        | 'unreachable'
        | 'unsynced_changes'
        | 'server_error';
      message: string;
      /** unsynced_changes: how many changes of the previous account would be lost. */
      pending?: number;
    };

export interface AuthServiceOptions {
  db: AttainDatabase;
  sessions: SessionStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Sign-in and sign-out. The token goes to the session store (extension storage the
 * background reads), the account (who the local data belongs to) to IndexedDB. Signing in
 * as someone else, or to another server, replaces the local data; with changes still
 * waiting to sync it asks first (`unsynced_changes`).
 */
export class AuthService {
  private readonly meta: MetaRepository;

  constructor(private readonly options: AuthServiceOptions) {
    this.meta = new MetaRepository(options.db);
  }

  private client(baseUrl: string, token?: string): ApiClient {
    return new ApiClient({
      baseUrl,
      ...(token ? { token } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      timeoutMs: this.options.timeoutMs ?? 15_000,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
  }

  async signIn(input: {
    serverUrl: string;
    email: string;
    password: string;
    /** Drop the previous account's unsynced changes (the user confirmed). */
    discardUnsynced?: boolean;
  }): Promise<SignInResult> {
    let serverUrl: string;
    try {
      serverUrl = normalizeServerUrl(input.serverUrl);
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
    let login;
    try {
      login = await this.client(serverUrl).login(input.email.trim(), input.password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        return { ok: false, code: 'invalid_credentials', message: error.message };
      }
      if (error instanceof NetworkError) {
        return {
          ok: false,
          code: 'unreachable',
          message: `${error.message} Check the server address and your connection.`,
        };
      }
      return {
        ok: false,
        code: 'server_error',
        message: error instanceof Error ? error.message : 'Sign-in failed.',
      };
    }
    const { db } = this.options;
    const account = await this.meta.get('account');
    const sameOwner =
      account !== undefined && account.userId === login.user.id && account.serverUrl === serverUrl;
    let dataCleared = false;
    if (!sameOwner && account !== undefined) {
      const pending = await db.outbox.count();
      if (pending > 0 && !input.discardUnsynced) {
        await this.client(serverUrl, login.token)
          .logout()
          .catch(() => undefined);
        return {
          ok: false,
          code: 'unsynced_changes',
          pending,
          message: `${pending} change${pending === 1 ? '' : 's'} by ${account.email} ha${pending === 1 ? 's' : 've'} not synced yet and would be lost. Sign in as ${account.email} to sync ${pending === 1 ? 'it' : 'them'}, or confirm to discard ${pending === 1 ? 'it' : 'them'}.`,
        };
      }
      await wipeLocalData(db);
      dataCleared = true;
    }
    await this.options.sessions.save({
      serverUrl,
      token: login.token,
      userId: login.user.id,
      email: login.user.email,
      expiresAt: login.expiresAt,
    });
    await db.transaction('rw', [db.meta, db.me], async () => {
      await this.meta.put({
        key: 'account',
        userId: login.user.id,
        email: login.user.email,
        serverUrl,
        signedIn: true,
      });
      const lastSync = await this.meta.get('lastSync');
      if (lastSync?.error?.code === 'unauthorized') await this.meta.delete('lastSync');
      // The user shows at once; the first pull confirms (or replaces) it.
      if (!(await db.me.get('me')))
        await db.me.put({ id: 'me', version: 0, value: login.user, gen: 0 });
    });
    return { ok: true, user: login.user, serverUrl, dataCleared };
  }

  /** Revokes the token (best effort: offline, the token is forgotten anyway). */
  async signOut(input: { clearLocalData: boolean }): Promise<void> {
    const session = await this.options.sessions.load();
    await this.options.sessions.clear();
    if (session) {
      await this.client(session.serverUrl, session.token)
        .logout()
        .catch(() => undefined);
    }
    if (input.clearLocalData) {
      await wipeLocalData(this.options.db);
      return;
    }
    await this.options.db.transaction('rw', this.options.db.meta, async () => {
      const account = await this.meta.get('account');
      if (account) await this.meta.put({ ...account, signedIn: false });
    });
  }

  /** Who is signed in (from IndexedDB; no token). */
  async account(): Promise<{
    userId: string;
    email: string;
    serverUrl: string;
    signedIn: boolean;
  } | null> {
    const account = await this.meta.get('account');
    if (!account) return null;
    const { key: _key, ...rest } = account;
    return rest;
  }
}
