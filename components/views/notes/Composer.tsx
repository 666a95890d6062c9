import { useEffect, useId, useState, type FormEvent, type Ref } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';

/**
 * A note or reply editor. Ctrl/⌘+Enter sends; Escape cancels when there is a cancel. The
 * text is kept when sending fails.
 */
export function Composer({
  label,
  submitLabel,
  initialText = '',
  withVisibility = false,
  onSubmit,
  onCancel,
  textareaRef,
  autoFocus = false,
}: {
  label: string;
  submitLabel: string;
  initialText?: string;
  /** Managers choose who sees a new thread. */
  withVisibility?: boolean;
  onSubmit(body: string, visibility: 'shared' | 'managers'): Promise<void>;
  onCancel?: () => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [visibility, setVisibility] = useState<'shared' | 'managers'>('shared');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Text put back from a refused change replaces what is in the editor.
  useEffect(() => setText(initialText), [initialText]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (text.trim() === '') {
      setError(t('notes.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text.trim(), visibility);
      setText('');
    } catch (e) {
      setError(actionErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textareaRef}
        rows={3}
        maxLength={10_000}
        placeholder={label}
        value={text}
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint`}
        aria-invalid={error !== null || undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape' && onCancel) {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        {t('notes.composerHint')}
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="composer-actions">
        {withVisibility ? (
          <>
            <label htmlFor={`${id}-vis`} className="visually-hidden">
              {t('notes.visibility')}
            </label>
            <select
              id={`${id}-vis`}
              value={visibility}
              onChange={(e) => setVisibility(e.target.value as 'shared' | 'managers')}
            >
              <option value="shared">{t('notes.visibility.shared')}</option>
              <option value="managers">{t('notes.visibility.managers')}</option>
            </select>
          </>
        ) : null}
        <span className="spacer" />
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
