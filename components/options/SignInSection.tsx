import { useId, useState, type FormEvent } from 'react';
import { useWorkbenchData } from '../data-contract/WorkbenchDataProvider';
import { useI18n } from '../i18n/I18nProvider';
import { actionErrorText } from '../shared/action-error';
import type { AccountConfig, AccountService, SignInErrorCode } from './account';

type Message = { text: string; error: boolean };

/**
 * The server address as the background takes it, and its origin (for the permission), from
 * what the user typed ("attain.example.com" reads as https); null when it is not a web address.
 */
function serverAddress(typed: string): { url: string; origin: string } | null {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return { url, origin: parsed.origin };
  } catch {
    return null;
  }
}

/** Deletes a previous account's data from this browser, after the user confirms. */
function DeleteLocalData() {
  const { t } = useI18n();
  const actions = useWorkbenchData().useActions();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  async function remove() {
    setMessage(null);
    try {
      await actions.signOut({ clearLocalData: true });
      setConfirming(false);
      setMessage({ text: t('options.deleted'), error: false });
    } catch (e) {
      setMessage({ text: actionErrorText(e, t), error: true });
    }
  }

  return (
    <div className="options-delete">
      {confirming ? (
        <div role="group" aria-label={t('options.deleteData')}>
          <p>{t('options.deleteDataConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="button danger" onClick={() => void remove()}>
              {t('options.deleteDataAction')}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t('action.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button link" onClick={() => setConfirming(true)}>
          {t('options.deleteData')}
        </button>
      )}
      {message ? (
        <p className={message.error ? 'inline-error' : 'field-hint'} role="status">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Signing in to the Attain server (the options page's account section while signed out, or
 * when switching server or account): server, email and password; the browser's permission for
 * the server is asked first, in the click.
 */
export function SignInSection({
  config,
  account,
  expired,
  onSignedIn,
  onCancel,
}: {
  config: AccountConfig;
  account: AccountService;
  /** The last session ended (expired or revoked): say so. */
  expired: boolean;
  onSignedIn(): void;
  /** Offered while signed in (switching account). */
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const managed = config.managedServerUrl;
  const [serverUrl, setServerUrl] = useState(config.serverUrl ?? config.account?.serverUrl ?? '');
  const [email, setEmail] = useState(config.account?.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  /** Changes not synced yet that signing in as someone else would drop. */
  const [unsynced, setUnsynced] = useState<number | null>(null);
  const previous = config.account && !config.account.signedIn ? config.account : null;

  function failure(code: SignInErrorCode, host: string): string {
    switch (code) {
      case 'invalid_server_url':
        return t('options.error.invalidServer');
      case 'invalid_credentials':
        return t('options.error.credentials');
      case 'unreachable':
        return t('options.error.unreachable');
      case 'permission_required':
        return t('options.error.permission', { host });
      case 'server_error':
      case 'unsynced_changes':
        return t('options.error.server');
    }
  }

  async function signIn(discardUnsynced: boolean) {
    const server = serverAddress((managed ?? serverUrl).trim());
    if (server === null) {
      setMessage({ text: t('options.error.address'), error: true });
      return;
    }
    if (email.trim() === '' || password === '') {
      setMessage({ text: t('options.error.missing'), error: true });
      return;
    }
    const host = new URL(server.origin).host;
    setBusy(true);
    setMessage(null);
    try {
      // First thing awaited in the click: the browser asks the user only during it.
      if (!(await account.requestOrigin(server.origin))) {
        setMessage({ text: t('options.error.permission', { host }), error: true });
        return;
      }
      const result = await account.signIn({
        serverUrl: server.url,
        email: email.trim(),
        password,
        ...(discardUnsynced ? { discardUnsynced: true } : {}),
      });
      if (result.ok) {
        setPassword('');
        setUnsynced(null);
        onSignedIn();
      } else if (result.code === 'unsynced_changes') {
        setUnsynced(result.pending ?? 0);
      } else {
        setMessage({ text: failure(result.code, host), error: true });
      }
    } catch (e) {
      setMessage({ text: actionErrorText(e, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void signIn(false);
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.account')}
      </h2>
      <p className="options-lead">
        {expired
          ? t('signIn.expired')
          : previous
            ? t('options.signInAgain', { email: previous.email })
            : t('options.signInIntro')}
      </p>
      {/* Checked here, in the user's language, not by the browser's own messages. */}
      <form className="options-form" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
        <div className="field">
          <label htmlFor={`${id}-server`}>{t('settings.server')}</label>
          <input
            id={`${id}-server`}
            type="url"
            inputMode="url"
            autoComplete="url"
            required
            placeholder={t('options.serverPlaceholder')}
            value={managed ?? serverUrl}
            readOnly={managed !== null}
            aria-describedby={managed ? `${id}-managed` : undefined}
            onChange={(e) => setServerUrl(e.target.value)}
          />
          {managed ? (
            <p id={`${id}-managed`} className="field-hint">
              {t('options.serverManaged')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('options.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('options.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {unsynced !== null ? (
          <div className="options-warning" role="alert">
            <p>{t('options.unsynced', { count: unsynced })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => void signIn(true)}
              >
                {t('options.discardAndSignIn')}
              </button>
              <button type="button" className="button secondary" onClick={() => setUnsynced(null)}>
                {t('action.cancel')}
              </button>
            </div>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('options.signingIn') : t('signIn.action')}
          </button>
          {onCancel ? (
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('action.cancel')}
            </button>
          ) : null}
        </div>
        {message ? (
          <p className={message.error ? 'inline-error' : 'field-hint'} role="alert">
            {message.text}
          </p>
        ) : null}
      </form>
      {previous && !onCancel ? <DeleteLocalData /> : null}
    </section>
  );
}
