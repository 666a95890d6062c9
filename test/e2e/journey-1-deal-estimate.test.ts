import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, Kpis, Plan, Statement } from '../../lib/domain';
import { chromiumOrSkip } from './support/chromium';
import {
  AttainApi,
  expectPill,
  expectText,
  journeyExtension,
  money,
  openEditModal,
  openSidebar,
  percent,
  plainOpenDeals,
  saveScreenshot,
  serverEstimates,
  type ServerEstimate,
  showView,
  textOf,
  todayUtc,
} from './support/journey';
import {
  DEMO_ADMIN,
  DEMO_REP,
  openAttainBrowser,
  startDemoStack,
  type AttainBrowser,
  type DemoStack,
} from './support/stack';

/**
 * Journey 1: a rep opens one of their deals. The sidebar's numbers are the server's statement
 * and KPIs; the deal's estimate is what the server's statement says the deal adds once won;
 * typing a new amount in the CRM's edit modal updates the estimate on every keystroke, and an
 * amount past the next tier boundary shows the tier change.
 *
 * The oracle is the server: for each amount, the deal is imported as won with that amount
 * (the admin import API), the rep's statement is read, and the deal is put back, all before
 * the browser signs in.
 */

const executablePath = chromiumOrSkip('journey 1 (deal estimate)');

const cents = (n: number) => Math.round(n * 100) / 100;

describe.skipIf(!executablePath)('journey 1: a rep opens one of their deals', () => {
  let stack: DemoStack;
  let extension: ReturnType<typeof journeyExtension>;
  let browser: AttainBrowser | undefined;
  let rep: AttainApi;
  let deal: Deal;
  let statement: Statement;
  let kpis: Kpis;
  let plan: Plan;
  /** The amount typed in the edit modal (crosses the next tier boundary). */
  let typed: number;
  /** The server's figures for the saved amount and for every prefix of the typed one. */
  let oracle: Map<number, ServerEstimate>;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    extension = journeyExtension('attain-e2e-journey-1');
    stack = await startDemoStack();
    rep = await AttainApi.login(stack.attain.url, DEMO_REP);
    const admin = await AttainApi.login(stack.attain.url, DEMO_ADMIN);
    const today = todayUtc();

    ({ statement } = await rep.get<{ statement: Statement }>(
      `/v1/reps/${rep.user.id}/statement?period=${today}`,
    ));
    ({ kpis } = await rep.get<{ kpis: Kpis }>(`/v1/reps/${rep.user.id}/kpis?asOf=${today}`));
    const { plan: ref } = await rep.get<{ plan: { id: string; effectiveFrom: string } }>(
      `/v1/reps/${rep.user.id}/statement?period=${today}`,
    );
    const { versions } = await admin.get<{ versions: Plan[] }>(`/v1/admin/plans/${ref.id}`);
    plan = versions.find((v) => v.effectiveFrom === ref.effectiveFrom)!;
    expect(plan).toBeDefined();

    // One of the rep's own open deals, closing in this period, wholly theirs, in the plan's
    // currency: its credit is its amount.
    const candidates = plainOpenDeals(
      stack.demo.deals(),
      rep.user.id,
      plan.currency,
      statement.periodStart,
      statement.periodEnd,
    );
    expect(candidates.length).toBeGreaterThan(0);
    deal = await admin.get<Deal>(`/v1/admin/deals/${candidates[0]!.id}`);

    // An amount that takes the rep past the next tier boundary of the plan.
    expect(statement.tier).not.toBeNull();
    const boundary = plan.tiers[statement.tier! - 1]!.upTo;
    expect(boundary, 'the rep is in the top tier already').not.toBeNull();
    const needed = boundary! * statement.quota! - statement.credited;
    typed = Math.ceil((needed * 1.05) / 1000) * 1000;

    // The server's statement for the saved amount and for every prefix of the typed one.
    const digits = String(typed);
    const prefixes = [...digits].map((_, i) => Number(digits.slice(0, i + 1)));
    const server = await serverEstimates(admin, rep, deal, [deal.amount, ...prefixes]);
    expect(server.before.total).toBe(statement.total);
    oracle = server.estimates;
    expect(oracle.get(typed)!.tier).toBe(statement.tier! + 1);

    browser = await openAttainBrowser(executablePath!, extension.dir, {
      serverUrl: stack.attain.url,
      crmOrigin: stack.demo.url,
      email: DEMO_REP,
    });
    page = await browser.context.newPage();
    await page.goto(stack.demo.recordUrl(deal.crmId!));
    frame = await openSidebar(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    extension?.dispose();
  });

  it('shows the same attainment, tier and payout as the server’s statement and KPIs', async () => {
    await showView(frame, 'numbers');
    const numbers = frame.locator('.numbers');
    await expectText(numbers.locator('.big-figure'), percent(kpis.attainment!));
    await expectText(
      numbers.locator('.attainment-head .chip'),
      `Tier ${kpis.tier} · ${percent(plan.tiers[kpis.tier! - 1]!.rate, 2)}`,
    );
    await expectText(
      numbers.locator('.big-figure + .muted'),
      `${money(kpis.credited)} credited of a ${money(kpis.quota!)} quota`,
    );
    await expectText(
      numbers.locator('.next-tier'),
      `${money(kpis.gapToNextTier!)} more to reach tier ${kpis.nextTier} (${percent(kpis.nextTierRate!, 2)}).`,
    );
    const metric = (label: string) =>
      numbers.locator('.metric').filter({ has: frame.locator(`dt:text-is("${label}")`) });
    await expectText(metric('Estimated payout').locator('.metric-value'), money(statement.total));
    await expectText(metric('Gap to quota').locator('.metric-value'), money(kpis.gap!));
    await expectText(
      metric('Weighted pipeline').locator('.metric-value'),
      money(kpis.weightedPipeline),
    );
    expect(statement.attainment).toBe(kpis.attainment);
  });

  it('shows what the deal pays as the server computes it, in the view, status bar and pill', async () => {
    const saved = oracle.get(deal.amount)!;
    await expectPill(page, `Pays ${money(saved.pays)} if won`);
    await expectText(
      frame.locator('.status-right .status-item').first(),
      `This deal: ${money(saved.pays)}`,
    );

    await showView(frame, 'deal');
    const estimate = frame.locator('.deal .estimate');
    await expectText(frame.locator('.deal .record-name'), deal.name);
    await expectText(estimate.locator('.big-figure'), money(saved.pays));
    await expectText(estimate.locator('.change'), 'Same as the deal as saved');
    const tierWords =
      saved.tier === statement.tier
        ? `Stays in tier ${statement.tier}`
        : `Moves you from tier ${statement.tier} to tier ${saved.tier}`;
    await expectText(
      estimate.locator('.tiers'),
      `${tierWords} (${percent(statement.attainment!)} → ${percent(saved.attainment!)} of quota)`,
    );
    await expectText(
      frame.locator('.deal .values div').filter({ hasText: 'Amount' }).locator('dd'),
      `${money(deal.amount)} (from the page)`,
    );
  });

  it('updates the estimate on every keystroke in the edit modal and shows the tier change', async () => {
    await showView(frame, 'deal');
    const amount = await openEditModal(page);
    expect(Number((await amount.inputValue()).replace(/[^0-9.]/g, ''))).toBe(deal.amount);
    await amount.selectText();

    const estimate = frame.locator('.deal .estimate');
    const digits = String(typed);
    const seen: string[] = [];
    for (let i = 0; i < digits.length; i++) {
      await page.keyboard.type(digits[i]!);
      const value = Number(digits.slice(0, i + 1));
      const expected = oracle.get(value)!;
      await expect.poll(() => amount.inputValue()).toBe(digits.slice(0, i + 1));
      await expectText(estimate.locator('.big-figure'), money(expected.pays));
      await expectPill(page, `Pays ${money(expected.pays)} if won`);
      const tierWords =
        expected.tier === statement.tier
          ? `Stays in tier ${statement.tier}`
          : `Moves you from tier ${statement.tier} to tier ${expected.tier}`;
      await expectText(
        estimate.locator('.tiers'),
        `${tierWords} (${percent(statement.attainment!)} → ${percent(expected.attainment!)} of quota)`,
      );
      const change = cents(expected.pays - oracle.get(deal.amount)!.pays);
      await expectText(
        estimate.locator('.change'),
        change === 0
          ? 'Same as the deal as saved'
          : `${money(change, plan.currency, { signed: true })} against the deal as saved`,
      );
      seen.push(await textOf(estimate.locator('.big-figure')));
    }
    // Every keystroke showed its own figure, and the last one moved the rep up a tier.
    expect(new Set(seen).size).toBe(digits.length);
    await expectText(
      estimate.locator('.tiers'),
      new RegExp(`^Moves you from tier ${statement.tier} to tier ${statement.tier! + 1} `),
    );
    await expectText(
      frame.locator('.status-right .status-item').first(),
      `This deal: ${money(oracle.get(typed)!.pays)}`,
    );
    await saveScreenshot(page, 'journey-1-deal-estimate');
  });
});
