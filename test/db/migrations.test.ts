import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AttainDatabase, declareSchema, LATEST_SCHEMA_VERSION } from '../../lib/db';
import type { Deal } from '../../lib/domain';

const deal: Deal = {
  id: 'd-split',
  name: 'Split deal',
  amount: 2000,
  currency: 'USD',
  stage: 'Negotiation',
  isClosed: false,
  isWon: false,
  closeDate: '2026-03-30',
  createdDate: '2026-01-05',
  ownerId: 'u-owner',
  crmId: '006A000000splitAAA',
  splits: [
    { repId: 'u-owner', percent: 60 },
    { repId: 'u-partner', percent: 40 },
  ],
};

describe('schema upgrades', () => {
  it('the latest version is 2', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(2);
  });

  it('upgrades a database written by version 1 without losing queued changes', async () => {
    const indexedDB = new IDBFactory();
    // What version 1 of the extension wrote.
    const v1 = new Dexie('attain', { indexedDB, IDBKeyRange });
    declareSchema(v1, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table('deals').put({
      id: deal.id,
      version: 4,
      value: deal,
      gen: 1,
      ownerId: deal.ownerId,
      crmId: deal.crmId,
    });
    await v1.table('outbox').add({
      seq: 7,
      name: 'annotation.create',
      args: { id: 'n-1', dealId: deal.id, body: 'offline note', visibility: 'shared' },
      entity: 'annotation',
      entityId: 'n-1',
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    await v1.table('meta').put({
      key: 'sync',
      cursor: 42,
      lastMutationSeq: 6,
      schemaVersion: 1,
      resetGen: 1,
      resetting: false,
    });
    expect(v1.tables.map((t) => t.name)).not.toContain('queryCache');
    v1.close();

    // Version 2 opens it.
    const db = new AttainDatabase('attain', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(2);
    const row = await db.deals.get(deal.id);
    expect(row?.repIds).toEqual(['u-owner', 'u-partner']);
    expect((await db.deals.where('repIds').equals('u-partner').toArray()).map((r) => r.id)).toEqual(
      [deal.id],
    );
    expect((await db.outbox.toArray()).map((o) => o.seq)).toEqual([7]);
    expect(await db.meta.get('sync')).toMatchObject({ cursor: 42, lastMutationSeq: 6 });
    await db.queryCache.put({
      key: 'k',
      data: 1,
      fetchedAt: '2026-03-01T00:00:00.000Z',
      userId: 'u',
    });
    expect(await db.queryCache.count()).toBe(1);
    db.close();
  });

  it('a fresh install opens at the latest version directly', async () => {
    const db = new AttainDatabase('fresh', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toContain('queryCache');
    db.close();
  });
});
