import { daysBetween, isIsoDate } from '../../dates';
import { dealLabel, days } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/**
 * No activity for `staleActivityDays` (default 14) or more: daysSince(lastActivityDate,
 * asOf) ≥ staleActivityDays triggers, so 14 days without activity is flagged and 13 is
 * not. A deal with no activity recorded at all counts from its created date.
 */
export const noRecentActivity: DealRule = {
  id: 'no-recent-activity',
  name: 'No recent activity',
  severity: 'warn',
  scope: 'deal',
  evaluate({ deal, asOf, thresholds }) {
    const since = deal.lastActivityDate ?? deal.createdDate;
    if (!isIsoDate(since)) return null;
    const idle = daysBetween(since, asOf);
    if (idle < thresholds.staleActivityDays) return null;
    const what =
      deal.lastActivityDate !== undefined
        ? `The last activity on ${dealLabel(deal.name)} was logged on ${since}.`
        : `No activity has been logged on ${dealLabel(deal.name)} since it was created on ${since}.`;
    return {
      title: `No activity for ${days(idle)} (since ${since})`,
      detail: `${what} Reach out to the buyer and log it, or update the deal if it has gone quiet.`,
      message: {
        title: message('no-recent-activity.title', {
          count: arg.count(idle),
          since: arg.date(since),
        }),
        detail: message(
          deal.lastActivityDate !== undefined
            ? 'no-recent-activity.detail'
            : 'no-recent-activity.never.detail',
          { deal: arg.deal(deal.name), since: arg.date(since) },
        ),
      },
    };
  },
};
