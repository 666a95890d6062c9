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

/**
 * Whether two detections report the same record with the same mode and field values. Both are
 * plain data built in one key order (`defineCrmAdapter`, `toDealFields`), so their JSON is equal
 * exactly when they are.
 */
export function sameDetection(a: DetectedRecord | null, b: DetectedRecord | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
