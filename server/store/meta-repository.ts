import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** Cursors carry the database's epoch in their high bits; see server/sync/cursor.ts. */
export const EPOCH_BITS = 17;
export const MAX_EPOCH = 2 ** EPOCH_BITS - 1;

export async function getMeta(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function newEpoch(): number {
  return randomInt(1, MAX_EPOCH + 1);
}

/** Gives a new database its random epoch (1 … 2^17−1); keeps the one it has. */
export async function ensureEpoch(db: Db): Promise<number> {
  await db
    .insertInto('meta')
    .values({ key: 'epoch', value: String(newEpoch()) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return Number(await getMeta(db, 'epoch'));
}
