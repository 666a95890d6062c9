import { useMemo } from 'react';
import {
  computeKpis,
  evaluateCoaching,
  type Deal,
  type EvaluatedPrompt,
} from '../../../lib/domain';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { CoachingData, Resource, StatementInputs } from '../../data-contract/types';
import { localDate, useHost, type RecordContext } from '../../workbench/WorkbenchHost';

export type CoachingState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; error: Error | null; retry: () => unknown }
  | {
      status: 'ready';
      /** Whose prompts these are. */
      repId: string;
      /** The synced deal beside the sidebar, when there is one. */
      recordDeal: Deal | null;
      prompts: (EvaluatedPrompt & { pending?: boolean })[];
      deals: readonly Deal[];
    };

/** The record's deal with the values being typed on the page (open: coaching is for open deals). */
function withPageValues(deal: Deal, record: RecordContext | null): Deal {
  const f = record?.fields;
  if (!f) return deal;
  return {
    ...deal,
    ...(f.amount !== null ? { amount: f.amount } : {}),
    ...(f.closeDate !== null ? { closeDate: f.closeDate } : {}),
    ...(f.stage !== null ? { stage: f.stage } : {}),
    ...(f.probability !== null ? { probability: f.probability } : {}),
  };
}

function compute(
  repId: string,
  userId: string,
  inputs: StatementInputs,
  coaching: CoachingData,
  recordDeal: Deal | null,
  record: RecordContext | null,
  asOf: string,
  now: string,
) {
  const deals = recordDeal
    ? inputs.deals.map((d) => (d.id === recordDeal.id ? withPageValues(d, record) : d))
    : inputs.deals;
  const kpis = inputs.plan
    ? computeKpis({
        plan: inputs.plan,
        quotas: inputs.quotas,
        deals,
        fxRates: inputs.fxRates,
        repId,
        asOf,
      })
    : null;
  const pending = new Set(coaching.managerPrompts.filter((p) => p.pending).map((p) => p.id));
  const prompts = evaluateCoaching({
    repId,
    userId,
    deals,
    kpis,
    settings: coaching.settings,
    asOf,
    now,
    promptStates: coaching.promptStates,
    managerPrompts: coaching.managerPrompts,
    fxRates: inputs.fxRates,
  }).map((p) => (pending.has(p.id) ? { ...p, pending: true } : p));
  return { deals, prompts };
}

function failed(resource: Resource<unknown>): CoachingState {
  return { status: 'error', error: resource.error, retry: resource.refetch };
}

/**
 * The coaching prompts the user should see now: for the deal beside the sidebar (its owner's
 * prompts when a manager looks at a rep's deal) and for the rep, dismissed and snoozed ones
 * left out.
 */
export function useCoaching({
  livePageValues = true,
}: { livePageValues?: boolean } = {}): CoachingState {
  const data = useWorkbenchData();
  const host = useHost();
  const me = data.useMe().data ?? null;
  const record = host.record?.isDeal ? host.record : null;
  // The values typed on the page change on every keystroke: only the view itself follows them.
  const pageRecord = livePageValues ? record : null;
  const recordDealRes = data.useRecordDeal(record?.recordId ?? null);
  const recordDeal = recordDealRes.data ?? null;
  const repId =
    me &&
    recordDeal &&
    recordDeal.ownerId !== me.id &&
    me.role !== 'rep' &&
    !(recordDeal.splits ?? []).some((s) => s.repId === me.id)
      ? recordDeal.ownerId
      : (me?.id ?? null);
  const inputs = data.useStatementInputs(repId);
  const coaching = data.useCoaching(repId);
  const now = host.now();
  const asOf = localDate(now);
  const minute = now.toISOString().slice(0, 16);

  const result = useMemo(
    () =>
      repId && me && inputs.data && coaching.data
        ? compute(
            repId,
            me.id,
            inputs.data,
            coaching.data,
            recordDeal,
            pageRecord,
            asOf,
            `${minute}:00.000Z`,
          )
        : null,
    [repId, me, inputs.data, coaching.data, recordDeal, pageRecord, asOf, minute],
  );

  if (!me || !repId) return { status: 'none' };
  if (!result) {
    if (inputs.status === 'error' && !inputs.data) return failed(inputs);
    if (coaching.status === 'error' && !coaching.data) return failed(coaching);
    return { status: 'loading' };
  }
  return { status: 'ready', repId, recordDeal, prompts: result.prompts, deals: result.deals };
}
