import {
  readFields,
  type DealFieldKey,
  type FieldReading,
  type FieldsReading,
} from '../deal-fields';
import {
  EDITABLE_CONTROL,
  controlReading,
  deepScope,
  queryAllDeep,
  queryFirstDeep,
  visibleText,
  type DeepScope,
} from '../dom-text';
import { OPPORTUNITY_API_NAMES, dealFieldOfLabel } from '../salesforce-fields';
import * as S from './selectors';

const LOOKUPS: ReadonlySet<DealFieldKey> = new Set(['ownerName', 'accountName']);

/**
 * Reads the deal fields from scopes tried in order (the edit modal, then the record page
 * behind it). A field found in a scope is taken from it even when empty.
 */
export function readLightningFields(roots: ReadonlyArray<ParentNode & Node>): FieldsReading {
  const scopes = roots.map((root) => {
    const scope = deepScope(root);
    let index: LabelIndex | undefined;
    // Built only for a field not found by API name: most pages name every field.
    return { scope, byLabel: () => (index ??= indexByLabel(scope)) };
  });
  return readFields((key) => {
    for (const { scope, byLabel } of scopes) {
      const reading = readField(scope, byLabel, key);
      if (reading) return reading;
    }
    return null;
  });
}

function readField(
  scope: DeepScope,
  byLabel: () => LabelIndex,
  key: DealFieldKey,
): FieldReading | null {
  const apiName = OPPORTUNITY_API_NAMES[key];
  const byApiName = queryFirstDeep(scope, S.fieldByApiName(apiName));
  if (byApiName) return readContainer(byApiName);
  // A lookup's own input holds search text, not the record picked: read lookups by container.
  const control = LOOKUPS.has(key) ? null : queryFirstDeep(scope, S.controlByApiName(apiName));
  if (control) return controlReading(control);
  const labelled = byLabel().get(key);
  if (labelled) return readContainer(labelled);
  if (key === 'recordName') {
    for (const selector of S.RECORD_TITLE) {
      const title = queryFirstDeep(scope, selector);
      if (title) return { text: visibleText(title), editing: false };
    }
  }
  return null;
}

/** A field container's value: its edit control's, else its visible output without the label. */
function readContainer(container: Element): FieldReading {
  const inner = deepScope(container);
  const pill = queryFirstDeep(inner, S.LOOKUP_PILL);
  if (pill) return { text: visibleText(pill), editing: true };
  const control = queryFirstDeep(inner, EDITABLE_CONTROL);
  if (control) return controlReading(control);
  const value = queryFirstDeep(inner, S.FIELD_VALUE) ?? container;
  return { text: visibleText(value, { skip: S.NOT_VALUE }), editing: false };
}

type LabelIndex = Map<DealFieldKey, Element>;

/** The first container per deal field among layout items, dynamic-form fields and highlights. */
function indexByLabel(scope: DeepScope): LabelIndex {
  const index: LabelIndex = new Map();
  const add = (key: DealFieldKey | undefined, el: Element) => {
    if (key && !index.has(key)) index.set(key, el);
  };
  for (const item of queryAllDeep(scope, S.LAYOUT_ITEM)) {
    add(dealFieldOfLabel(item.getAttribute(S.LAYOUT_ITEM_LABEL)), item);
  }
  for (const field of queryAllDeep(scope, `${S.DYNAMIC_FORM_FIELD},${S.HIGHLIGHTS_ITEM}`)) {
    add(dealFieldOfLabel(visibleText(queryFirstDeep(deepScope(field), S.FIELD_LABEL))), field);
  }
  return index;
}
