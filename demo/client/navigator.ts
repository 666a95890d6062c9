import type { PageResponse } from '../http/api-types';
import { fetchPage } from './api';
import type { EditModal } from './edit-modal';
import type { PageCache } from './page-cache';

export type Route =
  { kind: 'list' } | { kind: 'record'; id: string; mode: 'view' | 'edit' } | { kind: 'other' };

export function routeOf(path: string): Route {
  const pathname = path.split(/[?#]/)[0] ?? '';
  if (pathname === '/lightning/o/Opportunity/list') return { kind: 'list' };
  const record = /^\/lightning\/r\/Opportunity\/([A-Za-z0-9]{15,18})\/(view|edit)$/.exec(pathname);
  if (record?.[1] && record[2]) {
    return { kind: 'record', id: record[1], mode: record[2] === 'edit' ? 'edit' : 'view' };
  }
  return { kind: 'other' };
}

export const viewPath = (recordId: string): string => `/lightning/r/Opportunity/${recordId}/view`;

type How = 'push' | 'replace' | 'pop';

/** An `/edit` entry pushed over the same record's view page. */
interface HistoryState {
  demoEditOver?: string;
}

/**
 * Single-page navigation: shows the page a path names from the cache or the server, and moves
 * the address bar only in the same task that puts the new page on screen, so the URL and the
 * active page always name the same record (what the extension reads). Back and forward run
 * through `popstate`: the URL has changed already, so until the page is there no page shows.
 */
export class Navigator {
  private sequence = 0;

  constructor(
    private readonly cache: PageCache,
    private readonly modal: EditModal,
  ) {}

  async go(path: string, how: How): Promise<void> {
    const sequence = ++this.sequence;
    const route = routeOf(path);
    const key =
      route.kind === 'record' ? `record:${route.id}` : route.kind === 'list' ? 'list' : null;
    const cached = key ? this.cache.find(key) : null;
    if (cached && !(route.kind === 'record' && route.mode === 'edit')) {
      this.modal.close();
      this.cache.activate(cached);
      this.setUrl(path, how, cached.dataset.demoTitle);
      return;
    }
    if (how === 'pop' && !cached) {
      this.modal.close();
      this.cache.showLoading();
    }
    let page: PageResponse;
    try {
      page = await fetchPage(path);
    } catch {
      window.location.assign(path);
      return;
    }
    if (sequence !== this.sequence) return;
    this.show(page, how);
  }

  /** Puts a page from the server on screen (with its modal, if any) and the URL with it. */
  show(page: PageResponse, how: How): void {
    const container = this.cache.put(page.key, page.html, page.title);
    this.cache.activate(container);
    if (page.modalHtml) this.modal.open(page.modalHtml);
    else this.modal.close();
    this.setUrl(page.path, how, page.title);
    if (how !== 'pop') window.scrollTo(0, 0);
  }

  /**
   * Leaves the edit modal for the record's view page (Cancel, Save). When the modal was opened
   * from that view page, this goes back in history (the modal closes as the URL changes, on
   * `popstate`); after a direct visit to the `/edit` URL, that entry becomes the view page's.
   */
  closeEdit(recordId: string): void {
    const route = routeOf(location.pathname);
    if (route.kind !== 'record' || route.mode !== 'edit') {
      this.modal.close();
      return;
    }
    if ((history.state as HistoryState | null)?.demoEditOver === route.id) {
      history.back();
      return;
    }
    this.sequence++;
    this.modal.close();
    const container = this.cache.find(`record:${recordId}`);
    if (container) this.cache.activate(container);
    this.setUrl(viewPath(route.id), 'replace', container?.dataset.demoTitle);
  }

  private setUrl(path: string, how: How, title: string | undefined): void {
    if (title) document.title = title;
    if (path === location.pathname + location.search) return;
    // After back/forward the entry exists already: only make its URL canonical.
    if (how !== 'push') {
      history.replaceState(null, '', path);
      return;
    }
    const from = routeOf(location.pathname);
    const to = routeOf(path);
    const editOverView =
      to.kind === 'record' && to.mode === 'edit' && from.kind === 'record' && from.id === to.id;
    history.pushState(
      editOverView ? ({ demoEditOver: to.id } satisfies HistoryState) : null,
      '',
      path,
    );
  }
}
