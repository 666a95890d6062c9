import { useId, useState, type Ref } from 'react';
import type { SyncRejection, SyncStatus } from '../../data-contract/types';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';
import { syncErrorText, syncStateLabel } from '../../shared/sync-state';

const MUTATION_LABEL: Record<string, MessageKey> = {
  'annotation.create': 'notes.rejected.create',
  'annotation.reply': 'notes.rejected.reply',
  'annotation.edit': 'notes.rejected.edit',
  'annotation.resolve': 'notes.rejected.resolve',
  'annotation.delete': 'notes.rejected.delete',
  'prompt.dismiss': 'settings.rejected.promptDismiss',
  'prompt.snooze': 'settings.rejected.promptSnooze',
  'prompt.create': 'settings.rejected.promptCreate',
  'enps.respond': 'settings.rejected.pulseRespond',
  'enps.snooze': 'settings.rejected.pulseSnooze',
};

function RejectionItem({
  rejection,
  now,
  onDismiss,
}: {
  rejection: SyncRejection;
  now: Date;
  onDismiss(): Promise<void>;
}) {
  const { t, f } = useI18n();
  return (
    <li className="rejection">
      <p>
        <strong>{t(MUTATION_LABEL[rejection.name] ?? 'notes.rejected.other')}</strong>{' '}
        <span className="muted">{f.relative(rejection.createdAt, now)}</span>
      </p>
      <p>{t('settings.rejectedWhy', { why: rejection.message })}</p>
      <button type="button" className="button secondary" onClick={() => void onDismiss()}>
        {t('action.dismiss')}
      </button>
    </li>
  );
}

export function SyncSection({
  sync,
  now,
  onSyncNow,
  onDismissRejection,
  headingRef,
}: {
  sync: SyncStatus | undefined;
  now: Date;
  onSyncNow(): Promise<void>;
  onDismissRejection(seq: number): Promise<void>;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t, f } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  if (!sync) return null;
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title" ref={headingRef} tabIndex={-1}>
        {t('settings.sync')}
      </h2>
      <p>{syncStateLabel(sync, t, (at) => f.relative(at, now))}</p>
      <dl className="values">
        <div>
          <dt>{t('settings.lastSynced')}</dt>
          <dd>{sync.lastSyncedAt ? f.dateTime(sync.lastSyncedAt) : t('settings.never')}</dd>
        </div>
        <div>
          <dt>{t('settings.pending')}</dt>
          <dd>{f.number(sync.pending, 0)}</dd>
        </div>
        {sync.error ? (
          <div>
            <dt>{t('settings.lastError')}</dt>
            <dd>
              {syncErrorText(sync.error, t)}{' '}
              <span className="muted">({f.relative(sync.error.at, now)})</span>
            </dd>
          </div>
        ) : null}
        {sync.nextRetryAt ? (
          <div>
            <dt>{t('settings.nextRetry')}</dt>
            <dd>{f.relative(sync.nextRetryAt, now)}</dd>
          </div>
        ) : null}
      </dl>
      {sync.stopped ? (
        <p className="inline-error" role="alert">
          {t('settings.updateRequired', { why: sync.stopped.reason })}
        </p>
      ) : null}
      <button
        type="button"
        className="button secondary"
        disabled={!sync.signedIn || sync.syncing}
        onClick={() => {
          setError(null);
          onSyncNow().catch((e: unknown) => setError(actionErrorText(e, t)));
        }}
      >
        {sync.syncing ? t('sync.state.syncing') : t('command.syncNow')}
      </button>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {sync.rejections.length > 0 ? (
        <>
          <h3 className="subhead">
            {t('settings.rejectedTitle', { count: sync.rejections.length })}
          </h3>
          <p className="muted">{t('sync.rejectedDetail')}</p>
          <ul className="plain-list">
            {sync.rejections.map((r) => (
              <RejectionItem
                key={r.seq}
                rejection={r}
                now={now}
                onDismiss={() => onDismissRejection(r.seq)}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
