import { isDealRecordUrl } from './adapter';
import { classifyWithAdapter } from './classify-url';
import { pageLocale } from './locale';
import type { DetectOptions, DetectedRecord } from './types';

/**
 * The deal record a page shows, read from the URL and the document only; null unless the
 * URL names a deal record of a supported CRM and the document shows it.
 */
export function detectRecord(
  url: string,
  doc: Document,
  options: DetectOptions = {},
): DetectedRecord | null {
  const match = classifyWithAdapter(url);
  if (!match || !isDealRecordUrl(match.classification)) return null;
  return match.adapter.detect({
    url: match.url,
    doc,
    record: match.classification,
    locale: pageLocale(doc, options.localeHint),
  });
}

/** Whether two detections report the same record with the same mode and field values. */
export function sameDetection(a: DetectedRecord | null, b: DetectedRecord | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.crm !== b.crm || a.objectType !== b.objectType) return false;
  if (a.recordId !== b.recordId || a.mode !== b.mode) return false;
  const keys = Object.keys(a.fields) as (keyof DetectedRecord['fields'])[];
  return keys.every((key) => Object.is(a.fields[key], b.fields[key]));
}
