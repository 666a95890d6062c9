import { useMemo } from 'react';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { NoteThread, SyncRejection } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget } from '../../workbench/WorkbenchState';
import { NotesView, type NotesActions } from './NotesView';

/** The refused note changes that concern this deal's threads. */
export function rejectionsForDeal(
  rejections: readonly SyncRejection[],
  dealId: string,
  threads: readonly NoteThread[],
): SyncRejection[] {
  const ids = new Set(threads.flatMap((th) => [th.note.id, ...th.replies.map((r) => r.id)]));
  return rejections.filter((r) => {
    if (!r.name.startsWith('annotation.')) return false;
    const args = (r.args ?? {}) as { dealId?: unknown; parentId?: unknown };
    return (
      args.dealId === dealId ||
      ids.has(r.entityId) ||
      (typeof args.parentId === 'string' && ids.has(args.parentId))
    );
  });
}

export function NotesContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const api = data.useActions();
  const me = data.useMe().data ?? null;
  const record = host.record?.isDeal ? host.record : null;
  const recordDeal = data.useRecordDeal(record?.recordId ?? null);
  const dealId = recordDeal.data?.id ?? null;
  const notes = data.useNotes(dealId);
  const sync = data.useSyncStatus().data;
  const composerRef = useFocusTarget<HTMLTextAreaElement>('notes.composer');

  const actions: NotesActions = useMemo(
    () => ({
      create: (body, visibility) =>
        dealId ? api.notes.create({ dealId, body, visibility }) : Promise.resolve(),
      reply: (parentId, body) => api.notes.reply({ parentId, body }),
      edit: (id, body) => api.notes.edit({ id, body }),
      resolve: (id, resolved) => api.notes.resolve({ id, resolved }),
      remove: (id) => api.notes.delete({ id }),
      dismissRejection: (seq) => api.dismissRejection(seq),
    }),
    [api, dealId],
  );
  const threads = notes.data;
  const rejections = useMemo(
    () => (dealId && threads ? rejectionsForDeal(sync?.rejections ?? [], dealId, threads) : []),
    [sync?.rejections, dealId, threads],
  );

  if (!me || !record) return null;
  if (recordDeal.data === undefined) {
    return recordDeal.status === 'error' ? (
      <ErrorState
        what={t('notes.readFailed')}
        error={recordDeal.error}
        onRetry={recordDeal.refetch}
      />
    ) : (
      <LoadingState />
    );
  }
  if (dealId === null) {
    return (
      <EmptyState title={t('notes.notSynced')}>
        <p>{t('notes.notSyncedHelp')}</p>
      </EmptyState>
    );
  }
  if (!threads) {
    return notes.status === 'error' ? (
      <ErrorState what={t('notes.readFailed')} error={notes.error} onRetry={notes.refetch} />
    ) : (
      <LoadingState />
    );
  }
  return (
    <NotesView
      threads={threads}
      rejections={rejections}
      meId={me.id}
      canCreate={me.role !== 'rep'}
      now={host.now()}
      actions={actions}
      composerRef={composerRef}
    />
  );
}
