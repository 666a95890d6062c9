import { useEffect, useState } from 'react';
import type { NoteEntry, NoteThread, SyncRejection } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';
import { Icon } from '../../workbench/icons';
import { Composer } from './Composer';
import { NoteItem } from './NoteItem';
import type { NotesActions } from './NotesView';

/** A conflict copy: the user's edit the server could not apply, with both ways out. */
function ConflictCopy({
  copy,
  original,
  onKeepMine,
  onDiscard,
}: {
  copy: NoteEntry;
  original: NoteEntry | undefined;
  onKeepMine(): Promise<void>;
  onDiscard(): Promise<void>;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(actionErrorText(e, t));
    }
  };
  return (
    <div className="conflict" role="group" aria-label={t('notes.conflict.label')}>
      <p className="conflict-title">
        <Icon name="warning" /> {t('notes.conflict.title')}
      </p>
      <p className="muted">{t('notes.conflict.help')}</p>
      <p className="conflict-label">{t('notes.conflict.mine')}</p>
      <p className="note-body">{copy.body}</p>
      {original ? (
        <>
          <p className="conflict-label">{t('notes.conflict.theirs')}</p>
          <p className="note-body">{original.body}</p>
        </>
      ) : null}
      <div className="note-actions">
        {original ? (
          <button type="button" className="button" onClick={() => void run(onKeepMine)}>
            {t('notes.conflict.keepMine')}
          </button>
        ) : null}
        <button type="button" className="button secondary" onClick={() => void run(onDiscard)}>
          {t('notes.conflict.discard')}
        </button>
      </div>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The start of a note, on one line, for the thread's accessible name. */
function preview(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length <= 60 ? line : `${line.slice(0, 59)}…`;
}

export function ThreadCard({
  thread,
  meId,
  now,
  actions,
  conflictRejections,
  replyDraft,
}: {
  thread: NoteThread;
  meId: string;
  now: Date;
  actions: NotesActions;
  /** Refused edits whose text became a conflict copy in this thread. */
  conflictRejections: readonly SyncRejection[];
  /** Text put back from a refused reply. */
  replyDraft: string | null;
}) {
  const { t } = useI18n();
  const [replying, setReplying] = useState(replyDraft !== null);
  const [open, setOpen] = useState(!thread.note.resolved);
  // A thread folds when it is resolved and unfolds when it is reopened (here or elsewhere).
  useEffect(() => setOpen(!thread.note.resolved), [thread.note.resolved]);
  const [error, setError] = useState<string | null>(null);
  const root = thread.note;
  const all = [root, ...thread.replies];
  // The user's own conflict copies are offered for settling; others' read as replies.
  const replies = thread.replies.filter((r) => r.conflictOf === undefined || r.authorId !== meId);
  const copies = thread.replies.filter((r) => r.conflictOf !== undefined && r.authorId === meId);
  const headingId = `thread-${root.id}`;

  const resolve = async () => {
    setError(null);
    try {
      await actions.resolve(root.id, !root.resolved);
    } catch (e) {
      setError(actionErrorText(e, t));
    }
  };
  const settleConflict = async (copy: NoteEntry, keepMine: boolean) => {
    if (keepMine && copy.conflictOf) await actions.edit(copy.conflictOf, copy.body);
    await actions.remove(copy.id);
    for (const r of conflictRejections) {
      if (r.entityId === copy.conflictOf) await actions.dismissRejection(r.seq);
    }
  };

  return (
    <article className={root.resolved ? 'thread resolved' : 'thread'} aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {t('notes.threadBy', {
          name: root.authorId === meId ? t('notes.you') : (root.authorName ?? t('notes.someone')),
          preview: preview(root.body),
        })}
      </h3>
      {root.resolved ? (
        <button
          type="button"
          className="button link thread-toggle"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <Icon name="check" />{' '}
          {t('notes.resolvedThread', { count: replies.length, preview: preview(root.body) })}
        </button>
      ) : null}
      {open ? (
        <>
          <NoteItem
            note={root}
            isRoot
            meId={meId}
            now={now}
            onEdit={(body) => actions.edit(root.id, body)}
            onDelete={() => actions.remove(root.id)}
          />
          {replies.length > 0 ? (
            <ol className="replies" aria-label={t('notes.replies', { count: replies.length })}>
              {replies.map((reply) => (
                <li key={reply.id}>
                  <NoteItem
                    note={reply}
                    isRoot={false}
                    meId={meId}
                    now={now}
                    onEdit={(body) => actions.edit(reply.id, body)}
                    onDelete={() => actions.remove(reply.id)}
                  />
                </li>
              ))}
            </ol>
          ) : null}
          {copies.map((copy) => (
            <ConflictCopy
              key={copy.id}
              copy={copy}
              original={all.find((n) => n.id === copy.conflictOf)}
              onKeepMine={() => settleConflict(copy, true)}
              onDiscard={() => settleConflict(copy, false)}
            />
          ))}
          {replying ? (
            <Composer
              label={t('notes.replyLabel')}
              submitLabel={t('notes.reply')}
              initialText={replyDraft ?? ''}
              autoFocus
              onSubmit={async (body) => {
                await actions.reply(root.id, body);
                setReplying(false);
              }}
              onCancel={() => setReplying(false)}
            />
          ) : (
            <div className="note-actions">
              <button type="button" className="button link" onClick={() => setReplying(true)}>
                {t('notes.reply')}
              </button>
              <button type="button" className="button link" onClick={() => void resolve()}>
                {root.resolved ? t('notes.reopen') : t('notes.resolve')}
              </button>
            </div>
          )}
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : null}
    </article>
  );
}
