import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../demo/pages/html';
import type { CrmDeal } from '../../demo/records/deal';
import { applyEdit } from '../../demo/records/edit';
import { createLocaleFormat } from '../../demo/records/locale-format';
import { isId18, toId18 } from '../../demo/records/salesforce-id';
import { MARKUP_NAMED_RECORD_ID, SEED_RECORDS } from '../../demo/records/seed-records';
import { toSalesforceId18 } from '../../lib/crm';

const enUS = createLocaleFormat('en-US');
const deDE = createLocaleFormat('de-DE');

const deal: CrmDeal = {
  id: 'deal-1',
  crmId: '006Dm00000AaAa1IAF',
  name: 'Deal',
  amount: 125000,
  currency: 'USD',
  stage: 'Negotiation',
  isClosed: false,
  isWon: false,
  closeDate: '2026-12-31',
  ownerId: 'rep-01',
  probability: 75,
};

describe('demo CRM: locale formats', () => {
  it('writes amounts and dates like Salesforce for an en-US user', () => {
    expect(enUS.amount(125000, 'USD')).toBe('$125,000.00');
    expect(enUS.amount(12500.5, 'EUR')).toBe('EUR 12,500.50');
    expect(enUS.amount(1000, 'JPY')).toBe('JPY 1,000');
    expect(enUS.amountInput(125000, 'USD')).toBe('125,000.00');
    expect(enUS.date('2026-12-31')).toBe('12/31/2026');
    expect(enUS.date('2026-05-06')).toBe('5/6/2026');
    expect(enUS.percent(90)).toBe('90%');
    expect(enUS.currencyLabel('USD')).toBe('USD - U.S. Dollar');
  });

  it('reads numbers and dates as the locale writes them, and nothing ambiguous', () => {
    expect(enUS.parseNumber('125,000.50')).toBe(125000.5);
    expect(enUS.parseNumber('$125000')).toBe(125000);
    expect(enUS.parseNumber('USD 1,234')).toBe(1234);
    expect(enUS.parseNumber('12,50')).toBeNull();
    expect(enUS.parseNumber('-5')).toBeNull();
    expect(enUS.parseNumber('12abc')).toBeNull();
    expect(deDE.parseNumber('125.000,50')).toBe(125000.5);
    expect(deDE.parseNumber('1.5')).toBeNull();
    expect(deDE.amountInput(125000, 'EUR')).toBe('125.000,00');
    expect(deDE.date('2026-12-31')).toBe('31.12.2026');
    expect(enUS.parseDate('12/31/2026')).toBe('2026-12-31');
    expect(enUS.parseDate('2/29/2027')).toBeNull();
    expect(enUS.parseDate('2026-06-30')).toBe('2026-06-30');
    expect(enUS.parseDate('6/30/26')).toBe('2026-06-30');
    expect(deDE.parseDate('31.12.2026')).toBe('2026-12-31');
    expect(enUS.parseDate('31/12/2026')).toBeNull();
  });
});

describe('demo CRM: applying an edit', () => {
  it('sets the closed and won flags from the stage and dates the stage change', () => {
    const won = applyEdit(
      deal,
      { StageName: 'Closed Won', Probability: '100' },
      enUS,
      '2026-05-01',
    );
    expect(won).toMatchObject({
      ok: true,
      changed: true,
      deal: {
        stage: 'Closed Won',
        isClosed: true,
        isWon: true,
        probability: 100,
        stageEnteredDate: '2026-05-01',
      },
    });
    const lost = applyEdit(deal, { StageName: 'Closed Lost' }, enUS, '2026-05-01');
    expect(lost).toMatchObject({ ok: true, deal: { isClosed: true, isWon: false } });
  });

  it('keeps a custom stage the record already has, with its flags', () => {
    const custom = { ...deal, stage: 'Contract Signed', isClosed: true, isWon: true };
    expect(
      applyEdit(custom, { StageName: 'Contract Signed', Amount: '1' }, enUS, '2026-05-01'),
    ).toMatchObject({
      ok: true,
      deal: { stage: 'Contract Signed', isClosed: true, isWon: true, amount: 1 },
    });
  });

  it('refuses more decimals than the currency has, and clears an emptied probability', () => {
    expect(applyEdit(deal, { Amount: '1.005' }, enUS, '2026-05-01')).toEqual({
      ok: false,
      errors: { Amount: 'Amount can have at most 2 decimal places.' },
    });
    const cleared = applyEdit(deal, { Probability: '' }, enUS, '2026-05-01');
    expect(cleared.ok && 'probability' in cleared.deal).toBe(false);
  });

  it('reports nothing changed when the values are the same', () => {
    expect(
      applyEdit(deal, { Amount: '125,000.00', CloseDate: '12/31/2026' }, enUS, '2026-05-01'),
    ).toMatchObject({
      ok: true,
      changed: false,
    });
  });
});

describe('demo CRM: ids and markup', () => {
  it('issues 18-character ids the extension computes the same way', () => {
    expect(isId18(MARKUP_NAMED_RECORD_ID)).toBe(true);
    expect(toSalesforceId18(MARKUP_NAMED_RECORD_ID)).toBe(MARKUP_NAMED_RECORD_ID);
    for (const record of SEED_RECORDS) expect(toId18(record.crmId.slice(0, 15))).toBe(record.crmId);
    expect(isId18('006DEMO00000000001')).toBe(false);
    expect(toId18('006DEMO00000001')).toBe('006DEMO00000001YDA');
  });

  it('escapes every interpolated value; only html`` results are markup', () => {
    const name = `Acme <img src=x onerror="alert(1)"> & 'Sons'`;
    expect(escapeHtml(name)).toBe(
      'Acme &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Sons&#39;',
    );
    expect(html`<a title="${name}">${[name, html`<b>${name}</b>`]}</a>`.value).toBe(
      `<a title="${escapeHtml(name)}">${escapeHtml(name)}<b>${escapeHtml(name)}</b></a>`,
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });
});
