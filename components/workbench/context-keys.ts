import { useMemo } from 'react';
import { useWorkbenchData } from '../data-contract/WorkbenchDataProvider';
import { currentPulse } from '../shared/current-pulse';
import { localDate, useRecordKey, useStableHost } from './WorkbenchHost';
import type { ContextKeys } from './when-clause';

/** The context keys `when` clauses are evaluated against, from live data. */
export function useContextKeys(): ContextKeys {
  const data = useWorkbenchData();
  const host = useStableHost();
  const me = data.useMe().data ?? null;
  const sync = data.useSyncStatus().data;
  const pulse = data.usePulse().data;
  // Which record, not its values: typing on the page does not re-evaluate the keys.
  const record = useRecordKey();
  const recordDeal = data.useRecordDeal(record?.isDeal ? record.recordId : null).data ?? null;
  const now = host.now();
  const nowIso = now.toISOString();
  const asOf = localDate(now);
  const pulseState = useMemo(
    () => (me && pulse ? currentPulse(pulse.surveys, pulse.statuses, me, asOf, nowIso) : null),
    // To the minute: precise enough for snoozes, without recomputing on every render.
    [me, pulse, asOf, nowIso.slice(0, 16)],
  );
  return useMemo(
    () => ({
      'user.signedIn': me !== null && sync?.signedIn !== false,
      'user.role': me?.role ?? null,
      'user.isManager': me?.role === 'manager' || me?.role === 'admin',
      'record.present': record !== null,
      'record.isDeal': record?.isDeal ?? false,
      'record.crm': record?.crm ?? null,
      'record.synced': recordDeal !== null,
      'pulse.active': pulseState !== null,
      'pulse.due': pulseState?.due ?? false,
      'sync.online': sync?.online ?? true,
    }),
    [me, sync?.signedIn, sync?.online, record, recordDeal, pulseState],
  );
}
