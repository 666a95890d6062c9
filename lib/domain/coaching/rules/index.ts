import type { CoachingRule } from '../types';
import { closeDatePast } from './close-date-past';
import { closeDatePushed } from './close-date-pushed';
import { largeDealFewContacts } from './large-deal-few-contacts';
import { lowCoverage } from './low-coverage';
import { nextTierWithinReach } from './next-tier-within-reach';
import { noNextStep } from './no-next-step';
import { noRecentActivity } from './no-recent-activity';
import { paceBehind } from './pace-behind';
import { stuckInStage } from './stuck-in-stage';

/**
 * Every built-in coaching rule, in one list. A new rule is a module in this folder, named
 * after its id, added here (a conventions test checks both).
 */
export const builtInRules: readonly CoachingRule[] = [
  closeDatePast,
  noRecentActivity,
  stuckInStage,
  noNextStep,
  closeDatePushed,
  largeDealFewContacts,
  lowCoverage,
  paceBehind,
  nextTierWithinReach,
];
