import { useState } from 'react';
import type { NoteEntry } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';
import { PendingMark } from '../../shared/states';
import { Composer } from './Composer';

/** One note of a thread: who, when, what; edit and delete for its author. */
export function NoteItem({
  note,
  isRoot,
  meId,
  now,
  onEdit,
  onDelete,
}: {
  note: NoteEntry;
  /** The first note of its thread (deleting it deletes the thread). */
  isRoot: boolean;
  meId: string;
  now: Date;
  onEdit(body: string): Promise<void>;
  onDelete(): Promise<void>;
}) {
  const { t, f } = useI18n();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = note.authorId === meId;
  const edited = note.updatedAt !== note.createdAt && note.version > 1;
  const author = mine ? t('notes.you') : (note.authorName ?? t('notes.someone'));

  async function remove() {
    setError(null);
    try {
      await onDelete();
    } catch (e) {
      setError(actionErrorText(e, t));
      setConfirming(false);
    }
  }

  return (
    <div className="note">
      <p className="note-meta">
        <span className="note-author">{author}</span>
        <time dateTime={note.createdAt} title={f.dateTime(note.createdAt)}>
          {f.relative(note.createdAt, now)}
        </time>
        {edited ? <span className="muted">{t('notes.edited')}</span> : null}
        {note.conflictOf !== undefined ? (
          <span className="chip">{t('notes.conflictCopy')}</span>
        ) : null}
        {note.visibility === 'managers' ? (
          <span className="chip">{t('notes.visibility.managers')}</span>
        ) : null}
        {note.pending ? <PendingMark /> : null}
      </p>
      {editing ? (
        <Composer
          label={t('notes.editLabel')}
          submitLabel={t('action.save')}
          initialText={note.body}
          autoFocus
          onSubmit={async (body) => {
            await onEdit(body);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="note-body">{note.body}</p>
      )}
      {!editing && mine ? (
        <div className="note-actions">
          {confirming ? (
            <>
              <span role="alert">
                {isRoot ? t('notes.confirmDeleteThread') : t('notes.confirmDelete')}
              </span>
              <button type="button" className="button danger" onClick={() => void remove()}>
                {t('action.delete')}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => setConfirming(false)}
              >
                {t('action.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button link" onClick={() => setEditing(true)}>
                {t('action.edit')}
              </button>
              <button type="button" className="button link" onClick={() => setConfirming(true)}>
                {t('action.delete')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
