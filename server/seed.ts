import { parseArgs } from 'node:util';
import { isIsoDate } from '../lib/domain';
import { loadServerConfig } from './config';
import { openStore } from './store/db';
import { getMeta, setMeta } from './store/meta-repository';
import { DEMO_PASSWORD, seedDemo } from './seed/demo';
import { wipeData } from './seed/reset';
import { seedScale } from './seed/scale';

const USAGE = `Usage: npm run seed -- [--reset] [--reps N --deals N] [--seed N] [--today YYYY-MM-DD]

  (no options)   the demo company: an admin, 2 managers, 12 reps in 2 teams, ~600 deals
  --reps, --deals  scale data instead (e.g. --reps 10000 --deals 1000000)
  --reset        empty the database first (every client resyncs)
  --seed N       PRNG seed (default 42): the same seed and day give the same data
  --today D      the day the data is built around (default: today)

Uses the server's database: DATABASE_URL, or SQLite under ATTAIN_DATA_DIR (default ./data).`;

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean' },
      reps: { type: 'string' },
      deals: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const reps = count(values.reps, 'reps');
  const deals = count(values.deals, 'deals');
  const seed = count(values.seed, 'seed') ?? 42;
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(today)) throw new Error('--today must be a date written YYYY-MM-DD');
  const scale = reps !== undefined || deals !== undefined;
  if (scale && (reps ?? 0) < 1 && (deals ?? 0) > 0) throw new Error('--deals needs --reps ≥ 1');

  const config = loadServerConfig(process.env);
  const store = await openStore(config);
  try {
    const seeded = await getMeta(store.db, 'seeded');
    if (seeded && !values.reset) {
      console.log(
        `${store.description} is already seeded (${seeded}): nothing to do. Run with --reset to start over.`,
      );
      return 0;
    }
    if (values.reset) {
      await wipeData(store);
      console.log(`emptied ${store.description}`);
    } else {
      const users = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (users) {
        console.log(
          `${store.description} already has users: not seeding over them. Run with --reset to start over.`,
        );
        return 1;
      }
    }
    const started = performance.now();
    let logins;
    let summary: string;
    if (scale) {
      const r = await seedScale(store, {
        reps: reps ?? 0,
        deals: deals ?? 0,
        today,
        seed,
        scryptCost: config.scryptCost,
        progress: (m) => console.log(`  ${m}`),
      });
      logins = r.logins;
      summary = `scale: ${reps ?? 0} reps, ${deals ?? 0} deals`;
    } else {
      const r = await seedDemo(store, { today, seed, scryptCost: config.scryptCost });
      logins = r.logins;
      summary = `demo: ${r.counts.users} users, ${r.counts.deals} deals, ${r.counts.responses} eNPS answers`;
    }
    await store.write((trx) => setMeta(trx, 'seeded', `${summary}; seed ${seed}; today ${today}`));
    console.log(
      `seeded ${store.description} (${summary}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`\nDemo logins (password: ${DEMO_PASSWORD}):`);
    for (const l of logins.slice(0, 5))
      console.log(`  ${l.role.padEnd(8)} ${l.email.padEnd(34)} ${l.name}`);
    if (logins.length > 5)
      console.log(
        `  … and ${logins.length - 5} more reps: rep01…rep${String(logins.length - 3).padStart(2, '0')}@demo.attain.test`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
