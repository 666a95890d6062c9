// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DealContainer } from '../../components/views/deal/DealContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, plain, renderView, renderWorkbench } from './harness';

const pays = () => plain(screen.getByText(/\d/, { selector: '.estimate .big-figure' }).textContent);
const panel = () => screen.getByRole('tabpanel', { name: 'This deal' });

describe('This deal', () => {
  it('says what the deal pays if it closes won in its period, tier by tier, and why', async () => {
    const { container } = renderView(<DealContainer />, { record: fx.acmeRecord() });
    expect(screen.getByText('Acme Q3 platform', { selector: '.record-name' })).toBeTruthy();
    expect(pays()).toBe('$7,400.00');
    expect(plain(screen.getByText(/^If it closes won in/).textContent)).toBe(
      'If it closes won in Jul – Sep 2026',
    );
    expect(screen.getByText('Same as the deal as saved')).toBeTruthy();
    expect(screen.getByText('Stays in tier 1')).toBeTruthy();
    expect(plain(screen.getByText(/of quota\)/).textContent).trim()).toBe('(70% → 96.7% of quota)');
    const why = within(screen.getByRole('region', { name: 'Why' }));
    expect(why.getByText('Commission on $80,000.00 of credit')).toBeTruthy();
    expect(why.getByText('$80,000.00 at 8% (tier 1, up to 100%)')).toBeTruthy();
    expect(why.getByText('SPIFF “Large deal bonus”')).toBeTruthy();
    expect(why.getByText('A fixed bonus for deals like this one.')).toBeTruthy();
    expect(why.getByRole('heading', { name: 'Matching SPIFFs' })).toBeTruthy();
    const values = within(screen.getByRole('region', { name: 'Values used' }));
    expect(plain(values.getByText('Amount').nextElementSibling?.textContent)).toBe(
      '$80,000.00 (from the page)',
    );
    expect(plain(values.getByText('Close date').nextElementSibling?.textContent)).toBe(
      'Sep 25, 2026',
    );
    await expectNoAxeViolations(container);
  });

  it('follows the page on every keystroke: amount, tier change, change against the saved deal', () => {
    const view = renderWorkbench({ record: fx.acmeRecord(), initialView: 'deal' });
    expect(pays()).toBe('$7,400.00');
    for (const amount of [1, 10, 100, 1000, 10000, 100000]) {
      view.setRecord(fx.acmeRecord({ amount }));
    }
    // 90,000 to quota at 8% + 10,000 above at 12%, and the SPIFF.
    expect(pays()).toBe('$9,400.00');
    expect(within(panel()).getByText('+$2,000.00 against the deal as saved')).toBeTruthy();
    expect(within(panel()).getByText('Moves you from tier 1 to tier 2')).toBeTruthy();
    expect(within(panel()).getByText('$90,000.00 at 8% (tier 1, up to 100%)')).toBeTruthy();
    expect(within(panel()).getByText('$10,000.00 at 12% (tier 2, 100%–150%)')).toBeTruthy();
    const bar = within(screen.getByRole('contentinfo'));
    expect(plain(bar.getByRole('button', { name: /^This deal:/ }).textContent)).toBe(
      'This deal: $9,400.00',
    );
    // The close date moves to Q4, where there is no quota.
    view.setRecord(fx.acmeRecord({ amount: 100000, closeDate: '2026-10-02' }));
    expect(plain(within(panel()).getByText(/^If it closes won in/).textContent)).toBe(
      'If it closes won in Oct – Dec 2026',
    );
    expect(within(panel()).getByText(/There’s no quota for this period/)).toBeTruthy();
    expect(within(panel()).getByText('Tier unknown without a quota')).toBeTruthy();
  });

  it('sends the estimate to the page’s status pill as text, and clears it off a deal', () => {
    const publishEstimate = vi.fn();
    const view = renderWorkbench({ record: fx.acmeRecord(), publishEstimate });
    expect(publishEstimate).toHaveBeenLastCalledWith({
      text: 'Pays $7,400.00 if won',
      tone: 'neutral',
    });
    view.setRecord(fx.acmeRecord({ amount: 100000 }));
    expect(publishEstimate).toHaveBeenLastCalledWith({
      text: 'Pays $9,400.00 if won',
      tone: 'positive',
    });
    view.setRecord(fx.acmeRecord({ amount: 50000 }));
    expect(publishEstimate).toHaveBeenLastCalledWith({
      text: 'Pays $5,000.00 if won',
      tone: 'negative',
    });
    view.setRecord(fx.newDealRecord({ currency: 'GBP' }));
    expect(publishEstimate).toHaveBeenLastCalledWith({
      text: 'Pays $0.00 if won',
      tone: 'caution',
    });
    view.setRecord(null);
    expect(publishEstimate).toHaveBeenLastCalledWith(null);
  });

  it('caps a deal line at the plan’s per-deal cap, and says so', () => {
    renderView(<DealContainer />, { record: fx.acmeRecord({ amount: 400000 }) });
    expect(pays()).toBe('$31,000.00');
    expect(screen.getByText('$160,000.00 at 15% (tier 3, above 150%)')).toBeTruthy();
    expect(screen.getByText('Capped at $30,000.00 per deal.')).toBeTruthy();
  });

  it('tries another amount without touching the CRM, read in the user’s locale', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord(), initialView: 'deal' });
    const input = within(panel()).getByRole('textbox', { name: 'Try another amount (USD)' });
    await user.type(input, '120,000');
    expect(pays()).toBe('$11,800.00');
    expect(plain(within(panel()).getByText('Amount').nextElementSibling?.textContent)).toBe(
      '$120,000.00 (what-if)',
    );
    expect(
      within(panel()).getByText(/Only here in Attain: the deal in your CRM is not changed/),
    ).toBeTruthy();
    await user.type(input, 'x');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(panel()).getByText('Type an amount, like 125,000 or 125000.50.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('');
    expect(pays()).toBe('$7,400.00');
  });

  it('estimates a deal not yet synced from the page alone, and shows its name as text', async () => {
    const { container } = renderView(<DealContainer />, { record: fx.newDealRecord() });
    expect(screen.getByText(/This deal isn’t in Attain yet/)).toBeTruthy();
    // 45,000 at 8%; under the SPIFF's 50,000.
    expect(pays()).toBe('$3,600.00');
    expect(screen.getByText('No SPIFF matches this deal.')).toBeTruthy();
    expect(screen.queryByText(/against the deal as saved/)).toBeNull();
    const name = screen.getByText('Northwind <img src=x onerror=alert(1)>', {
      selector: '.record-name',
    });
    expect(name.querySelector('img')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('lists a missing FX rate as a problem instead of a made-up figure', () => {
    renderView(<DealContainer />, { record: fx.newDealRecord({ currency: 'GBP' }) });
    expect(pays()).toBe('$0.00');
    expect(
      screen.getByText(
        'No exchange rate to convert “Northwind <img src=x onerror=alert(1)>” into your plan’s currency: it isn’t counted until one is added.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('This deal earns nothing in this period.')).toBeTruthy();
  });

  it('converts from the deal’s currency and says which currency it assumed', () => {
    renderView(<DealContainer />, {
      record: fx.newDealRecord({ currency: 'EUR', amount: 40000, closeDate: '2026-09-01' }),
    });
    // 40,000 EUR at 1.1 = 44,000 USD at 8%.
    expect(pays()).toBe('$3,520.00');
    expect(screen.getByText('Converted from €40,000.00 into USD.')).toBeTruthy();
    renderView(<DealContainer />, { record: fx.newDealRecord({ currency: null }) });
    expect(screen.getByText('The page shows no currency code, so USD is assumed.')).toBeTruthy();
  });

  it('asks for an amount when the page has none', () => {
    renderView(<DealContainer />, { record: fx.newDealRecord({ amount: null }) });
    expect(screen.getByText('No amount to estimate from')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Try another amount (USD)' })).toBeTruthy();
  });

  it('estimates for the owner when a manager looks at a rep’s deal', () => {
    renderView(<DealContainer />, { record: fx.acmeRecord(), state: { me: ok(fx.maria) } });
    expect(screen.getByText('Estimated for the deal’s owner, on their plan.')).toBeTruthy();
    expect(pays()).toBe('$7,400.00');
  });

  it('says the figure to screen readers once it settles', async () => {
    const view = renderWorkbench({ record: fx.acmeRecord(), initialView: 'deal' });
    view.setRecord(fx.acmeRecord({ amount: 100000 }));
    const status = within(panel())
      .getAllByRole('status')
      .find((s) => s.textContent?.startsWith('This deal pays'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 800)));
    expect(plain(status?.textContent)).toBe('This deal pays $9,400.00');
  });

  it('renders in Indonesian, explanation lines included', async () => {
    const { container } = renderView(<DealContainer />, {
      record: fx.acmeRecord({ amount: 100000 }),
      language: 'id',
    });
    expect(pays()).toBe('US$9.400,00');
    expect(screen.getByText('US$90.000,00 dengan tarif 8% (tier 1, hingga 100%)')).toBeTruthy();
    expect(screen.getByText('Menaikkan Anda dari tier 1 ke tier 2')).toBeTruthy();
    expect(screen.getByText('+US$2.000,00 dibanding deal yang tersimpan')).toBeTruthy();
    await expectNoAxeViolations(container);
  });
  it('estimates on the plan version in force in the deal’s period', () => {
    // The 2026 plan until September; from Q4 a version paying 5% up to 50%, 20% above.
    const q3 = { ...fx.plan, effectiveTo: '2026-09-30' };
    const q4 = {
      ...fx.plan,
      effectiveFrom: '2026-10-01',
      tiers: [
        { upTo: 0.5, rate: 0.05 },
        { upTo: null, rate: 0.2 },
      ],
      spiffs: [],
    };
    const inputs = {
      ...fx.danaInputs,
      plan: q3,
      planOn: fx.planOnFor(q3, q4),
      quotas: [...fx.quotas, { repId: 'u-dana', periodStart: '2026-10-01', amount: 300000 }],
    };
    renderView(<DealContainer />, {
      record: fx.acmeRecord({ amount: 100000, closeDate: '2026-10-02' }),
      state: { inputs: () => ok(inputs) },
    });
    // 100,000 at 5% on the Q4 version (today's would pay 8% and the SPIFF: $9,000.00).
    expect(pays()).toBe('$5,000.00');
    expect(screen.getByText('$100,000.00 at 5% (tier 1, up to 50%)')).toBeTruthy();
    expect(screen.getByText('No SPIFF matches this deal.')).toBeTruthy();
    // The deal as saved closes in Q3, on the version in force then: $7,400.00.
    expect(screen.getByText(/^-\$2,400\.00 against the deal as saved$/)).toBeTruthy();
  });

  describe('someone else’s deal', () => {
    const omarsDeal = () =>
      fx.newDealRecord({ ownerName: 'Omar Haddad', recordName: 'Globex expansion' });

    it('tells a rep whose deal it is, and shows no figure', async () => {
      const { container } = renderView(<DealContainer />, { record: omarsDeal() });
      expect(screen.getByText('This deal is owned by Omar Haddad')).toBeTruthy();
      expect(screen.getByText('Attain estimates your own deals only.')).toBeTruthy();
      expect(screen.getByText('Globex expansion', { selector: '.record-name' })).toBeTruthy();
      expect(container.querySelector('.estimate')).toBeNull();
      expect(container.textContent).not.toMatch(/\$|Pays/);
      expect(screen.queryByRole('textbox', { name: /Try another amount/ })).toBeNull();
      await expectNoAxeViolations(container);
    });

    it('puts no estimate in the status bar or the page’s pill', () => {
      const publishEstimate = vi.fn();
      const view = renderWorkbench({ record: fx.acmeRecord(), publishEstimate });
      expect(publishEstimate).toHaveBeenLastCalledWith({
        text: 'Pays $7,400.00 if won',
        tone: 'neutral',
      });
      view.setRecord(omarsDeal());
      expect(publishEstimate).toHaveBeenLastCalledWith(null);
      const bar = within(screen.getByRole('contentinfo'));
      expect(bar.queryByRole('button', { name: /^This deal:/ })).toBeNull();
    });

    it('still estimates the rep’s own new deal: their name as the CRM writes it, or none', () => {
      for (const ownerName of ['Dana Whitfield', '  dana  WHITFIELD ', 'Whitfield, Dana', null]) {
        const { unmount } = renderView(<DealContainer />, {
          record: fx.newDealRecord({ ownerName }),
        });
        expect(pays()).toBe('$3,600.00');
        expect(screen.getByText(/This deal isn’t in Attain yet/)).toBeTruthy();
        unmount();
      }
    });

    it('reads a synced deal’s ownership from Attain, not from the page', () => {
      const theirs = { ...fx.acme, id: 'd-omar', ownerId: 'u-omar', crmId: 'OMAR-1' };
      const record = fx.acmeRecord({ ownerName: 'Omar Haddad' });
      const state = {
        recordDeal: (crmId: string | null) => ok(crmId === null ? null : theirs),
      };
      const { container, unmount } = renderView(<DealContainer />, { record, state });
      expect(screen.getByText('This deal is owned by Omar Haddad')).toBeTruthy();
      expect(container.querySelector('.estimate')).toBeNull();
      unmount();
      // The rep has a split of it: it pays them.
      const split = {
        ...theirs,
        splits: [
          { repId: 'u-omar', percent: 50 },
          { repId: 'u-dana', percent: 50 },
        ],
      };
      renderView(<DealContainer />, {
        record,
        state: { recordDeal: (crmId) => ok(crmId === null ? null : split) },
      });
      // 40,000 of credit at 8%, and half the large-deal SPIFF.
      expect(pays()).toBe('$3,700.00');
    });

    it('says the same to a rep when the page shows no owner on a synced deal of someone else', () => {
      const theirs = { ...fx.acme, ownerId: 'u-omar' };
      renderView(<DealContainer />, {
        record: fx.acmeRecord({ ownerName: null }),
        state: { recordDeal: (crmId) => ok(crmId === null ? null : theirs) },
      });
      expect(screen.getByText('This deal is owned by someone else')).toBeTruthy();
    });

    it('shows a manager what a team member’s synced deal pays that rep, when their plan is here', () => {
      const inputs = vi.fn((repId: string | null) =>
        ok(repId ? fx.danaInputs : (undefined as never)),
      );
      renderView(<DealContainer />, {
        record: fx.acmeRecord(),
        state: { me: ok(fx.maria), inputs },
      });
      expect(screen.getByText('Estimated for the deal’s owner, on their plan.')).toBeTruthy();
      expect(pays()).toBe('$7,400.00');
      expect(inputs).toHaveBeenCalledWith('u-dana');
    });

    it('shows a manager the same clear state when the rep’s plan has not synced', async () => {
      const noPlan = { ...fx.danaInputs, plan: null, planOn: () => null };
      const publishEstimate = vi.fn();
      const { container } = renderWorkbench({
        record: fx.acmeRecord(),
        initialView: 'deal',
        publishEstimate,
        state: { me: ok(fx.maria), inputs: (repId) => ok(repId ? noPlan : (undefined as never)) },
      });
      expect(within(panel()).getByText('This deal is owned by Dana Whitfield')).toBeTruthy();
      expect(
        within(panel()).getByText(
          /the estimate for its rep appears once the deal and the rep’s plan/,
        ),
      ).toBeTruthy();
      expect(publishEstimate).toHaveBeenLastCalledWith(null);
      await expectNoAxeViolations(container);
    });

    it('shows a manager no estimate for a deal not synced yet that someone else owns', () => {
      renderView(<DealContainer />, { record: omarsDeal(), state: { me: ok(fx.maria) } });
      expect(screen.getByText('This deal is owned by Omar Haddad')).toBeTruthy();
      expect(screen.queryByText(/\$/)).toBeNull();
    });

    it('says it in Indonesian', async () => {
      const { container } = renderView(<DealContainer />, { record: omarsDeal(), language: 'id' });
      expect(screen.getByText('Deal ini dimiliki oleh Omar Haddad')).toBeTruthy();
      expect(screen.getByText('Attain hanya memperkirakan deal Anda sendiri.')).toBeTruthy();
      await expectNoAxeViolations(container);
    });
  });
});
