import { cutTo, truncated } from '../format';
import { arg, message } from '../messages';
import type { RepRule } from '../types';

/** Binary noise allowance: a coverage computed as 2.9999999999999996 reads as 3. */
const EPSILON = 1e-9;

/**
 * Pipeline coverage below `minCoverage` (default 3×): coverage !== null and
 * coverage < minCoverage (exactly 3× is not flagged). Coverage null means the quota is met
 * (or there is none): no prompt.
 */
export const lowCoverage: RepRule = {
  id: 'low-coverage',
  name: 'Pipeline coverage too low',
  severity: 'warn',
  scope: 'rep',
  evaluate({ kpis, thresholds }) {
    const { coverage } = kpis;
    if (coverage === null || !Number.isFinite(coverage)) return null;
    if (coverage >= thresholds.minCoverage - EPSILON) return null;
    const target = truncated(thresholds.minCoverage, 2);
    const args = {
      coverage: arg.number(cutTo(coverage, 2), 2),
      target: arg.number(cutTo(thresholds.minCoverage, 2), 2),
    };
    return {
      title: `Pipeline covers ${truncated(coverage, 2)}× of your gap (target ${target}×)`,
      detail:
        `Open deals closing this period add up to ${truncated(coverage, 2)} times what you still ` +
        `need to reach quota; aim for at least ${target} times. ` +
        'Add pipeline, or bring deals forward into this period.',
      message: {
        title: message('low-coverage.title', args),
        detail: message('low-coverage.detail', args),
      },
    };
  },
};
