import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, Kpis, Statement } from '../../lib/domain';
import { chromiumOrSkip, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import {
  AttainApi,
  expectPill,
  expectText,
  journeyExtension,
  money,
  openSidebar,
  percent,
  plainOpenDeals,
  saveScreenshot,
  serverEstimates,
  showView,
  syncItem,
  textOf,
  todayUtc,
  type ServerEstimate,
} from './support/journey';
import {
  DEMO_ADMIN,
  DEMO_REP,
  openAttainBrowser,
  startDemoStack,
  type DemoStack,
} from './support/stack';

/**
 * Journey 6: a cold start with the Attain server down. A browser profile syncs once and is
 * closed; the server stops; the browser is launched again on the same profile and a deal is
 * opened: the sidebar paints the numbers and the deal's estimate from its cache, and says it is
 * offline.
 */

const executablePath = chromiumOrSkip('journey 6 (cold start offline)');

describe.skipIf(!executablePath)(
  'journey 6: cold start with the server down paints the cached numbers',
  () => {
    let stack: DemoStack;
    let extension: ReturnType<typeof journeyExtension>;
    let profileDir: string;
    let relaunched: ExtensionBrowser | undefined;
    let deal: Deal;
    let statement: Statement;
    let kpis: Kpis;
    let estimates: Map<number, ServerEstimate>;
    /** What the sidebar showed while online. */
    const online: Record<string, string> = {};

    const numbersFigures = async (frame: Frame) => {
      const numbers = frame.locator('.numbers');
      const metric = (label: string) =>
        numbers
          .locator('.metric')
          .filter({ has: frame.locator(`dt:text-is("${label}")`) })
          .locator('.metric-value');
      return {
        attainment: await textOf(numbers.locator('.big-figure')),
        credited: await textOf(numbers.locator('.big-figure + .muted')),
        payout: await textOf(metric('Estimated payout')),
        gap: await textOf(metric('Gap to quota')),
      };
    };

    beforeAll(async () => {
      extension = journeyExtension('attain-e2e-journey-6');
      profileDir = mkdtempSync(join(tmpdir(), 'attain-e2e-journey-6-profile-'));
      stack = await startDemoStack();
      const rep = await AttainApi.login(stack.attain.url, DEMO_REP);
      const admin = await AttainApi.login(stack.attain.url, DEMO_ADMIN);
      const today = todayUtc();
      ({ statement } = await rep.get<{ statement: Statement }>(
        `/v1/reps/${rep.user.id}/statement?period=${today}`,
      ));
      ({ kpis } = await rep.get<{ kpis: Kpis }>(`/v1/reps/${rep.user.id}/kpis?asOf=${today}`));
      const [candidate] = plainOpenDeals(
        stack.demo.deals(),
        rep.user.id,
        statement.currency,
        statement.periodStart,
        statement.periodEnd,
      );
      deal = await admin.get<Deal>(`/v1/admin/deals/${candidate!.id}`);
      ({ estimates } = await serverEstimates(admin, rep, deal, [deal.amount]));
    });

    afterAll(async () => {
      await relaunched?.close();
      await stack?.close();
      extension?.dispose();
      if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    });

    it('syncs once with the server up, in a profile kept on disk', async () => {
      const browser = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
        profileDir,
      });
      try {
        const page = await browser.context.newPage();
        await page.goto(stack.demo.recordUrl(deal.crmId!));
        const frame = await openSidebar(page);
        await showView(frame, 'numbers');
        await expectText(frame.locator('.numbers .big-figure'), percent(kpis.attainment!));
        await expectText(syncItem(frame), /^Synced /);
        Object.assign(online, await numbersFigures(frame));
        expect(online.payout).toBe(money(statement.total));
        expect(online.gap).toBe(money(kpis.gap!));
        online.pill = `Pays ${money(estimates.get(deal.amount)!.pays)} if won`;
        await expectPill(page, online.pill);
      } finally {
        await browser.close();
      }
    });

    it('relaunched on the same profile with the server down, paints the cached figures and says it is offline', async () => {
      await stack.attain.stop();
      relaunched = await launchWithExtension(executablePath!, extension.dir, { profileDir });
      const page: Page = await relaunched.context.newPage();
      const started = Date.now();
      await page.goto(stack.demo.recordUrl(deal.crmId!));
      const frame = await openSidebar(page);
      await showView(frame, 'numbers');
      await expectText(frame.locator('.numbers .big-figure'), online.attainment!);
      const painted = Date.now() - started;
      expect(await numbersFigures(frame)).toEqual({
        attainment: online.attainment,
        credited: online.credited,
        payout: online.payout,
        gap: online.gap,
      });
      await expectPill(page, online.pill!);
      await expectText(
        frame.locator('.banner-offline'),
        'You’re offline. Showing what’s on this device; your changes sync when you’re back online.',
      );
      await expectText(syncItem(frame), 'Offline');

      await showView(frame, 'deal');
      await expectText(frame.locator('.deal .record-name'), deal.name);
      await expectText(
        frame.locator('.deal .estimate .big-figure'),
        money(estimates.get(deal.amount)!.pays),
      );
      expect(stack.attain.running()).toBe(false);
      expect(painted).toBeLessThan(15_000);
      await saveScreenshot(page, 'journey-6-cold-start-offline');
    });
  },
);
