import { createHash } from 'node:crypto';
import type { Store } from '../../../server/store/db';
import type { Database } from '../../../server/store/schema';

const TABLES: Array<keyof Database> = [
  'users',
  'teams',
  'team_members',
  'team_managers',
  'auth_tokens',
  'plans',
  'plan_assignments',
  'quotas',
  'fx_rates',
  'deals',
  'deal_reps',
  'annotations',
  'prompts',
  'prompt_states',
  'surveys',
  'enps_participation',
  'enps_responses',
  'enps_snoozes',
  'settings',
  'change_log',
  'sync_clients',
  'sync_rejections',
  'meta',
];

/** A digest of every row of every table: equal before and after means nothing changed. */
export async function databaseChecksum(
  store: Store,
  options: { except?: Array<keyof Database> } = {},
): Promise<string> {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    if (options.except?.includes(table)) continue;
    const rows = await store.db.selectFrom(table).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    hash.update(`${table}:${lines.length}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}
