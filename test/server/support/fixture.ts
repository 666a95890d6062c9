import { planSchema, surveySchema, type Deal } from '../../../lib/domain';
import { hashPassword } from '../../../server/auth/passwords';
import { issueToken } from '../../../server/auth/tokens';
import { insertAnnotation } from '../../../server/store/annotations-repository';
import type { Store } from '../../../server/store/db';
import { dealRepIds, saveDeals } from '../../../server/store/deals-repository';
import { saveSurvey } from '../../../server/store/enps-repository';
import { saveTeam, saveUser, type UserWrite } from '../../../server/store/people-repository';
import { saveAssignment, savePlanVersion } from '../../../server/store/plans-repository';
import { insertPrompt } from '../../../server/store/prompts-repository';
import { saveFxRates, saveQuotas } from '../../../server/store/quotas-repository';
import { TEST_SCRYPT } from './server';

export const PASSWORD = 'correct horse battery';
export const NOW = '2026-05-15T10:00:00.000Z';

/**
 * A small company for API tests:
 *   team t1 (manager m1): reps r1, r2      team t2 (manager m2): rep r3
 *   admin: admin
 * Deals: d1 (r1, won), d1open (r1, open), d2 (r2, won), d3 (r3, won), dsplit (owner r1,
 * split r1/r3: both teams see it). Notes by m1 on d1 (shared and managers-only) and d2.
 */
export const USERS = {
  admin: { id: 'admin', email: 'admin@test.attain', role: 'admin' },
  m1: { id: 'm1', email: 'm1@test.attain', role: 'manager' },
  m2: { id: 'm2', email: 'm2@test.attain', role: 'manager' },
  r1: { id: 'r1', email: 'r1@test.attain', role: 'rep' },
  r2: { id: 'r2', email: 'r2@test.attain', role: 'rep' },
  r3: { id: 'r3', email: 'r3@test.attain', role: 'rep' },
} as const;
export type FixtureUser = keyof typeof USERS;

export interface Fixture {
  tokens: Record<FixtureUser, string>;
  deals: Deal[];
}

export function deal(id: string, ownerId: string, overrides: Partial<Deal> = {}): Deal {
  return {
    id,
    crmId: `CRM-${id}`,
    name: `Deal ${id}`,
    amount: 20000,
    currency: 'USD',
    stage: 'Closed Won',
    isClosed: true,
    isWon: true,
    closeDate: '2026-04-10',
    createdDate: '2026-02-01',
    ownerId,
    probability: 100,
    ...overrides,
  };
}

export const PLAN = planSchema.parse({
  id: 'plan-a',
  name: 'Plan A',
  currency: 'USD',
  period: 'quarter',
  effectiveFrom: '2026-01-01',
  tiers: [
    { upTo: 1, rate: 0.1 },
    { upTo: null, rate: 0.15 },
  ],
  tierMode: 'marginal',
  spiffs: [
    {
      id: 'big',
      name: 'Big deal',
      when: [{ field: 'amount', op: 'gte', value: 50000 }],
      amount: 1000,
    },
  ],
  caps: { perDeal: 40000 },
});

export async function seedFixture(store: Store): Promise<Fixture> {
  const now = NOW;
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const users: UserWrite[] = [
    {
      id: 'admin',
      email: USERS.admin.email,
      name: 'Admin',
      role: 'admin',
      active: true,
      teamIds: [],
      managesTeamIds: [],
    },
    {
      id: 'm1',
      email: USERS.m1.email,
      name: 'Manager One',
      role: 'manager',
      active: true,
      teamIds: [],
      managesTeamIds: ['t1'],
    },
    {
      id: 'm2',
      email: USERS.m2.email,
      name: 'Manager Two',
      role: 'manager',
      active: true,
      teamIds: [],
      managesTeamIds: ['t2'],
    },
    {
      id: 'r1',
      email: USERS.r1.email,
      name: 'Rep One',
      role: 'rep',
      active: true,
      teamIds: ['t1'],
      managesTeamIds: [],
    },
    {
      id: 'r2',
      email: USERS.r2.email,
      name: 'Rep Two',
      role: 'rep',
      active: true,
      teamIds: ['t1'],
      managesTeamIds: [],
    },
    {
      id: 'r3',
      email: USERS.r3.email,
      name: 'Rep Three',
      role: 'rep',
      active: true,
      teamIds: ['t2'],
      managesTeamIds: [],
    },
  ];
  const deals = [
    deal('d1', 'r1'),
    deal('d1open', 'r1', {
      isClosed: false,
      isWon: false,
      stage: 'Proposal',
      probability: 50,
      closeDate: '2026-06-10',
      lastActivityDate: '2026-03-01',
    }),
    deal('d2', 'r2', { amount: 60000 }),
    deal('d3', 'r3'),
    deal('dsplit', 'r1', {
      splits: [
        { repId: 'r1', percent: 50 },
        { repId: 'r3', percent: 50 },
      ],
    }),
  ];
  const tokens = await store.write(async (trx) => {
    await saveTeam(trx, now, { id: 't1', name: 'Team One' });
    await saveTeam(trx, now, { id: 't2', name: 'Team Two' });
    for (const u of users) await saveUser(trx, now, u, hash);
    const saved = await savePlanVersion(trx, now, PLAN);
    if (!saved.ok) throw new Error(saved.message);
    for (const rep of ['r1', 'r2', 'r3']) {
      await saveAssignment(trx, now, { repId: rep, planId: 'plan-a', effectiveFrom: '2026-01-01' });
    }
    await saveQuotas(
      trx,
      now,
      ['r1', 'r2', 'r3'].map((repId) => ({ repId, periodStart: '2026-04-01', amount: 100000 })),
    );
    await saveFxRates(trx, now, [{ from: 'EUR', to: 'USD', date: '2026-04-01', rate: 1.1 }]);
    await saveDeals(trx, now, deals);
    const note = (
      id: string,
      dealId: string,
      visibility: 'shared' | 'managers',
      authorId = 'm1',
    ) => ({
      id,
      dealId,
      parentId: null,
      authorId,
      body: `Note ${id}`,
      visibility,
      resolved: false,
      conflictOf: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const reps = (id: string) => dealRepIds(deals.find((d) => d.id === id)!);
    await insertAnnotation(trx, now, note('n1', 'd1', 'shared'), reps('d1'));
    await insertAnnotation(trx, now, note('n1mgr', 'd1', 'managers'), reps('d1'));
    await insertAnnotation(trx, now, note('n2', 'd2', 'shared'), reps('d2'));
    await insertAnnotation(trx, now, note('n3', 'd3', 'shared', 'm2'), reps('d3'));
    await insertPrompt(trx, now, {
      id: 'p1',
      ruleId: 'manager',
      severity: 'warn',
      title: 'Update the forecast',
      detail: '',
      repId: 'r1',
      authorId: 'm1',
      createdAt: now,
    });
    await saveSurvey(
      trx,
      now,
      surveySchema.parse({
        id: 'pulse',
        name: 'Pulse',
        companyName: 'Test Co',
        cadence: 'quarter',
        startsOn: '2026-01-01',
        minGroupSize: 3,
        minCommentGroupSize: 3,
        questions: [{ id: 'q1', text: 'Workload?', kind: 'score' }],
      }),
    );
    const out = {} as Record<FixtureUser, string>;
    for (const key of Object.keys(USERS) as FixtureUser[]) {
      out[key] = (
        await issueToken(trx, {
          userId: USERS[key].id,
          kind: 'cli',
          now: new Date(now),
          ttlSeconds: null,
        })
      ).token;
    }
    return out;
  });
  return { tokens, deals };
}
