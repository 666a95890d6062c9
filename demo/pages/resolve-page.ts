import { toId18 } from '../records/salesforce-id';
import { listPath, recordPath, type PageContext } from './context';
import { renderEditModal } from './edit-modal';
import { html, type SafeHtml } from './html';
import { loadingNotice, renderListPage } from './list-page';
import { renderRecordPage } from './record-page';

/** What a Lightning URL shows: the page container's content, and the edit modal over it. */
export type PageView =
  | { kind: 'redirect'; location: string }
  | {
      kind: 'page';
      status: number;
      /** Which cached page container holds it: `list`, `record:<id>`, `other`. */
      key: string;
      title: string;
      content: SafeHtml;
      modal: SafeHtml | null;
    };

const APP = 'Demo CRM';

export function resolvePage(pathname: string, ctx: PageContext): PageView {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/lightning' || path === '/lightning/page/home') {
    return { kind: 'redirect', location: listPath() };
  }
  if (/^\/lightning\/o\/Opportunity\/(list|home)$/i.test(path)) {
    if (path !== listPath()) return { kind: 'redirect', location: listPath() };
    return page(200, 'list', `Opportunities | ${APP}`, renderListPage(ctx));
  }
  const record =
    /^\/lightning\/r\/Opportunity\/([^/]+)\/(view|edit)$/i.exec(path) ??
    /^\/lightning\/r\/(006[^/]*)\/(view|edit)$/.exec(path);
  if (record) {
    const [, rawId = '', rawMode = 'view'] = record;
    const id = safeDecode(rawId);
    const mode = rawMode.toLowerCase() === 'edit' ? 'edit' : 'view';
    const deal = ctx.store.get(id);
    if (!deal) {
      if (!ctx.status.loaded) {
        return page(503, 'other', `Loading | ${APP}`, loadingNotice(ctx));
      }
      return notFound(
        toId18(id) === null
          ? "This isn't a valid record id."
          : "The record you're trying to open has been deleted or isn't available to you.",
      );
    }
    const canonical = recordPath(deal, mode);
    if (canonical !== path) return { kind: 'redirect', location: canonical };
    return {
      kind: 'page',
      status: 200,
      key: `record:${deal.crmId}`,
      title: mode === 'edit' ? `Edit ${deal.name} | ${APP}` : `${deal.name} | Opportunity | ${APP}`,
      content: renderRecordPage(deal, ctx),
      modal: mode === 'edit' ? renderEditModal(deal, ctx) : null,
    };
  }
  if (path.startsWith('/lightning/')) {
    return notFound(
      'The demo CRM has opportunities only: accounts, users and other objects are not part of it.',
    );
  }
  return notFound("The page you're looking for doesn't exist.");
}

function page(status: number, key: string, title: string, content: SafeHtml): PageView {
  return { kind: 'page', status, key, title, content, modal: null };
}

function notFound(reason: string): PageView {
  return page(
    404,
    'other',
    `Page not available | ${APP}`,
    html`<div class="slds-card slds-p-around_large demo-not-found">
      <h1 class="slds-text-heading_medium slds-m-bottom_small">Looks like there's a problem.</h1>
      <p class="slds-m-bottom_small">${reason}</p>
      <p><a href="${listPath()}">Back to All Opportunities</a></p>
    </div>`,
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
