import type { CrmAdapter } from './adapter';
import { ADAPTERS } from './adapters';
import type { UrlClassification } from './types';

/** Which supported CRM a URL belongs to and which record it names; null for any other URL. */
export function classifyUrl(url: string): UrlClassification | null {
  return classifyWithAdapter(url)?.classification ?? null;
}

export function classifyWithAdapter(
  url: string,
): { adapter: CrmAdapter; url: URL; classification: UrlClassification } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  for (const adapter of ADAPTERS) {
    const classification = adapter.classify(parsed);
    if (classification) return { adapter, url: parsed, classification };
  }
  return null;
}
