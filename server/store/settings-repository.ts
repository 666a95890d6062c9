import { settingsSchema, type Settings } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience } from './change-log';
import { parseJson } from './util';

export const SETTINGS_ID = 'settings';

export interface SettingsRecord {
  settings: Settings;
  version: number;
}

/** The admin settings; the defaults of DOMAIN.md until an admin saves some (version 0). */
export async function getSettings(trx: Db): Promise<SettingsRecord> {
  const row = await trx
    .selectFrom('settings')
    .select(['body', 'version'])
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  if (!row) return { settings: settingsSchema.parse({}), version: 0 };
  return { settings: settingsSchema.parse(parseJson(row.body)), version: row.version };
}

export async function saveSettings(
  trx: Db,
  now: string,
  settings: Settings,
): Promise<SettingsRecord> {
  const before = await getSettings(trx);
  const version = before.version + 1;
  const body = JSON.stringify(settings);
  await trx
    .insertInto('settings')
    .values({ id: SETTINGS_ID, body, updated_at: now, version })
    .onConflict((oc) => oc.column('id').doUpdateSet({ body, updated_at: now, version }))
    .execute();
  await appendChanges(trx, now, [
    { entity: 'settings', entityId: SETTINGS_ID, op: 'put', audiences: [audience.all], version },
  ]);
  return { settings, version };
}
