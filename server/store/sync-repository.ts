import { sql } from 'kysely';
import type { Rejection } from '../../lib/domain';
import type { Db, DialectKind } from './db';

export interface SyncClientRecord {
  lastMutationSeq: number;
  resetThrough: number;
}

/** Creates the client's row if needed; true when it was created now. */
export async function ensureSyncClient(
  trx: Db,
  userId: string,
  clientId: string,
  now: string,
): Promise<boolean> {
  const result = await trx
    .insertInto('sync_clients')
    .values({
      user_id: userId,
      client_id: clientId,
      last_mutation_seq: 0,
      reset_through: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Reads the client's row; on PostgreSQL locks it (SELECT … FOR UPDATE) so concurrent pushes
 * of one client run one after the other. (SQLite writes are serialized anyway.)
 */
export async function getSyncClient(
  trx: Db,
  userId: string,
  clientId: string,
  lock?: DialectKind,
): Promise<SyncClientRecord | null> {
  let q = trx
    .selectFrom('sync_clients')
    .select(['last_mutation_seq', 'reset_through'])
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId);
  if (lock === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row
    ? { lastMutationSeq: Number(row.last_mutation_seq), resetThrough: Number(row.reset_through) }
    : null;
}

export async function setLastMutationSeq(
  trx: Db,
  userId: string,
  clientId: string,
  seq: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('sync_clients')
    .set({ last_mutation_seq: seq, updated_at: now })
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .execute();
}

export async function setResetThrough(
  trx: Db,
  userId: string,
  clientId: string,
  seq: number,
): Promise<void> {
  await trx
    .updateTable('sync_clients')
    .set({
      reset_through: sql<number>`case when reset_through > ${seq} then reset_through else ${seq} end`,
    })
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .execute();
}

export async function recordRejections(
  trx: Db,
  userId: string,
  clientId: string,
  rejections: readonly Rejection[],
  now: string,
): Promise<void> {
  if (rejections.length === 0) return;
  await trx
    .insertInto('sync_rejections')
    .values(
      rejections.map((r) => ({
        user_id: userId,
        client_id: clientId,
        seq: r.seq,
        name: r.name,
        code: r.code,
        message: r.message,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'client_id', 'seq']).doNothing())
    .execute();
}

export const MAX_REJECTIONS_PER_PULL = 500;

export async function rejectionsAfter(
  trx: Db,
  userId: string,
  clientId: string,
  afterSeq: number,
): Promise<Rejection[]> {
  const rows = await trx
    .selectFrom('sync_rejections')
    .select(['seq', 'name', 'code', 'message'])
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(MAX_REJECTIONS_PER_PULL)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), name: r.name, code: r.code, message: r.message }));
}
