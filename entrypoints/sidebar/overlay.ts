import { useEffect, useMemo, useState } from 'react';
import {
  connectOverlay,
  type OverlayConnection,
  type SidebarPortApi,
} from '../../lib/messaging/overlay/sidebar-port';
import { MAX_WIDTH, MIN_WIDTH, type OverlayRecord } from '../../lib/messaging/overlay/protocol';
import type { RecordContext, SidebarLayout } from '../../components/workbench/WorkbenchHost';

export type OverlayStatus = 'connecting' | 'ready' | 'unavailable';

export interface OverlayState {
  status: OverlayStatus;
  record: RecordContext | null;
  sidebar: SidebarLayout | null;
  connection: OverlayConnection | null;
}

/** The overlay's record as the workbench reads it (the page's values, typed or saved). */
export function toRecordContext(record: OverlayRecord | null): RecordContext | null {
  if (!record) return null;
  const f = record.fields;
  return {
    crm: record.crm,
    recordId: record.recordId,
    isDeal: true,
    mode: record.mode,
    fields: {
      amount: f.amount,
      currency: f.currencyIsoCode,
      stage: f.stage,
      closeDate: f.closeDate,
      probability: f.probability,
      recordName: f.recordName,
      accountName: f.accountName,
      ownerName: f.ownerName,
    },
  };
}

/**
 * The sidebar's end of the overlay channel (lib/messaging/overlay/sidebar-port): the record
 * the CRM page shows, live, and the overlay's layout. The channel is a runtime port to this
 * tab's content script; nothing posted to the window by the page is ever read.
 */
export function useOverlay(api: SidebarPortApi): OverlayState {
  const [status, setStatus] = useState<OverlayStatus>('connecting');
  const [record, setRecord] = useState<RecordContext | null>(null);
  const [layout, setLayout] = useState<{ side: 'left' | 'right'; width: number } | null>(null);
  const [connection, setConnection] = useState<OverlayConnection | null>(null);

  useEffect(() => {
    const conn = connectOverlay(api, {
      onRecord: (next) => setRecord(toRecordContext(next)),
      onVisibility: (v) => setLayout({ side: v.side, width: v.width }),
      onDisconnect: () => setStatus('unavailable'),
    });
    setConnection(conn);
    void conn.ready.then((ok) => setStatus(ok ? 'ready' : 'unavailable'));
    return () => conn.close();
  }, [api]);

  const sidebar = useMemo<SidebarLayout | null>(
    () =>
      connection && layout
        ? {
            side: layout.side,
            width: layout.width,
            minWidth: MIN_WIDTH,
            maxWidth: MAX_WIDTH,
            dock: (side) => connection.dock(side),
            resize: (width) => connection.resize(width),
            collapse: () => connection.collapse(),
          }
        : null,
    [connection, layout],
  );
  return { status, record, sidebar, connection };
}
