import { isHttpsHost, urlClassification } from '../adapter';
import type { UrlClassification } from '../types';

const CRM = 'hubspot';
/** `app.hubspot.com` and regional hosts such as `app-eu1.hubspot.com`. */
const HOST = /^app(?:-[a-z]{2,4}\d*)?\.hubspot\.com$/;
/** HubSpot's object type ids; `0-3` is the deal. */
const OBJECT_TYPES: Readonly<Record<string, string>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
};

/** `/contacts/<portalId>/record/0-3/<dealId>` and legacy `/contacts/<portalId>/deal/<dealId>`. */
export function classifyHubSpotUrl(url: URL): UrlClassification | null {
  if (!isHttpsHost(url, HOST)) return null;
  const [app, portalId = '', kind = '', ...rest] = url.pathname.split('/').filter(Boolean);
  if (app !== 'contacts' || !/^\d+$/.test(portalId)) return urlClassification(CRM, false);

  let objectType: string | undefined;
  let recordId: string | undefined;
  if (kind === 'record') {
    objectType = OBJECT_TYPES[rest[0] ?? ''] ?? rest[0];
    recordId = rest[1];
  } else if (Object.values(OBJECT_TYPES).includes(kind)) {
    objectType = kind;
    recordId = rest[0];
  }
  if (!objectType || !recordId || !/^\d+$/.test(recordId)) {
    return urlClassification(CRM, false, objectType);
  }
  return urlClassification(CRM, objectType === 'deal', objectType, recordId);
}
