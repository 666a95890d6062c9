import { STAGES, type CrmDeal } from '../records/deal';
import { recordPath, type PageContext } from './context';
import { editControl, hasEditor } from './controls';
import { html, type SafeHtml } from './html';
import { standardIcon, utilityIcon } from './icons';
import { recordFields, type FieldKey, type RecordField } from './record-fields';

/** Field pairs of the Details tab, as on a standard Opportunity page layout. */
const DETAIL_ROWS: ReadonlyArray<readonly [FieldKey, FieldKey]> = [
  ['owner', 'amount'],
  ['name', 'expectedAmount'],
  ['account', 'closeDate'],
  ['type', 'stage'],
  ['nextStep', 'probability'],
  ['productLine', 'currency'],
];

/** The highlights panel (compact layout) below the record name. */
const HIGHLIGHTS: readonly FieldKey[] = ['account', 'closeDate', 'amount', 'owner'];

/**
 * One opportunity's record home, as Lightning renders it inside a page container
 * (`one-record-home-flexipage2`): highlights panel, stage path, Details with a record layout
 * whose editable fields carry an inline-edit pencil and, in a `<template>`, their edit control.
 */
export function renderRecordPage(deal: CrmDeal, ctx: PageContext): SafeHtml {
  const fields = recordFields(deal, ctx);
  return html`<one-record-home-flexipage2
    data-aura-class="forceRecordHomeFlexipage2"
    data-demo-record-id="${deal.crmId}"
  >
    <records-lwc-highlights-panel
      ><records-highlights2>
        <div class="highlights slds-clearfix slds-page-header slds-page-header_record-home">
          <div class="slds-grid primaryFieldRow">
            <div class="slds-media slds-no-space slds-grow">
              <div class="slds-media__figure">
                <records-highlights-icon>${standardIcon('opportunity')}</records-highlights-icon>
              </div>
              <div class="slds-media__body">
                <h1>
                  <div class="entityNameTitle slds-line-height_reset">
                    <records-entity-label>Opportunity</records-entity-label>
                  </div>
                  <slot
                    name="primaryField"
                    class="slds-page-header__title slds-m-right--small slds-align-middle fade-text"
                    ><lightning-formatted-text>${deal.name}</lightning-formatted-text></slot
                  >
                </h1>
              </div>
            </div>
            <div class="slds-col slds-no-flex slds-grid slds-align-middle actionsContainer">
              <runtime_platform_actions-actions-ribbon
                ><ul class="slds-button-group-row">
                  <li class="slds-button-group-item">
                    <button
                      type="button"
                      class="slds-button slds-button_neutral"
                      name="Edit"
                      data-demo-href="${recordPath(deal, 'edit')}"
                    >
                      Edit
                    </button>
                  </li>
                </ul></runtime_platform_actions-actions-ribbon
              >
            </div>
          </div>
          <div class="secondaryFields">
            <slot name="secondaryFields" class="slds-page-header__detail-row"
              >${HIGHLIGHTS.map((key) => highlightsItem(fields[key]))}</slot
            >
          </div>
        </div>
      </records-highlights2></records-lwc-highlights-panel
    >
    ${stagePath(deal)}
    <div class="slds-card demo-details">
      <div class="slds-card__header"><h2 class="slds-card__header-title">Details</h2></div>
      <div class="slds-card__body slds-card__body_inner">
        <records-record-layout-event-broker
          ><slot
            ><records-lwc-detail-panel
              ><records-base-record-form
                ><records-record-layout-block>
                  <records-record-layout-section>
                    <h3
                      class="test-id__section-header-container slds-section__title slds-theme_shade"
                    >
                      <span
                        class="test-id__section-header-title slds-truncate slds-p-horizontal_small"
                        >Opportunity Information</span
                      >
                    </h3>
                    <div class="slds-form" role="list">
                      ${DETAIL_ROWS.map(
                        ([left, right]) =>
                          html`<records-record-layout-row class="slds-form__row"
                            >${layoutItem(fields[left], deal)}${layoutItem(fields[right], deal)}</records-record-layout-row
                          >`,
                      )}
                    </div>
                  </records-record-layout-section>
                </records-record-layout-block></records-base-record-form
              >
              <template data-demo-inline-footer
                ><records-form-footer
                  ><div class="slds-docked-form-footer demo-inline-footer">
                    <button type="button" class="slds-button slds-button_neutral" name="CancelEdit">
                      Cancel</button
                    ><button type="button" class="slds-button slds-button_brand" name="SaveEdit">
                      Save
                    </button>
                  </div></records-form-footer
                ></template
              >
            </records-lwc-detail-panel></slot
          ></records-record-layout-event-broker
        >
      </div>
    </div>
  </one-record-home-flexipage2>`;
}

function highlightsItem(field: RecordField): SafeHtml {
  return html`<records-highlights-details-item class="slds-page-header__detail-block"
    ><p class="slds-text-title slds-truncate" title="${field.label}">${field.label}</p>
    <div class="fieldComponent slds-text-body--regular slds-show_inline-block slds-truncate">
      <slot>${field.output}</slot>
    </div></records-highlights-details-item
  >`;
}

function layoutItem(field: RecordField, deal: CrmDeal): SafeHtml {
  const pencil = hasEditor(field)
    ? html`<button
        type="button"
        class="slds-button test-id__inline-edit-trigger slds-button_icon-bare slds-shrink-none inline-edit-trigger"
        title="Edit ${field.label}"
        data-demo-inline-edit="${field.apiName}"
      >
        ${utilityIcon('edit', 'slds-button__icon slds-button__icon_hint inline-edit-trigger-icon')}<span
          class="slds-assistive-text"
          >Edit ${field.label}</span
        >
      </button>`
    : '';
  const editor = hasEditor(field)
    ? html`<template data-demo-editor="${field.apiName}"
        >${editControl(field, `inline-${deal.crmId}`)}</template
      >`
    : '';
  return html`<records-record-layout-item
    field-label="${field.label}"
    data-target-selection-name="sfdc:RecordField.Opportunity.${field.apiName}"
    class="slds-form__item slds-no-space"
    ><div
      class="slds-form-element slds-form-element_readonly slds-form-element_stacked slds-hint-parent"
    >
      <span class="test-id__field-label-container slds-form-element__label"
        ><span class="test-id__field-label">${field.label}</span></span
      >
      <div class="slds-form-element__control slds-grid">
        <span class="test-id__field-value slds-form-element__static slds-grow word-break-ie11"
          ><slot name="outputField">${field.output}</slot></span
        >${pencil}
      </div>
    </div>
    ${editor}</records-record-layout-item
  >`;
}

/** The sales path: stages before the current one complete, the current one active. */
function stagePath(deal: CrmDeal): SafeHtml {
  const open = STAGES.filter((s) => !s.name.startsWith('Closed'));
  const index = open.findIndex((s) => s.name === deal.stage);
  const closedLabel = deal.isClosed ? deal.stage : 'Closed';
  const items = [
    ...open.map((stage, i) => {
      const state =
        deal.isClosed || (index >= 0 && i < index)
          ? 'slds-is-complete'
          : i === index
            ? 'slds-is-current slds-is-active'
            : 'slds-is-incomplete';
      return { name: stage.name, state };
    }),
    {
      name: closedLabel,
      state: deal.isClosed
        ? deal.isWon
          ? 'slds-is-won slds-is-active'
          : 'slds-is-lost slds-is-active'
        : 'slds-is-incomplete',
    },
  ];
  return html`<runtime_sales_pathassistant-path-assistant
    ><div class="slds-path slds-m-vertical_small">
      <div class="slds-grid slds-path__track">
        <div class="slds-grid slds-path__scroller-container">
          <div class="slds-path__scroller">
            <div class="slds-path__scroller_inner">
              <ul
                class="slds-path__nav"
                role="listbox"
                aria-orientation="horizontal"
                aria-label="Stage"
              >
                ${items.map(
                  (item) =>
                    html`<li class="slds-path__item ${item.state}" role="presentation">
                      <a
                        class="slds-path__link"
                        role="option"
                        tabindex="-1"
                        aria-selected="${item.state.includes('slds-is-active') ? 'true' : 'false'}"
                        ><span class="slds-path__stage"
                          >${utilityIcon('check', 'slds-icon slds-icon_x-small')}</span
                        ><span class="slds-path__title">${item.name}</span></a
                      >
                    </li>`,
                )}
              </ul>
            </div>
          </div>
        </div>
      </div>
    </div></runtime_sales_pathassistant-path-assistant
  >`;
}
