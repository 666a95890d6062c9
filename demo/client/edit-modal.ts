import { fragmentOf } from './dom';

/** The edit modal in Lightning's container manager, outside every page container. */
export class EditModal {
  constructor(
    private readonly manager: HTMLElement,
    private readonly app: HTMLElement,
  ) {}

  element(): HTMLElement | null {
    return this.manager.querySelector<HTMLElement>('[data-demo-modal-record]');
  }

  recordId(): string | null {
    return this.element()?.dataset.demoModalRecord ?? null;
  }

  open(markup: string): void {
    this.manager.replaceChildren(fragmentOf(markup));
    this.app.setAttribute('aria-hidden', 'true');
    this.element()?.querySelector<HTMLElement>('input, select')?.focus();
  }

  close(): void {
    if (this.manager.firstChild) this.manager.replaceChildren();
    this.app.removeAttribute('aria-hidden');
  }
}
