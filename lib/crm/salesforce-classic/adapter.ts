import { defineCrmAdapter } from '../adapter';
import { readFields, type DealFieldKey, type FieldReading } from '../deal-fields';
import { EDITABLE_CONTROL, controlReading, visibleText } from '../dom-text';
import { dealFieldOfLabel } from '../salesforce-fields';
import * as S from './selectors';
import { classifyClassicUrl } from './url';

/** Classic pages are server-rendered: one record per page, fields by id, else by label cell. */
export const salesforceClassic = defineCrmAdapter(
  'salesforce-classic',
  classifyClassicUrl,
  ({ doc }) => {
    if (!doc.querySelector(S.RECORD_PAGE)) return null;
    const cells = dataCellsByLabel(doc);
    const reading = readFields((key) => readField(doc, cells.get(key), key));
    reading.texts.recordName ??= visibleText(doc.querySelector(S.RECORD_TITLE)) || null;
    return reading;
  },
);

function readField(
  doc: Document,
  cell: Element | undefined,
  key: DealFieldKey,
): FieldReading | null {
  const id = S.FIELD_IDS[key];
  const input = id ? doc.getElementById(id) : null;
  if (input?.matches(EDITABLE_CONTROL)) return controlReading(input);
  const control = cell?.querySelector(EDITABLE_CONTROL);
  if (control) return controlReading(control);
  const output = (id ? doc.getElementById(id + S.VALUE_ID_SUFFIX) : null) ?? cell;
  if (!output) return null;
  const lookup = S.LOOKUP_LINK[key];
  const link = lookup ? output.querySelector(lookup) : null;
  return { text: visibleText(link ?? output, { skip: S.NOT_VALUE }), editing: false };
}

function dataCellsByLabel(doc: Document): Map<DealFieldKey, Element> {
  const cells = new Map<DealFieldKey, Element>();
  for (const label of Array.from(doc.querySelectorAll(S.LABEL_CELL))) {
    const key = dealFieldOfLabel(visibleText(label));
    const data = label.nextElementSibling;
    if (key && data?.matches(S.DATA_CELL) && !cells.has(key)) cells.set(key, data);
  }
  return cells;
}
