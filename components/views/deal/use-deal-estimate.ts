import type { Deal, Plan } from '../../../lib/domain';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { Resource, StatementInputs } from '../../data-contract/types';
import { localDate, useHost, type RecordContext } from '../../workbench/WorkbenchHost';
import { useWorkbenchState } from '../../workbench/WorkbenchState';
import { estimateDeal, estimateRepId, type EstimateResult } from './estimate';

export type DealEstimateState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; error: Error | null; retry: () => unknown }
  | {
      status: 'ready';
      record: RecordContext;
      synced: Deal | null;
      plan: Plan | null;
      result: EstimateResult;
      whatIfAmount: number | null;
    };

type Key = readonly unknown[];
let last: { key: Key; value: EstimateResult } | null = null;

/** One computation per change, shared by the view and the status bar item. */
function memoEstimate(key: Key, compute: () => EstimateResult): EstimateResult {
  if (last && last.key.length === key.length && last.key.every((k, i) => Object.is(k, key[i]))) {
    return last.value;
  }
  const value = compute();
  last = { key, value };
  return value;
}

function failed(resource: Resource<unknown>): DealEstimateState {
  return { status: 'error', error: resource.error, retry: resource.refetch };
}

/** The live estimate for the deal record the sidebar sits beside. */
export function useDealEstimate(): DealEstimateState {
  const data = useWorkbenchData();
  const host = useHost();
  const state = useWorkbenchState();
  const record = host.record?.isDeal ? host.record : null;
  const me = data.useMe().data ?? null;
  const recordDeal = data.useRecordDeal(record?.recordId ?? null);
  const synced = recordDeal.data ?? null;
  const repId = me && recordDeal.data !== undefined ? estimateRepId(synced, me.id) : null;
  const inputs = data.useStatementInputs(repId);
  const today = localDate(host.now());

  if (!record || !me) return { status: 'none' };
  if (recordDeal.data === undefined) {
    return recordDeal.status === 'error' ? failed(recordDeal) : { status: 'loading' };
  }
  if (inputs.data === undefined) {
    return inputs.status === 'error' ? failed(inputs) : { status: 'loading' };
  }
  const whatIfAmount = state.whatIf?.recordId === record.recordId ? state.whatIf.amount : null;
  const statementInputs: StatementInputs = inputs.data;
  const result = memoEstimate(
    [record.fields, record.recordId, synced, statementInputs, me.id, today, whatIfAmount],
    () =>
      estimateDeal({ record, synced, inputs: statementInputs, meId: me.id, today, whatIfAmount }),
  );
  return { status: 'ready', record, synced, plan: statementInputs.plan, result, whatIfAmount };
}
