import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from '../workbench/icons';

/** Nothing to show yet: says why, and what to do about it. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}

/** Something failed: what, why, and a retry. */
export function ErrorState({
  what,
  error,
  onRetry,
}: {
  /** "Couldn't read your numbers from this device." */
  what: string;
  error: Error | null;
  onRetry?: () => unknown;
}) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <p className="error-title">
        <Icon name="error" /> {what}
      </p>
      {error?.message ? (
        <p className="error-why">{t('state.errorWhy', { why: error.message })}</p>
      ) : null}
      {onRetry ? (
        <button type="button" className="button secondary" onClick={() => void onRetry()}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The first read has not answered yet (only ever brief: reads are local). */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading-state" aria-busy="true">
      {label ?? t('state.loading')}
    </p>
  );
}

export function OfflineBanner() {
  const { t } = useI18n();
  return (
    <div className="banner banner-offline" role="status">
      <Icon name="offline" />
      <span>{t('state.offline')}</span>
    </div>
  );
}

/** Server-only data shown from the cache: how old it is, and that it may be out of date. */
export function DataAge({ updatedAt, now }: { updatedAt: number | undefined; now: Date }) {
  const { t, f } = useI18n();
  if (!updatedAt) return null;
  const at = new Date(updatedAt).toISOString();
  return (
    <p className="data-age" title={f.dateTime(at)}>
      {t('state.asOf', { when: f.relative(at, now) })}
    </p>
  );
}

/** A pending mark on something not yet synced. */
export function PendingMark() {
  const { t } = useI18n();
  return (
    <span className="pending-mark" title={t('state.pendingTitle')}>
      <Icon name="clock" size={12} /> {t('state.pending')}
    </span>
  );
}
