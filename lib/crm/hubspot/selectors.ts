/**
 * HubSpot CRM record pages: every selector the adapter uses, each with the saved pages under
 * test/fixtures/crm/hubspot/ that prove it. HubSpot's class names are generated
 * (styled-components), so only its test attributes and internal property names are used.
 */
import type { DealFieldTexts } from '../deal-fields';

/** The record's left column (highlights and "About this deal"). Fixtures: deal-record.html */
export const LEFT_SIDEBAR = '[data-test-id="left-sidebar"]';

/** The associations column. Fixtures: deal-record.html */
export const RIGHT_SIDEBAR = '[data-test-id="records-right-sidebar"]';

/** The deal name in the highlights card. Fixtures: deal-record.html, deal-record-eu.html */
export const RECORD_TITLE = '[data-selenium-test="highlightTitle"]';

/**
 * A property's control (input, textarea, or a dropdown wrapper) by internal property name.
 * Fixtures: deal-record.html, deal-record-eu.html
 */
export const property = (internalName: string): string =>
  `[data-selenium-test="property-input-${internalName}"]`;

/** Internal names of the deal properties Attain reads. */
export const PROPERTY_NAMES: Partial<Readonly<Record<keyof DealFieldTexts, string>>> = {
  amount: 'amount',
  currency: 'deal_currency_code',
  stage: 'dealstage',
  closeDate: 'closedate',
  probability: 'hs_deal_stage_probability',
  ownerName: 'hubspot_owner_id',
  recordName: 'dealname',
};

/** The visible label of a dropdown property's selected option. Fixtures: deal-record.html */
export const DROPDOWN_LABEL = '.private-dropdown__item__label';

/** Preview panels of other records opened over the page: never this deal. Fixtures: deal-record.html */
export const PREVIEW_PANEL = '[data-crm-location="CRM_OBJECT_PREVIEW"]';

/** Links to associated companies, primary first. Fixtures: deal-record.html, deal-record-eu.html */
export const COMPANY_LINK = 'a[href*="/record/0-2/"],a[href*="/company/"]';
