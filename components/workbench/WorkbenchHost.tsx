import { createContext, useContext, type ReactNode } from 'react';
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

const HostContext = createContext<WorkbenchHost | null>(null);

export function WorkbenchHostProvider({
  host,
  children,
}: {
  host: WorkbenchHost;
  children: ReactNode;
}) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): WorkbenchHost {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost must be used inside <WorkbenchHostProvider>');
  return host;
}

/** Today in the user's time zone, as YYYY-MM-DD (what "as of" means for a rep). */
export function localDate(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}
