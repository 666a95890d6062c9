import { defineCrmAdapter } from '../adapter';
import { readFields } from '../deal-fields';
import { EDITABLE_CONTROL, controlValue, deepActiveElement, visibleText } from '../dom-text';
import * as S from './selectors';
import { classifyDynamicsUrl } from './url';

/**
 * Unified Interface forms are always editable: controls hold the current values, the header
 * repeats some of them read-only. The mode is `edit` while a deal field's control has focus.
 */
export const dynamics365 = defineCrmAdapter('dynamics365', classifyDynamicsUrl, ({ doc }) => {
  const form = doc.querySelector(S.FORM_ROOT);
  if (!form) return null;
  const active = deepActiveElement(doc);
  const reading = readFields((key) => {
    const el = findControl(form, doc, S.FIELD_CONTROLS[key]);
    return (
      el && {
        text: el.matches(EDITABLE_CONTROL) ? controlValue(el) : visibleText(el),
        editing: el.contains(active),
      }
    );
  });
  reading.texts.recordName ??= headerTitle(doc);
  return reading;
});

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
