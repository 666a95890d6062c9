import { urlClassification } from '../adapter';
import { OPPORTUNITY_KEY_PREFIX, isSalesforceId } from '../salesforce-id';
import type { UrlClassification } from '../types';

const CRM = 'salesforce-classic';
/** Legacy instance hosts such as `na85.salesforce.com` or `cs42.salesforce.com`. */
const INSTANCE_HOST = /^(?:na|eu|ap|cs|um|gs)\d+\.salesforce\.com$/;

/**
 * `https://<domain>.my.salesforce.com/<id>` (view) and `/<id>/e` (edit), outside `/lightning/`.
 * `/006/o` (tab), `/006/e` (new) and other objects are not deal records.
 */
export function classifyClassicUrl(url: URL): UrlClassification | null {
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (!host.endsWith('.my.salesforce.com') && !INSTANCE_HOST.test(host)) return null;
  if (url.pathname.startsWith('/lightning') || url.pathname.startsWith('/one/')) return null;

  const [id = '', action, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!isSalesforceId(id) || rest.length > 0 || (action !== undefined && action !== 'e')) {
    return urlClassification(CRM, false);
  }
  const isOpportunity = id.startsWith(OPPORTUNITY_KEY_PREFIX);
  return urlClassification(
    CRM,
    isOpportunity,
    isOpportunity ? 'Opportunity' : undefined,
    id,
    action === 'e' ? 'edit' : 'view',
  );
}
