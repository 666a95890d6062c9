import { useSyncExternalStore } from 'react';
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

/** The overlay channel as a store: started once, read by React with `useOverlayStore`. */
export interface OverlayStore {
  getState(): OverlayState;
  subscribe(listener: () => void): () => void;
  close(): void;
}

/**
 * Opens the sidebar's end of the overlay channel (lib/messaging/overlay/sidebar-port) at once:
 * the sidebar page starts it before React has loaded, so the content script's answer (which
 * the page waits for before showing any data) is on its way while the scripts evaluate. The
 * channel is a runtime port to this tab's content script; nothing posted to the window by the
 * page is ever read.
 */
export function startOverlay(api: SidebarPortApi): OverlayStore {
  const listeners = new Set<() => void>();
  let status: OverlayStatus = 'connecting';
  let record: RecordContext | null = null;
  let layout: { side: 'left' | 'right'; width: number } | null = null;
  let state: OverlayState;
  const connection = connectOverlay(api, {
    onRecord: (next) => update(() => (record = toRecordContext(next))),
    onVisibility: (v) => update(() => (layout = { side: v.side, width: v.width })),
    onDisconnect: () => update(() => (status = 'unavailable')),
  });
  const build = (): OverlayState => ({
    status,
    record,
    sidebar: layout
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
    connection,
  });
  function update(change: () => void) {
    change();
    state = build();
    for (const listener of listeners) listener();
  }
  state = build();
  void connection.ready.then((ok) => {
    // A channel that never answered (or closed before) is unavailable, not connecting.
    if (status === 'connecting') update(() => (status = ok ? 'ready' : 'unavailable'));
  });
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => connection.close(),
  };
}

/** The overlay's state, re-rendered on every change. */
export function useOverlayStore(store: OverlayStore): OverlayState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
