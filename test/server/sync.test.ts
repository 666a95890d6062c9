import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annotationSchema,
  enpsStatusSchema,
  promptStateSchema,
  type Change,
} from '../../lib/domain';
import { ensureEpoch } from '../../server/store/meta-repository';
import { compactChangeLog } from '../../server/sync/compaction';
import { decodeCursor, encodeCursor } from '../../server/sync/cursor';
import { seedFixture, type Fixture, type FixtureUser } from './support/fixture';
import { startTestServer, type TestServer } from './support/server';
import { storeFactories, type OpenedStore } from './support/stores';
import { key, pullAll, pullPage, push } from './support/sync-client';

const factories = await storeFactories();

const COMMON = [
  'me/me',
  'fxRate/EUR-USD@2026-04-01',
  'settings/settings',
  'plan/plan-a@2026-01-01',
  'survey/pulse',
  'enpsStatus/pulse',
];
const repData = (rep: string) => [`quota/${rep}@2026-04-01`, `planAssignment/${rep}@2026-01-01`];

/** What each fixture user may read (ARCHITECTURE.md's rules applied by hand). */
const EXPECTED: Record<FixtureUser, string[]> = {
  r1: [
    ...COMMON,
    'team/t1',
    'deal/d1',
    'deal/d1open',
    'deal/dsplit',
    'annotation/n1',
    'prompt/p1',
    ...repData('r1'),
  ],
  r2: [...COMMON, 'team/t1', 'deal/d2', 'annotation/n2', ...repData('r2')],
  r3: [...COMMON, 'team/t2', 'deal/d3', 'deal/dsplit', 'annotation/n3', ...repData('r3')],
  m1: [
    ...COMMON,
    'team/t1',
    'user/r1',
    'user/r2',
    'deal/d1',
    'deal/d1open',
    'deal/d2',
    'deal/dsplit',
    'annotation/n1',
    'annotation/n1mgr',
    'annotation/n2',
    'prompt/p1',
    ...repData('r1'),
    ...repData('r2'),
  ],
  m2: [
    ...COMMON,
    'team/t2',
    'user/r3',
    'deal/d3',
    'deal/dsplit',
    'annotation/n3',
    ...repData('r3'),
  ],
  admin: [
    ...COMMON,
    'team/t1',
    'team/t2',
    ...['admin', 'm1', 'm2', 'r1', 'r2', 'r3'].map((u) => `user/${u}`),
    ...['d1', 'd1open', 'd2', 'd3', 'dsplit'].map((d) => `deal/${d}`),
    ...['n1', 'n1mgr', 'n2', 'n3'].map((n) => `annotation/${n}`),
    'prompt/p1',
    ...repData('r1'),
    ...repData('r2'),
    ...repData('r3'),
  ],
};

let clientCounter = 0;
const newClient = () =>
  `client-${Date.now().toString(36)}-${(clientCounter++).toString().padStart(4, '0')}`;

describe.each(factories)('sync on $name', (factory) => {
  let opened: OpenedStore;
  let server: TestServer;
  let fx: Fixture;
  const api = () => server.api;

  beforeAll(async () => {
    if (!factory.available) return;
    opened = await factory.open();
    fx = await seedFixture(opened.store);
    server = await startTestServer(opened.store);
  });
  afterAll(async () => {
    await server?.close();
    await opened?.dispose();
  });

  const note = (id: string, dealId: string, body = `Body of ${id}`) => ({ id, dealId, body });

  it.skipIf(!factory.available)(
    'each user pulls exactly what they may see, and no tombstones',
    async () => {
      for (const who of Object.keys(EXPECTED) as FixtureUser[]) {
        const first = await pullPage(api(), fx.tokens[who], newClient(), 0);
        expect(first.body.reset).toBe(true);
        expect(first.body.changes.filter((c: Change) => c.op === 'del')).toEqual([]);
        const got = [...new Set((first.body.changes as Change[]).map(key))].sort();
        expect(got, who).toEqual([...EXPECTED[who]].sort());
      }
      const me = await pullPage(api(), fx.tokens.r1, newClient(), 0);
      expect(me.body.changes.find((c: Change) => c.entity === 'me').value).toMatchObject({
        id: 'r1',
        role: 'rep',
      });
      const notes = (await pullPage(api(), fx.tokens.m1, newClient(), 0)).body.changes.filter(
        (c: Change) => c.entity === 'annotation',
      );
      for (const n of notes) annotationSchema.parse(n.value);
    },
  );

  it.skipIf(!factory.available)('duplicate pushes are acknowledged and applied once', async () => {
    const client = newClient();
    const batch = [1, 2, 3].map((seq) => ({
      seq,
      name: 'annotation.create',
      args: note(`dup-${seq}`, 'd1'),
    }));
    const first = await push(api(), fx.tokens.r1, client, batch);
    expect(first.body).toEqual({
      lastMutationSeq: 3,
      results: [1, 2, 3].map((seq) => ({ seq, status: 'applied' })),
    });
    const again = await push(api(), fx.tokens.r1, client, [
      ...batch,
      { seq: 4, name: 'annotation.create', args: note('dup-4', 'd1') },
    ]);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'applied',
    ]);
    const rows = await opened.store.db
      .selectFrom('annotations')
      .select('id')
      .where('id', 'like', 'dup-%')
      .execute();
    expect(rows.length).toBe(4);
  });

  it.skipIf(!factory.available)(
    'a gap is a 409 and nothing from the gap on is applied',
    async () => {
      const client = newClient();
      await push(api(), fx.tokens.r1, client, [
        { seq: 1, name: 'prompt.dismiss', args: { promptId: 'x1' } },
      ]);
      const gap = await push(api(), fx.tokens.r1, client, [
        { seq: 2, name: 'annotation.create', args: note('gap-2', 'd1') },
        { seq: 4, name: 'annotation.create', args: note('gap-4', 'd1') },
        { seq: 5, name: 'annotation.create', args: note('gap-5', 'd1') },
      ]);
      expect(gap.status).toBe(409);
      expect(gap.body.error.code).toBe('mutation_gap');
      expect(gap.body.error.details).toMatchObject({
        lastMutationSeq: 2,
        expectedSeq: 3,
        receivedSeq: 4,
      });
      const ids = (
        await opened.store.db
          .selectFrom('annotations')
          .select('id')
          .where('id', 'like', 'gap-%')
          .execute()
      ).map((r) => r.id);
      expect(ids).toEqual(['gap-2']);
      const pulled = await pullPage(api(), fx.tokens.r1, client, 0);
      expect(pulled.body.lastMutationSeq).toBe(2);
    },
  );

  it.skipIf(!factory.available)(
    'a poison mutation is rejected, recorded, and does not block the ones after it',
    async () => {
      const client = newClient();
      const res = await push(api(), fx.tokens.r1, client, [
        { seq: 1, name: 'annotation.create', args: { id: 'p-1', dealId: 'd1', body: '   ' } },
        {
          seq: 2,
          name: 'annotation.create',
          args: { ...note('p-2', 'd1'), visibility: 'managers' },
        },
        { seq: 3, name: 'annotation.create', args: note('p-3', 'd2') },
        { seq: 4, name: 'annotation.create', args: { ...note('p-4', 'd1'), sneaky: true } },
        { seq: 5, name: 'annotation.create', args: note('p-5', 'd1') },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.lastMutationSeq).toBe(5);
      expect(
        res.body.results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
      ).toEqual(['invalid', 'forbidden', 'not_found', 'invalid', 'applied']);
      const ids = (
        await opened.store.db
          .selectFrom('annotations')
          .select('id')
          .where('id', 'like', 'p-%')
          .execute()
      ).map((r) => r.id);
      expect(ids).toEqual(['p-5']);
      const all = await pullPage(api(), fx.tokens.r1, client, 0);
      expect(
        all.body.rejections.map((r: { seq: number; code: string }) => [r.seq, r.code]),
      ).toEqual([
        [1, 'invalid'],
        [2, 'forbidden'],
        [3, 'not_found'],
        [4, 'invalid'],
      ]);
      expect(all.body.rejections[0].name).toBe('annotation.create');
      const later = await api().post(
        '/v1/sync/pull',
        { clientId: client, cursor: 0, schemaVersion: 1, rejectionsAfter: 2 },
        fx.tokens.r1,
      );
      expect(later.body.rejections.map((r: { seq: number }) => r.seq)).toEqual([3, 4]);
      // Rejections belong to the client that pushed: another client sees none.
      expect((await pullPage(api(), fx.tokens.r1, newClient(), 0)).body.rejections).toEqual([]);
    },
  );

  it.skipIf(!factory.available)(
    'a transient error rolls the push back and answers 503 with Retry-After',
    async () => {
      const { store } = opened;
      const failing = {
        ...store,
        write: <T>(fn: (trx: typeof store.db) => Promise<T>) =>
          store.write(async (trx) => {
            await fn(trx);
            throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
          }),
      };
      const broken = await startTestServer(failing, { quiet: true });
      const client = newClient();
      try {
        const res = await push(broken.api, fx.tokens.r1, client, [
          { seq: 1, name: 'annotation.create', args: note('t-1', 'd1') },
        ]);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(res.body.error.code).toBe('unavailable');
      } finally {
        await broken.close();
      }
      expect(
        await store.db
          .selectFrom('annotations')
          .select('id')
          .where('id', '=', 't-1')
          .executeTakeFirst(),
      ).toBeUndefined();
      const retry = await push(api(), fx.tokens.r1, client, [
        { seq: 1, name: 'annotation.create', args: note('t-1', 'd1') },
      ]);
      expect(retry.body.results).toEqual([{ seq: 1, status: 'applied' }]);
    },
  );

  it.skipIf(!factory.available)(
    'concurrent pushes of one client apply each mutation exactly once',
    async () => {
      const client = newClient();
      const batch = Array.from({ length: 12 }, (_, i) => ({
        seq: i + 1,
        name: 'annotation.create',
        args: note(`c-${String(i + 1).padStart(2, '0')}`, 'd1'),
      }));
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, k) =>
          push(api(), fx.tokens.r1, client, batch.slice(0, 6 + k)),
        ),
      );
      for (const r of responses) expect(r.status).toBe(200);
      const applied = responses.flatMap((r) =>
        r.body.results
          .filter((x: { status: string }) => x.status === 'applied')
          .map((x: { seq: number }) => x.seq),
      );
      expect(applied.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      const rows = await opened.store.db
        .selectFrom('annotations')
        .select('id')
        .where('id', 'like', 'c-%')
        .execute();
      expect(rows.length).toBe(11);
      expect((await pullPage(api(), fx.tokens.r1, client, 0)).body.lastMutationSeq).toBe(11);
    },
  );

  it.skipIf(!factory.available)(
    'concurrent writers never make an incremental reader miss a change',
    async () => {
      const reader = newClient();
      let state = await pullAll(api(), fx.tokens.m1, reader);
      let done = false;
      const writers = Array.from({ length: 6 }, async (_, w) => {
        const client = newClient();
        for (let seq = 1; seq <= 8; seq++) {
          const res = await push(api(), fx.tokens[w % 2 === 0 ? 'm1' : 'r1'], client, [
            { seq, name: 'annotation.create', args: note(`race-${w}-${seq}`, 'd1') },
          ]);
          expect(res.status).toBe(200);
        }
      });
      const pulling = (async () => {
        while (!done)
          state = await pullAll(api(), fx.tokens.m1, reader, {
            cursor: state.cursor,
            state: state.entities,
          });
      })();
      await Promise.all(writers);
      done = true;
      await pulling;
      state = await pullAll(api(), fx.tokens.m1, reader, {
        cursor: state.cursor,
        state: state.entities,
      });
      const fresh = await pullAll(api(), fx.tokens.m1, newClient());
      expect([...state.entities.keys()].sort()).toEqual([...fresh.entities.keys()].sort());
      expect(
        [...state.entities.keys()].filter((k) => k.startsWith('annotation/race-')),
      ).toHaveLength(48);
    },
  );

  it.skipIf(!factory.available)(
    'pull pages: limit, hasMore, increasing cursors, same result as one page',
    async () => {
      const one = await pullAll(api(), fx.tokens.m1, newClient(), { limit: 5000 });
      expect(one.pages).toBe(1);
      const client = newClient();
      const paged = await pullAll(api(), fx.tokens.m1, client, { limit: 3 });
      expect(paged.pages).toBeGreaterThan(5);
      expect(paged.resets).toBe(1); // only the first page
      expect([...paged.entities.keys()].sort()).toEqual([...one.entities.keys()].sort());
      for (const [k, change] of one.entities)
        expect(paged.entities.get(k)?.version).toBe(change.version);
      // Caught up: an incremental pull is empty and keeps the cursor.
      const again = await pullPage(api(), fx.tokens.m1, client, paged.cursor);
      expect(again.body).toMatchObject({ changes: [], hasMore: false, cursor: paged.cursor });
      expect(again.body.reset).toBeUndefined();
    },
  );

  it.skipIf(!factory.available)(
    'incremental pulls carry only what changed, and only what the user may see',
    async () => {
      const r1 = newClient();
      const r2 = newClient();
      const s1 = await pullAll(api(), fx.tokens.r1, r1);
      const s2 = await pullAll(api(), fx.tokens.r2, r2);
      const m1 = newClient();
      await push(api(), fx.tokens.m1, m1, [
        { seq: 1, name: 'annotation.create', args: note('inc-r2', 'd2') },
        {
          seq: 2,
          name: 'annotation.create',
          args: { ...note('inc-mgr', 'd1'), visibility: 'managers' },
        },
        { seq: 3, name: 'annotation.create', args: note('inc-r1', 'd1') },
      ]);
      const d1 = await pullPage(api(), fx.tokens.r1, r1, s1.cursor);
      expect(d1.body.changes.map(key)).toEqual(['annotation/inc-r1']);
      const d2 = await pullPage(api(), fx.tokens.r2, r2, s2.cursor);
      expect(d2.body.changes.map(key)).toEqual(['annotation/inc-r2']);
    },
  );

  it.skipIf(!factory.available)(
    'a stale edit is kept as a conflict copy and reported as a rejection',
    async () => {
      const phone = newClient();
      const laptop = newClient();
      await push(api(), fx.tokens.r1, phone, [
        { seq: 1, name: 'annotation.create', args: note('cc', 'd1', 'First text') },
      ]);
      const edit = await push(api(), fx.tokens.r1, phone, [
        { seq: 2, name: 'annotation.edit', args: { id: 'cc', body: 'Phone text', baseVersion: 1 } },
      ]);
      expect(edit.body.results[0].status).toBe('applied');
      const stale = await push(api(), fx.tokens.r1, laptop, [
        {
          seq: 1,
          name: 'annotation.edit',
          args: { id: 'cc', body: 'Laptop text', baseVersion: 1 },
        },
      ]);
      expect(stale.body.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'conflict' },
      });
      expect(stale.body.results[0].error.message).toMatch(/conflict copy/);
      const state = await pullAll(api(), fx.tokens.r1, newClient());
      expect(state.entities.get('annotation/cc')?.value).toMatchObject({
        body: 'Phone text',
        version: 2,
      });
      const copies = [...state.entities.values()].filter(
        (c) => c.entity === 'annotation' && (c.value as { parentId?: string }).parentId === 'cc',
      );
      expect(copies).toHaveLength(1);
      expect(copies[0]!.value).toMatchObject({ body: 'Laptop text', authorId: 'r1', version: 1 });
      expect(stale.body.results[0].error.message).toContain(copies[0]!.id);
      // The manager sees the copy too (shared thread).
      expect(
        (await pullAll(api(), fx.tokens.m1, newClient())).entities.has(
          `annotation/${copies[0]!.id}`,
        ),
      ).toBe(true);
      // Retrying the same text on top of the current version applies.
      const retry = await push(api(), fx.tokens.r1, laptop, [
        {
          seq: 2,
          name: 'annotation.edit',
          args: { id: 'cc', body: 'Laptop text', baseVersion: 2 },
        },
      ]);
      expect(retry.body.results[0].status).toBe('applied');
    },
  );

  it.skipIf(!factory.available)(
    'only the author edits or deletes; others get forbidden or not_found',
    async () => {
      const res = await push(api(), fx.tokens.m1, newClient(), [
        {
          seq: 1,
          name: 'annotation.edit',
          args: { id: 'cc', body: 'Manager rewrite', baseVersion: 3 },
        },
        { seq: 2, name: 'annotation.delete', args: { id: 'cc' } },
      ]);
      expect(res.body.results.map((r: { error: { code: string } }) => r.error.code)).toEqual([
        'forbidden',
        'forbidden',
      ]);
      const other = await push(api(), fx.tokens.r2, newClient(), [
        { seq: 1, name: 'annotation.edit', args: { id: 'cc', body: 'x', baseVersion: 3 } },
        {
          seq: 2,
          name: 'annotation.reply',
          args: { id: 'r2-reply', parentId: 'n1mgr', body: 'x' },
        },
        { seq: 3, name: 'annotation.resolve', args: { id: 'n1', resolved: true, baseVersion: 1 } },
      ]);
      expect(other.body.results.map((r: { error: { code: string } }) => r.error.code)).toEqual([
        'not_found',
        'not_found',
        'not_found',
      ]);
    },
  );

  it.skipIf(!factory.available)(
    'replies, resolve with baseVersion, and deleting a thread sends tombstones',
    async () => {
      const client = newClient();
      const before = await pullAll(api(), fx.tokens.m1, client);
      const rep = await push(api(), fx.tokens.r1, newClient(), [
        { seq: 1, name: 'annotation.reply', args: { id: 'rep-1', parentId: 'n1', body: 'Done' } },
        {
          seq: 2,
          name: 'annotation.reply',
          args: { id: 'rep-2', parentId: 'rep-1', body: 'Flattened' },
        },
        { seq: 3, name: 'annotation.resolve', args: { id: 'n1', resolved: true, baseVersion: 1 } },
        { seq: 4, name: 'annotation.resolve', args: { id: 'n1', resolved: true, baseVersion: 1 } },
        { seq: 5, name: 'annotation.resolve', args: { id: 'n1', resolved: false, baseVersion: 1 } },
      ]);
      expect(
        rep.body.results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
      ).toEqual([
        'applied',
        'applied',
        'applied',
        'applied', // already resolved: nothing to do
        'conflict', // reopening on a stale version
      ]);
      let state = await pullAll(api(), fx.tokens.m1, client, {
        cursor: before.cursor,
        state: before.entities,
      });
      expect(state.entities.get('annotation/rep-2')?.value).toMatchObject({ parentId: 'n1' });
      expect(state.entities.get('annotation/n1')?.value).toMatchObject({
        resolved: true,
        version: 2,
      });
      await push(api(), fx.tokens.m1, newClient(), [
        { seq: 1, name: 'annotation.delete', args: { id: 'n1' } },
      ]);
      const delta = await pullPage(api(), fx.tokens.m1, client, state.cursor);
      const dels = (delta.body.changes as Change[])
        .filter((c) => c.op === 'del')
        .map(key)
        .sort();
      expect(dels).toEqual(['annotation/n1', 'annotation/rep-1', 'annotation/rep-2']);
      state = await pullAll(api(), fx.tokens.r1, newClient());
      expect(state.entities.has('annotation/rep-1')).toBe(false);
    },
  );

  it.skipIf(!factory.available)(
    'prompt states are private to their reader; managers write prompts for their reps only',
    async () => {
      const r1 = newClient();
      const res = await push(api(), fx.tokens.r1, r1, [
        { seq: 1, name: 'prompt.dismiss', args: { promptId: 'p1' } },
        {
          seq: 2,
          name: 'prompt.snooze',
          args: { promptId: 'stale-activity:d1open', until: '2026-05-20T00:00:00Z' },
        },
        { seq: 3, name: 'prompt.snooze', args: { promptId: 'x', until: '2020-01-01T00:00:00Z' } },
        {
          seq: 4,
          name: 'prompt.create',
          args: { id: 'rp', repId: 'r1', severity: 'info', title: 'Self' },
        },
      ]);
      expect(
        res.body.results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
      ).toEqual(['applied', 'applied', 'invalid', 'forbidden']);
      const mine = await pullAll(api(), fx.tokens.r1, newClient());
      expect(promptStateSchema.parse(mine.entities.get('promptState/p1')?.value)).toMatchObject({
        status: 'dismissed',
        userId: 'r1',
      });
      expect(mine.entities.get('promptState/stale-activity:d1open')?.value).toMatchObject({
        status: 'snoozed',
        snoozedUntil: '2026-05-20T00:00:00.000Z',
      });
      for (const who of ['m1', 'admin'] as const) {
        const theirs = await pullAll(api(), fx.tokens[who], newClient());
        expect([...theirs.entities.keys()].filter((k) => k.startsWith('promptState/'))).toEqual([]);
      }
      const mgr = await push(api(), fx.tokens.m1, newClient(), [
        {
          seq: 1,
          name: 'prompt.create',
          args: { id: 'mp1', repId: 'r2', dealId: 'd2', severity: 'risk', title: 'Call them' },
        },
        {
          seq: 2,
          name: 'prompt.create',
          args: { id: 'mp2', repId: 'r3', severity: 'info', title: 'Not my rep' },
        },
        {
          seq: 3,
          name: 'prompt.create',
          args: { id: 'mp3', repId: 'r2', dealId: 'd1', severity: 'info', title: 'Wrong deal' },
        },
        {
          seq: 4,
          name: 'prompt.create',
          args: { id: 'mp1', repId: 'r2', severity: 'info', title: 'Again' },
        },
      ]);
      expect(
        mgr.body.results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
      ).toEqual(['applied', 'not_found', 'not_found', 'conflict']);
      const r2 = await pullAll(api(), fx.tokens.r2, newClient());
      expect(r2.entities.get('prompt/mp1')?.value).toMatchObject({
        ruleId: 'manager',
        authorId: 'm1',
        authorName: 'Manager One',
        severity: 'risk',
      });
    },
  );

  it.skipIf(!factory.available)(
    'eNPS respond: insert-or-ignore, one answer per period, status only to the person',
    async () => {
      const client = newClient();
      const id = crypto.randomUUID();
      const answer = { id, surveyId: 'pulse', periodStart: '2026-04-01', score: 8 };
      const res = await push(api(), fx.tokens.r2, client, [
        { seq: 1, name: 'enps.respond', args: answer },
        { seq: 2, name: 'enps.respond', args: answer }, // the same id again: ignored
        { seq: 3, name: 'enps.respond', args: { ...answer, id: crypto.randomUUID() } },
        {
          seq: 4,
          name: 'enps.respond',
          args: { ...answer, id: crypto.randomUUID(), periodStart: '2026-05-01' },
        },
        {
          seq: 5,
          name: 'enps.respond',
          args: { ...answer, id: crypto.randomUUID(), periodStart: '2026-07-01' },
        },
        {
          seq: 6,
          name: 'enps.respond',
          args: { ...answer, id: crypto.randomUUID(), surveyId: 'nope' },
        },
        {
          seq: 7,
          name: 'enps.respond',
          args: { ...answer, id: crypto.randomUUID(), answers: { q9: 1 } },
        },
        { seq: 8, name: 'enps.snooze', args: { surveyId: 'pulse', until: '2026-06-01T00:00:00Z' } },
      ]);
      expect(
        res.body.results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
      ).toEqual([
        'applied',
        'applied',
        'conflict',
        'invalid',
        'invalid',
        'not_found',
        'invalid',
        'applied',
      ]);
      const responses = await opened.store.db
        .selectFrom('enps_responses')
        .select(['id', 'team_id'])
        .where('id', '=', id)
        .execute();
      expect(responses).toEqual([{ id, team_id: 't1' }]);
      const mine = await pullAll(api(), fx.tokens.r2, newClient());
      expect(enpsStatusSchema.parse(mine.entities.get('enpsStatus/pulse')?.value)).toEqual({
        id: 'pulse',
        surveyId: 'pulse',
        answeredPeriods: ['2026-04-01'],
        snoozedUntil: '2026-06-01T00:00:00.000Z',
      });
      const manager = await pullAll(api(), fx.tokens.m1, newClient());
      expect(manager.entities.get('enpsStatus/pulse')?.value).toMatchObject({
        answeredPeriods: [],
      });
      // No pull ever carries an answer.
      for (const c of manager.entities.values()) expect(JSON.stringify(c.value)).not.toContain(id);
    },
  );

  it.skipIf(!factory.available)(
    'a survey for reps reaches the reps asked and the managers of their teams (for its results), who may not answer it',
    async () => {
      const survey = {
        name: 'Reps only',
        companyName: 'Test Co',
        cadence: 'quarter',
        startsOn: '2026-01-01',
        minGroupSize: 3,
        minCommentGroupSize: 3,
      };
      const created = [
        { ...survey, id: 'reps-pulse', audience: { roles: ['rep'] } },
        { ...survey, id: 't1-reps-pulse', audience: { teamIds: ['t1'], roles: ['rep'] } },
      ];
      for (const body of created) {
        expect((await api().post('/v1/admin/surveys', body, fx.tokens.admin)).status).toBe(201);
      }
      try {
        const readers: Record<string, FixtureUser[]> = {
          'survey/reps-pulse': ['r1', 'r2', 'r3', 'm1', 'm2', 'admin'],
          'survey/t1-reps-pulse': ['r1', 'r2', 'm1', 'admin'],
        };
        for (const who of Object.keys(EXPECTED) as FixtureUser[]) {
          const pulled = await pullAll(api(), fx.tokens[who], newClient());
          for (const [entity, users] of Object.entries(readers)) {
            expect(pulled.entities.has(entity), `${who} ${entity}`).toBe(users.includes(who));
          }
        }
        // Incrementally too: the manager hears about a new one on their next pull.
        const m2 = newClient();
        const before = await pullAll(api(), fx.tokens.m2, m2);
        await api().post(
          '/v1/admin/surveys',
          { ...survey, id: 'reps-pulse-2', audience: { roles: ['rep'] } },
          fx.tokens.admin,
        );
        created.push({ ...survey, id: 'reps-pulse-2', audience: { roles: ['rep'] } });
        const after = await pullPage(api(), fx.tokens.m2, m2, before.cursor);
        expect((after.body.changes as Change[]).map(key)).toContain('survey/reps-pulse-2');
        // Reading it is not being asked: the manager's answer is refused.
        const answer = await push(api(), fx.tokens.m1, newClient(), [
          {
            seq: 1,
            name: 'enps.respond',
            args: {
              id: crypto.randomUUID(),
              surveyId: 'reps-pulse',
              periodStart: '2026-04-01',
              score: 9,
            },
          },
        ]);
        expect(answer.body.results[0]).toMatchObject({
          status: 'rejected',
          error: { code: 'forbidden' },
        });
      } finally {
        for (const { id } of created) {
          await api().delete(`/v1/admin/surveys/${id}`, fx.tokens.admin);
        }
      }
    },
  );

  it.skipIf(!factory.available)(
    'a deal that changes hands: tombstones for who lost it, the deal and its notes for who got it',
    async () => {
      const r1 = newClient();
      const r3 = newClient();
      const m2 = newClient();
      const s1 = await pullAll(api(), fx.tokens.r1, r1);
      const s3 = await pullAll(api(), fx.tokens.r3, r3);
      const sm2 = await pullAll(api(), fx.tokens.m2, m2);
      expect(s3.entities.has('deal/d1open')).toBe(false);
      await push(api(), fx.tokens.m1, newClient(), [
        { seq: 1, name: 'annotation.create', args: note('handover', 'd1open') },
      ]);
      const csv = [
        'crmId,name,amount,currency,stage,isClosed,isWon,closeDate,createdDate,ownerId,probability',
        'CRM-d1open,Deal d1open,20000,USD,Proposal,false,false,2026-06-10,2026-02-01,r3,50',
      ].join('\n');
      const imported = await api().request('POST', '/v1/admin/deals/import', {
        raw: csv,
        contentType: 'text/csv',
        token: fx.tokens.admin,
      });
      expect(imported.body.updated).toBe(1);
      const d1 = await pullPage(api(), fx.tokens.r1, r1, s1.cursor);
      expect((d1.body.changes as Change[]).map((c) => `${c.op} ${key(c)}`).sort()).toEqual([
        'del annotation/handover',
        'del deal/d1open',
      ]);
      const d3 = await pullPage(api(), fx.tokens.r3, r3, s3.cursor);
      expect((d3.body.changes as Change[]).map((c) => `${c.op} ${key(c)}`).sort()).toEqual([
        'put annotation/handover',
        'put deal/d1open',
      ]);
      const dm2 = await pullPage(api(), fx.tokens.m2, m2, sm2.cursor);
      expect((dm2.body.changes as Change[]).map((c) => `${c.op} ${key(c)}`)).toContain(
        'put deal/d1open',
      );
      expect(
        (await pullPage(api(), fx.tokens.r2, newClient(), 0)).body.changes.map(key),
      ).not.toContain('deal/d1open');
    },
  );

  it.skipIf(!factory.available)(
    'a rep changing teams makes the managers who lost or gained them resync',
    async () => {
      const m1 = newClient();
      const m2 = newClient();
      const r2 = newClient();
      const s1 = await pullAll(api(), fx.tokens.m1, m1, { limit: 4 });
      const s2 = await pullAll(api(), fx.tokens.m2, m2);
      const sr = await pullAll(api(), fx.tokens.r2, r2);
      expect(s1.entities.has('deal/d2')).toBe(true);
      const user = (await api().get('/v1/admin/users/r2', fx.tokens.admin)).body;
      expect(
        (await api().put('/v1/admin/users/r2', { ...user, teamIds: ['t2'] }, fx.tokens.admin))
          .status,
      ).toBe(200);
      const after1 = await pullAll(api(), fx.tokens.m1, m1, {
        cursor: s1.cursor,
        state: s1.entities,
        limit: 4,
      });
      expect(after1.resets).toBe(1);
      expect(after1.entities.has('deal/d2')).toBe(false);
      expect(after1.entities.has('user/r2')).toBe(false);
      const after2 = await pullAll(api(), fx.tokens.m2, m2, {
        cursor: s2.cursor,
        state: s2.entities,
      });
      expect(after2.resets).toBe(1);
      expect(after2.entities.has('deal/d2')).toBe(true);
      expect(after2.entities.has('annotation/n2')).toBe(true);
      const afterRep = await pullAll(api(), fx.tokens.r2, r2, {
        cursor: sr.cursor,
        state: sr.entities,
      });
      expect(afterRep.entities.has('team/t2')).toBe(true);
      expect(afterRep.entities.has('team/t1')).toBe(false);
      // Once resynced, the next pull is incremental again (no reset loop).
      const settled = await pullPage(api(), fx.tokens.m1, m1, after1.cursor);
      expect(settled.body.reset).toBeUndefined();
    },
  );

  it.skipIf(!factory.available)(
    'resets: unknown cursors, other databases, compaction, unknown clients',
    async () => {
      const client = newClient();
      const state = await pullAll(api(), fx.tokens.r1, client);
      const { epoch, seq } = decodeCursor(state.cursor);
      expect(epoch).toBe(await ensureEpoch(opened.store.db));
      // Another database's cursor (another epoch), or one from the future: full resync.
      const other = await pullPage(
        api(),
        fx.tokens.r1,
        client,
        encodeCursor(epoch === 1 ? 2 : epoch - 1, seq),
      );
      expect(other.body.reset).toBe(true);
      const future = await pullPage(
        api(),
        fx.tokens.r1,
        client,
        encodeCursor(epoch, seq + 1_000_000),
      );
      expect(future.body.reset).toBe(true);
      // A client the server never saw, with a cursor: resync.
      const stranger = await pullPage(api(), fx.tokens.r1, newClient(), state.cursor);
      expect(stranger.body.reset).toBe(true);
      // Compaction keeping no tombstones: cursors from before it resync; later ones do not.
      const fresh = await pullAll(api(), fx.tokens.r1, newClient());
      const res = await compactChangeLog(opened.store, {
        retentionDays: 0,
        now: new Date('2027-01-01T00:00:00Z'),
      });
      expect(res.superseded).toBeGreaterThan(0);
      expect(res.compactedThrough).toBeGreaterThan(0);
      const old = await pullPage(api(), fx.tokens.r1, client, encodeCursor(epoch, 1));
      expect(old.body.reset).toBe(true);
      const after = await pullAll(api(), fx.tokens.r1, newClient());
      expect([...after.entities.keys()].sort()).toEqual([...fresh.entities.keys()].sort());
      const current = await pullPage(api(), fx.tokens.r1, client, fresh.cursor);
      expect(current.body.reset).toBeUndefined();
    },
  );
});
