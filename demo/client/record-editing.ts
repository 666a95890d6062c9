import type { SaveResponse } from '../http/api-types';
import { saveRecord } from './api';
import type { EditModal } from './edit-modal';
import type { Navigator } from './navigator';
import type { PageCache } from './page-cache';
import type { SyncStatus } from './sync-status';
import { showToast } from './toast';

const EDITABLE = ['Name', 'Amount', 'CloseDate', 'StageName', 'Probability', 'NextStep'];
const INLINE_EDITING = 'demo-inline-editing';

/**
 * Editing a record the two Lightning ways: the edit modal (`/edit`), and inline edit on the
 * view page (a pencil turns every editable field of the detail panel into its control, with a
 * Save/Cancel footer). Both save through the demo server, which stores the record and forwards
 * it to Attain.
 */
export class RecordEditing {
  /** Each field's output markup while its control replaces it. */
  private readonly outputs = new WeakMap<Element, Element>();

  constructor(
    private readonly cache: PageCache,
    private readonly modal: EditModal,
    private readonly navigator: Navigator,
    private readonly syncStatus: SyncStatus,
  ) {}

  startInline(trigger: Element): void {
    const page = trigger.closest<HTMLElement>('.oneContent');
    const panel = trigger.closest('records-lwc-detail-panel');
    const apiName = trigger.getAttribute('data-demo-inline-edit');
    if (!page || !panel) return;
    if (!panel.classList.contains(INLINE_EDITING)) {
      for (const template of Array.from(
        panel.querySelectorAll<HTMLTemplateElement>('template[data-demo-editor]'),
      )) {
        const item = template.parentElement;
        const output = item?.querySelector(':scope > .slds-form-element');
        const control = template.content.firstElementChild?.cloneNode(true);
        if (!item || !output || !(control instanceof Element)) continue;
        control.setAttribute('data-demo-inline-control', '');
        this.outputs.set(control, output);
        output.replaceWith(control);
      }
      const footer = panel.querySelector<HTMLTemplateElement>('template[data-demo-inline-footer]');
      const footerContent = footer?.content.firstElementChild?.cloneNode(true);
      if (footerContent instanceof Element) {
        footerContent.setAttribute('data-demo-inline-footer-shown', '');
        panel.append(footerContent);
      }
      panel.classList.add(INLINE_EDITING);
    }
    if (apiName)
      controlsIn(panel)
        .find((control) => control.name === apiName)
        ?.focus();
  }

  cancelInline(panel: Element): void {
    for (const control of Array.from(panel.querySelectorAll('[data-demo-inline-control]'))) {
      const output = this.outputs.get(control);
      if (output) control.replaceWith(output);
    }
    panel.querySelector('[data-demo-inline-footer-shown]')?.remove();
    panel.classList.remove(INLINE_EDITING);
  }

  cancel(button: Element): void {
    const modal = button.closest('[data-demo-modal-record]');
    if (modal) {
      this.navigator.closeEdit(modal.getAttribute('data-demo-modal-record') ?? '');
      return;
    }
    const panel = button.closest('records-lwc-detail-panel');
    if (panel) this.cancelInline(panel);
  }

  /** Escape closes the edit modal like its Cancel button. */
  cancelModal(): void {
    const id = this.modal.recordId();
    if (id) this.navigator.closeEdit(id);
  }

  /** When the stage changes, Probability takes the stage's default, as in Salesforce. */
  stageChanged(select: HTMLSelectElement): void {
    const probability = select.selectedOptions[0]?.dataset.probability;
    const form =
      select.closest('[data-demo-modal-record]') ?? select.closest('records-lwc-detail-panel');
    const input = form?.querySelector<HTMLInputElement>('input[name="Probability"]');
    if (input && probability !== undefined) input.value = probability;
  }

  async save(button: HTMLButtonElement): Promise<void> {
    const modal = button.closest<HTMLElement>('[data-demo-modal-record]');
    const scope = modal ?? button.closest<HTMLElement>('records-lwc-detail-panel');
    const page = modal ? null : button.closest<HTMLElement>('.oneContent');
    const recordId =
      modal?.dataset.demoModalRecord ??
      page?.querySelector<HTMLElement>('[data-demo-record-id]')?.dataset.demoRecordId;
    if (!scope || !recordId) return;
    const fields: Record<string, string> = {};
    for (const control of controlsIn(scope)) {
      if (EDITABLE.includes(control.name)) fields[control.name] = control.value;
    }
    button.disabled = true;
    let result: SaveResponse;
    try {
      result = await saveRecord(recordId, fields);
    } catch {
      button.disabled = false;
      showToast('error', 'Could not reach the CRM server. Your changes are not saved.');
      return;
    }
    button.disabled = false;
    if (!result.ok) {
      showFieldErrors(scope, result.errors);
      showToast('error', result.message);
      return;
    }
    const container = this.cache.put(result.page.key, result.page.html, result.page.title);
    this.cache.invalidate('list');
    if (modal) this.navigator.closeEdit(recordId);
    else this.cache.activate(container);
    if (result.sync === 'synced') {
      showToast('success', `Opportunity "${result.recordName}" was saved.`);
    } else if (result.sync === 'pending') {
      showToast('warning', 'Saved in the CRM; Attain sync pending');
    } else {
      showToast('error', `Saved in the CRM, but Attain refused it: ${result.syncMessage ?? ''}`);
    }
    void this.syncStatus.refresh();
  }
}

function controlsIn(scope: Element): Array<HTMLInputElement | HTMLSelectElement> {
  return Array.from(
    scope.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]'),
  );
}

function showFieldErrors(scope: Element, errors: Record<string, string>): void {
  for (const help of Array.from(scope.querySelectorAll('[data-demo-help]'))) help.remove();
  for (const el of Array.from(scope.querySelectorAll('.slds-has-error'))) {
    el.classList.remove('slds-has-error');
  }
  let first: HTMLElement | null = null;
  for (const [apiName, message] of Object.entries(errors)) {
    const field = Array.from(scope.querySelectorAll('[data-demo-field]')).find(
      (el) => el.getAttribute('data-demo-field') === apiName,
    );
    if (!field) continue;
    field.classList.add('slds-has-error');
    const help = document.createElement('div');
    help.className = 'slds-form-element__help';
    help.dataset.demoHelp = '';
    help.textContent = message;
    field.append(help);
    first ??= field.querySelector<HTMLElement>('input, select');
  }
  first?.focus();
}
