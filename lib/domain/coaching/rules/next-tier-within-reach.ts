import { currencyDigits, toMinor } from '../../money';
import { money, percent } from '../format';
import { arg, message } from '../messages';
import type { MessageArg, RepRule } from '../types';

/**
 * A motivating nudge: the next tier is within `nextTierWithinFraction` (default 10%) of
 * quota: 0 ≤ gapToNextTier ≤ nextTierWithinFraction × quota (inclusive: a gap of exactly
 * 10% of quota is flagged). Compared in the plan currency's minor units, so 5,000.00 against
 * 10% of 50,000 is exact. No prompt without a next tier or a positive quota.
 */
export const nextTierWithinReach: RepRule = {
  id: 'next-tier-within-reach',
  name: 'Next tier within reach',
  severity: 'info',
  scope: 'rep',
  evaluate({ kpis, thresholds }) {
    const { gapToNextTier: gap, quota, currency, nextTier, nextTierRate } = kpis;
    if (gap === null || quota === null || !Number.isFinite(gap) || !Number.isFinite(quota)) {
      return null;
    }
    if (gap < 0 || quota <= 0) return null;
    const digits = currencyDigits(currency) ?? 2;
    const gapMinor = toMinor(gap, digits);
    const limitMinor = toMinor(quota * thresholds.nextTierWithinFraction, digits);
    if (gapMinor > limitMinor) return null;
    const tier = nextTier === null ? 'the next tier' : `tier ${nextTier}`;
    const rate = nextTierRate === null ? '' : ` (${percent(nextTierRate)})`;
    const paid = nextTierRate === null ? '' : `, paid at ${percent(nextTierRate)}`;
    const tierArg = arg.phrase(
      nextTier === null
        ? message('next-tier-within-reach.nextTier')
        : message('next-tier-within-reach.tier', { tier: arg.count(nextTier) }),
    );
    const rateArg = (id: 'next-tier-within-reach.rate' | 'next-tier-within-reach.paidAt') =>
      arg.phrase(nextTierRate === null ? null : message(id, { rate: arg.percent(nextTierRate) }));
    const edge = gapMinor === 0;
    const gapArg: Record<string, MessageArg> = edge ? {} : { gap: arg.money(gap, currency) };
    const messages = {
      title: message(edge ? 'next-tier-within-reach.edge.title' : 'next-tier-within-reach.title', {
        ...gapArg,
        tier: tierArg,
        rate: rateArg('next-tier-within-reach.rate'),
      }),
      detail: message(
        edge ? 'next-tier-within-reach.edge.detail' : 'next-tier-within-reach.detail',
        { ...gapArg, tier: tierArg, paidAt: rateArg('next-tier-within-reach.paidAt') },
      ),
    };
    if (edge) {
      return {
        title: `Your next deal takes you into ${tier}${rate}`,
        detail: `You are right at the edge of ${tier}: any further credit is in it${paid}.`,
        message: messages,
      };
    }
    return {
      title: `${money(gap, currency)} more credit reaches ${tier}${rate}`,
      detail: `You are close: ${money(gap, currency)} more credit takes you into ${tier}${paid}.`,
      message: messages,
    };
  },
};
