import { periodContaining } from '../periods';
import type { Period } from '../periods';
import type { Plan } from '../schemas';

/**
 * The plan version in force for a rep on a date (the plan they were assigned that day, in the
 * version effective that day); null when none.
 */
export type PlanOn = (date: string) => Plan | null;

/**
 * The plan version a period's figures are computed with: the version in force on the period's
 * last day for a period that is over, today for the running period (the version today's figures
 * use), and the first day for a period to come. A version that starts or ends inside the period
 * is found from the period's other end (the engine then says the plan covers part of it). Null
 * when no version is in force anywhere the period is probed.
 */
export function planForPeriod(planOn: PlanOn, period: Period, today: string): Plan | null {
  const probe = today < period.start ? period.start : today > period.end ? period.end : today;
  return planOn(probe) ?? planOn(period.end) ?? planOn(period.start);
}

/**
 * The plan period containing `date`, as the plan around that date cuts periods (month, quarter
 * or year from its fiscal-year start), with the plan version to compute it with. `fallback`
 * (today's plan, usually) stands in where the rep was on no plan: its statement then says the
 * plan is not in effect. Null when there is no plan at all.
 */
export function periodWithPlan(
  planOn: PlanOn,
  date: string,
  today: string,
  fallback: Plan | null,
): { period: Period; plan: Plan } | null {
  const around = planOn(date) ?? fallback;
  if (!around) return null;
  const period = periodContaining(date, around.period, around.fiscalYearStartMonth ?? 1);
  return { period, plan: planForPeriod(planOn, period, today) ?? around };
}
