import { useMemo } from 'react';
import {
  computeKpis,
  computeStatements,
  periodContaining,
  previousPeriod,
  type Plan,
} from '../../../lib/domain';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { StatementInputs } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { localDate, useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget, useWorkbench, useWorkbenchState } from '../../workbench/WorkbenchState';
import { NumbersView, type PeriodPoint } from './NumbersView';
import { pickerPeriods, shortPeriodLabel } from './periods';

const HISTORY = 6;

function useNumbers(
  inputs: StatementInputs | undefined,
  plan: Plan | null,
  repId: string | null,
  today: string,
  selectedDate: string | null,
) {
  const { f, locale } = useI18n();
  return useMemo(() => {
    if (!inputs || !plan || !repId) return null;
    const kind = plan.period;
    const fy = plan.fiscalYearStartMonth ?? 1;
    const { periods, current } = pickerPeriods(today, kind, fy);
    const selected = periodContaining(selectedDate ?? today, kind, fy);
    const base = {
      plan,
      quotas: inputs.quotas,
      deals: inputs.deals,
      fxRates: inputs.fxRates,
      repId,
    };
    const kpis = computeKpis({ ...base, asOf: today, periodStart: selected.start });
    let from = selected;
    for (let i = 1; i < HISTORY; i++) from = previousPeriod(from, kind, fy);
    const statements = computeStatements({ ...base, from: from.start, to: selected.start });
    const history: PeriodPoint[] = statements.map((s) => ({
      start: s.periodStart,
      label: f.period(s.periodStart, s.periodEnd),
      shortLabel: shortPeriodLabel({ start: s.periodStart, end: s.periodEnd }, kind, locale),
      attainment: s.attainment,
      credited: s.credited,
      quota: s.quota,
      total: s.total,
      selected: s.periodStart === selected.start,
    }));
    const statement = statements[statements.length - 1]!;
    return {
      kpis,
      statement,
      history,
      selected,
      isCurrentPeriod: selected.start === current.start,
      periods: periods.map((p) => ({
        start: p.start,
        end: p.end,
        label: f.period(p.start, p.end),
        current: p.start === current.start,
      })),
      dealNames: new Map(inputs.deals.map((d) => [d.id, d.name])),
    };
  }, [inputs, plan, repId, today, selectedDate, f, locale]);
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
  const numbers = useNumbers(inputs.data, plan, repId, today, state.numbersPeriod);
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
  const boundaries = plan.tiers.flatMap((tier) => (tier.upTo === null ? [] : [tier.upTo]));
  return (
    <NumbersView
      kpis={numbers.kpis}
      statement={numbers.statement}
      tierRates={plan.tiers.map((tier) => tier.rate)}
      boundaries={boundaries}
      isCurrentPeriod={numbers.isCurrentPeriod}
      periods={numbers.periods}
      selectedStart={numbers.selected.start}
      onPeriodChange={(start) => workbench.setNumbersPeriod(start)}
      history={numbers.history}
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
