import { useId, useState, type FormEvent, type Ref } from 'react';
import type { Survey } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';

export interface PulseAnswer {
  score: number;
  comment: string;
  answers: Record<string, number | string>;
}

const SCORES = Array.from({ length: 11 }, (_, i) => i);

function ScoreScale({
  name,
  legend,
  value,
  onChange,
  firstRef,
}: {
  name: string;
  legend: string;
  value: number | null;
  onChange(score: number): void;
  firstRef?: Ref<HTMLInputElement>;
}) {
  const { t, f } = useI18n();
  return (
    <fieldset className="score-scale">
      <legend>{legend}</legend>
      <div className="scores">
        {SCORES.map((score) => (
          <label key={score} className={value === score ? 'score selected' : 'score'}>
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              ref={score === (value ?? 0) ? firstRef : undefined}
              onChange={() => onChange(score)}
            />
            <span>{f.number(score, 0)}</span>
          </label>
        ))}
      </div>
      <p className="scale-ends" aria-hidden="true">
        <span>{t('pulse.scaleLow')}</span>
        <span>{t('pulse.scaleHigh')}</span>
      </p>
    </fieldset>
  );
}

/** The pulse: 0–10 in one click, Send in a second; a comment and further questions if wished. */
export function PulseQuestion({
  survey,
  onSubmit,
  onSnooze,
  now,
  scoreRef,
}: {
  survey: Survey;
  onSubmit(answer: PulseAnswer): Promise<void>;
  onSnooze(until: string): Promise<void>;
  now: Date;
  scoreRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(actionErrorText(e, t));
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (score === null) {
      setError(t('pulse.pickScore'));
      return;
    }
    const filled = Object.fromEntries(
      Object.entries(answers).filter(([, v]) => (typeof v === 'string' ? v.trim() !== '' : true)),
    );
    void run(() => onSubmit({ score, comment: comment.trim(), answers: filled }));
  }

  const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

  return (
    <form className="card pulse-form" onSubmit={submit} aria-labelledby={`${id}-q`}>
      <h2 id={`${id}-q`} className="card-title">
        {t('pulse.title')}
      </h2>
      <ScoreScale
        name={`${id}-score`}
        legend={t('pulse.question', { company: survey.companyName })}
        value={score}
        onChange={setScore}
        {...(scoreRef ? { firstRef: scoreRef } : {})}
      />
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('pulse.comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {survey.questions.length > 0 ? (
        <details className="more-questions">
          <summary>{t('pulse.moreQuestions', { count: survey.questions.length })}</summary>
          {survey.questions.map((q) =>
            q.kind === 'score' ? (
              <ScoreScale
                key={q.id}
                name={`${id}-${q.id}`}
                legend={q.text}
                value={typeof answers[q.id] === 'number' ? (answers[q.id] as number) : null}
                onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
              />
            ) : (
              <div className="field" key={q.id}>
                <label htmlFor={`${id}-${q.id}`}>{q.text}</label>
                <textarea
                  id={`${id}-${q.id}`}
                  rows={2}
                  maxLength={2000}
                  value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''}
                  onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value }))}
                />
              </div>
            ),
          )}
        </details>
      ) : null}
      <p className="field-hint">
        {t('pulse.anonymous', {
          min: survey.minGroupSize,
          minComments: survey.minCommentGroupSize,
        })}
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {t('pulse.send')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void run(() => onSnooze(later(24)))}
        >
          {t('pulse.snoozeDay')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void run(() => onSnooze(later(168)))}
        >
          {t('pulse.snoozeWeek')}
        </button>
      </div>
    </form>
  );
}
