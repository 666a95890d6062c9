import { isDealRecordUrl, recordOfReading } from './adapter';
import { classifyWithAdapter } from './classify-url';
import { controlValue } from './dom-text';
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
  return detectLive(url, doc, options).record;
}

/** A detection that can follow typing in the controls it read without reading the page again. */
export interface LiveDetection {
  readonly record: DetectedRecord | null;
  /**
   * The record after `control` was typed in, when the detection read a field as that control's
   * value; undefined when it did not (then only a new detection can tell). Valid only while
   * nothing else on the page changed since the detection: the caller must know that (no
   * mutation, focus change or navigation since).
   */
  retype(control: Element): DetectedRecord | null | undefined;
}

export function detectLive(url: string, doc: Document, options: DetectOptions = {}): LiveDetection {
  const match = classifyWithAdapter(url);
  const context = match &&
    isDealRecordUrl(match.classification) && {
      url: match.url,
      doc,
      record: match.classification,
      locale: pageLocale(doc, options.localeHint),
    };
  const reading = context ? match.adapter.read(context) : null;
  if (!context || !reading) return { record: null, retype: () => null };
  const build = () => recordOfReading(match.adapter.crm, context, reading);
  return {
    record: build(),
    retype(control) {
      const keys = reading.controls.filter(([, el]) => el === control);
      if (keys.length === 0 || !control.isConnected) return undefined;
      for (const [key] of keys) reading.texts[key] = controlValue(control);
      return build();
    },
  };
}
