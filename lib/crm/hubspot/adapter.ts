import type { CrmAdapter } from '../adapter';
import { NO_FIELD_TEXTS, toDealFields, type DealFieldTexts } from '../deal-fields';
import {
  EDITABLE_CONTROL,
  closestComposed,
  controlValue,
  deepActiveElement,
  visibleText,
} from '../dom-text';
import * as S from './selectors';
import { classifyHubSpotUrl } from './url';

/**
 * HubSpot edits properties in place in the left sidebar, so inputs always hold the current
 * values; the mode is `edit` while one of the deal's property controls has focus.
 */
export const hubspot: CrmAdapter = {
  crm: 'hubspot',
  classify: classifyHubSpotUrl,
  detect({ doc, record, locale }) {
    const sidebar = firstOutsidePreview(doc, S.LEFT_SIDEBAR);
    const title = firstOutsidePreview(sidebar ?? doc, S.RECORD_TITLE);
    if (!sidebar && !title) return null;

    const texts: DealFieldTexts = { ...NO_FIELD_TEXTS };
    let editing = false;
    const active = deepActiveElement(doc);
    for (const [key, name] of Object.entries(S.PROPERTY_NAMES) as [
      keyof DealFieldTexts,
      string,
    ][]) {
      const el = firstOutsidePreview(sidebar ?? doc, S.property(name));
      if (!el) continue;
      texts[key] = propertyText(el);
      editing ||= active !== null && (el === active || el.contains(active));
    }
    texts.recordName ??= visibleText(title) || null;
    const rightSidebar = firstOutsidePreview(doc, S.RIGHT_SIDEBAR);
    texts.accountName = visibleText(rightSidebar?.querySelector(S.COMPANY_LINK)) || null;

    return {
      crm: 'hubspot',
      objectType: record.objectType,
      recordId: record.recordId,
      mode: editing ? 'edit' : 'view',
      fields: toDealFields(texts, locale),
    };
  },
};

function propertyText(el: Element): string {
  if (el.matches(EDITABLE_CONTROL)) return controlValue(el);
  const label = el.querySelector(S.DROPDOWN_LABEL);
  if (label) return visibleText(label);
  const control = el.querySelector(EDITABLE_CONTROL);
  return control ? controlValue(control) : visibleText(el);
}

function firstOutsidePreview(root: ParentNode, selector: string): Element | null {
  return (
    Array.from(root.querySelectorAll(selector)).find(
      (el) => closestComposed(el, S.PREVIEW_PANEL) === null,
    ) ?? null
  );
}
