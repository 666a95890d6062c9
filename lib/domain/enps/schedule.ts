import type { IsoDate } from '../dates';
import { periodContaining } from '../periods';
import type { Role, Survey } from '../schemas';

/** The parts of a survey its schedule depends on (a parsed `Survey` fits). */
export interface SurveySchedule {
  cadence: Survey['cadence'];
  startsOn: IsoDate;
  endsOn?: IsoDate;
  audience?: { teamIds?: readonly string[]; roles?: readonly Role[] };
  /** Absent means active. */
  active?: boolean;
}

/**
 * First day of the survey's cadence period containing `date`: calendar months, quarters
 * or years (surveys follow the calendar, not a plan's fiscal year). Answers are recorded
 * against this day (`EnpsResponse.periodStart`, `EnpsStatus.answeredPeriods`).
 */
export function surveyPeriodStart(survey: Pick<SurveySchedule, 'cadence'>, date: IsoDate): IsoDate {
  return periodContaining(date, survey.cadence).start;
}

/**
 * Whether the user is in the survey's audience. A list that is absent or empty does not
 * restrict; with both lists, the user must match both (one of the roles, and a member of
 * one of the teams).
 */
export function isInSurveyAudience(
  survey: Pick<SurveySchedule, 'audience'>,
  user: { role: Role; teamIds: readonly string[] },
): boolean {
  const roles = survey.audience?.roles ?? [];
  const teams = survey.audience?.teamIds ?? [];
  if (roles.length > 0 && !roles.includes(user.role)) return false;
  if (teams.length > 0 && !teams.some((t) => user.teamIds.includes(t))) return false;
  return true;
}

export interface SurveyDueInput {
  survey: SurveySchedule;
  /** The user's participation; absent when they never answered or snoozed. */
  status?: { answeredPeriods: readonly IsoDate[]; snoozedUntil?: string } | null;
  asOf: IsoDate;
  /** ISO timestamp a snooze is compared with. */
  now: string;
  user: { role: Role; teamIds: readonly string[] };
}

/**
 * Whether to ask the user now: the survey is active, `asOf` is within startsOn–endsOn
 * (both inclusive), the user is in its audience, they have not answered for the cadence
 * period containing `asOf`, and they have not snoozed it until after `now` (a snooze
 * ending exactly at `now` is over; an unreadable one is ignored).
 */
export function isSurveyDue({ survey, status, asOf, now, user }: SurveyDueInput): boolean {
  if (survey.active === false) return false;
  if (asOf < survey.startsOn) return false;
  if (survey.endsOn !== undefined && asOf > survey.endsOn) return false;
  if (!isInSurveyAudience(survey, user)) return false;
  if (status) {
    if (status.answeredPeriods.includes(surveyPeriodStart(survey, asOf))) return false;
    if (status.snoozedUntil !== undefined && Date.parse(status.snoozedUntil) > Date.parse(now)) {
      return false;
    }
  }
  return true;
}
