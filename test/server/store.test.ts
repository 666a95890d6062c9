import { describe, expect, it } from 'vitest';
import { appendChanges } from '../../server/store/change-log';
import { CoalescingBarrier } from '../../server/store/coalescing-barrier';
import { ensureEpoch, getMeta } from '../../server/store/meta-repository';
import { storeFactories } from './support/stores';

const factories = await storeFactories();
const NOW = '2026-05-15T10:00:00.000Z';
const change = (id: string) => ({
  entity: 'deal' as const,
  entityId: id,
  op: 'put' as const,
  audiences: ['all'],
  version: 1,
});

describe.each(factories)('store on $name', (factory) => {
  it.skipIf(!factory.available)(
    'the change-log horizon never passes a change that is not committed yet',
    async () => {
      const opened = await factory.open();
      const { store } = opened;
      try {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let inserted!: () => void;
        const insertedA = new Promise<void>((r) => (inserted = r));
        // A takes its seq first and commits last.
        const slow = store.write(async (trx) => {
          await appendChanges(trx, NOW, [change('A')]);
          inserted();
          await gate;
        });
        await insertedA;
        const fast = store.write((trx) => appendChanges(trx, NOW, [change('B')]));
        if (store.kind === 'postgres') await fast; // SQLite serializes writers: B waits for A
        const read = store.readChanges(async (trx, horizon) => {
          const rows = await trx
            .selectFrom('change_log')
            .select(['seq', 'entity_id'])
            .where('seq', '<=', horizon)
            .execute();
          return { horizon, ids: rows.map((r) => r.entity_id) };
        });
        await new Promise((r) => setTimeout(r, 150));
        release();
        await Promise.all([slow, fast]);
        const { ids } = await read;
        // Whatever the horizon, a reader that saw B also saw A (which has the smaller seq).
        if (ids.includes('B')) expect(ids).toContain('A');
        const seqs = await store.db
          .selectFrom('change_log')
          .select(['seq', 'entity_id'])
          .where('entity_id', 'in', ['A', 'B'])
          .execute();
        const seqOf = (id: string) => Number(seqs.find((r) => r.entity_id === id)!.seq);
        expect(seqOf('A')).toBeLessThan(seqOf('B'));
      } finally {
        await opened.dispose();
      }
    },
  );

  it.skipIf(!factory.available)(
    'migrations and the epoch survive reopening; default settings exist once',
    async () => {
      const opened = await factory.open();
      try {
        const epoch = await ensureEpoch(opened.store.db);
        expect(epoch).toBeGreaterThan(0);
        expect(epoch).toBeLessThan(2 ** 17);
        expect(await getMeta(opened.store.db, 'epoch')).toBe(String(epoch));
        const settings = await opened.store.db
          .selectFrom('change_log')
          .select('seq')
          .where('entity', '=', 'settings')
          .execute();
        expect(settings).toHaveLength(1);
      } finally {
        await opened.dispose();
      }
    },
  );
});

describe('CoalescingBarrier', () => {
  it('shares one run among callers that arrive before it starts, never a run that started earlier', async () => {
    let runs = 0;
    let release: (() => void) | null = null;
    const barrier = new CoalescingBarrier(async () => {
      runs++;
      const n = runs;
      await new Promise<void>((r) => (release = r));
      return n;
    });
    const a = barrier.run();
    const b = barrier.run();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(1);
    const c = barrier.run(); // the first run has started: c waits for the next one
    const d = barrier.run();
    release!();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release!();
    expect(await c).toBe(2);
    expect(await d).toBe(2);
  });

  it('a failed run rejects its callers and the next run still happens', async () => {
    let fail = true;
    const barrier = new CoalescingBarrier(async () => {
      if (fail) throw new Error('boom');
      return 7;
    });
    await expect(barrier.run()).rejects.toThrow('boom');
    fail = false;
    expect(await barrier.run()).toBe(7);
  });
});
