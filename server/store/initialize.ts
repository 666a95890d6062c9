import type { Store } from './db';
import { saveSettings } from './settings-repository';
import { settingsSchema } from '../../lib/domain';

/**
 * Data every database starts with: the default settings, written once through the change
 * log so that every client's first pull carries them.
 */
export async function initializeData(store: Store, now: Date): Promise<void> {
  await store.write(async (trx) => {
    const row = await trx.selectFrom('settings').select('id').executeTakeFirst();
    if (!row) await saveSettings(trx, now.toISOString(), settingsSchema.parse({}));
  });
}
