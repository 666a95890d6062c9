import { sql } from 'kysely';
import type { Store } from '../store/db';
import { newEpoch, setMeta } from '../store/meta-repository';

/** Every table of the app's data, children first. */
const TABLES = [
  'sync_rejections',
  'sync_clients',
  'change_log',
  'settings',
  'enps_snoozes',
  'enps_responses',
  'enps_participation',
  'surveys',
  'prompt_states',
  'prompts',
  'annotations',
  'deal_reps',
  'deals',
  'fx_rates',
  'quotas',
  'plan_assignments',
  'plans',
  'auth_tokens',
  'team_managers',
  'team_members',
  'teams',
  'users',
] as const;

/**
 * Empties the database and gives it a new epoch: every client's cursor becomes foreign
 * and its next pull is a full resync.
 */
export async function wipeData(store: Store): Promise<void> {
  await store.write(async (trx) => {
    for (const table of TABLES) await sql`delete from ${sql.table(table)}`.execute(trx);
    await trx.deleteFrom('meta').where('key', 'in', ['seeded', 'compacted_through']).execute();
    await setMeta(trx, 'epoch', String(newEpoch()));
  });
}
