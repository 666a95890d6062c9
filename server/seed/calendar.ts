import { addDays, periodContaining, previousPeriod, type Period } from '../../lib/domain';

/** The current quarter and the three before it, oldest first. */
export function lastFourQuarters(today: string): Period[] {
  const quarters: Period[] = [periodContaining(today, 'quarter')];
  while (quarters.length < 4) quarters.unshift(previousPeriod(quarters[0]!, 'quarter'));
  return quarters;
}

export function firstOfMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let d = `${from.slice(0, 7)}-01`;
  while (d <= to) {
    out.push(d);
    d = addDays(periodContaining(d, 'month').end, 1);
  }
  return out;
}
