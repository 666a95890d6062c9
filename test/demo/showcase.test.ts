import { afterEach, describe, expect, it } from 'vitest';
import type { ShowcaseResponse } from '../../demo/http/api-types';
import type { CrmDeal } from '../../demo/records/deal';
import { showcaseDeal } from '../../demo/records/showcase';
import { startDemoCrm, type DemoCrm } from '../../demo/start';
import { DEAL_A, sampleDeals, silentLog, startFakeAttain, type FakeAttain } from './fake-attain';

const deal = (over: Partial<CrmDeal>): CrmDeal => ({
  id: over.crmId ?? 'x',
  crmId: 'x',
  name: 'A deal',
  amount: 1000,
  currency: 'USD',
  stage: 'Proposal',
  isClosed: false,
  isWon: false,
  closeDate: '2026-06-01',
  ownerId: 'rep-01',
  ...over,
});

describe('demo CRM: the deal npm start opens', () => {
  const today = '2026-05-15';

  it('is the owner’s open deal closing soonest from today, named in plain text', () => {
    const deals = [
      deal({ crmId: 'later', closeDate: '2026-06-20' }),
      deal({ crmId: 'markup', closeDate: '2026-05-16', name: 'Acme <img src=x> renewal' }),
      deal({ crmId: 'soon', closeDate: '2026-05-20' }),
      deal({ crmId: 'past', closeDate: '2026-05-01' }),
      deal({ crmId: 'won', closeDate: '2026-05-15', isClosed: true, isWon: true }),
      deal({ crmId: 'other', closeDate: '2026-05-15', ownerId: 'rep-02' }),
    ];
    expect(showcaseDeal(deals, 'rep-01', today)?.crmId).toBe('soon');
  });

  it('falls back to the latest overdue open deal, then to the last closed one, else none', () => {
    const overdue = [
      deal({ crmId: 'old', closeDate: '2026-01-10' }),
      deal({ crmId: 'recent', closeDate: '2026-05-01' }),
    ];
    expect(showcaseDeal(overdue, 'rep-01', today)?.crmId).toBe('recent');
    const closed = [
      deal({ crmId: 'q1', closeDate: '2026-02-01', isClosed: true }),
      deal({ crmId: 'q2', closeDate: '2026-04-01', isClosed: true, isWon: true }),
    ];
    expect(showcaseDeal(closed, 'rep-01', today)?.crmId).toBe('q2');
    expect(showcaseDeal(closed, 'rep-99', today)).toBeNull();
  });
});

describe('demo CRM: GET /demo/api/showcase', () => {
  const running: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.close();
  });

  it('answers a demo user’s deal by their email, and 404 for an unknown user', async () => {
    const attain: FakeAttain = await startFakeAttain({ deals: sampleDeals() });
    running.push(attain);
    const demo: DemoCrm = await startDemoCrm({
      port: 0,
      attainUrl: attain.url,
      log: silentLog,
      today: () => '2026-05-01',
      seedRecords: [],
    });
    running.push(demo);
    await demo.ready;
    const response = await fetch(`${demo.url}/demo/api/showcase?owner=rep01@demo.attain.test`);
    expect(response.status).toBe(200);
    expect((await response.json()) as ShowcaseResponse).toEqual({
      crmId: DEAL_A,
      name: 'Burlington Textiles Weaving Plant Generator',
      path: `/lightning/r/Opportunity/${DEAL_A}/view`,
    });
    const unknown = await fetch(`${demo.url}/demo/api/showcase?owner=nobody@demo.attain.test`);
    expect(unknown.status).toBe(404);
  });
});
