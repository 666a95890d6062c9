/**
 * Salesforce Classic: every selector the adapter uses, each with the saved pages under
 * test/fixtures/crm/salesforce-classic/ that prove it.
 */
import type { DealFieldKey } from '../deal-fields';

/** Present on detail and edit pages of a record. Fixtures: view.html, edit.html */
export const RECORD_PAGE = '.bPageTitle,#ep,table.detailList';

/** The record name in the page title of a detail page. Fixtures: view.html */
export const RECORD_TITLE = '.bPageTitle h2.pageDescription';

/**
 * Ids Classic gives standard Opportunity fields: `<id>` is the input on edit pages and during
 * inline edit, `<id>_ileinner` holds the value on detail pages.
 * Fixtures: view.html, edit.html, inline-edit.html
 */
export const FIELD_IDS: Partial<Readonly<Record<DealFieldKey, string>>> = {
  recordName: 'opp3',
  accountName: 'opp4',
  amount: 'opp7',
  closeDate: 'opp9',
  stage: 'opp11',
  probability: 'opp12',
};
export const VALUE_ID_SUFFIX = '_ileinner';

/** Label cell and the data cell after it. Fixtures: view.html, edit.html */
export const LABEL_CELL = 'td.labelCol,th.labelCol';
export const DATA_CELL = 'td.dataCol,td.data2Col';

/**
 * Lookup links to users (key prefix 005) and accounts (001): the name without the
 * `[Change]` link next to it. Fixtures: view.html
 */
export const LOOKUP_LINK: Partial<Readonly<Record<DealFieldKey, string>>> = {
  ownerName: 'a[href^="/005"]',
  accountName: 'a[href^="/001"]',
};

/** The "[ 11/29/2025 ]" today-link next to date inputs: not the value. Fixtures: edit.html */
export const NOT_VALUE = '.dateFormat';
