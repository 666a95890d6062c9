import { sql } from 'kysely';
import { RESET_ENTITY } from '../store/change-log';
import type { Store } from '../store/db';
import { getMeta, setMeta } from '../store/meta-repository';

export interface CompactionResult {
  superseded: number;
  tombstones: number;
  compactedThrough: number;
}

/**
 * Shrinks the change log without changing what any pull returns:
 * 1. A row is dropped when a later row names the same entity for the same audience: the
 *    later one makes every client that needed the earlier one re-read the entity anyway.
 *    No cursor is invalidated by this.
 * 2. Tombstones and resync markers older than `retentionDays` are dropped, and the highest
 *    seq dropped becomes `compacted_through`: a cursor below it gets a full resync, since it
 *    may have missed a deletion.
 */
export async function compactChangeLog(
  store: Store,
  options: { retentionDays: number; now: Date },
): Promise<CompactionResult> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 86_400_000).toISOString();
  return store.write(async (trx) => {
    const superseded = await sql`
      delete from change_log
      where exists (
        select 1 from change_log later
        where later.entity = change_log.entity
          and later.entity_id = change_log.entity_id
          and later.audience = change_log.audience
          and later.seq > change_log.seq
      )`.execute(trx);
    const old = trx
      .selectFrom('change_log')
      .where((eb) => eb.or([eb('op', '=', 'del'), eb('entity', '=', RESET_ENTITY)]))
      .where('created_at', '<', cutoff);
    const top = await old.select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
    const maxDropped = Number(top?.max ?? 0);
    let tombstones = 0;
    if (maxDropped > 0) {
      const result = await trx
        .deleteFrom('change_log')
        .where((eb) => eb.or([eb('op', '=', 'del'), eb('entity', '=', RESET_ENTITY)]))
        .where('created_at', '<', cutoff)
        .executeTakeFirst();
      tombstones = Number(result.numDeletedRows);
    }
    const previous = Number((await getMeta(trx, 'compacted_through')) ?? 0);
    const compactedThrough = Math.max(previous, maxDropped);
    if (compactedThrough !== previous)
      await setMeta(trx, 'compacted_through', String(compactedThrough));
    return { superseded: Number(superseded.numAffectedRows ?? 0), tombstones, compactedThrough };
  });
}
