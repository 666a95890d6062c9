import { addDays, daysBetween, daysInMonth, isoDate, type IsoDate } from './dates';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** A plan period: first and last day, both inclusive. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

const MONTHS_IN: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The plan period containing `date`. Quarters and years start on the first day of the
 * fiscal year's start month (1 = January) or a whole number of quarters after it.
 */
export function periodContaining(
  date: IsoDate,
  kind: PeriodKind,
  fiscalYearStartMonth = 1,
): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const length = MONTHS_IN[kind];
  const offset = (month - fiscalYearStartMonth + 12) % 12; // months since the fiscal year began
  const startOffset = offset - (offset % length);
  let startMonth = fiscalYearStartMonth + startOffset;
  let startYear = month >= fiscalYearStartMonth ? year : year - 1;
  if (startMonth > 12) {
    startMonth -= 12;
    startYear += 1;
  }
  return {
    start: isoDate(startYear, startMonth, 1),
    end: lastDayOf(startYear, startMonth, length),
  };
}

function lastDayOf(startYear: number, startMonth: number, months: number): IsoDate {
  let endMonth = startMonth + months - 1;
  let endYear = startYear;
  while (endMonth > 12) {
    endMonth -= 12;
    endYear += 1;
  }
  return isoDate(endYear, endMonth, daysInMonth(endYear, endMonth));
}

export function nextPeriod(period: Period, kind: PeriodKind, fiscalYearStartMonth = 1): Period {
  return periodContaining(addDays(period.end, 1), kind, fiscalYearStartMonth);
}

export function previousPeriod(period: Period, kind: PeriodKind, fiscalYearStartMonth = 1): Period {
  return periodContaining(addDays(period.start, -1), kind, fiscalYearStartMonth);
}

/** Every period from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(
  from: IsoDate,
  to: IsoDate,
  kind: PeriodKind,
  fiscalYearStartMonth = 1,
): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  let p = periodContaining(from, kind, fiscalYearStartMonth);
  while (p.start <= to) {
    out.push(p);
    p = nextPeriod(p, kind, fiscalYearStartMonth);
  }
  return out;
}

export function isInPeriod(date: IsoDate, period: Period): boolean {
  return date >= period.start && date <= period.end;
}

export function daysInPeriod(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}
