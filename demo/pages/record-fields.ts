import { stagesFor, type CrmDeal } from '../records/deal';
import type { EditableField } from '../records/edit';
import type { PageContext } from './context';
import { html, type SafeHtml } from './html';

/**
 * The Opportunity fields the pages show, each with its Salesforce API name and label, its
 * output markup (Lightning's formatted-text / lookup components) and, when editable, the
 * control that edits it (`lightning-input` with a real `<input>`, or a `<select>` picklist).
 */
export interface RecordField {
  apiName: string;
  label: string;
  output: SafeHtml;
  edit?: FieldEditor;
}

export type FieldEditor =
  | { kind: 'text'; apiName: EditableField; value: string; required: boolean; decimal: boolean }
  | {
      kind: 'picklist';
      apiName: EditableField;
      value: string;
      options: ReadonlyArray<{ name: string; probability: number }>;
    };

export type FieldKey =
  | 'owner'
  | 'name'
  | 'account'
  | 'amount'
  | 'expectedAmount'
  | 'closeDate'
  | 'stage'
  | 'probability'
  | 'type'
  | 'nextStep'
  | 'productLine'
  | 'currency';

const TYPES: Readonly<Record<string, string>> = {
  new: 'New Customer',
  expansion: 'Existing Customer - Upgrade',
  renewal: 'Existing Customer - Replacement',
};

export const text = (value: string | undefined): SafeHtml =>
  html`<lightning-formatted-text>${value ?? ''}</lightning-formatted-text>`;

/** A lookup as Lightning renders it: a link plus hidden assistive text a screen reader reads. */
export function lookup(name: string, href: string): SafeHtml {
  return html`<force-lookup
    ><div class="slds-grid">
      <records-hoverable-link class="slds-grow"
        ><a class="slds-truncate" href="${href}" title="${name}"
          ><slot
            ><slot><span>${name}</span></slot></slot
          ></a
        ><span class="assistiveText">Open ${name} Preview</span></records-hoverable-link
      >
    </div></force-lookup
  >`;
}

function customText(deal: CrmDeal, field: string): string {
  const value = deal.fields?.[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function capitalized(value: string): string {
  return value ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

export function recordFields(deal: CrmDeal, ctx: PageContext): Record<FieldKey, RecordField> {
  const { format } = ctx;
  const owner = ctx.store.ownerName(deal);
  const account = deal.accountName ?? '';
  const expected =
    deal.probability === undefined
      ? ''
      : format.amount((deal.amount * deal.probability) / 100, deal.currency);
  const dealType = customText(deal, 'dealType');
  return {
    owner: {
      apiName: 'OwnerId',
      label: 'Opportunity Owner',
      output: lookup(owner, `/lightning/r/User/${encodeURIComponent(deal.ownerId)}/view`),
    },
    name: {
      apiName: 'Name',
      label: 'Opportunity Name',
      output: text(deal.name),
      edit: { kind: 'text', apiName: 'Name', value: deal.name, required: true, decimal: false },
    },
    account: {
      apiName: 'AccountId',
      label: 'Account Name',
      output: account ? lookup(account, `/lightning/o/Account/list`) : text(''),
    },
    amount: {
      apiName: 'Amount',
      label: 'Amount',
      output: text(format.amount(deal.amount, deal.currency)),
      edit: {
        kind: 'text',
        apiName: 'Amount',
        value: format.amountInput(deal.amount, deal.currency),
        required: true,
        decimal: true,
      },
    },
    expectedAmount: {
      apiName: 'ExpectedRevenue',
      label: 'Expected Amount',
      output: text(expected),
    },
    closeDate: {
      apiName: 'CloseDate',
      label: 'Close Date',
      output: html`<lightning-formatted-text
        >${format.date(deal.closeDate)}</lightning-formatted-text
      >`,
      edit: {
        kind: 'text',
        apiName: 'CloseDate',
        value: format.date(deal.closeDate),
        required: true,
        decimal: false,
      },
    },
    stage: {
      apiName: 'StageName',
      label: 'Stage',
      output: text(deal.stage),
      edit: { kind: 'picklist', apiName: 'StageName', value: deal.stage, options: stagesFor(deal) },
    },
    probability: {
      apiName: 'Probability',
      label: 'Probability (%)',
      output: html`<lightning-formatted-number
        >${deal.probability === undefined ? '' : format.percent(deal.probability)}</lightning-formatted-number
      >`,
      edit: {
        kind: 'text',
        apiName: 'Probability',
        value: deal.probability === undefined ? '' : String(deal.probability),
        required: false,
        decimal: true,
      },
    },
    type: {
      apiName: 'Type',
      label: 'Type',
      output: text(TYPES[dealType] ?? capitalized(dealType)),
    },
    nextStep: {
      apiName: 'NextStep',
      label: 'Next Step',
      output: text(deal.nextStep),
      edit: {
        kind: 'text',
        apiName: 'NextStep',
        value: deal.nextStep ?? '',
        required: false,
        decimal: false,
      },
    },
    productLine: {
      apiName: 'Product_Line__c',
      label: 'Product Line',
      output: text(capitalized(customText(deal, 'productLine'))),
    },
    currency: {
      apiName: 'CurrencyIsoCode',
      label: 'Opportunity Currency',
      output: text(format.currencyLabel(deal.currency)),
    },
  };
}
