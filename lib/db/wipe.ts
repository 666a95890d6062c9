import type { AttainDatabase } from './database';
import { guardStorage } from './errors';

/**
 * Deletes every local row: synced data, the outbox, rejections, cached reads and the sync
 * bookkeeping (the next sign-in gets a new client id and a full resync).
 */
export async function wipeLocalData(db: AttainDatabase): Promise<void> {
  await guardStorage(() =>
    db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
    }),
  );
}
