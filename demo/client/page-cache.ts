import { fragmentOf } from './dom';

/** Pages kept in the DOM besides the active one (Lightning keeps several). */
const MAX_INACTIVE = 5;

/**
 * The center stage's page containers, like Lightning's page cache: every visited page stays in
 * the DOM as a `.oneContent` container; exactly one has class `active` (CSS hides the rest).
 */
export class PageCache {
  /** Keys, least recently shown first. */
  private recent: string[] = [];

  constructor(private readonly stage: HTMLElement) {
    const active = this.active();
    if (active) this.recent.push(active.dataset.demoPage ?? '');
  }

  find(key: string): HTMLElement | null {
    for (const el of Array.from(this.stage.children)) {
      if (el instanceof HTMLElement && el.dataset.demoPage === key) return el;
    }
    return null;
  }

  active(): HTMLElement | null {
    return this.stage.querySelector<HTMLElement>(':scope > .oneContent.active');
  }

  /** Puts a page's content in its container (a new one when it has none) and returns it. */
  put(key: string, markup: string, title: string): HTMLElement {
    let container = this.find(key);
    if (!container) {
      container = document.createElement('div');
      container.className = 'windowViewMode-normal oneContent lafPageHost';
      container.dataset.auraClass = 'oneContent';
      container.dataset.demoPage = key;
      this.stage.append(container);
    }
    container.dataset.demoTitle = title;
    container.replaceChildren(fragmentOf(markup));
    return container;
  }

  /** Shows one container and hides the others; drops the least recently shown beyond the limit. */
  activate(container: HTMLElement): void {
    for (const el of Array.from(this.stage.children)) {
      el.classList.toggle('active', el === container);
    }
    const key = container.dataset.demoPage ?? '';
    this.recent = [...this.recent.filter((k) => k !== key), key];
    // Error and loading pages are not worth keeping.
    for (const el of Array.from(this.stage.children)) {
      const elKey = (el as HTMLElement).dataset.demoPage ?? '';
      if (el !== container && (elKey === 'other' || elKey === 'loading')) this.remove(elKey);
    }
    while (this.recent.length > MAX_INACTIVE + 1) {
      const oldest = this.recent[0];
      if (oldest === undefined || oldest === key) break;
      this.remove(oldest);
    }
  }

  /** Shows no page (while the one the URL names is loading). */
  showLoading(): void {
    const container = this.put('loading', '', 'Loading…');
    const spinner = document.createElement('div');
    spinner.className = 'slds-spinner_container demo-loading';
    spinner.setAttribute('role', 'status');
    spinner.innerHTML =
      '<div class="slds-spinner slds-spinner_medium slds-spinner_brand"><span class="slds-assistive-text">Loading</span><div class="slds-spinner__dot-a"></div><div class="slds-spinner__dot-b"></div></div>';
    container.append(spinner);
    this.activate(container);
  }

  /** Forgets a cached page (not the active one), e.g. a list whose rows changed. */
  invalidate(key: string): void {
    const container = this.find(key);
    if (container && !container.classList.contains('active')) this.remove(key);
  }

  private remove(key: string): void {
    this.find(key)?.remove();
    this.recent = this.recent.filter((k) => k !== key);
  }
}
