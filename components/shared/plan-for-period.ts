import { periodContaining, type Period, type Plan } from '../../lib/domain';
import type { StatementInputs } from '../data-contract/types';

/**
 * The plan version a period's figures are computed with: the version in force on the period's
 * last day for a period that is over, today for the running period (the version today's figures
 * use), and the first day for a period to come. A version that starts or ends inside the period
 * is found from the period's other end (the engine then says the plan covers part of it). Null
 * when no version is in force anywhere the period is probed.
 */
export function planForPeriod(
  inputs: Pick<StatementInputs, 'planOn'>,
  period: Period,
  today: string,
): Plan | null {
  const probe = today < period.start ? period.start : today > period.end ? period.end : today;
  return inputs.planOn(probe) ?? inputs.planOn(period.end) ?? inputs.planOn(period.start);
}

/**
 * The plan period containing `date`, as the plan around that date cuts periods (month, quarter
 * or year from its fiscal-year start), with the plan version to compute it with. `fallback`
 * (today's plan, usually) stands in where the rep was on no plan: its statement then says the
 * plan is not in effect. Null when there is no plan at all.
 */
export function periodWithPlan(
  inputs: Pick<StatementInputs, 'planOn'>,
  date: string,
  today: string,
  fallback: Plan | null,
): { period: Period; plan: Plan } | null {
  const around = inputs.planOn(date) ?? fallback;
  if (!around) return null;
  const period = periodContaining(date, around.period, around.fiscalYearStartMonth ?? 1);
  return { period, plan: planForPeriod(inputs, period, today) ?? around };
}
