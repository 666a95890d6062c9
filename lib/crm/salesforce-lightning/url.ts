import { urlClassification } from '../adapter';
import { OPPORTUNITY_KEY_PREFIX, isSalesforceId } from '../salesforce-id';
import type { RecordMode, UrlClassification } from '../types';

const CRM = 'salesforce-lightning';

/**
 * `https://<domain>.lightning.force.com/…` and `/lightning/…` on `<domain>.my.salesforce.com`
 * (sandboxes and developer orgs included). Record URLs:
 * `/lightning/r/Opportunity/<id>/view|edit`, `/lightning/r/<id>/view`, legacy `one.app#/sObject/<id>/view`.
 *
 * Console apps add `?ws=/lightning/r/<Object>/<id>/view`: that is the *workspace* (primary tab)
 * the focused subtab belongs to; the path is the subtab on screen, so the path names the
 * record shown and `ws` is ignored.
 */
export function classifyLightningUrl(url: URL): UrlClassification | null {
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  const isLightningPath = url.pathname.startsWith('/lightning/') || url.pathname === '/lightning';
  const legacy = url.pathname.startsWith('/one/one.app');
  if (
    !host.endsWith('.lightning.force.com') &&
    !(host.endsWith('.my.salesforce.com') && (isLightningPath || legacy))
  ) {
    return null;
  }
  const segments = legacy
    ? ['lightning', 'r', ...(url.hash.replace(/^#\/sObject\//, '').split('?')[0] ?? '').split('/')]
    : url.pathname.split('/');
  return classifySegments(segments.filter(Boolean).map(safeDecode));
}

function classifySegments(segments: string[]): UrlClassification {
  const [root, kind, first = '', second = ''] = segments;
  if (root !== 'lightning' || (kind !== 'r' && kind !== 'o')) return urlClassification(CRM, false);
  if (kind === 'o') return urlClassification(CRM, false, objectName(first));

  const idFirst = isSalesforceId(first);
  const recordId = idFirst ? first : second;
  if (!isSalesforceId(recordId)) return urlClassification(CRM, false);
  const objectType = idFirst ? objectOfId(recordId) : objectName(first);
  const action = segments.slice(idFirst ? 3 : 4);
  const mode: RecordMode | undefined =
    action.length === 1 && (action[0] === 'view' || action[0] === 'edit') ? action[0] : undefined;
  const isDealRecord =
    mode !== undefined &&
    objectType === 'Opportunity' &&
    recordId.startsWith(OPPORTUNITY_KEY_PREFIX);
  return urlClassification(CRM, isDealRecord, objectType, recordId, mode);
}

function objectName(segment: string): string {
  return segment.toLowerCase() === 'opportunity' ? 'Opportunity' : segment;
}

function objectOfId(id: string): string | undefined {
  return id.startsWith(OPPORTUNITY_KEY_PREFIX) ? 'Opportunity' : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
