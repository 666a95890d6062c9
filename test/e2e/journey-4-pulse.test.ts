import { randomUUID } from 'node:crypto';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnpsResults, Survey } from '../../lib/domain';
import { chromiumOrSkip } from './support/chromium';
import {
  AttainApi,
  expectText,
  journeyExtension,
  openSidebar,
  quarterStart,
  saveScreenshot,
  showView,
  syncItem,
  textOf,
  todayUtc,
  UI_TIMEOUT,
} from './support/journey';
import {
  DEMO_ADMIN,
  DEMO_MANAGER,
  DEMO_REP,
  openAttainBrowser,
  startDemoStack,
  type AttainBrowser,
  type DemoStack,
} from './support/stack';

/**
 * Journey 4: five reps of one team answer the pulse (one in the sidebar, the others through the
 * server's sync API). Their manager sees the score in the Pulse view; with four answers the
 * score is withheld ("fewer than 5"), for the team and overall.
 *
 * The demo company's own pulse already has answers, so it is closed and a fresh survey is
 * opened for this journey (admin API), asking reps only, with groups of at least 5.
 */

const executablePath = chromiumOrSkip('journey 4 (pulse)');

const SURVEY_ID = 'e2e-pulse';
const MIN_GROUP = 5;
/** The East team's reps and their scores; rep01 answers in the sidebar, rep05 last. */
const API_ANSWERS = [
  { email: 'rep02@demo.attain.test', score: 10 },
  { email: 'rep03@demo.attain.test', score: 9 },
  { email: 'rep04@demo.attain.test', score: 6 },
];
const UI_SCORE = 9;
const FIFTH = { email: 'rep05@demo.attain.test', score: 7 };

/** An English count with its noun: "1 passive", "3 promoters". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** eNPS as the sidebar shows it: % promoters (9–10) − % detractors (0–6), signed, no decimals. */
function enps(scores: readonly number[]): string {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const value = ((promoters - detractors) / scores.length) * 100;
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(value);
}

describe.skipIf(!executablePath)(
  'journey 4: five reps answer the pulse; their manager sees the score, withheld at four',
  () => {
    let stack: DemoStack;
    let extension: ReturnType<typeof journeyExtension>;
    let admin: AttainApi;
    let repBrowser: AttainBrowser | undefined;
    let managerBrowser: AttainBrowser | undefined;
    let managerPage: Page;
    let managerFrame: Frame;
    let dealUrl: string;
    const periodStart = quarterStart(todayUtc());

    const answersStored = async () =>
      Number(
        (
          await stack.attain.store.db
            .selectFrom('enps_responses')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('survey_id', '=', SURVEY_ID)
            .where('period_start', '=', periodStart)
            .where('team_id', '=', 'team-east')
            .executeTakeFirstOrThrow()
        ).n,
      );

    async function answerThroughApi(email: string, score: number): Promise<void> {
      const rep = await AttainApi.login(stack.attain.url, email);
      const result = await rep.mutate('enps.respond', {
        id: randomUUID(),
        surveyId: SURVEY_ID,
        periodStart,
        score,
      });
      expect(result).toMatchObject({ status: 'applied' });
    }

    beforeAll(async () => {
      extension = journeyExtension('attain-e2e-journey-4');
      stack = await startDemoStack();
      admin = await AttainApi.login(stack.attain.url, DEMO_ADMIN);
      // A fresh pulse: the seeded one is closed (it has answers already), a new one opened.
      const { surveys } = await admin.get<{ surveys: Survey[] }>('/v1/admin/surveys');
      for (const survey of surveys.filter((s) => s.active !== false)) {
        await admin.put(`/v1/admin/surveys/${survey.id}`, { ...survey, active: false });
      }
      await admin.post('/v1/admin/surveys', {
        id: SURVEY_ID,
        name: 'E2E pulse',
        companyName: 'Demo Co',
        cadence: 'quarter',
        startsOn: periodStart,
        audience: { roles: ['rep'] },
        questions: [],
        minGroupSize: MIN_GROUP,
        minCommentGroupSize: 10,
      });
      for (const { email, score } of API_ANSWERS) await answerThroughApi(email, score);
      expect(await answersStored()).toBe(API_ANSWERS.length);
      const rep01 = await AttainApi.login(stack.attain.url, DEMO_REP);
      const deal = stack.demo
        .deals()
        .filter((d) => d.ownerId === rep01.user.id && !d.isClosed && !d.name.includes('<'))
        .sort((a, b) => a.id.localeCompare(b.id))[0];
      dealUrl = stack.demo.recordUrl(deal!.crmId);
    });

    afterAll(async () => {
      await repBrowser?.close();
      await managerBrowser?.close();
      await stack?.close();
      extension?.dispose();
    });

    it('a rep answers the pulse in the sidebar: the fourth answer of the team', async () => {
      repBrowser = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_REP,
      });
      const page = await repBrowser.context.newPage();
      await page.goto(dealUrl);
      const frame = await openSidebar(page);
      await showView(frame, 'pulse');
      const form = frame.locator('.pulse-form');
      await form.waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        form.locator('legend'),
        'How likely are you to recommend Demo Co as a place to work?',
      );
      await form.getByLabel(String(UI_SCORE), { exact: true }).check();
      await form.getByRole('button', { name: 'Send' }).click();
      await expectText(frame.locator('.pulse .thanks .card-title'), 'Thank you');
      await expectText(syncItem(frame), /^Synced /);
      await expect.poll(answersStored, { timeout: UI_TIMEOUT }).toBe(4);
    });

    it('with four answers the manager sees the score withheld: fewer than 5', async () => {
      managerBrowser = await openAttainBrowser(executablePath!, extension.dir, {
        serverUrl: stack.attain.url,
        crmOrigin: stack.demo.url,
        email: DEMO_MANAGER,
      });
      managerPage = await managerBrowser.context.newPage();
      await managerPage.goto(dealUrl);
      managerFrame = await openSidebar(managerPage);
      await showView(managerFrame, 'pulse');
      const results = managerFrame.locator('.pulse section.card');
      await expectText(results.locator('.card-title'), 'Results: E2E pulse');
      const withheld = `Withheld: fewer than ${MIN_GROUP} answers`;
      await expectText(results.locator('h3 + .withheld').first(), withheld);
      const east = results.locator('tbody tr').filter({ hasText: 'East' });
      await expectText(east.locator('td'), withheld);
      expect(await results.locator('.big-figure').count()).toBe(0);
      expect(await textOf(results)).not.toMatch(/[+-]\d+/);

      // The server agrees: nothing but the withholding reason for four answers.
      const server = await admin.get<EnpsResults>(`/v1/enps/surveys/${SURVEY_ID}/results`);
      expect(server.overall).toMatchObject({ withheld: true, score: null, responses: null });
    });

    it('with the fifth answer the manager sees the eNPS, overall and for the team', async () => {
      await answerThroughApi(FIFTH.email, FIFTH.score);
      expect(await answersStored()).toBe(5);
      const scores = [...API_ANSWERS.map((a) => a.score), UI_SCORE, FIFTH.score];
      const expected = enps(scores);

      // Results are fetched when the sidebar opens (and cached for a minute): reload the page.
      await managerPage.reload();
      managerFrame = await openSidebar(managerPage);
      await showView(managerFrame, 'pulse');
      const results = managerFrame.locator('.pulse section.card');
      await expectText(results.locator('.big-figure'), expected);
      const east = results.locator('tbody tr').filter({ hasText: 'East' });
      await expectText(east.locator('td').first(), expected);
      await expectText(east.locator('td').nth(1), '5');
      await expectText(
        results.locator('.distribution + .muted'),
        `5 answers: ${counted(scores.filter((s) => s >= 9).length, 'promoter')}, ${counted(scores.filter((s) => s === 7 || s === 8).length, 'passive')}, ${counted(scores.filter((s) => s <= 6).length, 'detractor')}`,
      );

      const server = await admin.get<EnpsResults>(`/v1/enps/surveys/${SURVEY_ID}/results`);
      expect(server.overall).toMatchObject({ withheld: false, responses: 5 });
      expect(
        new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero' }).format(server.overall.score!),
      ).toBe(expected);
      await saveScreenshot(managerPage, 'journey-4-pulse');
    });
  },
);
