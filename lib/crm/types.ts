/** The CRMs Attain reads deal records from. */
export type CrmId =
  'salesforce-lightning' | 'salesforce-classic' | 'hubspot' | 'dynamics365' | 'pipedrive';

export type RecordMode = 'view' | 'edit';

/** What the URL alone says about a page of a supported CRM. */
export interface UrlClassification {
  crm: CrmId;
  /** True when the URL names one deal record (view or edit), not a list, a new-record form or a related list. */
  isDealRecord: boolean;
  /** The object type as the CRM names it: `Opportunity`, `deal`, `opportunity`, … */
  objectType?: string;
  /** The record id as it appears in the URL (Dynamics: lower-case GUID without braces). */
  recordId?: string;
  /** Only where the URL tells (Salesforce `/view` vs `/edit`). */
  mode?: RecordMode;
}

/** The deal fields Attain needs; null when the page shows the field empty or not at all. */
export interface DealFields {
  /** A number in the record's currency. */
  amount: number | null;
  /** An ISO 4217 code when the page states one; null for an ambiguous symbol such as `$`. */
  currencyIsoCode: string | null;
  stage: string | null;
  /** `YYYY-MM-DD`. */
  closeDate: string | null;
  /** 0–100. */
  probability: number | null;
  ownerName: string | null;
  accountName: string | null;
  recordName: string | null;
}

export interface DetectedRecord {
  crm: CrmId;
  objectType: string;
  recordId: string;
  mode: RecordMode;
  fields: DealFields;
}

export interface DetectOptions {
  /**
   * BCP 47 locale whose number and date conventions the page uses (e.g. the rep's CRM locale
   * from their Attain profile). Defaults to the page's `<html lang>`, then the browser language.
   */
  localeHint?: string;
}
