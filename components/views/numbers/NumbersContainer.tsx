import { useMemo } from 'react';
import {
  addDays,
  computeKpis,
  computeStatement,
  periodWithPlan,
  type Plan,
} from '../../../lib/domain';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { StatementInputs } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { useFirstPaintDone } from '../../workbench/first-paint';
import { localDate, useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget, useWorkbench, useWorkbenchState } from '../../workbench/WorkbenchState';
import { NumbersView, type PeriodPoint } from './NumbersView';
import { pickerPeriods, shortPeriodLabel } from './periods';

const HISTORY = 6;

/**
 * The selected period and the ones before it, oldest first, each with the plan version in
 * force for it: tiers, rates and caps change between versions, and a past period is paid on
 * its own. Walking back, each period is cut as its own plan cuts periods.
 */
function periodsWithPlans(
  inputs: StatementInputs,
  current: Plan,
  selectedDate: string,
  today: string,
) {
  const selected = periodWithPlan(inputs.planOn, selectedDate, today, current)!;
  const out = [selected];
  for (let i = 1; i < HISTORY; i++) {
    const later = out[0]!;
    out.unshift(periodWithPlan(inputs.planOn, addDays(later.period.start, -1), today, later.plan)!);
  }
  return out;
}

function useNumbers(
  inputs: StatementInputs | undefined,
  current: Plan | null,
  repId: string | null,
  today: string,
  selectedDate: string | null,
  withHistory: boolean,
) {
  const { f, locale } = useI18n();
  // The selected period: what the first paint shows.
  const numbers = useMemo(() => {
    if (!inputs || !current || !repId) return null;
    const fy = current.fiscalYearStartMonth ?? 1;
    const { periods, current: now } = pickerPeriods(today, current.period, fy);
    const base = { quotas: inputs.quotas, deals: inputs.deals, fxRates: inputs.fxRates, repId };
    const selected = periodWithPlan(inputs.planOn, selectedDate ?? today, today, current)!;
    const kpis = computeKpis({
      ...base,
      plan: selected.plan,
      asOf: today,
      periodStart: selected.period.start,
    });
    return {
      kpis,
      statement: computeStatement({
        ...base,
        plan: selected.plan,
        periodStart: selected.period.start,
      }),
      plan: selected.plan,
      selected: selected.period,
      isCurrentPeriod: selected.period.start === now.start,
      periods: periods.map((p) => ({
        start: p.start,
        end: p.end,
        label: f.period(p.start, p.end),
        current: p.start === now.start,
      })),
      dealNames: new Map(inputs.deals.map((d) => [d.id, d.name])),
    };
  }, [inputs, current, repId, today, selectedDate, f]);
  // The periods before it (a statement each): once the sidebar has painted the figures.
  const history = useMemo((): PeriodPoint[] | null => {
    if (!withHistory || !numbers || !inputs || !current || !repId) return null;
    const base = { quotas: inputs.quotas, deals: inputs.deals, fxRates: inputs.fxRates, repId };
    const runs = periodsWithPlans(inputs, current, selectedDate ?? today, today);
    return runs.map(({ plan, period }, i) => {
      const s =
        i === runs.length - 1
          ? numbers.statement
          : computeStatement({ ...base, plan, periodStart: period.start });
      return {
        start: s.periodStart,
        label: f.period(s.periodStart, s.periodEnd),
        shortLabel: shortPeriodLabel(
          { start: s.periodStart, end: s.periodEnd },
          plan.period,
          locale,
        ),
        attainment: s.attainment,
        credited: s.credited,
        quota: s.quota,
        total: s.total,
        selected: s.periodStart === numbers.selected.start,
      };
    });
  }, [withHistory, numbers, inputs, current, repId, today, selectedDate, f, locale]);
  return numbers && { ...numbers, history };
}

/** My numbers: the signed-in user's (or, for a manager, a rep's) figures, computed locally. */
export function NumbersContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const state = useWorkbenchState();
  const workbench = useWorkbench();
  const actions = data.useActions();
  const me = data.useMe().data ?? null;
  const repId = state.numbersRep?.id ?? me?.id ?? null;
  const inputs = data.useStatementInputs(repId);
  const today = localDate(host.now());
  const plan = inputs.data?.plan ?? null;
  const numbers = useNumbers(
    inputs.data,
    plan,
    repId,
    today,
    state.numbersPeriod,
    useFirstPaintDone(),
  );
  const periodRef = useFocusTarget<HTMLSelectElement>('numbers.period');

  if (inputs.data === undefined) {
    if (inputs.status === 'error') {
      return (
        <ErrorState what={t('numbers.readFailed')} error={inputs.error} onRetry={inputs.refetch} />
      );
    }
    return <LoadingState />;
  }
  if (!plan || !numbers) {
    return (
      <EmptyState
        title={
          state.numbersRep
            ? t('numbers.noPlanRep', { name: state.numbersRep.name })
            : t('numbers.noPlan')
        }
        action={
          <button type="button" className="button secondary" onClick={() => void actions.syncNow()}>
            {t('command.syncNow')}
          </button>
        }
      >
        <p>{t('numbers.noPlanHelp')}</p>
      </EmptyState>
    );
  }
  // The selected period's own plan version: its tiers are the ones marked.
  const { tiers } = numbers.plan;
  const boundaries = tiers.flatMap((tier) => (tier.upTo === null ? [] : [tier.upTo]));
  return (
    <NumbersView
      kpis={numbers.kpis}
      statement={numbers.statement}
      tierRates={tiers.map((tier) => tier.rate)}
      boundaries={boundaries}
      isCurrentPeriod={numbers.isCurrentPeriod}
      periods={numbers.periods}
      selectedStart={numbers.selected.start}
      onPeriodChange={(start) => workbench.setNumbersPeriod(start)}
      history={numbers.history}
      historyLength={HISTORY}
      dealNames={numbers.dealNames}
      rep={
        state.numbersRep && state.numbersRep.id !== me?.id
          ? {
              name: state.numbersRep.name,
              onBack: () => {
                workbench.showRepNumbers(null);
                workbench.openView('team', 'view');
              },
            }
          : null
      }
      periodSelectRef={periodRef}
    />
  );
}
