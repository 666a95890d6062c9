import type { CrmId, DetectedRecord, UrlClassification } from './types';

/** A URL that names one deal record. */
export interface DealRecordUrl extends UrlClassification {
  isDealRecord: true;
  objectType: string;
  recordId: string;
}

export interface DetectContext {
  url: URL;
  doc: Document;
  record: DealRecordUrl;
  /** The page's number and date locale (see `pageLocale`). */
  locale: string | undefined;
}

/** One CRM: which URLs are its own, and how to read a deal record from its pages. */
export interface CrmAdapter {
  readonly crm: CrmId;
  /** Null when the URL is not on this CRM's hosts. */
  classify(url: URL): UrlClassification | null;
  /** Null unless the document shows the record the URL names. */
  detect(context: DetectContext): DetectedRecord | null;
}

export function isDealRecordUrl(c: UrlClassification | null): c is DealRecordUrl {
  return c !== null && c.isDealRecord && c.objectType !== undefined && c.recordId !== undefined;
}
