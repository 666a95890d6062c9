/**
 * Pipedrive deal detail pages: every selector the adapter uses, each with the saved pages
 * under test/fixtures/crm/pipedrive/ that prove it. Fields are keyed by Pipedrive's API field
 * keys (`value`, `expected_close_date`, `org_id`, …), which do not change with the UI language.
 */
import type { DealFieldTexts } from '../deal-fields';

/** The deal detail view. Fixtures: deal.html, deal-editing-value.html */
export const DEAL_PAGE = '[data-testid="deal-details-page"]';

/**
 * Where each deal field is shown, tried in order.
 * Fixtures: deal.html (all), deal-editing-value.html (value and currency being edited)
 */
export const FIELDS: Readonly<Record<keyof DealFieldTexts, readonly string[]>> = {
  amount: [
    '[data-testid="deal-value"] input[name="value"]',
    '[data-testid="deal-value"]',
    '[data-field-key="value"]',
  ],
  currency: ['select[name="currency"]', '[data-field-key="currency"]'],
  stage: ['[data-testid="pipeline-stage"][aria-current="step"]', '[data-field-key="stage_id"]'],
  closeDate: ['[data-field-key="expected_close_date"]'],
  probability: ['[data-field-key="probability"]'],
  ownerName: ['[data-testid="deal-owner"]', '[data-field-key="user_id"]'],
  accountName: ['[data-field-key="org_id"]'],
  recordName: ['[data-testid="deal-title"]'],
};

/** The value part of a sidebar field (its label sits next to it). Fixtures: deal.html */
export const FIELD_VALUE = '[data-testid="field-value"]';

/** A stage's name; the visible text is the fallback. Fixtures: deal.html */
export const STAGE_NAME_ATTRIBUTE = 'title';
