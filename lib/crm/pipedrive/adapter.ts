import { defineCrmAdapter } from '../adapter';
import { readFields, type DealFieldKey } from '../deal-fields';
import { EDITABLE_CONTROL, controlReading, visibleText } from '../dom-text';
import * as S from './selectors';
import { classifyPipedriveUrl } from './url';

/** Pipedrive edits in place: a field shows a control while it is being edited (mode `edit`). */
export const pipedrive = defineCrmAdapter('pipedrive', classifyPipedriveUrl, ({ doc }) => {
  const page = doc.querySelector(S.DEAL_PAGE);
  if (!page) return null;
  return readFields((key) => {
    const el = S.FIELDS[key].map((selector) => page.querySelector(selector)).find(Boolean);
    if (!el) return null;
    const control = el.matches(EDITABLE_CONTROL) ? el : el.querySelector(EDITABLE_CONTROL);
    return control ? controlReading(control) : { text: fieldText(el, key), editing: false };
  });
});

function fieldText(el: Element, key: DealFieldKey): string {
  if (key === 'stage') {
    const name = el.getAttribute(S.STAGE_NAME_ATTRIBUTE)?.trim();
    if (name) return name;
  }
  return visibleText(el.querySelector(S.FIELD_VALUE) ?? el);
}
