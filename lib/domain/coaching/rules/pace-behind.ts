import { rounded, roundTo } from '../format';
import { arg, message } from '../messages';
import type { RepRule } from '../types';

/** Binary noise allowance, in points: 0.4 − 0.5 = −0.09999999999999998 is 10 points. */
const EPSILON_POINTS = 1e-6;

/**
 * Attainment more than `paceBehindPoints` (default 10) points behind an even pace:
 * pace < −paceBehindPoints / 100, so exactly 10 points behind is not flagged and 10.1 is.
 */
export const paceBehind: RepRule = {
  id: 'pace-behind',
  name: 'Behind pace',
  severity: 'risk',
  scope: 'rep',
  evaluate({ kpis, thresholds }) {
    const { pace } = kpis;
    if (pace === null || !Number.isFinite(pace)) return null;
    const behind = -pace * 100;
    if (behind <= thresholds.paceBehindPoints + EPSILON_POINTS) return null;
    const points = rounded(behind, 1);
    // Named `count`: it also picks the plural form ("1 point").
    const args = { count: arg.number(roundTo(behind, 1), 1) };
    return {
      title: `${points} points behind pace`,
      detail:
        `Your attainment is ${points} percentage points below where an even pace through the ` +
        'period would put you today. Focus on the deals that can close this period.',
      message: {
        title: message('pace-behind.title', args),
        detail: message('pace-behind.detail', args),
      },
    };
  },
};
