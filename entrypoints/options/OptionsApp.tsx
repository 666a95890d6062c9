import { useState, type CSSProperties, type FormEvent } from 'react';
import type { AttainDatabase } from '../../lib/db';
import type { BrowserApi, PageClient, SyncStatusMessage } from '../../lib/messaging';
import { useOptionsState, type OptionsConfig } from './use-options';

interface Props {
  api: BrowserApi;
  client: PageClient;
  db: AttainDatabase;
}

const page: CSSProperties = {
  font: '14px/1.45 system-ui, sans-serif',
  maxWidth: 520,
  margin: '32px auto',
  padding: '0 16px',
  color: 'CanvasText',
  background: 'Canvas',
};
const field: CSSProperties = { display: 'grid', gap: 4, marginBottom: 12 };
const input: CSSProperties = { font: 'inherit', padding: '6px 8px' };
const row: CSSProperties = { display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 12 };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "Synced 3 min ago", "2 changes waiting", "Offline"… in plain words. */
export function describeStatus(s: SyncStatusMessage): string {
  switch (s.state) {
    case 'signedOut':
      return s.error?.message ?? 'Signed out.';
    case 'stopped':
      return s.stopped?.reason ?? 'Sync stopped: update the extension.';
    case 'offline':
      return s.pending > 0
        ? `Offline: ${s.pending} change(s) will sync when you are back online.`
        : 'Offline.';
    case 'error':
      return `Sync failed: ${s.error?.message ?? 'unknown error'}${s.nextRetryAt ? ` Retrying at ${new Date(s.nextRetryAt).toLocaleTimeString()}.` : ''}`;
    case 'rejected':
      return `${s.rejected} change(s) were refused by the server: see the sidebar.`;
    case 'pending':
      return `${s.pending} change(s) waiting to sync.`;
    case 'synced':
      return s.lastSyncedAt
        ? `Synced at ${new Date(s.lastSyncedAt).toLocaleString()}.`
        : 'Not synced yet.';
  }
}

function SignInForm({
  api,
  client,
  config,
  onSignedIn,
}: {
  api: BrowserApi;
  client: PageClient;
  config: OptionsConfig;
  onSignedIn: () => void;
}) {
  const managed = config.managedServerUrl;
  const [serverUrl, setServerUrl] = useState(config.serverUrl ?? '');
  const [email, setEmail] = useState(config.account?.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent, discardUnsynced = false) {
    event.preventDefault();
    const url = managed ?? serverUrl.trim();
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      setMessage('The server address should look like https://attain.example.com.');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      // First thing in the click handler: the browser only asks the user during a click.
      if (!(await api.requestOrigin(origin))) {
        setMessage(`Attain cannot sign in without permission to reach ${new URL(url).host}.`);
        return;
      }
      const result = await client.request('auth.signIn', {
        serverUrl: url,
        email,
        password,
        ...(discardUnsynced ? { discardUnsynced: true } : {}),
      });
      if (result.ok) {
        setPassword('');
        onSignedIn();
        return;
      }
      if (result.code === 'unsynced_changes' && window.confirm(result.message)) {
        await submit(event, true);
        return;
      }
      setMessage(result.message);
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
      <label style={field}>
        <span>Server</span>
        {managed ? (
          <>
            <input style={input} value={managed} readOnly aria-readonly="true" />
            <small>Set by your administrator.</small>
          </>
        ) : (
          <input
            style={input}
            type="url"
            required
            placeholder="https://attain.example.com"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        )}
      </label>
      <label style={field}>
        <span>Email</span>
        <input
          style={input}
          type="email"
          required
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label style={field}>
        <span>Password</span>
        <input
          style={input}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {message ? <p role="alert">{message}</p> : null}
    </form>
  );
}

function AccountPanel({
  client,
  config,
  status,
  onChange,
}: {
  client: PageClient;
  config: OptionsConfig;
  status: SyncStatusMessage | null;
  onChange: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const account = config.account!;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      onChange();
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  function signOut(clearLocalData: boolean) {
    const pending = status?.pending ?? 0;
    if (clearLocalData) {
      const warning =
        pending > 0
          ? `${pending} change(s) have not synced yet and will be lost. Delete Attain's data from this browser anyway?`
          : "Delete Attain's data from this browser? It downloads again at the next sign-in.";
      if (!window.confirm(warning)) return;
    }
    void run(() => client.request('auth.signOut', { clearLocalData }));
  }

  return (
    <section aria-label="Account">
      <p>
        Signed in as <strong>{account.email}</strong> on {account.serverUrl}.
      </p>
      <p aria-live="polite">{status ? describeStatus(status) : 'Reading the sync status…'}</p>
      <div style={row}>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => client.request('sync.now', { reason: 'user' }))}
        >
          Sync now
        </button>
        <button type="button" disabled={busy} onClick={() => signOut(false)}>
          Sign out
        </button>
        <button type="button" disabled={busy} onClick={() => signOut(true)}>
          Sign out and delete local data
        </button>
      </div>
      {message ? <p role="alert">{message}</p> : null}
    </section>
  );
}

/** Signed out with data still here (a previous account's): it can go without signing in. */
function DeleteLocalData({
  client,
  status,
  onDone,
}: {
  client: PageClient;
  status: SyncStatusMessage | null;
  onDone: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  async function run() {
    const pending = status?.pending ?? 0;
    const warning =
      pending > 0
        ? `${pending} change(s) have not synced and will be lost. Delete Attain's data from this browser?`
        : "Delete Attain's data from this browser?";
    if (!window.confirm(warning)) return;
    try {
      await client.request('auth.signOut', { clearLocalData: true });
      onDone();
    } catch (error) {
      setMessage(errorText(error));
    }
  }
  return (
    <div style={row}>
      <button type="button" onClick={() => void run()}>
        Delete local data
      </button>
      {message ? <p role="alert">{message}</p> : null}
    </div>
  );
}

/** The options page: sign in to the Attain server, see the sync status, sign out. */
export function OptionsApp({ api, client, db }: Props) {
  const { config, status, loadError, reload } = useOptionsState(client, db);
  const signedIn = config?.account?.signedIn === true;
  return (
    <main style={page}>
      <h1 style={{ fontSize: 20 }}>Attain</h1>
      {loadError ? <p role="alert">{loadError}</p> : null}
      {!config ? (
        <p>Loading…</p>
      ) : signedIn ? (
        <AccountPanel
          client={client}
          config={config}
          status={status}
          onChange={() => void reload()}
        />
      ) : (
        <>
          {config.account ? (
            <p>
              {status?.error?.code === 'unauthorized'
                ? status.error.message
                : `Signed out. Sign in again as ${config.account.email} to sync.`}
            </p>
          ) : (
            <p>Sign in to your company’s Attain server to see your numbers beside every deal.</p>
          )}
          <SignInForm api={api} client={client} config={config} onSignedIn={() => void reload()} />
          {config.account ? (
            <DeleteLocalData client={client} status={status} onDone={() => void reload()} />
          ) : null}
        </>
      )}
    </main>
  );
}
