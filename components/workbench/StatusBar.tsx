import type { ReactNode } from 'react';
import type { SyncStatus } from '../data-contract/types';
import { useI18n } from '../i18n/I18nProvider';
import { syncErrorText, syncStateKind, syncStateLabel } from '../shared/sync-state';
import { Shortcut } from './CommandPalette';
import { Icon, type IconName } from './icons';

const SYNC_ICON: Record<ReturnType<typeof syncStateKind>, IconName> = {
  signedOut: 'account',
  updateRequired: 'error',
  offline: 'offline',
  syncing: 'sync',
  error: 'error',
  pending: 'clock',
  neverSynced: 'sync',
  synced: 'check',
};

/** A status-bar entry: a button when it does something, plain text otherwise. */
export function StatusItem({
  icon,
  label,
  title,
  tone,
  keyshortcuts,
  ariaLabel,
  onClick,
  children,
}: {
  icon?: IconName;
  label: string;
  /** A longer name for assistive technology when `label` is abbreviated. */
  ariaLabel?: string;
  title?: string;
  tone?: 'warn' | 'error';
  /** `aria-keyshortcuts` of the command the item runs. */
  keyshortcuts?: string;
  onClick?: () => void;
  children?: ReactNode;
}) {
  const className = `status-item${tone ? ` tone-${tone}` : ''}`;
  const body = (
    <>
      {icon ? <Icon name={icon} size={14} /> : null}
      <span>{label}</span>
      {children}
    </>
  );
  return onClick ? (
    <button
      type="button"
      className={className}
      title={title}
      aria-keyshortcuts={keyshortcuts}
      aria-label={ariaLabel}
      onClick={onClick}
    >
      {body}
    </button>
  ) : (
    <span className={className} title={title}>
      {body}
    </span>
  );
}

/**
 * The status bar: sync state (synced when, pending, offline, error and why, rejected,
 * signed out), items views contribute (the live estimate), and the palette shortcut.
 */
export function StatusBar({
  sync,
  now,
  paletteShortcut,
  items,
  onSyncClick,
  onPaletteClick,
}: {
  sync: SyncStatus | undefined;
  now: Date;
  paletteShortcut: { keys: string[]; aria: string };
  items?: ReactNode;
  onSyncClick(): void;
  onPaletteClick(): void;
}) {
  const { t, f } = useI18n();
  const kind = sync ? syncStateKind(sync) : null;
  const label = sync
    ? syncStateLabel(sync, t, (at) => f.relative(at, now))
    : t('sync.state.loading');
  const detail =
    sync?.error && kind === 'error'
      ? t('sync.errorDetail', { why: syncErrorText(sync.error, t) })
      : sync?.stopped
        ? sync.stopped.reason
        : sync?.lastSyncedAt
          ? t('sync.lastSynced', { when: f.dateTime(sync.lastSyncedAt) })
          : undefined;
  const rejected = sync?.rejections.length ?? 0;
  return (
    <footer className="status-bar" aria-label={t('workbench.statusBar')}>
      <div className="status-left">
        <StatusItem
          icon={kind ? SYNC_ICON[kind] : 'sync'}
          label={label}
          {...(detail ? { title: detail } : {})}
          {...(kind === 'error' || kind === 'updateRequired' ? { tone: 'error' as const } : {})}
          onClick={onSyncClick}
        />
        {rejected > 0 ? (
          <StatusItem
            icon="warning"
            tone="warn"
            label={t('sync.rejectedShort', { count: rejected })}
            ariaLabel={t('sync.rejected', { count: rejected })}
            title={t('sync.rejectedDetail')}
            onClick={onSyncClick}
          />
        ) : null}
        {/* Announces changes of state only, not the minutes ticking by. */}
        <span className="visually-hidden" role="status">
          {kind && kind !== 'synced' ? label : ''}
        </span>
      </div>
      <div className="status-right">
        {items}
        <button
          type="button"
          className="status-item"
          aria-label={t('palette.open')}
          title={t('palette.label')}
          aria-keyshortcuts={paletteShortcut.aria}
          onClick={onPaletteClick}
        >
          <Shortcut keys={paletteShortcut.keys} />
        </button>
      </div>
    </footer>
  );
}
