import { randomUUID } from 'node:crypto';
import {
  addDays,
  planSchema,
  surveySchema,
  type Deal,
  type FxRate,
  type Quota,
} from '../../lib/domain';
import { hashPassword, type ScryptCost } from '../auth/passwords';
import { insertAnnotation } from '../store/annotations-repository';
import type { Store } from '../store/db';
import { dealRepIds, saveDeals } from '../store/deals-repository';
import { recordResponse, saveSurvey } from '../store/enps-repository';
import { saveTeam, saveUser, type UserWrite } from '../store/people-repository';
import { saveAssignment, savePlanVersion } from '../store/plans-repository';
import { insertPrompt } from '../store/prompts-repository';
import { saveFxRates, saveQuotas } from '../store/quotas-repository';
import { saveSettings } from '../store/settings-repository';
import { firstOfMonths, lastFourQuarters } from './calendar';
import { generateDeal } from './deal-generator';
import { Prng } from './prng';

export const DEMO_PASSWORD = 'attain-demo';
export const DEMO_DOMAIN = 'demo.attain.test';

export interface DemoLogin {
  email: string;
  role: string;
  name: string;
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Finn',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
  'Kira',
  'Liam',
];
const LAST = [
  'Martin',
  'Okafor',
  'Nguyen',
  'Patel',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Walsh',
  'Yilmaz',
  'Zhou',
];

export interface DemoCounts {
  users: number;
  deals: number;
  responses: number;
}

/**
 * The demo company: an admin, two managers, twelve reps in two teams, two plans (tiers, a
 * SPIFF, caps, a clawback; the AE plan has a second version from the third quarter),
 * quotas, FX rates, ~600 deals over the last four quarters, notes, manager prompts and a
 * quarterly eNPS pulse with answers. Deterministic for a given seed and day.
 */
export async function seedDemo(
  store: Store,
  options: { today: string; seed: number; scryptCost: ScryptCost; dealsPerRep?: number },
): Promise<{ logins: DemoLogin[]; counts: DemoCounts }> {
  const rng = new Prng(options.seed);
  const now = `${options.today}T12:00:00.000Z`;
  const quarters = lastFourQuarters(options.today);
  const start = quarters[0]!.start;
  const end = quarters[3]!.end;
  const passwordHash = await hashPassword(DEMO_PASSWORD, options.scryptCost);

  const teams = [
    { id: 'team-east', name: 'East' },
    { id: 'team-west', name: 'West' },
  ];
  const admin: UserWrite = {
    id: 'admin',
    email: `admin@${DEMO_DOMAIN}`,
    name: 'Ada Admin',
    role: 'admin',
    active: true,
    teamIds: [],
    managesTeamIds: [],
  };
  const managers: UserWrite[] = [
    {
      id: 'mgr-east',
      email: `manager.east@${DEMO_DOMAIN}`,
      name: 'Maya East',
      role: 'manager',
      active: true,
      teamIds: [],
      managesTeamIds: ['team-east'],
    },
    {
      id: 'mgr-west',
      email: `manager.west@${DEMO_DOMAIN}`,
      name: 'Wes West',
      role: 'manager',
      active: true,
      teamIds: [],
      managesTeamIds: ['team-west'],
    },
  ];
  const reps: UserWrite[] = FIRST.map((first, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      id: `rep-${n}`,
      email: `rep${n}@${DEMO_DOMAIN}`,
      name: `${first} ${LAST[i]}`,
      role: 'rep' as const,
      active: true,
      teamIds: [i < 6 ? 'team-east' : 'team-west'],
      managesTeamIds: [],
    };
  });

  const aeV1 = planSchema.parse({
    id: 'plan-ae',
    name: 'Account Executive',
    currency: 'USD',
    period: 'quarter',
    effectiveFrom: start,
    tiers: [
      { upTo: 1, rate: 0.08 },
      { upTo: 1.5, rate: 0.12 },
      { upTo: null, rate: 0.15 },
    ],
    tierMode: 'marginal',
    caps: { perDeal: 12000 },
    spiffs: [
      {
        id: 'platform-push',
        name: 'Platform SPIFF',
        when: [
          { field: 'productLine', op: 'eq', value: 'platform' },
          { field: 'amount', op: 'gte', value: 25000 },
        ],
        amount: 500,
      },
    ],
    clawback: { windowDays: 90 },
  });
  const aeV2 = planSchema.parse({
    ...aeV1,
    effectiveFrom: quarters[2]!.start,
    tiers: [
      { upTo: 1, rate: 0.08 },
      { upTo: 1.5, rate: 0.13 },
      { upTo: null, rate: 0.16 },
    ],
  });
  const senior = planSchema.parse({
    id: 'plan-senior',
    name: 'Senior Account Executive',
    currency: 'USD',
    period: 'quarter',
    effectiveFrom: start,
    tiers: [
      { upTo: 0.5, rate: 0.04 },
      { upTo: 1, rate: 0.09 },
      { upTo: null, rate: 0.14 },
    ],
    tierMode: 'retroactive',
    caps: { perPeriod: 60000 },
    spiffs: [
      {
        id: 'new-logo',
        name: 'New logo bonus',
        when: [{ field: 'dealType', op: 'eq', value: 'new' }],
        rate: 0.01,
      },
    ],
    clawback: { windowDays: 120 },
    draw: { amount: 3000, recoverable: true },
  });

  const fxRates: FxRate[] = firstOfMonths(addDays(start, -31), end).flatMap((date, i) => [
    { from: 'EUR', to: 'USD', date, rate: Math.round((1.07 + 0.01 * Math.sin(i)) * 10000) / 10000 },
    {
      from: 'GBP',
      to: 'USD',
      date,
      rate: Math.round((1.26 + 0.015 * Math.cos(i)) * 10000) / 10000,
    },
  ]);
  const quotas: Quota[] = reps.flatMap((rep, i) =>
    quarters.map((q) => ({
      repId: rep.id,
      periodStart: q.start,
      amount: (i % 4 === 0 ? 300000 : 220000) + rng.int(0, 8) * 10000,
    })),
  );
  const dealsPerRep = options.dealsPerRep ?? 50;
  const deals: Deal[] = [];
  reps.forEach((rep) => {
    const teammates = reps.filter((r) => r.teamIds[0] === rep.teamIds[0]).map((r) => r.id);
    for (let k = 0; k < dealsPerRep; k++) {
      const n = deals.length + 1;
      deals.push(
        generateDeal(rng, {
          id: `deal-${String(n).padStart(4, '0')}`,
          crmId: `006DEMO${String(n).padStart(8, '0')}YDA`, // 18-char Salesforce id (case checksum YDA)
          ownerId: rep.id,
          teammates,
          from: start,
          to: end,
          today: options.today,
        }),
      );
    }
  });

  let responses = 0;
  await store.write(async (trx) => {
    for (const t of teams) await saveTeam(trx, now, t);
    for (const u of [admin, ...managers, ...reps]) await saveUser(trx, now, u, passwordHash);
    await saveSettings(trx, now, {
      coaching: {
        staleActivityDays: 14,
        stuckInStageDays: 30,
        closeDatePushes: 2,
        largeDealAmount: 50000,
        largeDealMaxContacts: 1,
        minCoverage: 3,
        paceBehindPoints: 10,
        nextTierWithinFraction: 0.1,
      },
      disabledRules: [],
    });
    for (const plan of [aeV1, aeV2, senior]) {
      const saved = await savePlanVersion(trx, now, plan);
      if (!saved.ok) throw new Error(saved.message);
    }
    for (const [i, rep] of reps.entries()) {
      await saveAssignment(trx, now, {
        repId: rep.id,
        planId: i % 4 === 0 ? 'plan-senior' : 'plan-ae',
        effectiveFrom: start,
      });
    }
    await saveFxRates(trx, now, fxRates);
    await saveQuotas(trx, now, quotas);
    await saveDeals(trx, now, deals);

    // Notes: managers coach on their reps' open deals; some reps answer.
    const open = deals.filter((d) => !d.isClosed);
    for (let k = 0; k < 14; k++) {
      const deal = open[(k * 7) % open.length]!;
      const manager =
        reps.find((r) => r.id === deal.ownerId)!.teamIds[0] === 'team-east'
          ? managers[0]!
          : managers[1]!;
      const at = `${addDays(options.today, -rng.int(1, 20))}T09:${String(10 + k).padStart(2, '0')}:00.000Z`;
      const noteId = `note-${String(k + 1).padStart(3, '0')}`;
      const visibility = k % 4 === 3 ? 'managers' : 'shared';
      await insertAnnotation(
        trx,
        now,
        {
          id: noteId,
          dealId: deal.id,
          parentId: null,
          authorId: manager.id,
          body: rng.pick([
            'Who signs off on their side? Get the economic buyer into the next call.',
            'Champion is strong, but legal has not seen the paper yet — send it this week.',
            'Pricing looks aggressive; let us review the discount together before you send it.',
            'Great progress. Ask about the other two business units while you have momentum.',
            'Close date has moved twice: what changed? Agree a mutual plan with them.',
          ]),
          visibility,
          resolved: false,
          conflictOf: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
        dealRepIds(deal),
      );
      if (visibility === 'shared' && k % 3 === 0) {
        await insertAnnotation(
          trx,
          now,
          {
            id: `${noteId}-reply`,
            dealId: deal.id,
            parentId: noteId,
            authorId: deal.ownerId,
            body: 'On it — meeting booked for Thursday.',
            visibility,
            resolved: false,
            conflictOf: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
          dealRepIds(deal),
        );
      }
    }
    for (const [k, rep] of [reps[0]!, reps[3]!, reps[8]!].entries()) {
      const manager = rep.teamIds[0] === 'team-east' ? managers[0]! : managers[1]!;
      await insertPrompt(trx, now, {
        id: `mgr-prompt-${k + 1}`,
        ruleId: 'manager',
        severity: k === 0 ? 'warn' : 'info',
        title: [
          'Update your forecast before Friday',
          'Book a pipeline review',
          'Great quarter so far — keep it up',
        ][k]!,
        detail: 'From your manager.',
        repId: rep.id,
        authorId: manager.id,
        createdAt: now,
      });
    }

    // A quarterly eNPS pulse, with answers for the last and the current quarter.
    const survey = surveySchema.parse({
      id: 'pulse',
      name: 'Quarterly pulse',
      companyName: 'Demo Co',
      cadence: 'quarter',
      startsOn: start,
      audience: { roles: ['rep', 'manager'] },
      questions: [
        { id: 'workload', text: 'How manageable is your workload? (0–10)', kind: 'score' },
        { id: 'change', text: 'What one thing would you change?', kind: 'text' },
      ],
      minGroupSize: 3,
      minCommentGroupSize: 10,
    });
    await saveSurvey(trx, now, survey);
    const people = [...reps, ...managers];
    const periods = [quarters[2]!.start, quarters[3]!.start];
    for (const [p, periodStart] of periods.entries()) {
      for (const [i, person] of people.entries()) {
        if (p === 1 && i % 2 === 1) continue; // the current quarter is still being answered
        if (p === 0 && i === 4) continue;
        const score = Math.min(10, Math.max(0, Math.round(7.2 + (rng.next() - 0.4) * 6)));
        const comment = rng.chance(0.5)
          ? rng.pick([
              'More time for deep work',
              'Clearer territory rules',
              'Love the team',
              'Fewer internal meetings',
              'Better tooling for quotes',
            ])
          : null;
        await recordResponse(trx, now, person.id, {
          id: randomUUID(),
          surveyId: survey.id,
          periodStart,
          teamId: person.teamIds[0] ?? null,
          score,
          comment,
          answers: { workload: rng.int(3, 10), ...(comment ? { change: comment } : {}) },
        });
        responses++;
      }
    }
  });
  const logins = [admin, ...managers, ...reps].map((u) => ({
    email: u.email,
    role: u.role,
    name: u.name,
  }));
  return { logins, counts: { users: logins.length, deals: deals.length, responses } };
}
