import { useState } from 'react';
import type { CoachingPrompt, EvaluatedPrompt } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';
import { PendingMark } from '../../shared/states';
import { Icon, type IconName } from '../../workbench/icons';
import { promptText } from './prompt-text';

const SEVERITY_ICON: Record<CoachingPrompt['severity'], IconName> = {
  risk: 'error',
  warn: 'warning',
  info: 'info',
};

/** Snooze lengths offered, in hours. */
export const SNOOZE_HOURS = [24, 72, 168] as const;

export function PromptCard({
  prompt,
  dealName,
  now,
  onDismiss,
  onSnooze,
}: {
  prompt: EvaluatedPrompt & { pending?: boolean };
  /** Shown for prompts about a deal other than the one beside the sidebar. */
  dealName?: string | null;
  now: Date;
  onDismiss(): Promise<void>;
  onSnooze(until: string): Promise<void>;
}) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const text = promptText(prompt, i18n);
  const lang = text.lang ?? undefined;
  const [snoozing, setSnoozing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `prompt-${prompt.id}`;
  const fromRule = prompt.ruleId !== 'manager';

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(actionErrorText(e, t));
      setBusy(false);
    }
  }

  return (
    <article className={`prompt severity-${prompt.severity}`} aria-labelledby={titleId}>
      <p className="prompt-severity">
        <Icon name={SEVERITY_ICON[prompt.severity]} /> {t(`severity.${prompt.severity}`)}
        {prompt.pending ? <PendingMark /> : null}
      </p>
      {/* A prompt left in the engine's English says so to screen readers. */}
      <h3 id={titleId} className="prompt-title" lang={lang}>
        {text.title}
      </h3>
      {text.detail ? (
        <p className="prompt-detail" lang={lang}>
          {text.detail}
        </p>
      ) : null}
      {dealName ? (
        <p className="prompt-meta">{t('coaching.aboutDeal', { deal: dealName })}</p>
      ) : null}
      {!fromRule ? (
        <p className="prompt-meta">
          {prompt.authorName
            ? t('coaching.from', { name: prompt.authorName })
            : t('coaching.fromManager')}
          {prompt.createdAt ? ` · ${f.relative(prompt.createdAt, now)}` : ''}
        </p>
      ) : null}
      <div className="prompt-actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void act(onDismiss)}
        >
          {t('coaching.dismiss')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-expanded={snoozing}
          disabled={busy}
          onClick={() => setSnoozing((s) => !s)}
        >
          {t('coaching.snooze')}
        </button>
      </div>
      {snoozing ? (
        <div className="snooze-options" role="group" aria-label={t('coaching.snoozeFor')}>
          {SNOOZE_HOURS.map((hours) => (
            <button
              key={hours}
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() =>
                void act(() => onSnooze(new Date(now.getTime() + hours * 3_600_000).toISOString()))
              }
            >
              {t('coaching.snoozeDays', { count: hours / 24 })}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
