import type { AttainDatabase } from './database';

/**
 * A one-key storage area over the `meta` table, for the session token: the extension's
 * IndexedDB belongs to the extension origin, so content scripts (which run in the CRM page's
 * origin) cannot read it, while `browser.storage.local` is readable by content scripts.
 */
export function sessionMetaArea(db: AttainDatabase) {
  return {
    async get(_key: string): Promise<unknown> {
      const row = await db.meta.get('session');
      return row && row.key === 'session' ? row.value : undefined;
    },
    async set(_key: string, value: unknown): Promise<void> {
      await db.meta.put({ key: 'session', value });
    },
    async remove(_key: string): Promise<void> {
      await db.meta.delete('session');
    },
  };
}
