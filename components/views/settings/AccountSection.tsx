import { useId, useState } from 'react';
import type { User } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';

export function AccountSection({
  me,
  serverUrl,
  onSignIn,
  onSignOut,
}: {
  me: User | null;
  serverUrl: string | null;
  onSignIn(): void;
  onSignOut(clearLocalData: boolean): Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [clear, setClear] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.account')}
      </h2>
      <dl className="values">
        <div>
          <dt>{t('settings.server')}</dt>
          <dd className="break">{serverUrl ?? t('settings.serverNone')}</dd>
        </div>
        {me ? (
          <>
            <div>
              <dt>{t('settings.signedInAs')}</dt>
              <dd className="break">
                {me.name} <span className="muted">({me.email})</span>
              </dd>
            </div>
            <div>
              <dt>{t('settings.role')}</dt>
              <dd>{t(`settings.role.${me.role}`)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {me ? (
        <>
          <div className="field checkbox">
            <input
              id={`${id}-clear`}
              type="checkbox"
              checked={clear}
              onChange={(e) => setClear(e.target.checked)}
            />
            <label htmlFor={`${id}-clear`}>{t('settings.clearOnSignOut')}</label>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setError(null);
                onSignOut(clear).catch((e: unknown) => setError(actionErrorText(e, t)));
              }}
            >
              {t('settings.signOut')}
            </button>
            <button type="button" className="button link" onClick={onSignIn}>
              {t('settings.changeServer')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="button" onClick={onSignIn}>
          {t('signIn.action')}
        </button>
      )}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
