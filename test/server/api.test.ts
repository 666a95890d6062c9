import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  planSchema,
  pullResponseSchema,
  pushResponseSchema,
  SYNC_SCHEMA_VERSION,
  userSchema,
} from '../../lib/domain';
import { allRoutes } from '../../server/app';
import { PASSWORD, PLAN, seedFixture, USERS, type Fixture } from './support/fixture';
import { startTestServer, type TestServer } from './support/server';
import { storeFactories, type OpenedStore } from './support/stores';

const factories = await storeFactories();

describe.each(factories)('API over HTTP on $name', (factory) => {
  let opened: OpenedStore;
  let server: TestServer;
  let fx: Fixture;
  let admin: string;

  beforeAll(async () => {
    if (!factory.available) return;
    opened = await factory.open();
    fx = await seedFixture(opened.store);
    admin = fx.tokens.admin;
    server = await startTestServer(opened.store);
  });
  afterAll(async () => {
    await server?.close();
    await opened?.dispose();
  });
  const api = () => server.api;

  it.skipIf(!factory.available)('GET /healthz answers with the store', async () => {
    const res = await api().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      store: factory.name,
      schemaVersion: SYNC_SCHEMA_VERSION,
    });
  });

  it.skipIf(!factory.available)('GET /v1/openapi.json describes every route', async () => {
    const res = await api().get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(res.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const push = res.body.paths['/v1/sync/push'].post;
    expect(push.requestBody.content['application/json'].schema.properties.mutations).toBeDefined();
    expect(push.responses['409']).toBeDefined();
  });

  it.skipIf(!factory.available)('unknown routes are JSON 404s', async () => {
    const res = await api().get('/v1/nope');
    expect(res.status).toBe(404);
    expect(apiErrorSchema.parse(res.body).error.code).toBe('not_found');
  });

  it.skipIf(!factory.available)(
    'CORS: extension origins with Authorization, others not',
    async () => {
      const pre = await api().request('OPTIONS', '/v1/me', {
        headers: {
          origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      );
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
      const moz = await api().get('/healthz', undefined, {
        headers: { origin: 'moz-extension://0b7a6a1e-1234-4c1d-9a5e-6f0b2b4a7c11' },
      });
      expect(moz.headers.get('access-control-allow-origin')).toBe(
        'moz-extension://0b7a6a1e-1234-4c1d-9a5e-6f0b2b4a7c11',
      );
      const evil = await api().get('/healthz', undefined, {
        headers: { origin: 'https://evil.example' },
      });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  describe('auth', () => {
    let token = '';
    it.skipIf(!factory.available)(
      'POST /v1/auth/login returns a bearer token for the right password',
      async () => {
        const res = await api().post('/v1/auth/login', {
          email: 'R1@test.attain',
          password: PASSWORD,
        });
        expect(res.status).toBe(200);
        expect(res.body.tokenType).toBe('Bearer');
        expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(userSchema.parse(res.body.user).id).toBe('r1');
        expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.parse('2026-06-01'));
        token = res.body.token;
      },
    );
    it.skipIf(!factory.available)('a wrong password or unknown email is the same 401', async () => {
      const wrong = await api().post('/v1/auth/login', {
        email: USERS.r1.email,
        password: 'nope nope',
      });
      const unknown = await api().post('/v1/auth/login', {
        email: 'ghost@test.attain',
        password: 'nope nope',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });
    it.skipIf(!factory.available)(
      'GET /v1/me with the token; the token is stored hashed',
      async () => {
        const res = await api().get('/v1/me', token);
        expect(res.status).toBe(200);
        expect(res.body.user.id).toBe('r1');
        expect(res.body.schemaVersion).toBe(SYNC_SCHEMA_VERSION);
        const rows = await opened.store.db.selectFrom('auth_tokens').select('token_hash').execute();
        expect(rows.some((r) => r.token_hash === token)).toBe(false);
      },
    );
    it.skipIf(!factory.available)('POST /v1/auth/logout revokes it', async () => {
      expect((await api().post('/v1/auth/logout', undefined, token)).status).toBe(204);
      const res = await api().get('/v1/me', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });
    it.skipIf(!factory.available)('an expired token is refused', async () => {
      const login = await api().post('/v1/auth/login', {
        email: USERS.r2.email,
        password: PASSWORD,
      });
      server.clock.advance(31 * 86_400_000);
      try {
        expect((await api().get('/v1/me', login.body.token)).status).toBe(401);
      } finally {
        server.clock.set('2026-05-15T10:00:00.000Z');
      }
    });
    it.skipIf(!factory.available)('missing or malformed Authorization is 401', async () => {
      expect((await api().get('/v1/me')).status).toBe(401);
      expect(
        (await api().get('/v1/me', undefined, { headers: { authorization: 'Basic abc' } })).status,
      ).toBe(401);
      expect((await api().get('/v1/me', 'x'.repeat(43))).status).toBe(401);
    });
  });

  describe('sync endpoints', () => {
    it.skipIf(!factory.available)('POST /v1/sync/push and /v1/sync/pull round trip', async () => {
      const push = await api().post(
        '/v1/sync/push',
        {
          clientId: 'api-client-1',
          schemaVersion: SYNC_SCHEMA_VERSION,
          mutations: [
            {
              seq: 1,
              name: 'annotation.create',
              args: { id: 'api-note', dealId: 'd1', body: 'Hello' },
            },
          ],
        },
        fx.tokens.r1,
      );
      expect(push.status).toBe(200);
      expect(pushResponseSchema.parse(push.body)).toEqual({
        lastMutationSeq: 1,
        results: [{ seq: 1, status: 'applied' }],
      });
      const pull = await api().post(
        '/v1/sync/pull',
        { clientId: 'api-client-1', cursor: 0, schemaVersion: SYNC_SCHEMA_VERSION },
        fx.tokens.r1,
      );
      expect(pull.status).toBe(200);
      const body = pullResponseSchema.parse(pull.body);
      expect(body.lastMutationSeq).toBe(1);
      expect(body.reset).toBe(true);
      const note = body.changes.find((c) => c.entity === 'annotation' && c.id === 'api-note');
      expect(note?.value).toMatchObject({
        body: 'Hello',
        authorId: 'r1',
        version: 1,
        authorName: 'Rep One',
      });
    });
    it.skipIf(!factory.available)(
      'a schema version mismatch is a 409 the client can recognise',
      async () => {
        const res = await api().post(
          '/v1/sync/pull',
          { clientId: 'api-client-1', cursor: 0, schemaVersion: 999 },
          fx.tokens.r1,
        );
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('schema_mismatch');
        expect(res.body.error.details.serverSchemaVersion).toBe(SYNC_SCHEMA_VERSION);
      },
    );
  });

  describe('reports', () => {
    it.skipIf(!factory.available)(
      'GET /v1/reps/:repId/statement computes with lib/domain',
      async () => {
        const res = await api().get('/v1/reps/r2/statement?period=2026-05-01', fx.tokens.r2);
        expect(res.status).toBe(200);
        expect(res.body.plan).toEqual({
          id: 'plan-a',
          name: 'Plan A',
          effectiveFrom: '2026-01-01',
        });
        const s = res.body.statement;
        expect([s.periodStart, s.periodEnd, s.quota, s.credited]).toEqual([
          '2026-04-01',
          '2026-06-30',
          100000,
          60000,
        ]);
        // 60,000 at 10% + the 1,000 SPIFF for a deal of 50,000 or more.
        expect(s.total).toBe(7000);
        expect(s.lines.map((l: { kind: string }) => l.kind)).toEqual(['deal', 'spiff']);
      },
    );
    it.skipIf(!factory.available)(
      'statement defaults to today; a period without a plan is 404 no_plan_assigned',
      async () => {
        expect(
          (await api().get('/v1/reps/r1/statement', fx.tokens.r1)).body.statement.periodStart,
        ).toBe('2026-04-01');
        const res = await api().get('/v1/reps/r1/statement?period=2025-06-01', fx.tokens.r1);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('no_plan_assigned');
      },
    );
    it.skipIf(!factory.available)('GET /v1/reps/:repId/kpis', async () => {
      const res = await api().get('/v1/reps/r1/kpis?asOf=2026-05-15', fx.tokens.r1);
      expect(res.status).toBe(200);
      const k = res.body.kpis;
      expect(k.credited).toBe(30000); // d1 20,000 + half of dsplit
      expect(k.attainment).toBeCloseTo(0.3);
      expect(k.openPipeline).toBe(20000);
      expect(k.weightedPipeline).toBe(10000);
      expect(k.coverage).toBeCloseTo(20000 / 70000);
    });
    it.skipIf(!factory.available)('GET /v1/teams/:teamId/overview: one row per rep', async () => {
      const res = await api().get('/v1/teams/t1/overview?asOf=2026-05-15', fx.tokens.m1);
      expect(res.status).toBe(200);
      expect(res.body.team).toEqual({ id: 't1', name: 'Team One' });
      const rows = res.body.reps as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.repId)).toEqual(['r1', 'r2']);
      expect(rows[0]).toMatchObject({ attainment: 0.3, estimatedPayout: 3000, currency: 'USD' });
      // d1open closes in the period but had no activity for months: a risk.
      expect(rows[0]!.dealsAtRiskIds).toEqual(expect.any(Array));
      expect(typeof rows[0]!.pace).toBe('number');
    });
  });

  describe('eNPS results', () => {
    it.skipIf(!factory.available)(
      'aggregates withheld below the group size, shown from it',
      async () => {
        const respond = async (who: 'r1' | 'r2' | 'r3' | 'm1', score: number, comment?: string) => {
          const res = await api().post(
            '/v1/sync/push',
            {
              clientId: `enps-${who}-client`,
              schemaVersion: SYNC_SCHEMA_VERSION,
              mutations: [
                {
                  seq: 1,
                  name: 'enps.respond',
                  args: {
                    id: crypto.randomUUID(),
                    surveyId: 'pulse',
                    periodStart: '2026-04-01',
                    score,
                    ...(comment ? { comment } : {}),
                    answers: { q1: 7 },
                  },
                },
              ],
            },
            fx.tokens[who],
          );
          expect(res.body.results[0].status).toBe('applied');
        };
        await respond('r1', 10, 'Great team');
        await respond('r2', 9);
        let res = await api().get('/v1/enps/surveys/pulse/results', admin);
        expect(res.status).toBe(200);
        expect(res.body.overall).toMatchObject({
          withheld: true,
          score: null,
          responses: null,
          comments: null,
        });
        await respond('r3', 3, 'Too many meetings');
        res = await api().get('/v1/enps/surveys/pulse/results?periodStart=2026-05-20', admin);
        expect(res.body.periodStart).toBe('2026-04-01');
        expect(res.body.overall).toMatchObject({
          withheld: false,
          responses: 3,
          promoters: 2,
          detractors: 1,
          score: 33,
        });
        expect(res.body.overall.comments).toEqual(['Great team', 'Too many meetings']);
        // t1 has 2 answers (withheld); t2 has 1 (withheld).
        expect(res.body.teams.every((t: { withheld: boolean }) => t.withheld)).toBe(true);
        expect(res.body.questions).toEqual([
          {
            questionId: 'q1',
            kind: 'score',
            withheld: false,
            responses: 3,
            average: 7,
            answers: null,
          },
        ]);
        const asManager = await api().get('/v1/enps/surveys/pulse/results', fx.tokens.m1);
        expect(asManager.status).toBe(200);
        expect(asManager.body.teams.map((t: { teamId: string }) => t.teamId)).toEqual(['t1']);
        expect((await api().get('/v1/enps/surveys/pulse/results', fx.tokens.r1)).status).toBe(403);
        expect((await api().get('/v1/enps/surveys/nope/results', admin)).status).toBe(404);
      },
    );
    it.skipIf(!factory.available)('responses carry no user and no time', async () => {
      const rows = await opened.store.db.selectFrom('enps_responses').selectAll().execute();
      expect(rows.length).toBe(3);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual([
          'answers',
          'comment',
          'id',
          'period_start',
          'score',
          'survey_id',
          'team_id',
        ]);
      }
    });
  });

  describe('admin', () => {
    it.skipIf(!factory.available)(
      'users: create, read, list, update, password, deactivate',
      async () => {
        const created = await api().post(
          '/v1/admin/users',
          {
            id: 'r9',
            email: 'R9@test.attain',
            name: 'Rep Nine',
            role: 'rep',
            teamIds: ['t2'],
            password: 'a long password',
          },
          admin,
        );
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          id: 'r9',
          email: 'r9@test.attain',
          teamIds: ['t2'],
          active: true,
        });
        expect(created.body).not.toHaveProperty('password');
        expect(
          (
            await api().post(
              '/v1/admin/users',
              { ...created.body, password: 'another password' },
              admin,
            )
          ).status,
        ).toBe(409);
        const dupEmail = await api().post(
          '/v1/admin/users',
          { id: 'r10', email: 'r9@test.attain', name: 'X', role: 'rep' },
          admin,
        );
        expect(dupEmail.status).toBe(409);
        expect(dupEmail.body.error.code).toBe('email_taken');
        const badTeam = await api().post(
          '/v1/admin/users',
          { id: 'r10', email: 'x@test.attain', name: 'X', role: 'rep', teamIds: ['nope'] },
          admin,
        );
        expect(badTeam.status).toBe(400);
        expect(badTeam.body.error.details.issues[0].path).toBe('teamIds[0]');
        expect((await api().get('/v1/admin/users/r9', admin)).body.name).toBe('Rep Nine');
        expect((await api().get('/v1/admin/users', admin)).body.users.length).toBe(7);
        const login = await api().post('/v1/auth/login', {
          email: 'r9@test.attain',
          password: 'a long password',
        });
        expect(login.status).toBe(200);
        const updated = await api().put(
          '/v1/admin/users/r9',
          { ...created.body, name: 'Rep 9', teamIds: ['t1'] },
          admin,
        );
        expect(updated.status).toBe(200);
        expect(updated.body.teamIds).toEqual(['t1']);
        expect(
          (await api().put('/v1/admin/users/r9', { ...created.body, id: 'other' }, admin)).status,
        ).toBe(400);
        expect(
          (await api().post('/v1/admin/users/r9/password', { password: 'short' }, admin)).status,
        ).toBe(400);
        expect(
          (
            await api().post(
              '/v1/admin/users/r9/password',
              { password: 'a brand new password' },
              admin,
            )
          ).status,
        ).toBe(204);
        expect((await api().get('/v1/me', login.body.token)).status).toBe(401); // signed out everywhere
        expect(
          (
            await api().post('/v1/auth/login', {
              email: 'r9@test.attain',
              password: 'a brand new password',
            })
          ).status,
        ).toBe(200);
        const deactivated = await api().delete('/v1/admin/users/r9', admin);
        expect(deactivated.body.active).toBe(false);
        expect(
          (
            await api().post('/v1/auth/login', {
              email: 'r9@test.attain',
              password: 'a brand new password',
            })
          ).status,
        ).toBe(401);
        expect((await api().get('/v1/admin/users/ghost', admin)).status).toBe(404);
      },
    );
    it.skipIf(!factory.available)(
      'tokens: create (value once), list (no values), revoke',
      async () => {
        const made = await api().post(
          '/v1/admin/users/r2/tokens',
          { label: 'ci', ttlDays: 7 },
          admin,
        );
        expect(made.status).toBe(201);
        expect((await api().get('/v1/me', made.body.token)).body.user.id).toBe('r2');
        const list = await api().get('/v1/admin/users/r2/tokens', admin);
        expect(list.body.tokens.some((t: { id: string }) => t.id === made.body.record.id)).toBe(
          true,
        );
        expect(list.text).not.toContain(made.body.token);
        expect((await api().delete(`/v1/admin/tokens/${made.body.record.id}`, admin)).status).toBe(
          204,
        );
        expect((await api().get('/v1/me', made.body.token)).status).toBe(401);
        expect((await api().delete('/v1/admin/tokens/nope', admin)).status).toBe(404);
      },
    );
    it.skipIf(!factory.available)('teams: create, list, rename, delete', async () => {
      expect((await api().post('/v1/admin/teams', { id: 't9', name: 'Nine' }, admin)).status).toBe(
        201,
      );
      expect((await api().post('/v1/admin/teams', { id: 't9', name: 'Nine' }, admin)).status).toBe(
        409,
      );
      expect(
        (await api().put('/v1/admin/teams/t9', { id: 't9', name: 'Nine!' }, admin)).body.name,
      ).toBe('Nine!');
      expect((await api().get('/v1/admin/teams', admin)).body.teams).toContainEqual({
        id: 't9',
        name: 'Nine!',
      });
      expect((await api().delete('/v1/admin/teams/t9', admin)).status).toBe(204);
      expect((await api().delete('/v1/admin/teams/t9', admin)).status).toBe(404);
    });
    it.skipIf(!factory.available)('plans: validated, effective-dated versions', async () => {
      const bad = await api().post(
        '/v1/admin/plans',
        { ...PLAN, id: 'plan-b', tiers: [{ upTo: 1, rate: 0.1 }] },
        admin,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0]).toEqual({
        path: 'tiers[0].upTo',
        message: 'must be null for the last tier',
      });
      const v1 = await api().post(
        '/v1/admin/plans',
        { ...PLAN, id: 'plan-b', effectiveFrom: '2026-01-01' },
        admin,
      );
      expect(v1.status).toBe(201);
      expect(v1.body.closed).toBeNull();
      const v2 = await api().post(
        '/v1/admin/plans',
        { ...PLAN, id: 'plan-b', name: 'Plan B v2', effectiveFrom: '2026-07-01' },
        admin,
      );
      expect(v2.status).toBe(201);
      expect(v2.body.closed).toMatchObject({
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-06-30',
      });
      expect(
        (
          await api().post(
            '/v1/admin/plans',
            { ...PLAN, id: 'plan-b', effectiveFrom: '2026-07-01' },
            admin,
          )
        ).status,
      ).toBe(409);
      expect(
        (
          await api().post(
            '/v1/admin/plans',
            { ...PLAN, id: 'plan-b', effectiveFrom: '2026-03-01' },
            admin,
          )
        ).status,
      ).toBe(409);
      const versions = await api().get('/v1/admin/plans/plan-b', admin);
      expect(
        versions.body.versions.map((p: { effectiveFrom: string; effectiveTo?: string }) => [
          p.effectiveFrom,
          p.effectiveTo,
        ]),
      ).toEqual([
        ['2026-01-01', '2026-06-30'],
        ['2026-07-01', undefined],
      ]);
      for (const p of versions.body.versions) planSchema.parse(p);
      const put = await api().put(
        '/v1/admin/plans/plan-b/versions/2026-07-01',
        { ...PLAN, id: 'plan-b', name: 'Renamed', effectiveFrom: '2026-07-01' },
        admin,
      );
      expect(put.status).toBe(200);
      expect(
        (
          await api().put(
            '/v1/admin/plans/plan-b/versions/2026-07-01',
            { ...PLAN, id: 'plan-b', effectiveFrom: '2026-08-01' },
            admin,
          )
        ).status,
      ).toBe(400);
      expect((await api().get('/v1/admin/plans', admin)).body.plans.length).toBe(3);
      expect((await api().delete('/v1/admin/plans/plan-b/versions/2026-07-01', admin)).status).toBe(
        204,
      );
      expect((await api().delete('/v1/admin/plans/plan-b/versions/2026-07-01', admin)).status).toBe(
        404,
      );
      expect((await api().delete('/v1/admin/plans/plan-a/versions/2026-01-01', admin)).status).toBe(
        409,
      ); // assigned
      expect((await api().get('/v1/admin/plans/nope', admin)).status).toBe(404);
    });
    it.skipIf(!factory.available)('plan assignments: a later one closes the previous', async () => {
      const res = await api().put(
        '/v1/admin/plan-assignments',
        { repId: 'r3', planId: 'plan-b', effectiveFrom: '2026-06-01' },
        admin,
      );
      expect(res.status).toBe(200);
      expect(res.body.closed).toEqual({
        repId: 'r3',
        planId: 'plan-a',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-05-31',
      });
      const list = await api().get('/v1/admin/plan-assignments?repId=r3', admin);
      expect(list.body.assignments.length).toBe(2);
      expect((await api().get('/v1/reps/r3/statement?period=2026-06-15', admin)).body.plan.id).toBe(
        'plan-b',
      );
      expect(
        (
          await api().put(
            '/v1/admin/plan-assignments',
            { repId: 'ghost', planId: 'plan-b', effectiveFrom: '2026-06-01' },
            admin,
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await api().put(
            '/v1/admin/plan-assignments',
            { repId: 'r3', planId: 'ghost', effectiveFrom: '2026-06-01' },
            admin,
          )
        ).status,
      ).toBe(400);
      expect((await api().delete('/v1/admin/plan-assignments/r3/2026-06-01', admin)).status).toBe(
        204,
      );
      expect((await api().delete('/v1/admin/plan-assignments/r3/2026-06-01', admin)).status).toBe(
        404,
      );
    });
    it.skipIf(!factory.available)('quotas and FX rates', async () => {
      const q = await api().put(
        '/v1/admin/quotas',
        {
          quotas: [
            { repId: 'r1', periodStart: '2026-07-01', amount: 120000 },
            { repId: 'r1', periodStart: '2026-04-01', amount: 100000 },
          ],
        },
        admin,
      );
      expect(q.body).toEqual({ created: 1, updated: 0, unchanged: 1 });
      expect(
        (
          await api().put(
            '/v1/admin/quotas',
            { quotas: [{ repId: 'ghost', periodStart: '2026-07-01', amount: 1 }] },
            admin,
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await api().put(
            '/v1/admin/quotas',
            { quotas: [{ repId: 'r1', periodStart: '2026-07-01', amount: -5 }] },
            admin,
          )
        ).status,
      ).toBe(400);
      expect((await api().get('/v1/admin/quotas?repId=r1', admin)).body.quotas.length).toBe(2);
      expect((await api().delete('/v1/admin/quotas/r1/2026-07-01', admin)).status).toBe(204);
      expect((await api().delete('/v1/admin/quotas/r1/2026-07-01', admin)).status).toBe(404);
      const rates = await api().put(
        '/v1/admin/fx-rates',
        { rates: [{ from: 'GBP', to: 'USD', date: '2026-04-01', rate: 1.25 }] },
        admin,
      );
      expect(rates.body.created).toBe(1);
      const twice = await api().put(
        '/v1/admin/fx-rates',
        {
          rates: [
            { from: 'GBP', to: 'USD', date: '2026-04-01', rate: 1.25 },
            { from: 'GBP', to: 'USD', date: '2026-04-01', rate: 1.3 },
          ],
        },
        admin,
      );
      expect(twice.status).toBe(400);
      expect((await api().get('/v1/admin/fx-rates', admin)).body.rates.length).toBe(2);
      expect((await api().delete('/v1/admin/fx-rates/GBP/USD/2026-04-01', admin)).status).toBe(204);
      expect((await api().delete('/v1/admin/fx-rates/GBP/USD/2026-04-01', admin)).status).toBe(404);
    });
    it.skipIf(!factory.available)('surveys', async () => {
      const survey = {
        id: 's2',
        name: 'Pulse 2',
        companyName: 'Test Co',
        cadence: 'month',
        startsOn: '2026-05-01',
        audience: { teamIds: ['t1'] },
      };
      const created = await api().post('/v1/admin/surveys', survey, admin);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        minGroupSize: 5,
        minCommentGroupSize: 10,
        active: true,
      });
      expect((await api().post('/v1/admin/surveys', survey, admin)).status).toBe(409);
      expect(
        (await api().post('/v1/admin/surveys', { ...survey, id: 's3', minGroupSize: 2 }, admin))
          .status,
      ).toBe(400);
      expect(
        (
          await api().post(
            '/v1/admin/surveys',
            { ...survey, id: 's3', audience: { teamIds: ['nope'] } },
            admin,
          )
        ).status,
      ).toBe(400);
      expect(
        (await api().put('/v1/admin/surveys/s2', { ...survey, active: false }, admin)).body.active,
      ).toBe(false);
      expect((await api().get('/v1/admin/surveys/s2', admin)).body.active).toBe(false);
      expect((await api().get('/v1/admin/surveys', admin)).body.surveys.length).toBe(2);
      expect((await api().delete('/v1/admin/surveys/s2', admin)).status).toBe(204);
      expect((await api().get('/v1/admin/surveys/s2', admin)).status).toBe(404);
    });
    it.skipIf(!factory.available)('settings', async () => {
      const before = await api().get('/v1/settings', fx.tokens.r1);
      expect(before.body.settings.coaching.staleActivityDays).toBe(14);
      const saved = await api().put(
        '/v1/admin/settings',
        { coaching: { staleActivityDays: 21 }, disabledRules: ['no-next-step'] },
        admin,
      );
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(before.body.version + 1);
      expect((await api().get('/v1/settings', fx.tokens.r3)).body.settings.coaching).toMatchObject({
        staleActivityDays: 21,
        stuckInStageDays: 30,
      });
      expect(
        (await api().put('/v1/admin/settings', { coaching: { staleActivityDays: 0 } }, admin))
          .status,
      ).toBe(400);
    });
    it.skipIf(!factory.available)(
      'deal import: CSV dry run reports bad rows with their line, real run is all or nothing',
      async () => {
        const csv = [
          'crmId,name,amount,currency,stage,isClosed,isWon,closeDate,createdDate,ownerEmail,splits,fields.productLine',
          'CRM-d1,Deal d1 renamed,20000,USD,Closed Won,true,true,2026-04-10,2026-02-01,r1@test.attain,,',
          'NEW-1,"New, with comma",1500.50,eur,Proposal,false,false,2026-06-01,2026-05-01,r2@test.attain,,platform',
          'NEW-2,Bad amount,12k,USD,Proposal,false,false,2026-06-01,2026-05-01,r2@test.attain,,',
          'NEW-3,"Multi',
          'line name",100,USD,Won,true,true,2026-13-01,2026-05-01,ghost@test.attain,,',
          'NEW-4,Split,100,USD,Proposal,false,false,2026-06-01,2026-05-01,r1@test.attain,r1:60;r2:30,',
          'NEW-1,Dup,100,USD,Proposal,false,false,2026-06-01,2026-05-01,r1@test.attain,,',
        ].join('\r\n');
        const dry = await api().request('POST', '/v1/admin/deals/import?dryRun=true', {
          raw: csv,
          contentType: 'text/csv',
          token: admin,
        });
        expect(dry.status).toBe(200);
        expect(dry.body).toMatchObject({
          dryRun: true,
          total: 6,
          valid: 2,
          created: 1,
          updated: 1,
          unchanged: 0,
        });
        expect(dry.body.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 7, 8]);
        expect(dry.body.errors[0].message).toContain('amount must be a number');
        expect(dry.body.errors[1].message).toMatch(/closeDate|ownerEmail/);
        expect(dry.body.errors[2].message).toContain('add up to 100');
        expect(dry.body.errors[3].message).toContain('repeats line 3');
        const rejected = await api().request('POST', '/v1/admin/deals/import', {
          raw: csv,
          contentType: 'text/csv',
          token: admin,
        });
        expect(rejected.status).toBe(422);
        expect(rejected.body.error.code).toBe('import_rejected');
        expect(rejected.body.error.details.errors.length).toBe(4);
        expect((await api().get('/v1/admin/deals/CRM-NEW-1', admin)).status).toBe(404);
        expect((await api().get('/v1/admin/deals/d1', admin)).body.name).toBe('Deal d1');

        const good = csv
          .split('\r\n')
          .filter((_, i) => i <= 2)
          .join('\r\n');
        const real = await api().request('POST', '/v1/admin/deals/import', {
          raw: `\uFEFF${good}\r\n`,
          contentType: 'text/csv; charset=utf-8',
          token: admin,
        });
        expect(real.status).toBe(200);
        expect(real.body).toMatchObject({
          dryRun: false,
          total: 2,
          created: 1,
          updated: 1,
          errors: [],
        });
        expect((await api().get('/v1/admin/deals/d1', admin)).body.name).toBe('Deal d1 renamed');
        const imported = await api().get('/v1/admin/deals/NEW-1', admin);
        expect(imported.body).toMatchObject({
          id: 'NEW-1',
          crmId: 'NEW-1',
          name: 'New, with comma',
          amount: 1500.5,
          currency: 'EUR',
          ownerId: 'r2',
          fields: { productLine: 'platform' },
        });
        const again = await api().request('POST', '/v1/admin/deals/import', {
          raw: good,
          contentType: 'text/csv',
          token: admin,
        });
        expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      },
    );
    it.skipIf(!factory.available)(
      'deal import: JSON, with line numbers of the bad elements',
      async () => {
        const json = `{
  "deals": [
    { "crmId": "J-1", "name": "Json one", "amount": 100, "currency": "USD", "stage": "Won", "isClosed": true,
      "isWon": true, "closeDate": "2026-04-02", "createdDate": "2026-03-01", "ownerId": "r3" },
    { "crmId": "J-2", "name": "Bad", "amount": -1, "currency": "USD", "stage": "Won", "isClosed": true,
      "isWon": true, "closeDate": "2026-04-02", "createdDate": "2026-03-01", "ownerId": "r3", "extra": 1 }
  ]
}`;
        const dry = await api().request('POST', '/v1/admin/deals/import?dryRun=1', {
          raw: json,
          contentType: 'application/json',
          token: admin,
        });
        expect(dry.status).toBe(200);
        expect(dry.body.errors).toHaveLength(1);
        expect(dry.body.errors[0]).toMatchObject({ line: 5, row: 2, crmId: 'J-2' });
        expect(dry.body.errors[0].message).toMatch(/amount must not be negative/);
        const ok = await api().request('POST', '/v1/admin/deals/import?format=json', {
          raw: JSON.stringify([JSON.parse(json).deals[0]]),
          contentType: 'text/plain',
          token: admin,
        });
        expect(ok.body).toMatchObject({ created: 1 });
        expect((await api().get('/v1/admin/deals/J-1', admin)).body.ownerId).toBe('r3');
        const broken = await api().request('POST', '/v1/admin/deals/import', {
          raw: '{"deals": [',
          contentType: 'application/json',
          token: admin,
        });
        expect(broken.status).toBe(400);
        expect(broken.body.error.code).toBe('invalid_file');
        const csvHeader = await api().request('POST', '/v1/admin/deals/import', {
          raw: 'crmId,colour\nX,red',
          contentType: 'text/csv',
          token: admin,
        });
        expect(csvHeader.status).toBe(400);
        expect(csvHeader.body.error.message).toContain('unknown column "colour"');
        expect(
          (
            await api().request('POST', '/v1/admin/deals/import', {
              raw: 'x',
              contentType: 'image/png',
              token: admin,
            })
          ).status,
        ).toBe(415);
      },
    );
    it.skipIf(!factory.available)('deleting a deal', async () => {
      expect((await api().delete('/v1/admin/deals/J-1', admin)).status).toBe(204);
      expect((await api().delete('/v1/admin/deals/J-1', admin)).status).toBe(404);
    });
  });
});
