import { useState, type Ref } from 'react';
import type { NoteThread, SyncRejection } from '../../data-contract/types';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../shared/states';
import { Icon } from '../../workbench/icons';
import { Composer } from './Composer';
import { ThreadCard } from './ThreadCard';

export interface NotesActions {
  create(body: string, visibility: 'shared' | 'managers'): Promise<void>;
  reply(parentId: string, body: string): Promise<void>;
  edit(id: string, body: string): Promise<void>;
  resolve(id: string, resolved: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  dismissRejection(seq: number): Promise<void>;
}

export interface NotesViewProps {
  threads: readonly NoteThread[];
  /** Refused note changes about this deal. */
  rejections: readonly SyncRejection[];
  meId: string;
  /** Managers start threads; everyone replies. */
  canCreate: boolean;
  now: Date;
  actions: NotesActions;
  composerRef?: Ref<HTMLTextAreaElement>;
}

const REJECTED_WHAT: Record<string, MessageKey> = {
  'annotation.create': 'notes.rejected.create',
  'annotation.reply': 'notes.rejected.reply',
  'annotation.edit': 'notes.rejected.edit',
  'annotation.resolve': 'notes.rejected.resolve',
  'annotation.delete': 'notes.rejected.delete',
};

const REJECTED_WHY: Record<string, MessageKey> = {
  forbidden: 'notes.rejectedWhy.forbidden',
  not_found: 'notes.rejectedWhy.notFound',
  conflict: 'notes.rejectedWhy.conflict',
  invalid: 'notes.rejectedWhy.invalid',
  validation: 'notes.rejectedWhy.invalid',
};

function bodyOf(rejection: SyncRejection): string | null {
  const args = rejection.args as { body?: unknown } | null;
  return typeof args?.body === 'string' ? args.body : null;
}

/** Notes: the annotation thread on this deal record. */
export function NotesView(props: NotesViewProps) {
  const { t, f } = useI18n();
  const [draft, setDraft] = useState<{
    text: string;
    parentId: string | null;
    nonce: number;
  } | null>(null);
  const threadIds = new Set(props.threads.map((th) => th.note.id));
  // Conflicts with a copy in a thread are settled there; the rest are listed below.
  const copiesOf = new Set(
    props.threads.flatMap((th) => th.replies.flatMap((r) => (r.conflictOf ? [r.conflictOf] : []))),
  );
  const conflictRejections = props.rejections.filter(
    (r) => r.name === 'annotation.edit' && r.code === 'conflict' && copiesOf.has(r.entityId),
  );
  const listed = props.rejections.filter((r) => !conflictRejections.includes(r));
  const open = props.threads.filter((th) => !th.note.resolved);
  const resolved = props.threads.filter((th) => th.note.resolved);

  function putBack(rejection: SyncRejection) {
    const text = bodyOf(rejection);
    if (text === null) return;
    const args = rejection.args as { parentId?: unknown };
    const parentId =
      typeof args.parentId === 'string' && threadIds.has(args.parentId) ? args.parentId : null;
    setDraft({ text, parentId, nonce: Date.now() });
    void props.actions.dismissRejection(rejection.seq);
  }

  const thread = (th: NoteThread) => (
    <ThreadCard
      key={`${th.note.id}-${draft?.parentId === th.note.id ? draft.nonce : 0}`}
      thread={th}
      meId={props.meId}
      now={props.now}
      actions={props.actions}
      conflictRejections={conflictRejections}
      replyDraft={draft?.parentId === th.note.id ? draft.text : null}
    />
  );

  return (
    <div className="notes">
      {listed.length > 0 ? (
        <section className="rejections" aria-labelledby="notes-rejected">
          <h2 id="notes-rejected" className="section-title">
            <Icon name="warning" /> {t('notes.rejectedTitle', { count: listed.length })}
          </h2>
          <ul className="plain-list">
            {listed.map((r) => {
              const body = bodyOf(r);
              const why = REJECTED_WHY[r.code];
              return (
                <li key={r.seq} className="rejection">
                  <p>
                    <strong>{t(REJECTED_WHAT[r.name] ?? 'notes.rejected.other')}</strong>{' '}
                    <span className="muted">{f.relative(r.createdAt, props.now)}</span>
                  </p>
                  <p title={r.message}>{why ? t(why) : r.message}</p>
                  {body ? <p className="note-body quoted">{body}</p> : null}
                  <div className="note-actions">
                    {body && (r.name === 'annotation.create' || r.name === 'annotation.reply') ? (
                      <button type="button" className="button secondary" onClick={() => putBack(r)}>
                        {t('notes.putBack')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() => void props.actions.dismissRejection(r.seq)}
                    >
                      {t('action.dismiss')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {props.canCreate ? (
        <Composer
          key={draft && draft.parentId === null ? draft.nonce : 'composer'}
          label={t('notes.newLabel')}
          submitLabel={t('notes.add')}
          withVisibility
          initialText={draft && draft.parentId === null ? draft.text : ''}
          onSubmit={(body, visibility) => props.actions.create(body, visibility)}
          {...(props.composerRef ? { textareaRef: props.composerRef } : {})}
        />
      ) : null}

      {props.threads.length === 0 ? (
        <EmptyState title={t('notes.none')}>
          <p>{props.canCreate ? t('notes.noneManager') : t('notes.noneRep')}</p>
        </EmptyState>
      ) : (
        <>
          {open.map(thread)}
          {resolved.length > 0 ? (
            <section aria-labelledby="notes-resolved">
              <h2 id="notes-resolved" className="section-title">
                {t('notes.resolvedTitle', { count: resolved.length })}
              </h2>
              {resolved.map(thread)}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
