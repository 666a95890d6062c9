import { dealLabel, times } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/**
 * The close date was pushed back `closeDatePushes` (default 2) times or more:
 * closeDatePushCount ≥ closeDatePushes triggers (2 is flagged, 1 is not). A deal whose CRM
 * does not report the count is never flagged.
 */
export const closeDatePushed: DealRule = {
  id: 'close-date-pushed',
  name: 'Close date pushed repeatedly',
  severity: 'risk',
  scope: 'deal',
  evaluate({ deal, thresholds }) {
    const pushes = deal.closeDatePushCount;
    if (pushes === undefined || pushes < thresholds.closeDatePushes) return null;
    return {
      title: `Close date pushed ${times(pushes)}`,
      detail:
        `The close date of ${dealLabel(deal.name)} has moved ${times(pushes)}; it now reads ` +
        `${deal.closeDate}. Confirm the buyer's timeline and what still stands in the way.`,
      message: {
        title: message('close-date-pushed.title', { count: arg.count(pushes) }),
        detail: message('close-date-pushed.detail', {
          count: arg.count(pushes),
          deal: arg.deal(deal.name),
          closeDate: arg.date(deal.closeDate),
        }),
      },
    };
  },
};
