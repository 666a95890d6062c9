import {
  periodContaining,
  periodsBetween,
  previousPeriod,
  nextPeriod,
  type Period,
  type PeriodKind,
} from '../../../lib/domain';

/** The periods the picker offers: the next one, the current one and `back` before it. */
export function pickerPeriods(
  today: string,
  kind: PeriodKind,
  fiscalYearStartMonth: number,
  back = 7,
): { periods: Period[]; current: Period } {
  const current = periodContaining(today, kind, fiscalYearStartMonth);
  let first = current;
  for (let i = 0; i < back; i++) first = previousPeriod(first, kind, fiscalYearStartMonth);
  const next = nextPeriod(current, kind, fiscalYearStartMonth);
  return {
    periods: periodsBetween(first.start, next.start, kind, fiscalYearStartMonth).reverse(),
    current,
  };
}

/**
 * A short label for a chart axis: the period's first month and year ("Jul 26"); the year
 * alone for yearly plans. The table beside the chart has the full ranges.
 */
export function shortPeriodLabel(period: Period, kind: PeriodKind, locale: string): string {
  const date = new Date(`${period.start}T00:00:00.000Z`);
  return new Intl.DateTimeFormat(
    locale,
    kind === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', year: '2-digit', timeZone: 'UTC' },
  ).format(date);
}
