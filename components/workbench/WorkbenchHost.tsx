import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Platform } from './keybindings';

/** The live values the CRM page shows for the record (typed values in edit mode). */
export interface LiveDealFields {
  /** In the record's currency; null when empty or not on the page. */
  amount: number | null;
  /** ISO 4217 when the page states one; null for an ambiguous symbol such as "$". */
  currency: string | null;
  stage: string | null;
  /** YYYY-MM-DD. */
  closeDate: string | null;
  /** 0–100. */
  probability: number | null;
  recordName: string | null;
  accountName: string | null;
  /** The deal owner's name as the page shows it; null when the page does not show one. */
  ownerName: string | null;
}

/** The CRM record the sidebar sits beside, as the content script reports it. */
export interface RecordContext {
  /** `salesforce-lightning`, `hubspot`… */
  crm: string;
  /** The record id as the CRM names it (Salesforce: the 18-character form). */
  recordId: string;
  isDeal: boolean;
  mode: 'view' | 'edit';
  fields: LiveDealFields;
}

/** The overlay the sidebar is shown in, on a CRM page (remembered per host by the overlay). */
export interface SidebarLayout {
  side: 'left' | 'right';
  /** CSS pixels. */
  width: number;
  minWidth: number;
  maxWidth: number;
  dock(side: 'left' | 'right'): void;
  resize(width: number): void;
  /** Collapses the overlay to its tab on the page edge. */
  collapse(): void;
}

/** How the status pill colours the estimate. */
export type EstimateTone = 'neutral' | 'positive' | 'caution' | 'negative';

/** What the page hosting the workbench provides besides data. */
export interface WorkbenchHost {
  /** Null when the sidebar is not beside a CRM record (or the page is not a deal). */
  record: RecordContext | null;
  /** Present when the workbench runs in the overlay on a CRM page. */
  sidebar?: SidebarLayout;
  /**
   * Shows the live estimate in the page's status pill beside the amount (text only; null
   * hides it). Absent outside a CRM page.
   */
  publishEstimate?: (estimate: { text: string; tone: EstimateTone } | null) => void;
  /** The clock: tests pass a fixed one. */
  now: () => Date;
  platform: Platform;
}

/** Which record the sidebar is beside, without the values typed into it. */
export interface RecordKey {
  crm: string;
  recordId: string;
  isDeal: boolean;
  mode: 'view' | 'edit';
}

/**
 * The live record, outside React state: a keystroke on the page changes it, and only the
 * components that read it re-render (the deal view and its status item), not the workbench.
 */
export interface RecordStore {
  /** The record with every value typed on the page. */
  get(): RecordContext | null;
  /** Which record it is: a new object only when the CRM, record id, kind or mode change. */
  getKey(): RecordKey | null;
  /** The record as it was when its key last changed (for what does not follow typing). */
  getAtKey(): RecordContext | null;
  subscribe(listener: () => void): () => void;
}

function sameKey(key: RecordKey | null, record: RecordContext | null): boolean {
  if (key === null || record === null) return key === null && record === null;
  return (
    key.crm === record.crm &&
    key.recordId === record.recordId &&
    key.isDeal === record.isDeal &&
    key.mode === record.mode
  );
}

function keyOf(record: RecordContext | null): RecordKey | null {
  return record
    ? { crm: record.crm, recordId: record.recordId, isDeal: record.isDeal, mode: record.mode }
    : null;
}

function createRecordStore(
  initial: RecordContext | null,
): RecordStore & { set(record: RecordContext | null): void } {
  let record = initial;
  let key = keyOf(initial);
  let atKey = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => record,
    getKey: () => key,
    getAtKey: () => atKey,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === record) return;
      record = next;
      if (!sameKey(key, next)) {
        key = keyOf(next);
        atKey = next;
      }
      for (const listener of [...listeners]) listener();
    },
  };
}

interface HostContextValue {
  /** The host, its `record` read from `store` when asked for (never stale, never tracked). */
  host: WorkbenchHost;
  store: RecordStore;
}

const HostContext = createContext<HostContextValue | null>(null);

function hostOver(services: Omit<WorkbenchHost, 'record'>, store: RecordStore): WorkbenchHost {
  return {
    get record() {
      return store.get();
    },
    now: services.now,
    platform: services.platform,
    ...(services.sidebar ? { sidebar: services.sidebar } : {}),
    ...(services.publishEstimate ? { publishEstimate: services.publishEstimate } : {}),
  };
}

/**
 * Provides the host. `host` may be a new object on every record change (the sidebar page makes
 * one per message from the page, its layout object too): the record goes to a store, and the
 * rest keeps its identity while the layout's values and the presence of the pill do not change
 * (its functions call the latest host's), so nothing re-renders that does not read the record.
 */
export function WorkbenchHostProvider({
  host,
  children,
}: {
  host: WorkbenchHost;
  children: ReactNode;
}) {
  const [store] = useState(() => createRecordStore(host.record));
  const latest = useRef(host);
  latest.current = host;
  useLayoutEffect(() => store.set(host.record), [store, host.record]);
  const publishes = host.publishEstimate !== undefined;
  const { platform, sidebar } = host;
  const docked = sidebar !== undefined;
  const side = sidebar?.side;
  const width = sidebar?.width;
  const minWidth = sidebar?.minWidth;
  const maxWidth = sidebar?.maxWidth;
  const value = useMemo<HostContextValue>(() => {
    const layout = () => latest.current.sidebar;
    const services: Omit<WorkbenchHost, 'record'> = {
      now: () => latest.current.now(),
      platform,
      ...(docked
        ? {
            sidebar: {
              side: side!,
              width: width!,
              minWidth: minWidth!,
              maxWidth: maxWidth!,
              dock: (to) => layout()?.dock(to),
              resize: (px) => layout()?.resize(px),
              collapse: () => layout()?.collapse(),
            },
          }
        : {}),
      ...(publishes ? { publishEstimate: (e) => latest.current.publishEstimate?.(e) } : {}),
    };
    return { host: hostOver(services, store), store };
  }, [store, platform, docked, side, width, minWidth, maxWidth, publishes]);
  return <HostContext.Provider value={value}>{children}</HostContext.Provider>;
}

/**
 * For what must not follow typing on the page (the activity bar's badges): inside, the record
 * is the one as it was when the user arrived on it (or it changed mode), so a keystroke does
 * not re-render them. Its key is live.
 */
export function RecordKeyScope({ children }: { children: ReactNode }) {
  const outer = useHostContext();
  const value = useMemo<HostContextValue>(() => {
    const base = outer.store;
    const store: RecordStore = {
      get: base.getAtKey,
      getKey: base.getKey,
      getAtKey: base.getAtKey,
      subscribe: base.subscribe,
    };
    return { host: hostOver(outer.host, store), store };
  }, [outer]);
  return <HostContext.Provider value={value}>{children}</HostContext.Provider>;
}

function useHostContext(): HostContextValue {
  const value = useContext(HostContext);
  if (!value) throw new Error('useHost must be used inside <WorkbenchHostProvider>');
  return value;
}

/**
 * The host. A component that reads `host.record` (while rendering, in an effect or a handler)
 * re-renders whenever the record changes, a keystroke on the page included; one that does not
 * read it (most views: they want `now()`) is not re-rendered by record changes.
 */
export function useHost(): WorkbenchHost {
  const { host, store } = useHostContext();
  const reads = useRef(false);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe(() => {
        if (reads.current) onChange();
      }),
    [store],
  );
  const record = useSyncExternalStore(subscribe, store.get, store.get);
  // A new host object per record (as when the record was part of the host), for effects and
  // memos that depend on the host.
  return useMemo<WorkbenchHost>(
    () => ({
      get record() {
        reads.current = true;
        return store.get();
      },
      now: host.now,
      platform: host.platform,
      ...(host.sidebar ? { sidebar: host.sidebar } : {}),
      ...(host.publishEstimate ? { publishEstimate: host.publishEstimate } : {}),
    }),
    [host, store, record],
  );
}

/**
 * The host without subscribing to the record: `record` is read from the store when asked for
 * (current in handlers and commands), and reading it while rendering does not re-render on its
 * changes. For the workbench's frame; views use `useHost`, `useLiveRecord` or `useRecordKey`.
 */
export function useStableHost(): WorkbenchHost {
  return useHostContext().host;
}

/** The live record: re-renders on every change, a keystroke on the page included. */
export function useLiveRecord(): RecordContext | null {
  const { store } = useHostContext();
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Which record the sidebar is beside: re-renders only when that changes, not on typing. */
export function useRecordKey(): RecordKey | null {
  const { store } = useHostContext();
  return useSyncExternalStore(store.subscribe, store.getKey, store.getKey);
}

/** Today in the user's time zone, as YYYY-MM-DD (what "as of" means for a rep). */
export { localDate } from '../../lib/domain/dates';
