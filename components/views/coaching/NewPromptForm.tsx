import { useId, useState, type FormEvent, type Ref } from 'react';
import type { Severity } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';

export interface NewPromptInput {
  severity: Severity;
  title: string;
  detail: string;
  aboutDeal: boolean;
}

/** A manager's own prompt for a rep (optionally about the deal beside the sidebar). */
export function NewPromptForm({
  dealAvailable,
  onCreate,
  titleRef,
}: {
  dealAvailable: boolean;
  onCreate(input: NewPromptInput): Promise<void>;
  titleRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [severity, setSeverity] = useState<Severity>('info');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [aboutDeal, setAboutDeal] = useState(dealAvailable);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') {
      setError(t('coaching.new.titleRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreate({
        severity,
        title: title.trim(),
        detail: detail.trim(),
        aboutDeal: aboutDeal && dealAvailable,
      });
      setTitle('');
      setDetail('');
      setSent(true);
    } catch (e) {
      setError(actionErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card-title">
        {t('coaching.new.title')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-sev`}>{t('coaching.new.severity')}</label>
        <select
          id={`${id}-sev`}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity)}
        >
          <option value="info">{t('severity.info')}</option>
          <option value="warn">{t('severity.warn')}</option>
          <option value="risk">{t('severity.risk')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('coaching.new.promptTitle')}</label>
        <input
          id={`${id}-title`}
          ref={titleRef}
          type="text"
          maxLength={200}
          value={title}
          aria-required="true"
          aria-invalid={error !== null && title.trim() === '' ? true : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            setSent(false);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-detail`}>{t('coaching.new.detail')}</label>
        <textarea
          id={`${id}-detail`}
          rows={3}
          maxLength={2000}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
        />
      </div>
      {dealAvailable ? (
        <div className="field checkbox">
          <input
            id={`${id}-deal`}
            type="checkbox"
            checked={aboutDeal}
            onChange={(e) => setAboutDeal(e.target.checked)}
          />
          <label htmlFor={`${id}-deal`}>{t('coaching.new.aboutDeal')}</label>
        </div>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {sent ? (
        <p className="field-hint" role="status">
          {t('coaching.new.sent')}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {t('coaching.new.submit')}
      </button>
    </form>
  );
}
