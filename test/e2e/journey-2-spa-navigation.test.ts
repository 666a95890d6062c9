import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, Statement } from '../../lib/domain';
import { chromiumOrSkip } from './support/chromium';
import {
  AttainApi,
  expectPill,
  expectText,
  journeyExtension,
  money,
  openSidebar,
  plainOpenDeals,
  saveScreenshot,
  serverEstimates,
  showView,
  todayUtc,
  type ServerEstimate,
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
 * Journey 2: single-page navigation from one deal to another in the demo CRM (links go through
 * history.pushState; visited pages stay in the DOM as hidden `.oneContent` containers, as in
 * Lightning). The sidebar follows the active page, and the values of the cached inactive pages
 * (here: an unsaved amount typed into deal A's inline edit) never reach it.
 */

const executablePath = chromiumOrSkip('journey 2 (single-page navigation)');

/** An amount no seeded deal has, typed into deal A and left unsaved. */
const TYPED_IN_A = 987654;

/** Every state the sidebar's deal view shows, recorded in the sidebar frame from now on. */
async function recordDealView(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const log: string[] = [];
    (globalThis as unknown as { __journeyLog: string[] }).__journeyLog = log;
    const snapshot = () => {
      const text = (selector: string) =>
        (document.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const entry = [
        text('.deal .record-name'),
        text('.deal .estimate .big-figure'),
        text('.deal .values'),
        text('.status-right'),
        text('.empty-state, .empty'),
      ].join(' | ');
      if (log[log.length - 1] !== entry) log.push(entry);
    };
    snapshot();
    new MutationObserver(snapshot).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

async function recorded(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (globalThis as unknown as { __journeyLog: string[] }).__journeyLog);
}

describe.skipIf(!executablePath)(
  'journey 2: single-page navigation from one deal to another',
  () => {
    let stack: DemoStack;
    let extension: ReturnType<typeof journeyExtension>;
    let browser: AttainBrowser | undefined;
    let dealA: Deal;
    let dealB: Deal;
    let estimatesA: Map<number, ServerEstimate>;
    let estimatesB: Map<number, ServerEstimate>;
    let page: Page;
    let frame: Frame;

    beforeAll(async () => {
      extension = journeyExtension('attain-e2e-journey-2');
      stack = await startDemoStack();
      const rep = await AttainApi.login(stack.attain.url, DEMO_REP);
      const admin = await AttainApi.login(stack.attain.url, DEMO_ADMIN);
      const { statement } = await rep.get<{ statement: Statement }>(
        `/v1/reps/${rep.user.id}/statement?period=${todayUtc()}`,
      );
      const candidates = plainOpenDeals(
        stack.demo.deals(),
        rep.user.id,
        statement.currency,
        statement.periodStart,
        statement.periodEnd,
      );
      const a = candidates[0];
      const b = candidates.find((d) => a && d.amount !== a.amount && d.name !== a.name);
      expect(a && b, 'two deals of the rep with different amounts').toBeTruthy();
      dealA = await admin.get<Deal>(`/v1/admin/deals/${a!.id}`);
      dealB = await admin.get<Deal>(`/v1/admin/deals/${b!.id}`);
      estimatesA = (await serverEstimates(admin, rep, dealA, [dealA.amount, TYPED_IN_A])).estimates;
      estimatesB = (await serverEstimates(admin, rep, dealB, [dealB.amount])).estimates;
      expect(estimatesB.get(dealB.amount)!.pays).not.toBe(estimatesA.get(TYPED_IN_A)!.pays);

      browser = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
      });
      page = await browser.context.newPage();
      await page.goto(stack.demo.recordUrl(dealA.crmId!));
      frame = await openSidebar(page);
      await showView(frame, 'deal');
    });

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      extension?.dispose();
    });

    it('shows deal A, and follows an unsaved amount typed into its inline edit', async () => {
      await expectText(frame.locator('.deal .record-name'), dealA.name);
      await expectText(
        frame.locator('.deal .estimate .big-figure'),
        money(estimatesA.get(dealA.amount)!.pays),
      );
      const pencil = page.locator('.oneContent.active button[data-demo-inline-edit="Amount"]');
      await pencil.focus();
      await page.keyboard.press('Enter');
      const input = page.locator('.oneContent.active input[name="Amount"]');
      await input.waitFor();
      await input.selectText();
      await page.keyboard.type(String(TYPED_IN_A));
      await expectText(
        frame.locator('.deal .estimate .big-figure'),
        money(estimatesA.get(TYPED_IN_A)!.pays),
      );
      await expectPill(page, `Pays ${money(estimatesA.get(TYPED_IN_A)!.pays)} if won`);
    });

    it('follows the list and then deal B; deal A’s cached page never leaks into the sidebar', async () => {
      await recordDealView(frame);
      const urlBefore = page.url();
      // The app's own navigation: the Opportunities tab, then deal B's row (pushState, no load).
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await page.locator('a[href="/lightning/o/Opportunity/list"]').first().click();
      await page.waitForURL('**/lightning/o/Opportunity/list');
      // No deal on the page: no deal in the sidebar (its tab goes), no pill.
      await expect
        .poll(() => frame.locator('.activity-bar button[data-view="deal"]').count())
        .toBe(0);
      await expect.poll(() => frame.locator('.deal .record-name').count()).toBe(0);
      await expectPill(page, '');

      await page.locator(`.oneContent.active a[href$="/${dealB.crmId}/view"]`).click();
      await page.waitForURL(`**/${dealB.crmId}/view`);
      const payB = money(estimatesB.get(dealB.amount)!.pays);
      await expectText(frame.locator('.deal .record-name'), dealB.name);
      await expectText(frame.locator('.deal .estimate .big-figure'), payB);
      await expectText(
        frame.locator('.deal .values div').filter({ hasText: 'Amount' }).locator('dd'),
        `${money(dealB.amount)} (from the page)`,
      );
      await expectPill(page, `Pays ${payB} if won`);
      expect(loads).toEqual([]); // single-page: no document was loaded
      expect(page.url()).not.toBe(urlBefore);

      // Deal A's page is still in the DOM, hidden, with the unsaved amount in its input.
      const cached = await page.evaluate((crmIdA) => {
        const containers = Array.from(document.querySelectorAll<HTMLElement>('.oneContent'));
        const a = containers.find((c) => c.dataset.demoPage === `record:${crmIdA}`);
        return {
          containers: containers.length,
          active: containers.filter((c) => c.classList.contains('active')).length,
          aActive: a?.classList.contains('active') ?? null,
          aTyped: a?.querySelector<HTMLInputElement>('input[name="Amount"]')?.value ?? null,
        };
      }, dealA.crmId!);
      expect(cached).toEqual({
        containers: 3,
        active: 1,
        aActive: false,
        aTyped: String(TYPED_IN_A),
      });

      // Nothing of deal A was shown at any moment once the list was opened.
      const log = await recorded(frame);
      const leaks = [dealA.name, money(TYPED_IN_A), money(estimatesA.get(TYPED_IN_A)!.pays)];
      const after = log.slice(1);
      expect(after.length).toBeGreaterThan(1);
      expect(after.filter((entry) => leaks.some((leak) => entry.includes(leak)))).toEqual([]);
      // Once deal B was named, only deal B was named.
      const firstB = after.findIndex((entry) => entry.startsWith(dealB.name));
      expect(firstB).toBeGreaterThanOrEqual(0);
      expect(after.slice(firstB).every((entry) => entry.startsWith(`${dealB.name} |`))).toBe(true);
    });

    it('follows Back to the list and to deal A’s cached page, with the amount it holds', async () => {
      await page.goBack();
      await page.waitForURL('**/lightning/o/Opportunity/list');
      await expect
        .poll(() => frame.locator('.activity-bar button[data-view="deal"]').count())
        .toBe(0);
      await page.goBack();
      await page.waitForURL(`**/${dealA.crmId}/view`);
      await expectText(frame.locator('.deal .record-name'), dealA.name);
      await expectText(
        frame.locator('.deal .estimate .big-figure'),
        money(estimatesA.get(TYPED_IN_A)!.pays),
      );
      await expectText(
        frame.locator('.deal .values div').filter({ hasText: 'Amount' }).locator('dd'),
        `${money(TYPED_IN_A)} (from the page)`,
      );
      await saveScreenshot(page, 'journey-2-spa-navigation');
    });
  },
);
