import { randomUUID } from 'node:crypto';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from './support/chromium';
import {
  AttainApi,
  expectText,
  journeyExtension,
  openSidebar,
  saveScreenshot,
  showView,
  syncItem,
  UI_TIMEOUT,
} from './support/journey';
import {
  DEMO_MANAGER,
  DEMO_REP,
  openAttainBrowser,
  startDemoStack,
  type AttainBrowser,
  type DemoStack,
} from './support/stack';

/**
 * Journey 3: a manager writes a note on a rep's deal while the Attain server is down. The note
 * shows at once, marked as not synced; when the server is back it syncs by itself (the mark
 * goes); the rep who owns the deal, in another browser profile, sees it beside the same deal.
 */

const executablePath = chromiumOrSkip('journey 3 (offline note)');

/** How long the sync engine may take to retry once the server is back (its backoff). */
const RESYNC_TIMEOUT = 45_000;

describe.skipIf(!executablePath)(
  'journey 3: a manager adds a note while the server is down; the rep sees it once it syncs',
  () => {
    let stack: DemoStack;
    let extension: ReturnType<typeof journeyExtension>;
    let manager: AttainBrowser | undefined;
    let rep: AttainBrowser | undefined;
    let dealId: string;
    let crmId: string;
    let page: Page;
    let frame: Frame;
    const body = `Offline coaching ${randomUUID().slice(0, 8)}: confirm the budget owner before Friday.`;

    const notesWith = (f: Frame) => f.locator('.note').filter({ hasText: body });
    const storedNotes = () =>
      stack.attain.store.db
        .selectFrom('annotations')
        .select(['id', 'deal_id', 'author_id', 'visibility'])
        .where('body', '=', body)
        .execute();

    beforeAll(async () => {
      extension = journeyExtension('attain-e2e-journey-3');
      stack = await startDemoStack();
      const repApi = await AttainApi.login(stack.attain.url, DEMO_REP);
      const deal = stack.demo
        .deals()
        .filter((d) => d.ownerId === repApi.user.id && !d.isClosed && !d.name.includes('<'))
        .sort((a, b) => a.id.localeCompare(b.id))[0];
      expect(deal).toBeDefined();
      dealId = deal!.id;
      crmId = deal!.crmId;
      manager = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_MANAGER,
      });
      page = await manager.context.newPage();
      await page.goto(stack.demo.recordUrl(crmId));
      frame = await openSidebar(page);
      await showView(frame, 'notes');
      await expectText(syncItem(frame), /^Synced /);
    });

    afterAll(async () => {
      await rep?.close();
      await manager?.close();
      await stack?.close();
      extension?.dispose();
    });

    it('shows the note at once, marked as not synced, while the server is down', async () => {
      await stack.attain.stop();
      await frame.getByPlaceholder('Write a note on this deal…').fill(body);
      await frame.getByRole('button', { name: 'Add note' }).click();

      const note = notesWith(frame);
      await expect.poll(() => note.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await expectText(note.locator('.note-author'), 'You');
      await expectText(note.locator('.pending-mark'), 'Not synced yet');
      // The status bar says the change is waiting, and why it cannot be sent.
      await expectText(syncItem(frame), /^Offline · 1 change waiting$/);
      expect(await storedNotes()).toEqual([]);
      expect(stack.attain.running()).toBe(false);
    });

    it('syncs the note by itself once the server is back: the pending mark goes', async () => {
      await stack.attain.start();
      const note = notesWith(frame);
      await expect
        .poll(() => note.locator('.pending-mark').count(), { timeout: RESYNC_TIMEOUT })
        .toBe(0);
      await expect.poll(() => note.count()).toBe(1);
      await expectText(syncItem(frame), /^Synced /);
      expect(await storedNotes()).toEqual([
        expect.objectContaining({ deal_id: dealId, author_id: 'mgr-east', visibility: 'shared' }),
      ]);
    });

    it('shows the note to the rep who owns the deal, in another browser profile', async () => {
      rep = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
      });
      const repPage = await rep.context.newPage();
      await repPage.goto(stack.demo.recordUrl(crmId));
      const repFrame = await openSidebar(repPage);
      await showView(repFrame, 'notes');
      const note = notesWith(repFrame);
      await expect.poll(() => note.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await expectText(note.locator('.note-author'), 'Maya East');
      await expectText(note.locator('.note-body'), body);
      expect(await note.locator('.pending-mark').count()).toBe(0);
      await saveScreenshot(repPage, 'journey-3-offline-note');
    });
  },
);
