/**
 * Salesforce Lightning Experience: every selector the adapter uses, each with the saved pages
 * under test/fixtures/crm/salesforce-lightning/ that prove it. API-name attributes come first;
 * labels (localized, see ../salesforce-fields.ts) are the fallback.
 */

/** One record's home page. Fixtures: view-cached-tabs.html, console-subtabs.html, shadow-dom.html */
export const RECORD_PAGE = 'one-record-home-flexipage2';

/**
 * Page and console-tab containers; Lightning keeps cached pages and background tabs in the
 * DOM and marks the shown one with class `active`.
 * Fixtures: view-cached-tabs.html (.oneContent), console-subtabs.html (.tabContent)
 */
export const TAB_CONTAINER = '.oneContent,.tabContent';
export const ACTIVE_CLASS = 'active';

/** The edit modal an `/edit` URL opens over the record page. Fixtures: edit-modal.html */
export const EDIT_MODAL = 'records-modal-lwc-detail-panel-wrapper';

/**
 * A field wrapper named by API name (dynamic forms, App Builder targets).
 * Fixtures: view-dynamic-forms-de.html, shadow-dom.html
 */
export const fieldByApiName = (apiName: string): string =>
  `[data-target-selection-name="sfdc:RecordField.Opportunity.${apiName}"]`;

/** An edit control named by API name. Fixtures: edit-modal.html, inline-edit.html */
export const controlByApiName = (apiName: string): string =>
  [
    `input[name="${apiName}"]`,
    `textarea[name="${apiName}"]`,
    `select[name="${apiName}"]`,
    `button[role="combobox"][name="${apiName}"]`,
  ].join();

/**
 * A record-layout field and its localized label attribute.
 * Fixtures: view-cached-tabs.html, view-record-layout-fr.html, edit-modal.html, inline-edit.html
 */
export const LAYOUT_ITEM = 'records-record-layout-item[field-label]';
export const LAYOUT_ITEM_LABEL = 'field-label';

/** A dynamic-forms field (label read from its text). Fixtures: view-dynamic-forms-de.html */
export const DYNAMIC_FORM_FIELD = 'record_flexipage-record-field';

/** A highlights-panel (compact layout) item. Fixtures: view-cached-tabs.html */
export const HIGHLIGHTS_ITEM = 'records-highlights-details-item';

/** The label part of a field container. Fixtures: all view-*.html */
export const FIELD_LABEL =
  '.test-id__field-label-container,.test-id__field-label,.slds-form-element__label,.slds-text-title,label';

/** The value part of a field container in view mode. Fixtures: all view-*.html */
export const FIELD_VALUE = '.test-id__field-value,.slds-form-element__static,.fieldComponent';

/** Buttons inside a field that are not its value (inline-edit pencil, Change Owner). */
export const NOT_VALUE = `${FIELD_LABEL},button:not([role="combobox"])`;

/** The selected record of a lookup being edited. Fixtures: edit-modal.html */
export const LOOKUP_PILL = '.slds-pill__label';

/**
 * The record name in the page header, tried in order.
 * Fixtures: view-cached-tabs.html, record-name-markup.html
 */
export const RECORD_TITLE = [
  'records-highlights2 slot[name="primaryField"]',
  'records-highlights2 [slot="primaryField"]',
  '.slds-page-header__title',
];
