import { html, type SafeHtml } from './html';
import { standardIcon } from './icons';
import type { FieldEditor, RecordField } from './record-fields';

/**
 * Edit controls as Lightning's record forms render them (edit modal and inline edit): a
 * `lightning-input` around a real `<input name="<API name>">`, a picklist around a `<select>`.
 * `idPrefix` keeps ids unique when several forms are in the document.
 */
export function editControl(
  field: RecordField & { edit: FieldEditor },
  idPrefix: string,
): SafeHtml {
  const { edit, label } = field;
  const id = `${idPrefix}-${edit.apiName}`;
  const required = edit.kind === 'picklist' || edit.required;
  const labelMarkup = html`<label class="slds-form-element__label" for="${id}"
    >${required ? html`<abbr class="slds-required" title="required">*</abbr>` : ''}${label}</label
  >`;
  if (edit.kind === 'picklist') {
    return html`<records-record-picklist
      ><lightning-picklist
        ><lightning-select class="slds-form-element" data-demo-field="${edit.apiName}"
          >${labelMarkup}
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select class="slds-select" id="${id}" name="${edit.apiName}" required>
                ${edit.options.map(
                  (option) =>
                    html`<option
                      value="${option.name}"
                      data-probability="${option.probability}"
                      ${option.name === edit.value ? html` selected` : ''}
                    >
                      ${option.name}
                    </option>`,
                )}
              </select>
            </div>
          </div></lightning-select
        ></lightning-picklist
      ></records-record-picklist
    >`;
  }
  const input = html`<input
    type="text"
    id="${id}"
    name="${edit.apiName}"
    class="slds-input"
    value="${edit.value}"
    autocomplete="off"
    ${edit.required ? html` required` : ''}${edit.decimal ? html` inputmode="decimal"` : ''}
  />`;
  const control =
    edit.apiName === 'CloseDate'
      ? html`<lightning-datepicker
          >${labelMarkup}
          <div class="slds-form-element__control slds-grow">${input}</div></lightning-datepicker
        >`
      : html`${labelMarkup}
          <div class="slds-form-element__control slds-grow">${input}</div>`;
  return html`<records-record-layout-base-input
    ><lightning-input class="slds-form-element" data-demo-field="${edit.apiName}"
      >${control}</lightning-input
    ></records-record-layout-base-input
  >`;
}

/** A lookup field in a form: the picked record as a pill (not editable in the demo). */
export function lookupPill(label: string, name: string): SafeHtml {
  return html`<records-record-layout-lookup
    ><lightning-lookup class="slds-form-element"
      ><span class="slds-form-element__label">${label}</span>
      <div class="slds-form-element__control">
        <lightning-grouped-combobox
          ><div class="slds-combobox_container slds-has-selection">
            <div class="slds-combobox slds-dropdown-trigger">
              <div class="slds-combobox__form-element" role="none">
                <span class="slds-pill demo-pill"
                  ><span class="slds-pill__icon_container"
                    >${standardIcon('account', 'slds-icon_x-small')}</span
                  ><span class="slds-pill__label" title="${name}">${name}</span></span
                >
              </div>
            </div>
          </div></lightning-grouped-combobox
        >
      </div></lightning-lookup
    ></records-record-layout-lookup
  >`;
}

export function hasEditor(field: RecordField): field is RecordField & { edit: FieldEditor } {
  return field.edit !== undefined;
}
