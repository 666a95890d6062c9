import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../lib/domain';
import { authenticateToken, hashToken, issueToken } from '../../server/auth/tokens';
import { getUserWithTeams } from '../../server/store/people-repository';
import { revokeToken } from '../../server/store/tokens-repository';
import { seedFixture, type Fixture } from './support/fixture';
import { startTestServer, type TestServer } from './support/server';
import { storeFactories, type OpenedStore } from './support/stores';
import { key, pullAll, pullPage, push } from './support/sync-client';

const factories = await storeFactories();
const newClient = () => `client-${randomBytes(6).toString('hex')}`;

/** The per-request path: authentication in one query, the caught-up pull in one statement. */
describe.each(factories)('request path on $name', (factory) => {
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

  it.skipIf(!factory.available)(
    'a caught-up pull answers nothing new, then each later change, rejections when asked',
    async () => {
      const client = newClient();
      const first = await pullAll(api(), fx.tokens.r1, client);
      const again = await pullPage(api(), fx.tokens.r1, client, first.cursor);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({
        cursor: first.cursor,
        lastMutationSeq: 0,
        changes: [],
        hasMore: false,
        rejections: [],
      });

      // A change another user makes that r1 may see arrives on r1's next pull.
      const byManager = await push(api(), fx.tokens.m1, newClient(), [
        { seq: 1, name: 'annotation.create', args: { id: 'rp-1', dealId: 'd1', body: 'Hi' } },
      ]);
      expect(byManager.status).toBe(200);
      const next = await pullPage(api(), fx.tokens.r1, client, first.cursor);
      expect((next.body.changes as Change[]).map(key)).toEqual(['annotation/rp-1']);
      expect(next.body.cursor).toBeGreaterThan(first.cursor);
      const caughtUp = await pullPage(api(), fx.tokens.r1, client, next.body.cursor);
      expect(caughtUp.body.changes).toEqual([]);
      expect(caughtUp.body.cursor).toBe(next.body.cursor);

      // A rejected mutation adds nothing to the log: the client stays at the horizon, and its
      // pull still carries the rejection until it says it has seen it.
      const rejected = await push(api(), fx.tokens.r1, client, [
        { seq: 1, name: 'annotation.create', args: { id: 'rp-2', dealId: 'd1', body: '  ' } },
      ]);
      expect(rejected.body.lastMutationSeq).toBe(1);
      const withRejection = await api().post(
        '/v1/sync/pull',
        { clientId: client, cursor: next.body.cursor, schemaVersion: 1, rejectionsAfter: 0 },
        fx.tokens.r1,
      );
      expect(withRejection.body.changes).toEqual([]);
      expect(withRejection.body.lastMutationSeq).toBe(1);
      expect(withRejection.body.rejections.map((r: { seq: number }) => r.seq)).toEqual([1]);
      const seen = await api().post(
        '/v1/sync/pull',
        { clientId: client, cursor: next.body.cursor, schemaVersion: 1, rejectionsAfter: 1 },
        fx.tokens.r1,
      );
      expect(seen.body).toEqual({
        cursor: next.body.cursor,
        lastMutationSeq: 1,
        changes: [],
        hasMore: false,
        rejections: [],
      });

      // A caught-up cursor from an unknown client, or from another database, is a full resync.
      const stranger = await pullPage(api(), fx.tokens.r1, newClient(), next.body.cursor);
      expect(stranger.body.reset).toBe(true);
      expect(stranger.body.changes.length).toBeGreaterThan(0);
    },
  );

  it.skipIf(!factory.available)(
    'authentication reads the token, its user and both kinds of team link at once',
    async () => {
      const db = opened.store.db;
      // m1 manages t1; make them a member of t2 too, so both kinds of link are present.
      await db.insertInto('team_members').values({ team_id: 't2', user_id: 'm1' }).execute();
      const now = new Date('2026-05-15T10:00:00.000Z');
      const auth = await authenticateToken(db, fx.tokens.m1, now);
      expect(auth?.user).toEqual(await getUserWithTeams(db, 'm1'));
      expect(auth?.user).toMatchObject({ teamIds: ['t2'], managesTeamIds: ['t1'] });
      const row = await db
        .selectFrom('auth_tokens')
        .select(['id', 'user_id'])
        .where('token_hash', '=', hashToken(fx.tokens.m1))
        .executeTakeFirstOrThrow();
      expect(auth?.token).toMatchObject({ id: row.id, userId: 'm1', revokedAt: null });
      // A user without any team link still signs in.
      expect((await authenticateToken(db, fx.tokens.admin, now))?.user).toEqual(
        await getUserWithTeams(db, 'admin'),
      );
      expect(await authenticateToken(db, 'x'.repeat(43), now)).toBeNull();

      // Expiry, revocation and deactivation apply to the very next request.
      const shortLived = await opened.store.write((trx) =>
        issueToken(trx, { userId: 'r2', kind: 'session', now, ttlSeconds: 60 }),
      );
      expect(await authenticateToken(db, shortLived.token, now)).not.toBeNull();
      expect(
        await authenticateToken(db, shortLived.token, new Date(now.getTime() + 60_000)),
      ).toBeNull();
      expect((await pullPage(api(), shortLived.token, newClient(), 0)).status).toBe(200);
      await opened.store.write((trx) =>
        revokeToken(trx, shortLived.record.id, '2026-05-15T10:00:01.000Z'),
      );
      expect((await pullPage(api(), shortLived.token, newClient(), 0)).status).toBe(401);
      expect(await authenticateToken(db, shortLived.token, now)).toBeNull();

      expect((await pullPage(api(), fx.tokens.r3, newClient(), 0)).status).toBe(200);
      await db.updateTable('users').set({ active: 0 }).where('id', '=', 'r3').execute();
      expect((await pullPage(api(), fx.tokens.r3, newClient(), 0)).status).toBe(401);
    },
  );
});
