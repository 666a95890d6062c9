import { planSchema, settingsSchema, type Deal } from '../../lib/domain';
import { hashPassword, type ScryptCost } from '../auth/passwords';
import { appendChanges, audience } from '../store/change-log';
import type { InsertObject } from 'kysely';
import type { Db, Store } from '../store/db';
import type { Database } from '../store/schema';
import { insertNewDeals } from '../store/deals-repository';
import { entityKey } from '../store/entity-keys';
import { savePlanVersion } from '../store/plans-repository';
import { saveFxRates } from '../store/quotas-repository';
import { saveSettings } from '../store/settings-repository';
import { chunks } from '../store/util';
import { firstOfMonths, lastFourQuarters } from './calendar';
import { generateDeal } from './deal-generator';
import { DEMO_DOMAIN, DEMO_PASSWORD, type DemoLogin } from './demo';
import { Prng } from './prng';

const TEAM_SIZE = 10;
const DEALS_PER_TRANSACTION = 5000;
const ROWS_PER_INSERT = 500;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

async function insertRows<T extends keyof Database>(
  trx: Db,
  table: T,
  rows: ReadonlyArray<InsertObject<Database, T>>,
): Promise<void> {
  for (const batch of chunks(rows, ROWS_PER_INSERT)) {
    await trx.insertInto(table).values(batch).execute();
  }
}

/**
 * Scale data for benchmarks: `reps` reps in teams of ten (one manager each), one plan,
 * quarterly quotas, and `deals` deals spread over the reps and the last four quarters,
 * inserted in transactions of 5,000. Logins: the demo admin, the first manager and the
 * first rep (password attain-demo); the other users have no password.
 */
export async function seedScale(
  store: Store,
  options: {
    reps: number;
    deals: number;
    today: string;
    seed: number;
    scryptCost: ScryptCost;
    progress?: (message: string) => void;
  },
): Promise<{ logins: DemoLogin[] }> {
  const rng = new Prng(options.seed);
  const progress = options.progress ?? (() => {});
  const now = `${options.today}T12:00:00.000Z`;
  const quarters = lastFourQuarters(options.today);
  const start = quarters[0]!.start;
  const end = quarters[3]!.end;
  const hash = await hashPassword(DEMO_PASSWORD, options.scryptCost);
  const teamCount = Math.max(1, Math.ceil(options.reps / TEAM_SIZE));
  const teamId = (t: number) => `team-${pad(t + 1, 5)}`;
  const repId = (r: number) => `rep-${pad(r + 1, 6)}`;
  const mgrId = (t: number) => `mgr-${pad(t + 1, 5)}`;
  const teamOf = (r: number) => Math.floor(r / TEAM_SIZE);

  await store.write(async (trx) => {
    await saveSettings(trx, now, settingsSchema.parse({}));
    const user = (id: string, email: string, name: string, role: string, password: boolean) => ({
      id,
      email,
      name,
      role,
      locale: null,
      active: 1,
      password_hash: password ? hash : null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const teams = Array.from({ length: teamCount }, (_, t) => ({
      id: teamId(t),
      name: `Team ${t + 1}`,
      updated_at: now,
      version: 1,
    }));
    const users = [
      user('admin', `admin@${DEMO_DOMAIN}`, 'Ada Admin', 'admin', true),
      ...teams.map((_, t) =>
        user(mgrId(t), `manager${t + 1}@${DEMO_DOMAIN}`, `Manager ${t + 1}`, 'manager', t === 0),
      ),
      ...Array.from({ length: options.reps }, (_, r) =>
        user(repId(r), `rep${r + 1}@${DEMO_DOMAIN}`, `Rep ${r + 1}`, 'rep', r === 0),
      ),
    ];
    await insertRows(trx, 'teams', teams);
    await insertRows(trx, 'users', users);
    await insertRows(
      trx,
      'team_managers',
      teams.map((t, i) => ({ team_id: t.id, user_id: mgrId(i) })),
    );
    await insertRows(
      trx,
      'team_members',
      Array.from({ length: options.reps }, (_, r) => ({
        team_id: teamId(teamOf(r)),
        user_id: repId(r),
      })),
    );
    await appendChanges(trx, now, [
      ...teams.map((t) => ({
        entity: 'team' as const,
        entityId: t.id,
        op: 'put' as const,
        audiences: [audience.team(t.id)],
        version: 1,
      })),
      ...users.flatMap((u) => [
        {
          entity: 'me' as const,
          entityId: u.id,
          op: 'put' as const,
          audiences: [audience.user(u.id)],
          version: 1,
        },
        {
          entity: 'user' as const,
          entityId: u.id,
          op: 'put' as const,
          audiences: [audience.repManagers(u.id)],
          version: 1,
        },
      ]),
    ]);
    const plan = planSchema.parse({
      id: 'plan-scale',
      name: 'Scale plan',
      currency: 'USD',
      period: 'quarter',
      effectiveFrom: start,
      tiers: [
        { upTo: 1, rate: 0.08 },
        { upTo: null, rate: 0.12 },
      ],
      tierMode: 'marginal',
      caps: { perDeal: 20000 },
    });
    const saved = await savePlanVersion(trx, now, plan);
    if (!saved.ok) throw new Error(saved.message);
    const reps = Array.from({ length: options.reps }, (_, r) => repId(r));
    await insertRows(
      trx,
      'plan_assignments',
      reps.map((id) => ({
        rep_id: id,
        effective_from: start,
        effective_to: null,
        plan_id: plan.id,
        updated_at: now,
        version: 1,
      })),
    );
    const quotas = reps.flatMap((id) =>
      quarters.map((q) => ({
        rep_id: id,
        period_start: q.start,
        amount: 200000 + rng.int(0, 10) * 10000,
        updated_at: now,
        version: 1,
      })),
    );
    await insertRows(trx, 'quotas', quotas);
    await appendChanges(trx, now, [
      ...reps.map((id) => ({
        entity: 'planAssignment' as const,
        entityId: entityKey.planAssignment(id, start),
        op: 'put' as const,
        audiences: [audience.rep(id)],
        version: 1,
      })),
      ...quotas.map((q) => ({
        entity: 'quota' as const,
        entityId: entityKey.quota(q.rep_id, q.period_start),
        op: 'put' as const,
        audiences: [audience.rep(q.rep_id)],
        version: 1,
      })),
    ]);
    await saveFxRates(
      trx,
      now,
      firstOfMonths(start, end)
        .map((date) => ({ from: 'EUR', to: 'USD', date, rate: 1.08 }))
        .concat(
          firstOfMonths(start, end).map((date) => ({ from: 'GBP', to: 'USD', date, rate: 1.27 })),
        ),
    );
  });
  progress(`${options.reps} reps in ${teamCount} teams`);

  let made = 0;
  while (made < options.deals) {
    const batch: Deal[] = [];
    const until = Math.min(options.deals, made + DEALS_PER_TRANSACTION);
    for (let n = made; n < until; n++) {
      const r = options.reps > 0 ? n % options.reps : 0;
      const team = teamOf(r);
      const teammates = Array.from({ length: TEAM_SIZE }, (_, k) => team * TEAM_SIZE + k)
        .filter((k) => k < options.reps)
        .map(repId);
      batch.push(
        generateDeal(rng, {
          id: `deal-${pad(n + 1, 8)}`,
          crmId: `006SCALE${pad(n + 1, 7)}YHA`, // 18-char Salesforce id (case checksum YHA)
          ownerId: repId(r),
          teammates,
          from: start,
          to: end,
          today: options.today,
        }),
      );
    }
    await store.write((trx) => insertNewDeals(trx, now, batch));
    made = until;
    if (made % 100_000 === 0 || made === options.deals) progress(`${made} deals`);
  }
  return {
    logins: [
      { email: `admin@${DEMO_DOMAIN}`, role: 'admin', name: 'Ada Admin' },
      { email: `manager1@${DEMO_DOMAIN}`, role: 'manager', name: 'Manager 1' },
      { email: `rep1@${DEMO_DOMAIN}`, role: 'rep', name: 'Rep 1' },
    ],
  };
}
