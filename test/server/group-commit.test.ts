import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Db, type Store } from '../../server/store/db';
import { GroupCommitter } from '../../server/store/group-commit';
import { getMeta, setMeta } from '../../server/store/meta-repository';

/** Group commit on a real SQLite connection (server/store/group-commit.ts). */

let store: Store;

afterEach(async () => {
  await store?.close();
});

async function open(): Promise<{
  committer: GroupCommitter;
  transactions: () => number;
  failNextCommit: () => void;
}> {
  store = await openSqliteStore({ file: ':memory:' });
  let count = 0;
  let failCommit = false;
  const committer = new GroupCommitter(async (body) => {
    count += 1;
    await store.db.transaction().execute(async (trx) => {
      await body(trx);
      if (failCommit) {
        failCommit = false;
        throw new Error('commit failed');
      }
    });
  }, 8);
  return {
    committer,
    transactions: () => count,
    failNextCommit: () => {
      failCommit = true;
    },
  };
}

const put = (key: string) => async (trx: Db) => {
  await setMeta(trx, key, 'v');
  return key;
};

describe('GroupCommitter', () => {
  it('applies writes that queue up behind a transaction together, in order, each with its own result', async () => {
    const { committer, transactions } = await open();
    const keys = Array.from({ length: 17 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const order: string[] = [];
    const results = await Promise.all(
      keys.map((key) =>
        committer.write(async (trx) => {
          order.push(key);
          return put(key)(trx);
        }),
      ),
    );
    expect(results).toEqual(keys);
    expect(order).toEqual(keys);
    // The first runs alone; the 16 that queued behind it go in batches of at most 8.
    expect(transactions()).toBe(3);
    for (const key of keys) expect(await getMeta(store.db, key)).toBe('v');
  });

  it('rolls back and rejects only the write that threw; the others in its batch commit', async () => {
    const { committer, transactions } = await open();
    const first = committer.write(put('a'));
    const batch = [
      committer.write(put('b')),
      committer.write(async (trx) => {
        await setMeta(trx, 'c', 'half-done');
        throw new Error('rule broken');
      }),
      committer.write(put('d')),
    ];
    const settled = await Promise.allSettled([first, ...batch]);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Error('rule broken'));
    expect(transactions()).toBe(2);
    expect(await getMeta(store.db, 'b')).toBe('v');
    expect(await getMeta(store.db, 'c')).toBeNull();
    expect(await getMeta(store.db, 'd')).toBe('v');
  });

  it('answers no write before its commit: a failed commit rejects the whole batch and applies none', async () => {
    const { committer, failNextCommit } = await open();
    const first = committer.write(put('a'));
    const b = committer.write(put('b'));
    const c = committer.write(put('c'));
    await first;
    failNextCommit();
    const settled = await Promise.allSettled([b, c]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await getMeta(store.db, 'b')).toBeNull();
    expect(await getMeta(store.db, 'c')).toBeNull();
    // The committer carries on with the next writes.
    await expect(committer.write(put('e'))).resolves.toBe('e');
    expect(await getMeta(store.db, 'e')).toBe('v');
  });

  it('a write alone in its transaction is rolled back whole when it throws', async () => {
    const { committer } = await open();
    await expect(
      committer.write(async (trx) => {
        await setMeta(trx, 'x', 'v');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await getMeta(store.db, 'x')).toBeNull();
  });

  it("the SQLite store's own writes go through it: concurrent writes all land", async () => {
    await open();
    const keys = Array.from({ length: 50 }, (_, i) => `s${i}`);
    await Promise.all(keys.map((key) => store.write(put(key))));
    for (const key of keys) expect(await getMeta(store.db, key)).toBe('v');
  });
});
