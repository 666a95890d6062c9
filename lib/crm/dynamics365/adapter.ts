import type { CrmAdapter } from '../adapter';
import { NO_FIELD_TEXTS, toDealFields, type DealFieldTexts } from '../deal-fields';
import { EDITABLE_CONTROL, controlValue, deepActiveElement, visibleText } from '../dom-text';
import * as S from './selectors';
import { classifyDynamicsUrl } from './url';

/**
 * Unified Interface forms are always editable: controls hold the current values, the header
 * repeats some of them read-only. The mode is `edit` while a deal field's control has focus.
 */
export const dynamics365: CrmAdapter = {
  crm: 'dynamics365',
  classify: classifyDynamicsUrl,
  detect({ doc, record, locale }) {
    const form = doc.querySelector(S.FORM_ROOT);
    if (!form) return null;
    const active = deepActiveElement(doc);
    const texts: DealFieldTexts = { ...NO_FIELD_TEXTS };
    let editing = false;
    for (const [key, dataIds] of Object.entries(S.FIELD_CONTROLS) as [
      keyof DealFieldTexts,
      readonly string[],
    ][]) {
      const el = findControl(form, doc, dataIds);
      if (!el) continue;
      texts[key] = el.matches(EDITABLE_CONTROL) ? controlValue(el) : visibleText(el);
      editing ||= active !== null && el.contains(active);
    }
    texts.recordName ??= headerTitle(doc);
    return {
      crm: 'dynamics365',
      objectType: record.objectType,
      recordId: record.recordId,
      mode: editing ? 'edit' : 'view',
      fields: toDealFields(texts, locale),
    };
  },
};

/** The form's control for the first data-id found, else the header's read-only copy. */
function findControl(form: Element, doc: Document, dataIds: readonly string[]): Element | null {
  for (const dataId of dataIds) {
    const onForm = form.querySelector(S.byDataId(dataId));
    if (onForm) return onForm;
  }
  for (const dataId of dataIds) {
    const inHeader = doc.querySelector(S.byDataId(S.HEADER_PREFIX + dataId));
    if (inHeader) return inHeader;
  }
  return null;
}

function headerTitle(doc: Document): string | null {
  const title = doc.querySelector(S.HEADER_TITLE);
  if (!title) return null;
  return (
    title.getAttribute('title')?.trim() ||
    visibleText(title, { skip: S.HEADER_SAVE_STATUS }) ||
    null
  );
}
