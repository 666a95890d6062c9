/**
 * What the options page needs besides the workbench's data: the account and server the
 * background knows, and signing in (the background holds the session; the page never sees a
 * token). The options entrypoint builds it from the background's page client; tests pass fakes.
 */

/** Why the background refused a sign-in (lib/messaging `signInResultSchema`). */
export type SignInErrorCode =
  | 'invalid_server_url'
  | 'invalid_credentials'
  | 'unreachable'
  | 'unsynced_changes'
  | 'server_error'
  | 'permission_required';

export interface AccountConfig {
  /** The account of the last sign-in on this browser (kept after signing out). */
  account: { email: string; serverUrl: string; signedIn: boolean } | null;
  /** Set by an administrator (managed storage): shown read-only. */
  managedServerUrl: string | null;
  /** What the server field shows by default. */
  serverUrl: string | null;
}

export type SignInOutcome =
  | { ok: true }
  /** `pending`: with `unsynced_changes`, how many local changes signing in would drop. */
  | { ok: false; code: SignInErrorCode; pending?: number };

export interface SignInInput {
  serverUrl: string;
  email: string;
  password: string;
  /** Sign in as someone else although this browser has changes not synced yet (they are lost). */
  discardUnsynced?: boolean;
}

export interface AccountService {
  config(): Promise<AccountConfig>;
  /**
   * Asks the browser for access to the server's origin. Called first in the click handler: the
   * browser shows its prompt only during the click's user activation.
   */
  requestOrigin(origin: string): Promise<boolean>;
  signIn(input: SignInInput): Promise<SignInOutcome>;
}
