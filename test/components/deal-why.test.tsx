// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DealContainer } from '../../components/views/deal/DealContainer';
import { createFormatters } from '../../components/i18n/format';
import { toMinor, whatIf, type Deal, type Plan } from '../../lib/domain';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, plain, renderView } from './harness';

/**
 * The "Why" section reconciles: the deal's own lines, plus a line per effect on the rest of the
 * period's statement (other deals at a new tier's rate, the period cap, the draw), add up to
 * what the deal pays. Expected figures come from the engine (`whatIf`), never typed in by hand.
 */

const USD = createFormatters('en-US');
const why = () => within(screen.getByRole('region', { name: 'Why' }));
const pays = () => plain(screen.getByText(/\d/, { selector: '.estimate .big-figure' }).textContent);

/** What the engine says the deal pays, and how much of that is not the deal's own lines. */
function fromEngine(plan: Plan, deal: Deal): { pays: number; remainder: number } {
  const result = whatIf(
    {
      plan,
      quotas: fx.quotas,
      deals: fx.deals.filter((d) => d.id !== deal.id),
      fxRates: fx.fxRates,
      repId: 'u-dana',
      periodStart: deal.closeDate,
    },
    { deal },
  );
  const own = result.after.lines
    .filter((l) => l.dealId === deal.id && (l.kind === 'deal' || l.kind === 'spiff'))
    .reduce((sum, l) => sum + toMinor(l.amount, 2), 0);
  return { pays: result.delta, remainder: (toMinor(result.delta, 2) - own) / 100 };
}

/** Acme as the estimate sees it: the page's amount and close date, closed won. */
function acmeWon(amount: number, closeDate = fx.acme.closeDate): Deal {
  return { ...fx.acme, amount, closeDate, stage: 'Negotiation', isClosed: true, isWon: true };
}

function renderOn(plan: Plan, amount: number, closeDate?: string, language?: 'en' | 'id') {
  return renderView(<DealContainer />, {
    record: fx.acmeRecord({ amount, ...(closeDate ? { closeDate } : {}) }),
    state: { inputs: () => ok({ ...fx.danaInputs, plan, planOn: fx.planOnFor(plan) }) },
    ...(language ? { language } : {}),
  });
}

/** The amounts of the Why list's lines (own lines and effects), in cents. */
function whyLineCents(): number[] {
  return why()
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('explain-line'))
    .map((li) => {
      const text = plain(li.querySelector('.explain-head .amount')?.textContent);
      return Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);
    });
}

/** The effect line labelled `label`: its amount as shown. */
function effectAmount(label: string): string {
  const head = why().getByText(label).closest('.explain-head');
  return plain(head?.querySelector('.amount')?.textContent);
}

function expectReconciled(expectedPays: number) {
  expect(pays()).toBe(USD.money(expectedPays, 'USD'));
  const cents = whyLineCents();
  expect(cents.reduce((a, b) => a + b, 0)).toBe(toMinor(expectedPays, 2));
  const total = why().getByText('In all, if it closes won').parentElement;
  expect(plain(total?.querySelector('.amount')?.textContent)).toBe(USD.money(expectedPays, 'USD'));
}

describe('This deal: the Why section adds up to what the deal pays', () => {
  it('a retroactive plan: the other deals of the period move to the new tier’s rate', async () => {
    const plan = { ...fx.plan, tierMode: 'retroactive' as const };
    const engine = fromEngine(plan, acmeWon(100000));
    expect(engine.remainder).toBeGreaterThan(0);
    const { container } = renderOn(plan, 100000);
    expect(effectAmount('Your other deals this period')).toBe(
      USD.money(engine.remainder, 'USD', { signed: true }),
    );
    expect(
      why().getByText(
        'Retroactive plan: with this deal the period ends in tier 2, so every deal in it is paid at that tier’s rate.',
      ),
    ).toBeTruthy();
    expectReconciled(engine.pays);
    await expectNoAxeViolations(container);
  });

  it('marginal tiers: a deal closing first moves the later deals’ credit into other tiers', () => {
    const engine = fromEngine(fx.plan, acmeWon(100000, '2026-07-01'));
    expect(engine.remainder).toBeGreaterThan(0);
    renderOn(fx.plan, 100000, '2026-07-01');
    expect(effectAmount('Your other deals this period')).toBe(
      USD.money(engine.remainder, 'USD', { signed: true }),
    );
    expect(why().getByText(/^Deals are credited in close-date order/)).toBeTruthy();
    expectReconciled(engine.pays);
  });

  it('the period cap takes back what goes over it', () => {
    const plan = { ...fx.plan, caps: { ...fx.plan.caps, perPeriod: 20000 } };
    const engine = fromEngine(plan, acmeWon(80000));
    expect(engine.remainder).toBeLessThan(0);
    renderOn(plan, 80000);
    expect(effectAmount('Period cap')).toBe(USD.money(engine.remainder, 'USD', { signed: true }));
    expect(
      why().getByText(
        'Your plan caps a period’s payout at $20,000.00: the total is brought down to it.',
      ),
    ).toBeTruthy();
    expectReconciled(engine.pays);
  });

  it('a draw top-up absorbs what the deal adds below the draw', () => {
    const plan = { ...fx.plan, draw: { amount: 30000, recoverable: false } };
    const engine = fromEngine(plan, acmeWon(80000));
    expect(engine.remainder).toBeLessThan(0);
    renderOn(plan, 80000);
    expect(effectAmount('Draw top-up')).toBe(USD.money(engine.remainder, 'USD', { signed: true }));
    expect(why().getByText(/below your draw of \$30,000\.00/)).toBeTruthy();
    expectReconciled(engine.pays);
  });

  it('a recoverable draw: the top-up goes, and earnings above the draw repay the balance', () => {
    const plan = { ...fx.plan, draw: { amount: 25000, recoverable: true } };
    const engine = fromEngine(plan, acmeWon(200000));
    renderOn(plan, 200000);
    const shown = ['Draw top-up', 'Draw recovery'].map((label) => {
      const amount = effectAmount(label);
      expect(amount).toMatch(/^-\$/);
      return toMinor(Number(amount.replace(/[^\d.-]/g, '')), 2);
    });
    expect(shown.reduce((a, b) => a + b, 0)).toBe(toMinor(engine.remainder, 2));
    expectReconciled(engine.pays);
  });

  it('shows no effect lines nor total when the deal’s own lines are the whole figure', () => {
    const engine = fromEngine(fx.plan, acmeWon(80000));
    expect(engine.remainder).toBe(0);
    renderOn(fx.plan, 80000);
    expect(pays()).toBe(USD.money(engine.pays, 'USD'));
    expect(why().queryByText('In all, if it closes won')).toBeNull();
    expect(why().queryByText('Your other deals this period')).toBeNull();
  });

  it('in Indonesian, figures formatted for id-ID', () => {
    const IDR_LOCALE = createFormatters('id-ID');
    const plan = { ...fx.plan, tierMode: 'retroactive' as const };
    const engine = fromEngine(plan, acmeWon(100000));
    renderView(<DealContainer />, {
      record: fx.acmeRecord({ amount: 100000 }),
      state: { inputs: () => ok({ ...fx.danaInputs, plan, planOn: fx.planOnFor(plan) }) },
      language: 'id',
    });
    const region = within(screen.getByRole('region', { name: 'Rinciannya' }));
    const head = region.getByText('Deal Anda yang lain di periode ini').closest('.explain-head');
    expect(plain(head?.querySelector('.amount')?.textContent)).toBe(
      plain(IDR_LOCALE.money(engine.remainder, 'USD', { signed: true })),
    );
    expect(
      region.getByText(
        'Rencana retroaktif: dengan deal ini periode berakhir di tier 2, jadi setiap deal di dalamnya dibayar dengan tarif tier itu.',
      ),
    ).toBeTruthy();
    const total = region.getByText('Seluruhnya, jika ditutup menang').parentElement;
    expect(plain(total?.querySelector('.amount')?.textContent)).toBe(
      plain(IDR_LOCALE.money(engine.pays, 'USD')),
    );
  });
});
