import type { Deal } from '../../../lib/domain';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import type { Resource, StatementInputs } from '../../data-contract/types';
import {
  localDate,
  useLiveRecord,
  useStableHost,
  type RecordContext,
} from '../../workbench/WorkbenchHost';
import { useWorkbenchState } from '../../workbench/WorkbenchState';
import { estimateDeal, type EstimateResult } from './estimate';
import { dealOwnership } from './ownership';

export type DealEstimateState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; error: Error | null; retry: () => unknown }
  /**
   * Someone else's deal: no estimate for the user (and none for its owner: a rep's, or a team
   * member's whose plan has not synced). `ownerName` as the page shows it.
   */
  | { status: 'notMine'; record: RecordContext; ownerName: string | null; manager: boolean }
  | {
      status: 'ready';
      record: RecordContext;
      synced: Deal | null;
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

/** The live estimate for the deal record the sidebar sits beside, when it is the user's to see. */
export function useDealEstimate(): DealEstimateState {
  const data = useWorkbenchData();
  const host = useStableHost();
  const state = useWorkbenchState();
  // The only reader of the values typed on the page (with the coaching view): a keystroke
  // re-renders the components using this hook, not the workbench.
  const live = useLiveRecord();
  const record = live?.isDeal ? live : null;
  const me = data.useMe().data ?? null;
  const recordDeal = data.useRecordDeal(record?.recordId ?? null);
  const synced = recordDeal.data ?? null;
  const ownership =
    me && record && recordDeal.data !== undefined
      ? dealOwnership(synced, record.fields.ownerName, me)
      : null;
  const repId =
    ownership?.kind === 'mine' ? me!.id : ownership?.kind === 'teamMember' ? ownership.repId : null;
  const inputs = data.useStatementInputs(repId);
  const today = localDate(host.now());

  if (!record || !me) return { status: 'none' };
  if (recordDeal.data === undefined) {
    return recordDeal.status === 'error' ? failed(recordDeal) : { status: 'loading' };
  }
  const manager = me.role !== 'rep';
  const notMine = (): DealEstimateState => ({
    status: 'notMine',
    record,
    ownerName: ownership?.kind === 'notMine' ? ownership.ownerName : record.fields.ownerName,
    manager,
  });
  if (repId === null) return notMine();
  if (inputs.data === undefined) {
    return inputs.status === 'error' ? failed(inputs) : { status: 'loading' };
  }
  const whatIfAmount = state.whatIf?.recordId === record.recordId ? state.whatIf.amount : null;
  const statementInputs: StatementInputs = inputs.data;
  const result = memoEstimate(
    [record.fields, record.recordId, synced, repId, statementInputs, me.id, today, whatIfAmount],
    () =>
      estimateDeal({
        record,
        synced,
        repId,
        inputs: statementInputs,
        meId: me.id,
        today,
        whatIfAmount,
      }),
  );
  // A team member's plan that has not synced here: what the deal pays them is not known.
  if (ownership?.kind === 'teamMember' && !result.ok && result.reason === 'noPlan') {
    return notMine();
  }
  return { status: 'ready', record, synced, result, whatIfAmount };
}
