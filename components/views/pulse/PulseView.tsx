import { useState, type Ref } from 'react';
import { nextPeriod, periodContaining, type Survey } from '../../../lib/domain';
import type { EnpsResults, Resource } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { CurrentPulse } from '../../shared/current-pulse';
import { DataAge, EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { Icon } from '../../workbench/icons';
import { PulseQuestion, type PulseAnswer } from './PulseQuestion';
import { PulseResults } from './PulseResults';

export interface PulseViewProps {
  pulse: CurrentPulse | null;
  now: Date;
  onAnswer(answer: PulseAnswer): Promise<void>;
  onSnooze(until: string): Promise<void>;
  scoreRef?: Ref<HTMLInputElement>;
  /** Managers and admins: the results (server-only, cached for offline). */
  results?: {
    resource: Resource<EnpsResults>;
    survey: Survey | null;
    online: boolean;
    onPeriodChange(periodStart: string): void;
  } | null;
}

/** Pulse: the eNPS question when due, a thank-you once answered, results for managers. */
export function PulseView(props: PulseViewProps) {
  const { t, f } = useI18n();
  const [thanked, setThanked] = useState(false);
  const [answerNow, setAnswerNow] = useState(false);
  const pulse = props.pulse;
  const next = pulse
    ? nextPeriod(periodContaining(pulse.periodStart, pulse.survey.cadence), pulse.survey.cadence)
    : null;

  let question = null;
  if (pulse && thanked) {
    question = (
      <div className="card thanks" role="status">
        <p className="card-title">
          <Icon name="check" /> {t('pulse.thanks')}
        </p>
        <p>{t('pulse.thanksDetail')}</p>
        {next ? <p className="muted">{t('pulse.nextFrom', { date: f.date(next.start) })}</p> : null}
      </div>
    );
  } else if (pulse && (pulse.due || (answerNow && !pulse.answered))) {
    question = (
      <PulseQuestion
        survey={pulse.survey}
        now={props.now}
        onSubmit={async (answer) => {
          await props.onAnswer(answer);
          setThanked(true);
        }}
        onSnooze={async (until) => {
          await props.onSnooze(until);
          setAnswerNow(false);
        }}
        {...(props.scoreRef ? { scoreRef: props.scoreRef } : {})}
      />
    );
  } else if (pulse?.answered) {
    question = (
      <EmptyState title={t('pulse.answered')}>
        {next ? <p>{t('pulse.nextFrom', { date: f.date(next.start) })}</p> : null}
      </EmptyState>
    );
  } else if (pulse?.snoozedUntil) {
    question = (
      <EmptyState
        title={t('pulse.snoozed', { when: f.relative(pulse.snoozedUntil, props.now) })}
        action={
          <button type="button" className="button secondary" onClick={() => setAnswerNow(true)}>
            {t('pulse.answerNow')}
          </button>
        }
      />
    );
  } else if (!props.results) {
    question = (
      <EmptyState title={t('pulse.noSurvey')}>
        <p>{t('pulse.noSurveyHelp')}</p>
      </EmptyState>
    );
  }

  const results = props.results;
  let resultsBlock = null;
  if (results) {
    const r = results.resource;
    if (r.data) {
      resultsBlock = (
        <>
          <PulseResults
            results={r.data}
            survey={results.survey}
            onPeriodChange={results.onPeriodChange}
          />
          <DataAge updatedAt={r.dataUpdatedAt} now={props.now} />
        </>
      );
    } else if (!results.survey) {
      resultsBlock = (
        <EmptyState title={t('pulse.noResultsSurvey')}>
          <p>{t('pulse.noResultsSurveyHelp')}</p>
        </EmptyState>
      );
    } else if (!results.online) {
      resultsBlock = (
        <EmptyState title={t('pulse.resultsOffline')}>
          <p>{t('pulse.resultsOfflineHelp')}</p>
        </EmptyState>
      );
    } else if (r.status === 'error') {
      resultsBlock = (
        <ErrorState what={t('pulse.resultsFailed')} error={r.error} onRetry={r.refetch} />
      );
    } else {
      resultsBlock = <LoadingState label={t('pulse.resultsLoading')} />;
    }
  }

  return (
    <div className="pulse">
      {question}
      {resultsBlock}
    </div>
  );
}
