import { isHttpsHost, urlClassification } from '../adapter';
import type { UrlClassification } from '../types';

const CRM = 'pipedrive';
/** `<company>.pipedrive.com`; not the marketing, API or developer hosts. */
const HOST = /^(?!(?:www|api|developers|support|oauth)\.)[a-z0-9-]+\.pipedrive\.com$/;
const OBJECT_PATHS = new Set(['deal', 'person', 'organization', 'lead']);

/** `/deal/<number>` is a deal; `/person/<n>`, `/organization/<n>` and lists are not. */
export function classifyPipedriveUrl(url: URL): UrlClassification | null {
  if (!isHttpsHost(url, HOST)) return null;
  const [kind = '', id, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!OBJECT_PATHS.has(kind)) return urlClassification(CRM, false);
  if (!id || !/^\d+$/.test(id) || rest.length > 0) return urlClassification(CRM, false, kind);
  return urlClassification(CRM, kind === 'deal', kind, id);
}
