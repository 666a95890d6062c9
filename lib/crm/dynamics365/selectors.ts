/**
 * Dynamics 365 (Unified Interface) opportunity forms: every selector the adapter uses, each
 * with the saved pages under test/fixtures/crm/dynamics365/ that prove it. Controls carry
 * `data-id="<logical name>.fieldControl-<control>"`; header copies are prefixed `header_`.
 */
import type { DealFieldTexts } from '../deal-fields';

/** The main form of the open record. Fixtures: opportunity-form.html, opportunity-form-eur.html */
export const FORM_ROOT = '[data-id="editFormRoot"]';

/** The record title in the form header. Fixtures: opportunity-form.html */
export const HEADER_TITLE = 'h1[data-id="header_title"]';

/** The save-status suffix ("- Saved") inside the header title. Fixtures: opportunity-form.html */
export const HEADER_SAVE_STATUS = '[data-id="header_saveStatus"]';

/**
 * `data-id`s per deal field, tried in order; each is looked up on the form, then in the header.
 * Fixtures: opportunity-form.html (all), opportunity-form-eur.html (amount, currency, closeDate,
 * stage via stepname, owner and account in the header only).
 */
export const FIELD_CONTROLS: Readonly<Record<keyof DealFieldTexts, readonly string[]>> = {
  amount: ['estimatedvalue.fieldControl-currency-text-input'],
  currency: [
    'transactioncurrencyid.fieldControl-LookupResultsDropdown_transactioncurrencyid_selected_tag_text',
    'transactioncurrencyid.fieldControl-LookupResultsDropdown_transactioncurrencyid_selected_tag',
  ],
  stage: ['salesstage.fieldControl-option-set-select', 'stepname.fieldControl-text-box-text'],
  closeDate: ['estimatedclosedate.fieldControl-date-time-input'],
  probability: ['closeprobability.fieldControl-whole-number-text-input'],
  ownerName: [
    'ownerid.fieldControl-LookupResultsDropdown_ownerid_selected_tag_text',
    'ownerid.fieldControl-LookupResultsDropdown_ownerid_selected_tag',
  ],
  accountName: [
    'parentaccountid.fieldControl-LookupResultsDropdown_parentaccountid_selected_tag_text',
    'parentaccountid.fieldControl-LookupResultsDropdown_parentaccountid_selected_tag',
    'customerid.fieldControl-LookupResultsDropdown_customerid_selected_tag_text',
    'customerid.fieldControl-LookupResultsDropdown_customerid_selected_tag',
  ],
  recordName: ['name.fieldControl-text-box-text'],
};

export const byDataId = (dataId: string): string => `[data-id="${dataId}"]`;
export const HEADER_PREFIX = 'header_';
