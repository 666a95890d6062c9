import type { CrmAdapter } from '../adapter';
import { toDealFields } from '../deal-fields';
import {
  composedParent,
  deepScope,
  isHiddenElement,
  queryAllDeep,
  type DeepScope,
} from '../dom-text';
import { readLightningFields } from './read-fields';
import * as S from './selectors';
import { classifyLightningUrl } from './url';

/**
 * Lightning keeps several record pages in the DOM (cached pages, console tabs). The record
 * shown is the record page whose every page/tab container is `active`; on an `/edit` URL the
 * edit modal comes first and the page behind it fills fields the modal does not show.
 */
export const salesforceLightning: CrmAdapter = {
  crm: 'salesforce-lightning',
  classify: classifyLightningUrl,
  detect({ doc, record, locale }) {
    const whole = deepScope(doc);
    const page = firstShown(whole, S.RECORD_PAGE);
    const modal = record.mode === 'edit' ? firstShown(whole, S.EDIT_MODAL) : null;
    const roots = [modal, page].filter((root): root is Element => root !== null);
    if (roots.length === 0) return null;
    const { texts, editing } = readLightningFields(roots);
    return {
      crm: 'salesforce-lightning',
      objectType: record.objectType,
      recordId: record.recordId,
      mode: record.mode === 'edit' || editing ? 'edit' : 'view',
      fields: toDealFields(texts, locale),
    };
  },
};

/**
 * The first element matching `selector` that is on screen (no hidden or inactive container
 * above it). The light DOM is searched first; shadow roots only when it has no match.
 */
function firstShown(whole: DeepScope, selector: string): Element | null {
  const light = Array.from(whole.root.querySelectorAll(selector)).find(isShown);
  return light ?? queryAllDeep(whole, selector).find(isShown) ?? null;
}

function isShown(el: Element): boolean {
  for (let node: Node | null = el; node; node = composedParent(node)) {
    if (node.nodeType !== 1) continue;
    const ancestor = node as Element;
    if (isHiddenElement(ancestor)) return false;
    if (ancestor.matches(S.TAB_CONTAINER) && !ancestor.classList.contains(S.ACTIVE_CLASS)) {
      return false;
    }
  }
  return true;
}
