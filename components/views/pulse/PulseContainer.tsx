import { useMemo, useState } from 'react';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { currentPulse } from '../../shared/current-pulse';
import { ErrorState, LoadingState } from '../../shared/states';
import { localDate, useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget } from '../../workbench/WorkbenchState';
import { PulseView } from './PulseView';

export function PulseContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const actions = data.useActions();
  const me = data.useMe().data ?? null;
  const pulseData = data.usePulse();
  const sync = data.useSyncStatus().data;
  const scoreRef = useFocusTarget<HTMLInputElement>('pulse.score');
  const [resultsPeriod, setResultsPeriod] = useState<string | null>(null);
  const now = host.now();
  const nowMinute = now.toISOString().slice(0, 16);
  const isManager = me?.role === 'manager' || me?.role === 'admin';

  const pulse = useMemo(
    () =>
      me && pulseData.data
        ? currentPulse(
            pulseData.data.surveys,
            pulseData.data.statuses,
            me,
            localDate(new Date(`${nowMinute}:00.000Z`)),
            `${nowMinute}:00.000Z`,
          )
        : null,
    [me, pulseData.data, nowMinute],
  );
  const resultsSurvey = isManager
    ? (pulse?.survey ??
      [...(pulseData.data?.surveys ?? [])]
        .filter((s) => s.active !== false)
        .sort((a, b) => (a.id < b.id ? -1 : 1))[0] ??
      null)
    : null;
  const results = data.useEnpsResults(
    isManager ? (resultsSurvey?.id ?? null) : null,
    resultsPeriod,
  );

  if (!me) return null;
  if (!pulseData.data) {
    return pulseData.status === 'error' ? (
      <ErrorState
        what={t('pulse.readFailed')}
        error={pulseData.error}
        onRetry={pulseData.refetch}
      />
    ) : (
      <LoadingState />
    );
  }
  return (
    <PulseView
      pulse={pulse}
      now={now}
      scoreRef={scoreRef}
      onAnswer={(answer) =>
        pulse
          ? actions.pulse.respond({
              surveyId: pulse.survey.id,
              periodStart: pulse.periodStart,
              score: answer.score,
              ...(answer.comment ? { comment: answer.comment } : {}),
              ...(Object.keys(answer.answers).length > 0 ? { answers: answer.answers } : {}),
            })
          : Promise.resolve()
      }
      onSnooze={(until) =>
        pulse ? actions.pulse.snooze({ surveyId: pulse.survey.id, until }) : Promise.resolve()
      }
      results={
        isManager
          ? {
              resource: results,
              survey: resultsSurvey,
              online: sync?.online ?? true,
              onPeriodChange: setResultsPeriod,
            }
          : null
      }
    />
  );
}
