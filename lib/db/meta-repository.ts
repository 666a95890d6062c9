import { SYNC_SCHEMA_VERSION } from '../domain';
import type { AttainDatabase } from './database';
import type { MetaKey, MetaOf, SyncMetaRow } from './rows';

export const INITIAL_SYNC_META: SyncMetaRow = {
  key: 'sync',
  cursor: 0,
  lastMutationSeq: 0,
  schemaVersion: SYNC_SCHEMA_VERSION,
  resetGen: 0,
  resetting: false,
};

/** A client id the server accepts: 22 url-safe characters of randomness. */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The sync bookkeeping in the `meta` table: one row per key. Reads and writes join the
 * caller's transaction when there is one.
 */
export class MetaRepository {
  constructor(private readonly db: AttainDatabase) {}

  async get<K extends MetaKey>(key: K): Promise<MetaOf<K> | undefined> {
    return (await this.db.meta.get(key)) as MetaOf<K> | undefined;
  }

  async put<K extends MetaKey>(row: MetaOf<K>): Promise<void> {
    await this.db.meta.put(row);
  }

  async delete(key: MetaKey): Promise<void> {
    await this.db.meta.delete(key);
  }

  /** This installation's client id, created on first use. */
  async clientId(): Promise<string> {
    return this.db.transaction('rw', this.db.meta, async () => {
      const row = await this.get('client');
      if (row) return row.clientId;
      const clientId = newClientId();
      await this.put({ key: 'client', clientId, createdAt: new Date().toISOString() });
      return clientId;
    });
  }

  async sync(): Promise<SyncMetaRow> {
    return (await this.get('sync')) ?? INITIAL_SYNC_META;
  }

  /**
   * Hands out the next mutation seq. Call it inside the transaction that adds the outbox row
   * (its scope must include `meta` and `outbox`).
   */
  async allocateSeq(): Promise<number> {
    const [seqRow, syncRow, top] = await Promise.all([
      this.get('seq'),
      this.get('sync'),
      this.db.outbox.orderBy('seq').last(),
    ]);
    // Never at or below a seq already used, even if the seq row was lost.
    const last = Math.max(seqRow?.lastAllocated ?? 0, syncRow?.lastMutationSeq ?? 0, top?.seq ?? 0);
    const seq = last + 1;
    await this.put({ key: 'seq', lastAllocated: seq });
    return seq;
  }
}
