// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NumbersContainer } from '../../components/views/numbers/NumbersContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, failed, ok, plain, renderView, renderWorkbench } from './harness';

function metric(label: string) {
  const term = screen.getByText(label, { selector: 'dt' });
  return plain(term.nextElementSibling?.textContent);
}

describe('My numbers', () => {
  it('shows attainment against quota with the tier boundaries, and the KPIs', async () => {
    const { container } = renderView(<NumbersContainer />);
    // Q3 2026: Globex 120,000 + Initech 90,000 won = 210,000 of a 300,000 quota.
    expect(plain(screen.getByText('70%', { selector: '.big-figure' }).textContent)).toBe('70%');
    expect(screen.getByText('$210,000.00 credited of a $300,000.00 quota')).toBeTruthy();
    expect(screen.getByText('Tier 1 · 8%')).toBeTruthy();
    const meter = screen.getByRole('meter', { name: 'Attainment' });
    expect(meter.getAttribute('aria-valuetext')).toBe('70% of quota');
    expect(meter.getAttribute('aria-valuenow')).toBe('70');
    expect(meter.querySelectorAll('.meter-tier')).toHaveLength(2);
    expect(screen.getByText('T2 100%')).toBeTruthy();
    expect(screen.getByText('T3 150%')).toBeTruthy();
    expect(screen.getByText('$90,000.00 more to reach tier 2 (12%).')).toBeTruthy();
    // 45 of 92 days elapsed: an even pace is 48.9%, attainment 70% is 21.1 points ahead.
    expect(metric('Pace')).toBe('21.1 pts aheadEven pace would be 49% today');
    expect(metric('Gap to quota')).toBe('$90,000.00');
    // Open in Q3: Acme 80,000 + Soylent 55,000 (EUR 50,000 at 1.1) + Hooli 30,000 = 165,000.
    expect(metric('Coverage')).toBe('1.8×Open pipeline ÷ gap');
    expect(metric('Weighted pipeline')).toBe('$85,000.00$165,000.00 open in this period');
    // Last 90 days: 4 won (Globex, Initech, Stark, Wayne), 1 lost (Umbrella).
    expect(metric('Win rate')).toBe('80%4 won, 1 lost in 90 days; 93% by value');
    expect(metric('Average deal')).toBe('$140,000.00Closes in 82 days on average');
    // 210,000 at 8%, and the large-deal SPIFF twice.
    expect(metric('Estimated payout')).toBe('$18,800.00For this period so far');
    await expectNoAxeViolations(container);
  });

  it('lists the last periods in a table beside the chart', () => {
    renderView(<NumbersContainer />);
    const table = screen.getByRole('table', { name: 'Attainment and payout by period' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => plain(r.textContent));
    expect(rows).toHaveLength(6);
    expect(rows[rows.length - 1]).toBe('Jul – Sep 202670%$210,000.00$18,800.00');
    expect(rows[rows.length - 2]).toBe('Apr – Jun 2026116.7%$350,000.00$32,000.00');
    // Before the plan: not in effect, no quota.
    expect(rows[0]).toContain('no quota');
  });

  it('changes period with the picker', async () => {
    const user = userEvent.setup();
    renderView(<NumbersContainer />);
    const picker = screen.getByRole('combobox', { name: 'Period' });
    expect(plain((picker as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'Jul – Sep 2026 (current)',
    );
    await user.selectOptions(picker, '2026-04-01');
    expect(screen.getByText('$350,000.00 credited of a $300,000.00 quota')).toBeTruthy();
    expect(screen.getByText('Tier 2 · 12%')).toBeTruthy();
    expect(metric('Gap to quota')).toBe('Quota met');
    expect(metric('Coverage')).toBe('Quota metOpen pipeline ÷ gap');
    // A past period shows no even-pace mark.
    expect(metric('Pace')).not.toContain('Even pace');
  });

  it('tells a rep without a plan what to do', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<NumbersContainer />, {
      state: { inputs: () => ok({ ...fx.danaInputs, plan: null }) },
    });
    expect(screen.getByText('You’re not on a commission plan yet')).toBeTruthy();
    expect(screen.getByText(/Your admin assigns plans and quotas in Attain/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(actions.syncNow).toHaveBeenCalled();
  });

  it('lists statement problems in words: no quota', () => {
    renderView(<NumbersContainer />, {
      state: { inputs: () => ok({ ...fx.danaInputs, quotas: fx.quotas.slice(0, 2) }) },
    });
    expect(screen.getByText('No quota for this period.')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Problems with these figures' })).getByText(
        /There’s no quota for this period/,
      ),
    ).toBeTruthy();
  });

  it('says what failed, with a retry', async () => {
    const user = userEvent.setup();
    const resource = failed<never>('The database connection closed');
    renderView(<NumbersContainer />, { state: { inputs: () => resource } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Couldn’t read your numbers on this device.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(resource.refetch).toHaveBeenCalled();
  });

  it('opens a rep’s numbers from Team, with a way back', async () => {
    const user = userEvent.setup();
    renderWorkbench({ state: { me: ok(fx.maria) }, initialView: 'team' });
    await user.click(screen.getByRole('button', { name: 'Open the numbers of Dana Whitfield' }));
    const panel = screen.getByRole('tabpanel', { name: 'My numbers' });
    expect(within(panel).getByText('Numbers for Dana Whitfield')).toBeTruthy();
    expect(within(panel).getByText('70%', { selector: '.big-figure' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Back to the team' }));
    expect(screen.getByRole('tabpanel', { name: 'Team' })).toBeTruthy();
  });

  it('renders in Indonesian with Indonesian figures', async () => {
    const { container } = renderView(<NumbersContainer />, { language: 'id' });
    expect(screen.getByText('US$210.000,00 terkredit dari kuota US$300.000,00')).toBeTruthy();
    expect(screen.getByText('Kurang US$90.000,00 lagi untuk mencapai tier 2 (12%).')).toBeTruthy();
    expect(metric('Laju')).toBe('21,1 poin di depanLaju merata hari ini seharusnya 49%');
    expect(plain(screen.getByRole('combobox', { name: 'Periode' }).textContent)).toContain(
      'Jul–Sep 2026 (berjalan)',
    );
    await expectNoAxeViolations(container);
  });
  describe('a plan whose tiers change between periods', () => {
    // The 2026 plan until June; from July a new version: 5% up to 50% of quota, 20% above, no
    // SPIFF and no cap.
    const h1 = { ...fx.plan, effectiveTo: '2026-06-30' };
    const h2 = {
      ...fx.plan,
      effectiveFrom: '2026-07-01',
      tiers: [
        { upTo: 0.5, rate: 0.05 },
        { upTo: null, rate: 0.2 },
      ],
      spiffs: [],
      caps: {},
    };
    const versioned = { ...fx.danaInputs, plan: h2, planOn: fx.planOnFor(h1, h2) };
    const state = { inputs: () => ok(versioned) };

    it('pays each past period on the version in force then', () => {
      renderView(<NumbersContainer />, { state });
      const table = screen.getByRole('table', { name: 'Attainment and payout by period' });
      const rows = within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => plain(r.textContent));
      // Q3 on the new version: 150,000 at 5% + 60,000 at 20%.
      expect(rows.at(-1)).toBe('Jul – Sep 202670%$210,000.00$19,500.00');
      // Q2 on the old one: 300,000 at 8% + 50,000 at 12%, and two SPIFFs (today's would pay
      // 150,000 at 5% + 200,000 at 20% = $47,500.00).
      expect(rows.at(-2)).toBe('Apr – Jun 2026116.7%$350,000.00$32,000.00');
      // Q1: Cyberdyne 180,000 at 8% and its SPIFF.
      expect(rows.at(-3)).toBe('Jan – Mar 202660%$180,000.00$15,400.00');
      expect(metric('Estimated payout')).toBe('$19,500.00For this period so far');
      expect(screen.getByText('T2 50%')).toBeTruthy();
      expect(screen.queryByText('T3 150%')).toBeNull();
    });

    it('shows a past period’s own tiers when it is picked', async () => {
      const user = userEvent.setup();
      renderView(<NumbersContainer />, { state });
      await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '2026-04-01');
      expect(screen.getByText('Tier 2 · 12%')).toBeTruthy();
      expect(screen.getByText('T2 100%')).toBeTruthy();
      expect(screen.getByText('T3 150%')).toBeTruthy();
      expect(metric('Estimated payout')).toBe('$32,000.00For this period so far');
    });
  });
});
