import {
  isInSurveyAudience,
  isSurveyDue,
  surveyPeriodStart,
  type EnpsStatus,
  type Survey,
  type User,
} from '../../lib/domain';

/** Where the user stands with the pulse survey that concerns them now. */
export interface CurrentPulse {
  survey: Survey;
  /** The cadence period an answer given now is for. */
  periodStart: string;
  due: boolean;
  answered: boolean;
  /** Set while a snooze is running (ISO timestamp). */
  snoozedUntil: string | null;
}

function isRunning(survey: Survey, asOf: string): boolean {
  return (
    survey.active !== false &&
    asOf >= survey.startsOn &&
    (survey.endsOn === undefined || asOf <= survey.endsOn)
  );
}

/**
 * The survey to show: the first due one, else the first running one the user is in the
 * audience of (answered or snoozed), else null. Surveys are taken in id order so the choice
 * is stable.
 */
export function currentPulse(
  surveys: readonly Survey[],
  statuses: readonly EnpsStatus[],
  user: Pick<User, 'role' | 'teamIds'>,
  asOf: string,
  now: string,
): CurrentPulse | null {
  const byId = new Map(statuses.map((s) => [s.surveyId, s]));
  const running = [...surveys]
    .filter((s) => isRunning(s, asOf) && isInSurveyAudience(s, user))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const describe = (survey: Survey): CurrentPulse => {
    const status = byId.get(survey.id) ?? null;
    const periodStart = surveyPeriodStart(survey, asOf);
    const snoozed =
      status?.snoozedUntil !== undefined && Date.parse(status.snoozedUntil) > Date.parse(now)
        ? status.snoozedUntil
        : null;
    return {
      survey,
      periodStart,
      due: isSurveyDue({ survey, status, asOf, now, user }),
      answered: status?.answeredPeriods.includes(periodStart) ?? false,
      snoozedUntil: snoozed,
    };
  };
  const all = running.map(describe);
  return all.find((p) => p.due) ?? all[0] ?? null;
}
