export { evaluateCoaching, sortPrompts, coachingPromptId, isCoachableDeal } from './evaluate';
export type { CoachingInput } from './evaluate';
export { visiblePrompts } from './visibility';
export { builtInRules } from './rules';
export type * from './types';
export { COACHING_MESSAGE_IDS } from './messages';
