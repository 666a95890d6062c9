import type { CrmAdapter } from '../adapter';
import { NO_FIELD_TEXTS, toDealFields, type DealFieldTexts } from '../deal-fields';
import { EDITABLE_CONTROL, controlValue, visibleText } from '../dom-text';
import * as S from './selectors';
import { classifyPipedriveUrl } from './url';

/** Pipedrive edits in place: a field shows a control while it is being edited (mode `edit`). */
export const pipedrive: CrmAdapter = {
  crm: 'pipedrive',
  classify: classifyPipedriveUrl,
  detect({ doc, record, locale }) {
    const page = doc.querySelector(S.DEAL_PAGE);
    if (!page) return null;
    const texts: DealFieldTexts = { ...NO_FIELD_TEXTS };
    let editing = false;
    for (const [key, selectors] of Object.entries(S.FIELDS) as [
      keyof DealFieldTexts,
      readonly string[],
    ][]) {
      const el = selectors.map((selector) => page.querySelector(selector)).find(Boolean);
      if (!el) continue;
      const control = el.matches(EDITABLE_CONTROL) ? el : el.querySelector(EDITABLE_CONTROL);
      editing ||= control !== null;
      texts[key] = control ? controlValue(control) : fieldText(el, key);
    }
    return {
      crm: 'pipedrive',
      objectType: record.objectType,
      recordId: record.recordId,
      mode: editing ? 'edit' : 'view',
      fields: toDealFields(texts, locale),
    };
  },
};

function fieldText(el: Element, key: keyof DealFieldTexts): string {
  if (key === 'stage') {
    const name = el.getAttribute(S.STAGE_NAME_ATTRIBUTE)?.trim();
    if (name) return name;
  }
  return visibleText(el.querySelector(S.FIELD_VALUE) ?? el);
}
