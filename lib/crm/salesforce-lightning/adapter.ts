import { defineCrmAdapter } from '../adapter';
import {
  composedAncestor,
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
export const salesforceLightning = defineCrmAdapter(
  'salesforce-lightning',
  classifyLightningUrl,
  ({ doc, record }) => {
    const whole = deepScope(doc);
    const page = firstShown(whole, S.RECORD_PAGE);
    const modal = record.mode === 'edit' ? firstShown(whole, S.EDIT_MODAL) : null;
    const roots = [modal, page].filter((root): root is Element => root !== null);
    return roots.length === 0 ? null : readLightningFields(roots);
  },
);

/**
 * The first element matching `selector` that is on screen (no hidden or inactive container
 * above it). The light DOM is searched first; shadow roots only when it has no match.
 */
function firstShown(whole: DeepScope, selector: string): Element | null {
  const light = Array.from(whole.root.querySelectorAll(selector)).find(isShown);
  return light ?? queryAllDeep(whole, selector).find(isShown) ?? null;
}

function isShown(el: Element): boolean {
  return !composedAncestor(
    el,
    (ancestor) =>
      isHiddenElement(ancestor) ||
      (ancestor.matches(S.TAB_CONTAINER) && !ancestor.classList.contains(S.ACTIVE_CLASS)),
  );
}
