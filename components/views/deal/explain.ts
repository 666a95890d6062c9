import type { Plan } from '../../../lib/domain';
import type { I18n } from '../../i18n/I18nProvider';

/** "up to 100%", "100–150%", "above 150%": the attainment range of a tier (1-based). */
export function tierRangeLabel(plan: Plan, tier: number, { t, f }: Pick<I18n, 't' | 'f'>): string {
  const pct = (x: number) => f.percent(x, { maxDigits: 2 });
  const lo = tier > 1 ? (plan.tiers[tier - 2]?.upTo ?? null) : 0;
  const hi = plan.tiers[tier - 1]?.upTo ?? null;
  if (hi === null)
    return lo === 0 || lo === null
      ? t('deal.tierRange.all')
      : t('deal.tierRange.above', { lo: pct(lo) });
  if (lo === 0 || lo === null) return t('deal.tierRange.upTo', { hi: pct(hi) });
  return t('deal.tierRange.between', { lo: pct(lo), hi: pct(hi) });
}
