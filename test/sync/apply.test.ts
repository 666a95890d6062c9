import { beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository, type AttainDatabase } from '../../lib/db';
import type { Annotation, Change, PullResponse } from '../../lib/domain';
import { applyPullPage, applyPushResponse, renumberOutbox, validatePullPage } from '../../lib/sync';
import { manager, openTestDb, signInLocally, steppingClock } from '../db/helpers';

let db: AttainDatabase;
const NOW = '2026-03-02T10:00:00.000Z';

beforeEach(async () => {
  db = openTestDb();
  await signInLocally(db, manager);
});

const note = (id: string, fields: Partial<Annotation> = {}): Annotation => ({
  id,
  dealId: 'd-1',
  authorId: manager.id,
  body: `body of ${id}`,
  visibility: 'shared',
  resolved: false,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  version: 1,
  ...fields,
});

const put = (entity: Change['entity'], id: string, value: unknown, version = 1): Change => ({
  entity,
  op: 'put',
  id,
  value,
  version,
});

function page(fields: Partial<PullResponse>): PullResponse {
  return { cursor: 10, lastMutationSeq: 0, changes: [], hasMore: false, rejections: [], ...fields };
}

async function cursor() {
  const row = await db.meta.get('sync');
  return row?.key === 'sync' ? row.cursor : 0;
}

describe('applying a pull page', () => {
  it('stores entities with their index fields and moves the cursor in the same transaction', async () => {
    const deal = {
      id: 'd-1',
      name: 'Deal',
      amount: 10,
      currency: 'USD',
      stage: 'Open',
      isClosed: false,
      isWon: false,
      closeDate: '2026-04-01',
      createdDate: '2026-01-01',
      ownerId: 'u-rep',
      crmId: '006A',
      splits: [
        { repId: 'u-rep', percent: 50 },
        { repId: 'u-other', percent: 50 },
      ],
    };
    const result = await applyPullPage(
      db,
      page({
        changes: [put('deal', 'd-1', deal), put('annotation', 'n-1', note('n-1'))],
        cursor: 7,
      }),
      0,
      NOW,
      1,
    );
    expect(result).toMatchObject({ applied: true, invalid: 0 });
    expect([...result.entities].sort()).toEqual(['annotation', 'deal']);
    expect(await db.deals.get('d-1')).toMatchObject({
      ownerId: 'u-rep',
      crmId: '006A',
      repIds: ['u-rep', 'u-other'],
    });
    expect(await db.annotations.get('n-1')).toMatchObject({
      dealId: 'd-1',
      server: { version: 1 },
    });
    expect(await cursor()).toBe(7);
  });

  it('skips a value that fails validation, and applies nothing from a page whose cursor is stale', async () => {
    const logs: string[] = [];
    const result = await applyPullPage(
      db,
      page({
        changes: [put('annotation', 'bad', { id: 'bad' }), put('annotation', 'n-2', note('n-2'))],
      }),
      0,
      NOW,
      1,
      (m) => logs.push(m),
    );
    expect(result.invalid).toBe(1);
    expect(logs[0]).toMatch(/skipped annotation "bad"/);
    expect(await db.annotations.get('bad')).toBeUndefined();
    const stale = await applyPullPage(
      db,
      page({ changes: [put('annotation', 'n-3', note('n-3'))], cursor: 20 }),
      0,
      NOW,
      1,
    );
    expect(stale.applied).toBe(false);
    expect(await db.annotations.get('n-3')).toBeUndefined();
    expect(await cursor()).toBe(10);
  });

  it('never overwrites pending changes: they are replayed on the new server value', async () => {
    await applyPullPage(db, page({ changes: [put('annotation', 'n-1', note('n-1'))] }), 0, NOW, 1);
    const repo = new AnnotationRepository(db, { now: steppingClock() });
    await repo.edit({ id: 'n-1', body: 'my pending edit' });
    // Someone resolved the thread meanwhile.
    await applyPullPage(
      db,
      page({
        cursor: 11,
        changes: [put('annotation', 'n-1', note('n-1', { resolved: true, version: 2 }), 2)],
      }),
      10,
      NOW,
      1,
    );
    const row = await db.annotations.get('n-1');
    expect(row?.server?.value).toMatchObject({ resolved: true, version: 2, body: 'body of n-1' });
    expect(row?.value).toMatchObject({ resolved: true, body: 'my pending edit', version: 3 });
    expect((await repo.get('n-1'))?.pending).toBe(true);
  });

  it('drops acknowledged rows first, keeping the rejected ones for the user, then applies changes', async () => {
    const repo = new AnnotationRepository(db, { now: steppingClock(), newId: () => 'n-new' });
    await repo.createNote({ dealId: 'd-1', body: 'refused' });
    await repo.createNote({ dealId: 'd-1', body: 'accepted', id: 'n-ok' });
    const result = await applyPullPage(
      db,
      page({
        lastMutationSeq: 2,
        rejections: [
          { seq: 1, name: 'annotation.create', code: 'forbidden', message: 'Not your deal.' },
        ],
        changes: [put('annotation', 'n-ok', note('n-ok', { body: 'accepted' }))],
      }),
      0,
      NOW,
      1,
    );
    expect(result).toMatchObject({ acknowledged: 2, rejected: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.get('n-new')).toBeUndefined();
    expect((await db.annotations.get('n-ok'))?.value?.body).toBe('accepted');
    expect(await db.rejections.toArray()).toEqual([
      expect.objectContaining({
        seq: 1,
        code: 'forbidden',
        message: 'Not your deal.',
        args: expect.objectContaining({ body: 'refused' }),
      }),
    ]);
  });

  it('several changes of one entity in a page end as applying them in order would', async () => {
    const team = (name: string) => ({ id: 't', name });
    await applyPullPage(
      db,
      page({
        changes: [put('team', 'gone', team('x')), put('annotation', 'n-del', note('n-del'))],
      }),
      0,
      NOW,
      1,
    );
    const logs: string[] = [];
    const del = (entity: Change['entity'], id: string): Change => ({
      entity,
      op: 'del',
      id,
      value: null,
      version: 2,
    });
    const result = await applyPullPage(
      db,
      page({
        cursor: 11,
        changes: [
          put('team', 'two-puts', team('first')),
          put('team', 'two-puts', team('second'), 2),
          put('team', 'gone', team('y'), 2),
          del('team', 'gone'),
          del('team', 'back'),
          put('team', 'back', team('again'), 3),
          // A later value that fails validation leaves the earlier one standing.
          put('annotation', 'n-valid', note('n-valid', { body: 'kept' })),
          put('annotation', 'n-valid', { id: 'n-valid' }, 2),
          put('annotation', 'n-del', note('n-del', { body: 'edited' }), 2),
          del('annotation', 'n-del'),
        ],
      }),
      10,
      NOW,
      1,
      (m) => logs.push(m),
    );
    expect(result).toMatchObject({ applied: true, invalid: 1 });
    expect(logs).toHaveLength(1);
    expect(await db.teams.get('two-puts')).toMatchObject({ version: 2, value: team('second') });
    expect(await db.teams.get('gone')).toBeUndefined();
    expect(await db.teams.get('back')).toMatchObject({ version: 3, value: team('again') });
    expect(await db.annotations.get('n-valid')).toMatchObject({
      dealId: 'd-1',
      value: { body: 'kept' },
      server: { version: 1 },
    });
    expect(await db.annotations.get('n-del')).toBeUndefined();
  });

  it('stores a large page whole, pending changes replayed on the notes that have them', async () => {
    const deal = (i: number) => ({
      id: `d-${i}`,
      name: `Deal ${i}`,
      amount: i,
      currency: 'USD',
      stage: 'Open',
      isClosed: false,
      isWon: false,
      closeDate: '2026-04-01',
      createdDate: '2026-01-01',
      ownerId: `u-${i % 3}`,
      crmId: `006${i}`,
    });
    await applyPullPage(db, page({ changes: [put('annotation', 'n-7', note('n-7'))] }), 0, NOW, 1);
    await new AnnotationRepository(db, { now: steppingClock() }).edit({
      id: 'n-7',
      body: 'pending',
    });
    const changes = [
      ...Array.from({ length: 1500 }, (_, i) => put('deal', `d-${i}`, deal(i))),
      ...Array.from({ length: 300 }, (_, i) =>
        put('annotation', `n-${i}`, note(`n-${i}`, { dealId: `d-${i}`, version: 2 }), 2),
      ),
    ];
    const result = await applyPullPage(db, page({ cursor: 11, changes }), 10, NOW, 1);
    expect(result).toMatchObject({ applied: true, invalid: 0 });
    expect(await db.deals.count()).toBe(1500);
    expect(await db.annotations.count()).toBe(300);
    expect(await db.deals.where('ownerId').equals('u-1').count()).toBe(500);
    expect(await db.deals.where('repIds').equals('u-2').count()).toBe(500);
    expect(await db.annotations.where('dealId').equals('d-299').count()).toBe(1);
    const pending = await db.annotations.get('n-7');
    expect(pending?.server?.version).toBe(2);
    expect(pending?.value).toMatchObject({ body: 'pending', dealId: 'd-7', version: 3 });
    expect((await db.annotations.get('n-8'))?.value).toMatchObject({ body: 'body of n-8' });
  });

  it('a full resync sweeps what it did not confirm, but keeps entities with pending changes', async () => {
    await applyPullPage(
      db,
      page({
        changes: [
          put('annotation', 'n-gone', note('n-gone')),
          put('annotation', 'n-kept', note('n-kept')),
          put('team', 't-1', { id: 't-1', name: 'One' }),
        ],
      }),
      0,
      NOW,
      1,
    );
    await new AnnotationRepository(db, { now: steppingClock() }).edit({
      id: 'n-kept',
      body: 'pending',
    });
    await applyPullPage(
      db,
      page({
        reset: true,
        hasMore: true,
        cursor: 20,
        changes: [put('team', 't-1', { id: 't-1', name: 'One' })],
      }),
      10,
      NOW,
      1,
    );
    // Mid-resync nothing is swept yet: the user keeps seeing data.
    expect(await db.annotations.get('n-gone')).toBeDefined();
    expect((await db.meta.get('sync')) as { resetting: boolean }).toMatchObject({
      resetting: true,
    });
    await applyPullPage(db, page({ cursor: 30 }), 20, NOW, 1);
    expect(await db.annotations.get('n-gone')).toBeUndefined();
    expect(await db.teams.get('t-1')).toBeDefined();
    const kept = await db.annotations.get('n-kept');
    expect(kept?.server).toBeNull();
    expect(kept?.value?.body).toBe('pending');
    expect((await db.meta.get('sync')) as { resetting: boolean }).toMatchObject({
      resetting: false,
    });
  });
  it('a first sync (a resync into empty tables) keeps every row it wrote, across pages', async () => {
    const team = (id: string) => put('team', id, { id, name: id });
    await applyPullPage(
      db,
      page({ reset: true, hasMore: true, cursor: 20, changes: [team('t-1')] }),
      0,
      NOW,
      1,
    );
    const midway = (await db.meta.get('sync')) as { freshTables?: string[]; resetting: boolean };
    expect(midway.resetting).toBe(true);
    expect(midway.freshTables).toEqual(expect.arrayContaining(['teams', 'deals', 'users']));
    // The sign-in wrote `me`, and notes are local rows: those tables are swept as before.
    expect(midway.freshTables).not.toContain('me');
    expect(midway.freshTables).not.toContain('annotations');
    await applyPullPage(
      db,
      page({
        hasMore: false,
        cursor: 30,
        changes: [team('t-2'), put('annotation', 'n-1', note('n-1'))],
      }),
      20,
      NOW,
      1,
    );
    expect((await db.teams.toArray()).map((t) => t.id).sort()).toEqual(['t-1', 't-2']);
    expect(await db.annotations.get('n-1')).toBeDefined();
    const done = (await db.meta.get('sync')) as { freshTables?: string[]; resetting: boolean };
    expect(done).toMatchObject({ resetting: false });
    expect(done.freshTables).toBeUndefined();
  });
});

describe('a pull page validated ahead', () => {
  it('validatePullPage touches nothing; applying it is applying the page, and a stale one logs nothing', async () => {
    const logs: string[] = [];
    const validated = validatePullPage(
      page({
        cursor: 7,
        changes: [
          put('annotation', 'bad', { id: 'bad' }),
          put('annotation', 'n-1', note('n-1', { body: 'first' })),
          put('annotation', 'n-1', note('n-1', { body: 'last' })),
        ],
      }),
    );
    expect(validated.invalid.map((i) => i.change.id)).toEqual(['bad']);
    expect([...validated.entities]).toEqual(['annotation']);
    expect(await db.annotations.count()).toBe(0);
    // Asked with another cursor than the stored one: nothing applied, nothing logged.
    const stale = await applyPullPage(db, validated, 3, NOW, 1, (m) => logs.push(m));
    expect(stale).toMatchObject({ applied: false, invalid: 0 });
    expect(logs).toEqual([]);
    const result = await applyPullPage(db, validated, 0, NOW, 1, (m) => logs.push(m));
    expect(result).toMatchObject({ applied: true, invalid: 1 });
    expect(logs).toEqual([expect.stringMatching(/skipped annotation "bad"/)]);
    expect((await db.annotations.get('n-1'))?.value?.body).toBe('last');
    expect(await cursor()).toBe(7);
  });
});

describe('applying a push answer', () => {
  it('applied rows leave, rejected rows move to rejections, duplicates wait for the pull', async () => {
    const repo = new AnnotationRepository(db, { now: steppingClock() });
    await repo.createNote({ dealId: 'd-1', body: 'a', id: 'n-a' });
    await repo.createNote({ dealId: 'd-1', body: 'b', id: 'n-b' });
    await repo.createNote({ dealId: 'd-1', body: 'c', id: 'n-c' });
    const result = await applyPushResponse(
      db,
      {
        lastMutationSeq: 3,
        results: [
          { seq: 1, status: 'applied' },
          {
            seq: 2,
            status: 'rejected',
            error: { code: 'not_found', message: 'Deal "d-1" was not found.' },
          },
          { seq: 3, status: 'duplicate' },
        ],
      },
      NOW,
    );
    expect(result).toEqual({ applied: 1, rejected: 1, duplicates: 1 });
    expect((await db.outbox.toArray()).map((o) => o.seq)).toEqual([3]);
    expect((await db.annotations.get('n-a'))?.value?.body).toBe('a'); // until the pull brings it
    expect(await db.annotations.get('n-b')).toBeUndefined();
    expect((await db.rejections.toArray()).map((r) => r.seq)).toEqual([2]);
    expect((await db.meta.get('sync')) as { lastMutationSeq: number }).toMatchObject({
      lastMutationSeq: 3,
    });
  });

  it('renumbers the queue after the server’s last seq, in order', async () => {
    const repo = new AnnotationRepository(db, { now: steppingClock() });
    await db.meta.put({ key: 'seq', lastAllocated: 40 });
    await repo.createNote({ dealId: 'd-1', body: 'a', id: 'n-a' });
    await repo.createNote({ dealId: 'd-1', body: 'b', id: 'n-b' });
    expect(await renumberOutbox(db, 5)).toBe(2);
    expect((await db.outbox.toArray()).map((o) => [o.seq, o.entityId])).toEqual([
      [6, 'n-a'],
      [7, 'n-b'],
    ]);
    expect(await db.meta.get('seq')).toMatchObject({ lastAllocated: 7 });
    expect((await repo.createNote({ dealId: 'd-1', body: 'c' })).seq).toBe(8);
  });
});
