import type { AttainDatabase } from './database';
import { guardStorage } from './errors';
import type { QueryCacheRow } from './rows';

/**
 * Server-only reads (team overview, eNPS results) kept so they show offline, with the time
 * they were fetched. Entries of another user are never returned.
 */
export class QueryCacheRepository {
  constructor(private readonly db: AttainDatabase) {}

  async get(key: string, userId: string): Promise<QueryCacheRow | undefined> {
    const row = await this.db.queryCache.get(key);
    return row && row.userId === userId ? row : undefined;
  }

  async put(row: QueryCacheRow): Promise<void> {
    await guardStorage(() => this.db.queryCache.put(row));
  }

  /** Drops entries older than `maxAgeMs` (they would mislead more than help). */
  async prune(maxAgeMs: number, now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - maxAgeMs).toISOString();
    return this.db.queryCache.filter((r) => r.fetchedAt < cutoff).delete();
  }
}
