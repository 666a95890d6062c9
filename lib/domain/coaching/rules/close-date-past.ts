import { daysBetween, isIsoDate } from '../../dates';
import { dealLabel, days } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/**
 * An open deal whose close date is in the past: closeDate < asOf, so a deal closing today
 * is not flagged and one that was due yesterday is ("1 day ago").
 */
export const closeDatePast: DealRule = {
  id: 'close-date-past',
  name: 'Close date in the past',
  severity: 'risk',
  scope: 'deal',
  evaluate({ deal, asOf }) {
    if (!isIsoDate(deal.closeDate)) return null;
    const overdue = daysBetween(deal.closeDate, asOf);
    if (overdue < 1) return null;
    return {
      title: `Close date passed ${days(overdue)} ago`,
      detail:
        `${dealLabel(deal.name)} was due to close on ${deal.closeDate} and is still open. ` +
        'Move the close date to when you now expect it, or close the deal as won or lost.',
      message: {
        title: message('close-date-past.title', { count: arg.count(overdue) }),
        detail: message('close-date-past.detail', {
          deal: arg.deal(deal.name),
          closeDate: arg.date(deal.closeDate),
        }),
      },
    };
  },
};
