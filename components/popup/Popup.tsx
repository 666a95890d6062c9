import { useState } from 'react';
import type { User } from '../../lib/domain';
import type { SyncStatus } from '../data-contract/types';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18nProvider';
import { actionErrorText } from '../shared/action-error';
import { syncErrorText, syncStateKind, syncStateLabel } from '../shared/sync-state';
import { Icon } from '../workbench/icons';
import type { OpenSidebarResult } from './open-sidebar';

export type { OpenSidebarResult };

const OPEN_FAILED: Record<Exclude<OpenSidebarResult, 'opened'>, MessageKey> = {
  notCrm: 'popup.notCrm',
  disabled: 'popup.crmDisabled',
  failed: 'popup.openFailed',
};

export interface PopupProps {
  me: User | null;
  sync: SyncStatus | undefined;
  now: Date;
  onOpenSidebar(): Promise<OpenSidebarResult>;
  onSyncNow(): Promise<void>;
  onSignIn(): void;
  onSignOut(): Promise<void>;
  onOpenSettings(): void;
}

/** The toolbar popup: sync state, sign in or out, and the sidebar on this tab. */
export function Popup(props: PopupProps) {
  const { t, f } = useI18n();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const signedIn = props.me !== null && props.sync?.signedIn !== false;
  const kind = props.sync ? syncStateKind(props.sync) : null;

  async function run(action: () => Promise<unknown>) {
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ text: actionErrorText(e, t), error: true });
    }
  }

  async function openSidebar() {
    const result = await props.onOpenSidebar();
    if (result === 'opened') window.close();
    else setMessage({ text: t(OPEN_FAILED[result]), error: true });
  }

  return (
    <main className="popup">
      <h1 className="popup-title">{t('app.name')}</h1>
      {signedIn && props.me ? (
        <p className="muted">{t('popup.signedInAs', { name: props.me.name })}</p>
      ) : (
        <p>{t('popup.signedOut')}</p>
      )}
      {props.sync ? (
        <p className={kind === 'error' ? 'popup-sync tone-error' : 'popup-sync'}>
          <Icon name={kind === 'offline' ? 'offline' : kind === 'error' ? 'error' : 'sync'} />{' '}
          {syncStateLabel(props.sync, t, (at) => f.relative(at, props.now))}
          {props.sync.error && kind === 'error' ? (
            <span className="muted"> · {syncErrorText(props.sync.error, t)}</span>
          ) : null}
          {props.sync.rejections.length > 0 ? (
            <span className="tone-warn">
              {' '}
              · {t('sync.rejected', { count: props.sync.rejections.length })}
            </span>
          ) : null}
        </p>
      ) : null}
      <div className="popup-actions">
        {signedIn ? (
          <>
            <button type="button" className="button" onClick={() => void run(openSidebar)}>
              {t('popup.openSidebar')}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => void run(props.onSyncNow)}
            >
              {t('command.syncNow')}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => void run(props.onSignOut)}
            >
              {t('settings.signOut')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={props.onSignIn}>
            {t('signIn.action')}
          </button>
        )}
        <button type="button" className="button link" onClick={props.onOpenSettings}>
          {t('popup.settings')}
        </button>
      </div>
      {message ? (
        <p className={message.error ? 'inline-error' : 'field-hint'} role="alert">
          {message.text}
        </p>
      ) : null}
    </main>
  );
}
