import { toDealFields, type FieldsReading } from './deal-fields';
import type { CrmId, DetectedRecord, RecordMode, UrlClassification } from './types';

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
  /**
   * The field texts of the record shown, before parsing (see `recordOfReading`); null unless
   * the document shows the record the URL names.
   */
  read(context: DetectContext): FieldsReading | null;
}

/** A URL's classification, leaving out what the URL does not tell (empty or undefined). */
export function urlClassification(
  crm: CrmId,
  isDealRecord: boolean,
  objectType?: string,
  recordId?: string,
  mode?: RecordMode,
): UrlClassification {
  const classification: UrlClassification = { crm, isDealRecord };
  if (objectType) classification.objectType = objectType;
  if (recordId) classification.recordId = recordId;
  if (mode) classification.mode = mode;
  return classification;
}

/** Whether `url` is https on a host `host` matches (case-insensitively). */
export function isHttpsHost(url: URL, host: RegExp): boolean {
  return url.protocol === 'https:' && host.test(url.hostname.toLowerCase());
}

export function isDealRecordUrl(c: UrlClassification | null): c is DealRecordUrl {
  return c !== null && c.isDealRecord && c.objectType !== undefined && c.recordId !== undefined;
}

/**
 * An adapter from its URL classifier and its reader: `read` gives the field texts of the record
 * the URL names, or null when the document does not show it. The mode is `edit` when the URL
 * says so or some field was read from an edit control.
 */
export function defineCrmAdapter(
  crm: CrmId,
  classify: CrmAdapter['classify'],
  read: (context: DetectContext) => FieldsReading | null,
): CrmAdapter {
  return { crm, classify, read };
}

/** The record an adapter's reading describes. */
export function recordOfReading(
  crm: CrmId,
  { record, locale }: Pick<DetectContext, 'record' | 'locale'>,
  reading: FieldsReading,
): DetectedRecord {
  return {
    crm,
    objectType: record.objectType,
    recordId: record.recordId,
    mode: record.mode === 'edit' || reading.editing ? 'edit' : 'view',
    fields: toDealFields(reading.texts, locale),
  };
}
