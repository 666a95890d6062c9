import type { DBCore, Middleware } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository, StorageFullError, type AttainDatabase } from '../../lib/db';
import { manager, openTestDb, signInLocally } from './helpers';

/** Makes writes to `table` fail as a full disk does, while `failing` is true. */
function quotaOn(table: string, state: { failing: boolean }): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'quota-exceeded',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) =>
            state.failing && name === table
              ? Promise.reject(
                  new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
                )
              : t.mutate(req),
        };
      },
    }),
  };
}

let db: AttainDatabase;
const state = { failing: false };

beforeEach(async () => {
  db = openTestDb();
  db.use(quotaOn('outbox', state));
  state.failing = false;
  await signInLocally(db, manager);
});

describe('a full disk', () => {
  it('surfaces as StorageFullError and leaves nothing half-written', async () => {
    const repo = new AnnotationRepository(db);
    state.failing = true;
    const error = await repo.createNote({ dealId: 'd-1', body: 'will not fit' }).catch((e) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error.message).toMatch(/no room left/);
    // The note was written first in the transaction, then the outbox row failed: both gone.
    expect(await db.annotations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.meta.get('seq')).toBeUndefined();

    state.failing = false;
    const ok = await repo.createNote({ dealId: 'd-1', body: 'fits now' });
    expect(ok.seq).toBe(1);
    expect(await db.annotations.count()).toBe(1);
  });
});
