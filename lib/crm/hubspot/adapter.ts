import { defineCrmAdapter } from '../adapter';
import { readFields } from '../deal-fields';
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
export const hubspot = defineCrmAdapter('hubspot', classifyHubSpotUrl, ({ doc }) => {
  const sidebar = firstOutsidePreview(doc, S.LEFT_SIDEBAR);
  const title = firstOutsidePreview(sidebar ?? doc, S.RECORD_TITLE);
  if (!sidebar && !title) return null;

  const active = deepActiveElement(doc);
  const reading = readFields((key) => {
    const name = S.PROPERTY_NAMES[key];
    const el = name ? firstOutsidePreview(sidebar ?? doc, S.property(name)) : null;
    return el && { text: propertyText(el), editing: el.contains(active) };
  });
  reading.texts.recordName ??= visibleText(title) || null;
  const rightSidebar = firstOutsidePreview(doc, S.RIGHT_SIDEBAR);
  reading.texts.accountName = visibleText(rightSidebar?.querySelector(S.COMPANY_LINK)) || null;
  return reading;
});

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
