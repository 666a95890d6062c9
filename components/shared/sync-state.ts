import type { SyncStatus } from '../data-contract/types';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/I18nProvider';

export type SyncStateKind =
  | 'signedOut'
  | 'updateRequired'
  | 'offline'
  | 'syncing'
  | 'error'
  | 'pending'
  | 'neverSynced'
  | 'synced';

/** The one state the status bar shows, most pressing first; rejections are shown beside it. */
export function syncStateKind(status: SyncStatus): SyncStateKind {
  if (!status.signedIn) return 'signedOut';
  if (status.stopped) return 'updateRequired';
  if (!status.online) return 'offline';
  if (status.syncing) return 'syncing';
  if (status.error) return 'error';
  if (status.pending > 0) return 'pending';
  if (status.lastSyncedAt === null) return 'neverSynced';
  return 'synced';
}

const ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  network: 'sync.error.network',
  timeout: 'sync.error.timeout',
  server_error: 'sync.error.server',
  unavailable: 'sync.error.server',
  rate_limited: 'sync.error.rateLimited',
  storage_full: 'sync.error.storageFull',
  invalid_response: 'sync.error.invalidResponse',
};

/** Why the last sync failed, in the user's language when the code is known. */
export function syncErrorText(error: { code: string; message: string }, t: Translate): string {
  const key = ERROR_MESSAGES[error.code];
  return key ? t(key) : error.message;
}

/** The short status-bar text: "Synced 3 minutes ago", "2 changes waiting to sync". */
export function syncStateLabel(
  status: SyncStatus,
  t: Translate,
  relative: (timestamp: string) => string,
): string {
  switch (syncStateKind(status)) {
    case 'signedOut':
      return t('sync.state.signedOut');
    case 'updateRequired':
      return t('sync.state.updateRequired');
    case 'offline':
      return status.pending > 0
        ? t('sync.state.offlinePending', { count: status.pending })
        : t('sync.state.offline');
    case 'syncing':
      return t('sync.state.syncing');
    case 'error':
      return t('sync.state.error');
    case 'pending':
      return t('sync.state.pending', { count: status.pending });
    case 'neverSynced':
      return t('sync.state.neverSynced');
    case 'synced':
      return t('sync.state.synced', { when: relative(status.lastSyncedAt!) });
  }
}
