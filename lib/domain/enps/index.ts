export {
  scoreEnps,
  enpsCategory,
  enpsFromCounts,
  enpsGroupSizes,
  DEFAULT_MIN_GROUP_SIZE,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  MIN_GROUP_SIZE_FLOOR,
} from './score';
export type { EnpsCategory, EnpsAnswer, EnpsScoreOptions, EnpsResult } from './score';
export { surveyPeriodStart, isInSurveyAudience, isSurveyDue } from './schedule';
export type { SurveySchedule, SurveyDueInput } from './schedule';
export { aggregateByTeam } from './aggregate';
export type { TeamEnpsAnswer, TeamEnpsResult, EnpsAggregate } from './aggregate';
