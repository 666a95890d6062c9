import { daysBetween, isIsoDate } from '../../dates';
import { clip, dealLabel, days } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/**
 * In the same stage for `stuckInStageDays` (default 30) or more: daysBetween(
 * stageEnteredDate, asOf) ≥ stuckInStageDays triggers (30 is flagged, 29 is not). A deal
 * without a stage-entered date is never flagged: there is nothing to count from.
 */
export const stuckInStage: DealRule = {
  id: 'stuck-in-stage',
  name: 'Stuck in one stage',
  severity: 'warn',
  scope: 'deal',
  evaluate({ deal, asOf, thresholds }) {
    const entered = deal.stageEnteredDate;
    if (entered === undefined || !isIsoDate(entered)) return null;
    const stayed = daysBetween(entered, asOf);
    if (stayed < thresholds.stuckInStageDays) return null;
    const stage = deal.stage.trim();
    return {
      title: stage
        ? `In ${clip(stage, 60)} for ${days(stayed)} (since ${entered})`
        : `In the same stage for ${days(stayed)} (since ${entered})`,
      detail:
        `${dealLabel(deal.name)} has not moved stage in ${days(stayed)}. ` +
        'Agree the step that moves it forward with the buyer, or requalify it.',
      message: {
        title: stage
          ? message('stuck-in-stage.title', {
              stage: arg.text(clip(stage, 60)),
              count: arg.count(stayed),
              since: arg.date(entered),
            })
          : message('stuck-in-stage.noStage.title', {
              count: arg.count(stayed),
              since: arg.date(entered),
            }),
        detail: message('stuck-in-stage.detail', {
          deal: arg.deal(deal.name),
          count: arg.count(stayed),
        }),
      },
    };
  },
};
