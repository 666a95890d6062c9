import type { CrmDeal } from '../records/deal';
import type { PageContext } from './context';
import { editControl, hasEditor, lookupPill } from './controls';
import { html, type SafeHtml } from './html';
import { recordFields, type FieldKey, type RecordField } from './record-fields';

const MODAL_ROWS: ReadonlyArray<readonly FieldKey[]> = [
  ['name', 'account'],
  ['amount', 'closeDate'],
  ['stage', 'probability'],
  ['nextStep'],
];

/**
 * The edit modal an `/edit` URL opens over the record page, as Lightning renders it inside its
 * container manager (outside every page container): `records-modal-lwc-detail-panel-wrapper`
 * holding the record form. The owner is not on the edit layout.
 */
export function renderEditModal(deal: CrmDeal, ctx: PageContext): SafeHtml {
  const fields = recordFields(deal, ctx);
  const titleId = `title-edit-${deal.crmId}`;
  return html`<div
    class="DESKTOP uiModal--medium uiModal forceModal open active"
    data-aura-class="uiModal forceModal"
    aria-hidden="false"
    data-demo-modal-record="${deal.crmId}"
  >
    <div
      tabindex="-1"
      role="dialog"
      aria-modal="true"
      aria-labelledby="${titleId}"
      class="panel slds-modal slds-fade-in-open slds-modal_medium"
    >
      <div class="modal-container slds-modal__container">
        <div class="modal-header slds-modal__header">
          <h2 id="${titleId}" class="slds-text-heading--medium slds-modal__title slds-hyphenate">
            Edit ${deal.name}
          </h2>
        </div>
        <div class="modal-body scrollable slds-modal__content slds-p-around--medium">
          <records-modal-lwc-detail-panel-wrapper
            ><records-record-layout-event-broker
              ><slot
                ><records-lwc-detail-panel
                  ><records-base-record-form>
                    <div class="slds-form" role="list">
                      <records-record-layout-block
                        ><records-record-layout-section>
                          <h3
                            class="test-id__section-header-container slds-section__title slds-theme_shade"
                          >
                            <span class="test-id__section-header-title slds-p-horizontal_small"
                              >Opportunity Information</span
                            >
                          </h3>
                          ${MODAL_ROWS.map(
                            (row) =>
                              html`<records-record-layout-row class="slds-form__row"
                                >${row.map((key) => formItem(fields[key], deal))}</records-record-layout-row
                              >`,
                          )}
                        </records-record-layout-section></records-record-layout-block
                      >
                    </div>
                  </records-base-record-form></records-lwc-detail-panel
                ></slot
              ></records-record-layout-event-broker
            ></records-modal-lwc-detail-panel-wrapper
          >
        </div>
        <div class="modal-footer slds-modal__footer">
          <button type="button" class="slds-button slds-button_neutral" name="CancelEdit">
            Cancel</button
          ><button type="button" class="slds-button slds-button_brand" name="SaveEdit">Save</button>
        </div>
      </div>
    </div>
    <div class="slds-backdrop slds-backdrop_open"></div>
  </div>`;
}

function formItem(field: RecordField, deal: CrmDeal): SafeHtml {
  const content = hasEditor(field)
    ? editControl(field, `modal-${deal.crmId}`)
    : lookupPill(field.label, deal.accountName ?? '');
  return html`<records-record-layout-item field-label="${field.label}" class="slds-form__item"
    >${content}</records-record-layout-item
  >`;
}
