/**
 * `npm run demo:screenshots`: screenshots of the sidebar's main views on the demo CRM, in
 * headless Chromium, into test-artifacts/screenshots/ (git-ignored).
 *
 * Starts the whole stack in this process (the Attain server on a throwaway SQLite store with the
 * demo company, the demo CRM in front of it: test/e2e/support/stack.ts), builds the extension
 * when it is missing or stale, then signs in as demo users and takes: My numbers, This deal
 * during an edit that crosses a tier, Coaching, Notes, Pulse (a rep's question and a manager's
 * results), Team (manager), Settings, the command palette, the dark theme and Indonesian. Prints
 * each file's path; exits 0 when all were written.
 *
 * Needs Chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides where it is looked for).
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { findChromium, CHROMIUM_PATHS } from '../test/e2e/support/chromium';
import { ensureExtensionBuilt, ROOT } from '../test/e2e/support/extension';
import {
  AttainApi,
  expectText,
  openEditModal,
  openSidebar,
  showView,
  syncItem,
  todayUtc,
  waitFor,
} from '../test/e2e/support/journey';
import {
  DEMO_MANAGER,
  DEMO_REP,
  openAttainBrowser,
  signIn,
  startDemoStack,
  type AttainBrowser,
  type DemoStack,
} from '../test/e2e/support/stack';
import { showcaseDeal } from '../demo/records/showcase';
import type { Kpis } from '../lib/domain';

const OUT_DIR = join(ROOT, 'test-artifacts/screenshots');
const PULSE_REP = 'rep02@demo.attain.test'; // has not answered this quarter's pulse yet

const written: string[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, `${name}.png`);
  // Let transitions and the lazily loaded chart settle before the picture.
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  written.push(path);
  console.log(`  ${relative(process.cwd(), path)}`);
}

/** A CRM deal page of the user's, with the sidebar open and synced. */
async function openDeal(
  browser: AttainBrowser,
  url: string,
): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const frame = await openSidebar(page);
  await expectText(syncItem(frame), /^Synced /, 60_000);
  return { page, frame };
}

/** The deal the demo CRM shows a user first (as `npm start` does), among `dealIds` if given. */
function firstDeal(stack: DemoStack, ownerId: string, dealIds?: ReadonlySet<string>) {
  const deals = stack.demo.deals().filter((d) => !dealIds || dealIds.has(d.id));
  const deal = showcaseDeal(deals, ownerId, todayUtc());
  if (!deal) throw new Error(`no demo deal for ${ownerId}`);
  return deal;
}

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? findChromium();
  if (!executablePath) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATHS.join(' or ')}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const extensionDir = ensureExtensionBuilt();
  console.log('demo:screenshots: starting the Attain server and the demo CRM…');
  const stack = await startDemoStack();
  let browser: AttainBrowser | undefined;
  try {
    const rep = await AttainApi.login(stack.attain.url, DEMO_REP);
    const { kpis } = await rep.get<{ kpis: Kpis }>(`/v1/reps/${rep.user.id}/kpis`);
    browser = await openAttainBrowser(executablePath, extensionDir, {
      serverUrl: stack.attain.url,
      crmOrigin: stack.demo.url,
      email: DEMO_REP,
    });
    console.log(`demo:screenshots: writing ${relative(process.cwd(), OUT_DIR)}/`);

    // A rep on one of their deals.
    const deal = firstDeal(stack, rep.user.id);
    let { page, frame } = await openDeal(browser, stack.demo.recordUrl(deal.crmId));
    await showView(frame, 'numbers');
    await frame.locator('.numbers .chart svg').first().waitFor();
    await shoot(page, '01-my-numbers');

    // This deal while the rep types an amount that takes them to the next tier.
    await showView(frame, 'deal');
    const amount = await openEditModal(page);
    await amount.selectText();
    const typed =
      kpis.gapToNextTier !== null ? Math.ceil((kpis.gapToNextTier * 1.05) / 1000) * 1000 : 125000;
    await page.keyboard.type(String(typed), { delay: 30 });
    await waitFor(
      'the estimate of the typed amount',
      async () => (await frame.locator('.deal .values').textContent()) ?? '',
      (text) => text.includes(typed.toLocaleString('en-US')),
    );
    await shoot(page, '02-this-deal-editing');
    await page.keyboard.press('Escape');

    await showView(frame, 'coaching');
    await shoot(page, '03-coaching');

    // Notes: a deal of the rep's with their manager's notes on it.
    const noted = await stack.attain.store.db
      .selectFrom('annotations')
      .select('deal_id')
      .where('visibility', '=', 'shared')
      .execute();
    const notedDeal = firstDeal(stack, rep.user.id, new Set(noted.map((n) => n.deal_id)));
    await page.close();
    ({ page, frame } = await openDeal(browser, stack.demo.recordUrl(notedDeal.crmId)));
    await showView(frame, 'notes');
    await frame.locator('.note').first().waitFor();
    await shoot(page, '04-notes');

    await showView(frame, 'settings');
    await shoot(page, '05-settings');

    await frame.getByRole('button', { name: 'Commands' }).click();
    await frame.locator('.palette [role="combobox"]').waitFor();
    await page.keyboard.type('sync');
    await shoot(page, '06-command-palette');
    await page.keyboard.press('Escape');

    // The dark theme, then Indonesian, chosen in Settings; then back to the defaults.
    await showView(frame, 'settings');
    await frame.locator('input[type="radio"][value="dark"]').click();
    await waitFor(
      'the dark theme',
      () => frame.evaluate(() => document.documentElement.dataset.theme ?? ''),
      (theme) => theme === 'dark',
    );
    await showView(frame, 'numbers');
    await shoot(page, '07-dark-theme');
    await showView(frame, 'settings');
    await frame.locator('input[type="radio"][value="system"]').click();
    await frame.locator('select[id$="-lang"]').selectOption('id');
    await waitFor(
      'the sidebar in Indonesian',
      () => frame.evaluate(() => document.documentElement.lang),
      (lang) => lang.startsWith('id'),
    );
    await showView(frame, 'deal');
    await shoot(page, '08-indonesian');
    await showView(frame, 'settings');
    await frame.locator('select[id$="-lang"]').selectOption('system');
    await waitFor(
      'the sidebar in English again',
      () => frame.evaluate(() => document.documentElement.lang),
      (lang) => lang.startsWith('en'),
    );
    await page.close();

    // A rep who has not answered this quarter's pulse yet.
    await signIn(browser.extensionPage, stack.attain.url, PULSE_REP);
    const pulseRep = await AttainApi.login(stack.attain.url, PULSE_REP);
    ({ page, frame } = await openDeal(
      browser,
      stack.demo.recordUrl(firstDeal(stack, pulseRep.user.id).crmId),
    ));
    await showView(frame, 'pulse');
    await frame.locator('.pulse-form').waitFor();
    await frame.locator('.pulse-form input[name$="-score"][value="9"]').click();
    await shoot(page, '09-pulse');
    await page.close();

    // A manager: the team, and the pulse results.
    await signIn(browser.extensionPage, stack.attain.url, DEMO_MANAGER);
    ({ page, frame } = await openDeal(browser, stack.demo.recordUrl(deal.crmId)));
    await showView(frame, 'team');
    await frame.locator('.team .team-table tbody tr').first().waitFor();
    await shoot(page, '10-team-manager');
    await showView(frame, 'pulse');
    await frame.locator('.pulse section.card .card-title').first().waitFor();
    await shoot(page, '11-pulse-results-manager');
  } finally {
    await browser?.close();
    await stack.close();
  }
  console.log(`demo:screenshots: ${written.length} screenshots`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `demo:screenshots failed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    process.exit(1);
  },
);
