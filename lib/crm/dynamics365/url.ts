import { isHttpsHost, urlClassification } from '../adapter';
import type { UrlClassification } from '../types';

const CRM = 'dynamics365';
/** `<org>.crm.dynamics.com` and regional hosts (`crm4` EMEA, `crm11` UK, …). */
const HOST = /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
/** Entity type code 3 is the opportunity (older `etc=` links). */
const ENTITY_TYPE_CODES: Readonly<Record<string, string>> = { '3': 'opportunity' };

/**
 * `main.aspx?appid=…&pagetype=entityrecord&etn=opportunity&id=%7B<GUID>%7D`: the id in braces
 * or not, URL-encoded or not, any case → lower-case GUID without braces.
 */
export function classifyDynamicsUrl(url: URL): UrlClassification | null {
  if (!isHttpsHost(url, HOST)) return null;
  if (url.pathname.toLowerCase() !== '/main.aspx') return urlClassification(CRM, false);

  const params = new Map(
    Array.from(url.searchParams.entries()).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const objectType =
    params.get('etn')?.toLowerCase() ?? ENTITY_TYPE_CODES[params.get('etc') ?? ''] ?? undefined;
  const pageType = params.get('pagetype')?.toLowerCase();
  const recordId = normalizeGuid(params.get('id'));
  const isRecordPage = pageType === undefined || pageType === 'entityrecord';
  return urlClassification(
    CRM,
    isRecordPage && objectType === 'opportunity' && recordId !== undefined,
    objectType,
    isRecordPage ? recordId : undefined,
  );
}

function normalizeGuid(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  if (/%[0-9a-f]{2}/i.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return GUID.exec(value)?.[1]?.toLowerCase();
}
