export { planForPeriod, periodWithPlan } from './plan-for-period';
export type { PlanOn } from './plan-for-period';
