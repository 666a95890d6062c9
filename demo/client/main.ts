import { required } from './dom';
import { EditModal } from './edit-modal';
import { Navigator } from './navigator';
import { PageCache } from './page-cache';
import { RecordEditing } from './record-editing';
import { SyncStatus } from './sync-status';

/**
 * The demo CRM's page script: single-page navigation (links and Edit buttons go through
 * `history.pushState`, back and forward through `popstate`), the page cache, the edit modal,
 * inline edit and toasts. Loaded as a module from the page's own origin (the CSP allows no
 * inline script).
 */
function boot(): void {
  const cache = new PageCache(required<HTMLElement>('.oneCenterStage'));
  const active = cache.active();
  if (active) active.dataset.demoTitle = document.title;
  const modal = new EditModal(
    required<HTMLElement>('.uiContainerManager'),
    required<HTMLElement>('.oneOne'),
  );
  const navigator = new Navigator(cache, modal);
  const currentPath = () => location.pathname + location.search;
  const syncStatus = new SyncStatus(
    document.querySelector<HTMLElement>('[data-demo-sync-status]'),
    () => {
      // The deals arrived after this page was rendered without them.
      cache.invalidate('list');
      void navigator.go(currentPath(), 'replace');
    },
  );
  const editing = new RecordEditing(cache, modal, navigator, syncStatus);

  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || event.defaultPrevented) return;
    const target = event.target;
    const button = target.closest('button');
    if (button) {
      if (button.matches('[data-demo-inline-edit]')) {
        editing.startInline(button);
      } else if (button.name === 'CancelEdit') {
        editing.cancel(button);
      } else if (button.name === 'SaveEdit') {
        void editing.save(button);
      } else if (button.dataset.demoHref) {
        void navigator.go(button.dataset.demoHref, 'push');
      }
      return;
    }
    const link = target.closest('a[href]');
    if (!(link instanceof HTMLAnchorElement) || !isPlainClick(event, link)) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/lightning/')) return;
    event.preventDefault();
    void navigator.go(url.pathname + url.search, 'push');
  });

  window.addEventListener('popstate', () => void navigator.go(currentPath(), 'pop'));

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && modal.element()) {
      editing.cancelModal();
    } else if (
      event.key === 'Enter' &&
      event.target instanceof HTMLInputElement &&
      event.target.closest('[data-demo-modal-record], .demo-inline-editing')
    ) {
      const scope = event.target.closest('[data-demo-modal-record], records-lwc-detail-panel');
      const save = scope?.querySelector<HTMLButtonElement>('button[name="SaveEdit"]');
      if (save) {
        event.preventDefault();
        void editing.save(save);
      }
    }
  });

  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.name === 'StageName') {
      editing.stageChanged(event.target);
    }
  });

  if (syncStatus.needsPolling()) void syncStatus.refresh();
}

function isPlainClick(event: MouseEvent, link: HTMLAnchorElement): boolean {
  return (
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    (link.target === '' || link.target === '_self') &&
    !link.hasAttribute('download')
  );
}

boot();
