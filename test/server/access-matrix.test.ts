import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type Change } from '../../lib/domain';
import { allRoutes } from '../../server/app';
import { databaseChecksum } from './support/checksum';
import { PASSWORD, PLAN, seedFixture, type Fixture } from './support/fixture';
import { startTestServer, type TestServer } from './support/server';
import { storeFactories, type OpenedStore } from './support/stores';

/**
 * Every role × every endpoint × own data / another rep's (same team) / another team's.
 * Role-level refusals are 403; another person's resource is 404 exactly like one that does
 * not exist; refusals carry nothing but the error and change nothing.
 */
type Role = 'none' | 'rep' | 'manager' | 'admin';
type Scope = 'own' | 'otherRep' | 'otherTeam';
const ROLES: Role[] = ['none', 'rep', 'manager', 'admin'];
const SCOPES: Scope[] = ['own', 'otherRep', 'otherTeam'];

interface Req {
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** Sign in first and use that session's token (logout would revoke the fixture's). */
  freshSession?: boolean;
}

/** What a cell must answer: a status, or for pushes the mutation's outcome. */
type Expect = number | 'ok' | `rejected:${string}` | 'applied';

interface Case {
  /** `METHOD /path/:param` as in allRoutes. */
  route: string;
  request(role: Role, scope: Scope): Req;
  expect(role: Role, scope: Scope): Expect;
  /** When forbidden, the same request for a resource that does not exist (must answer identically). */
  missing?: (role: Role) => Req;
}

// The rep is r1 (team t1); the manager is m1 (manages t1). r2 is r1's teammate; r3 is in t2.
const repFor = (role: Role, scope: Scope) =>
  role === 'manager'
    ? scope === 'otherTeam'
      ? 'r3'
      : scope === 'otherRep'
        ? 'r2'
        : 'r1'
    : scope === 'own'
      ? 'r1'
      : scope === 'otherRep'
        ? 'r2'
        : 'r3';
const dealFor = (scope: Scope) => (scope === 'own' ? 'd1' : scope === 'otherRep' ? 'd2' : 'd3');

function readRep(role: Role, scope: Scope): Expect {
  if (role === 'none') return 401;
  if (role === 'admin') return 'ok';
  if (role === 'manager') return scope === 'otherTeam' ? 404 : 'ok';
  return scope === 'own' ? 'ok' : 404;
}

const userCases: Case[] = [
  {
    route: 'GET /v1/reps/:repId/statement',
    request: (role, scope) => ({
      method: 'GET',
      path: `/v1/reps/${repFor(role, scope)}/statement?period=2026-05-01`,
    }),
    expect: readRep,
    missing: () => ({ method: 'GET', path: '/v1/reps/ghost/statement?period=2026-05-01' }),
  },
  {
    route: 'GET /v1/reps/:repId/kpis',
    request: (role, scope) => ({
      method: 'GET',
      path: `/v1/reps/${repFor(role, scope)}/kpis?asOf=2026-05-15`,
    }),
    expect: readRep,
    missing: () => ({ method: 'GET', path: '/v1/reps/ghost/kpis?asOf=2026-05-15' }),
  },
  {
    route: 'GET /v1/teams/:teamId/overview',
    request: (_role, scope) => ({
      method: 'GET',
      path: `/v1/teams/${scope === 'otherTeam' ? 't2' : 't1'}/overview`,
    }),
    expect: (role, scope) =>
      role === 'none'
        ? 401
        : role === 'rep'
          ? 403
          : role === 'admin'
            ? 'ok'
            : scope === 'otherTeam'
              ? 404
              : 'ok',
    missing: () => ({ method: 'GET', path: '/v1/teams/ghost/overview' }),
  },
  {
    route: 'GET /v1/enps/surveys/:surveyId/results',
    request: () => ({ method: 'GET', path: '/v1/enps/surveys/pulse/results' }),
    expect: (role) => (role === 'none' ? 401 : role === 'rep' ? 403 : 'ok'),
  },
  {
    route: 'POST /v1/sync/push',
    request: (role, scope) => ({
      method: 'POST',
      path: '/v1/sync/push',
      body: {
        clientId: `matrix-${role}-${scope}-${Math.random().toString(36).slice(2, 10)}`,
        schemaVersion: SYNC_SCHEMA_VERSION,
        mutations: [
          {
            seq: 1,
            name: 'annotation.create',
            args: { id: `mx-${role}-${scope}`, dealId: dealFor(scope), body: 'matrix' },
          },
        ],
      },
    }),
    expect: (role, scope) => {
      if (role === 'none') return 401;
      if (role === 'admin') return 'applied';
      if (role === 'manager') return scope === 'otherTeam' ? 'rejected:not_found' : 'applied';
      return scope === 'own' ? 'applied' : 'rejected:not_found';
    },
  },
  {
    route: 'POST /v1/sync/pull',
    request: (role, scope) => ({
      method: 'POST',
      path: '/v1/sync/pull',
      body: {
        clientId: `matrix-pull-${role}-${scope}`,
        cursor: 0,
        schemaVersion: SYNC_SCHEMA_VERSION,
      },
    }),
    expect: (role) => (role === 'none' ? 401 : 'ok'),
  },
  {
    route: 'GET /v1/me',
    request: () => ({ method: 'GET', path: '/v1/me' }),
    expect: (role) => (role === 'none' ? 401 : 'ok'),
  },
  {
    route: 'POST /v1/auth/logout',
    request: () => ({ method: 'POST', path: '/v1/auth/logout', freshSession: true }),
    expect: (role) => (role === 'none' ? 401 : 'ok'),
  },
  {
    route: 'GET /v1/settings',
    request: () => ({ method: 'GET', path: '/v1/settings' }),
    expect: (role) => (role === 'none' ? 401 : 'ok'),
  },
  {
    route: 'POST /v1/auth/login',
    request: (role) => ({
      method: 'POST',
      path: '/v1/auth/login',
      body: {
        email:
          role === 'manager'
            ? 'm1@test.attain'
            : role === 'admin'
              ? 'admin@test.attain'
              : 'r1@test.attain',
        password: PASSWORD,
      },
    }),
    expect: () => 'ok',
  },
  {
    route: 'GET /healthz',
    request: () => ({ method: 'GET', path: '/healthz' }),
    expect: () => 'ok',
  },
  {
    route: 'GET /v1/openapi.json',
    request: () => ({ method: 'GET', path: '/v1/openapi.json' }),
    expect: () => 'ok',
  },
];

/** Admin routes: a valid request each (run last, as admin, so deletes hit throwaway rows). */
const adminRequests: Record<string, Req> = {
  'GET /v1/admin/users': { method: 'GET', path: '/v1/admin/users' },
  'POST /v1/admin/users': {
    method: 'POST',
    path: '/v1/admin/users',
    body: { id: 'mx-new', email: 'mx-new@test.attain', name: 'New', role: 'rep' },
  },
  'GET /v1/admin/users/:userId': { method: 'GET', path: '/v1/admin/users/r1' },
  'PUT /v1/admin/users/:userId': {
    method: 'PUT',
    path: '/v1/admin/users/tmp-user',
    body: { id: 'tmp-user', email: 'tmp@test.attain', name: 'Temp', role: 'rep', teamIds: ['t2'] },
  },
  'DELETE /v1/admin/users/:userId': { method: 'DELETE', path: '/v1/admin/users/tmp-user' },
  'POST /v1/admin/users/:userId/password': {
    method: 'POST',
    path: '/v1/admin/users/tmp-user/password',
    body: { password: 'another password' },
  },
  'GET /v1/admin/users/:userId/tokens': { method: 'GET', path: '/v1/admin/users/r1/tokens' },
  'POST /v1/admin/users/:userId/tokens': {
    method: 'POST',
    path: '/v1/admin/users/r1/tokens',
    body: { label: 'mx' },
  },
  'DELETE /v1/admin/tokens/:tokenId': { method: 'DELETE', path: '/v1/admin/tokens/TOKEN_ID' },
  'GET /v1/admin/teams': { method: 'GET', path: '/v1/admin/teams' },
  'POST /v1/admin/teams': {
    method: 'POST',
    path: '/v1/admin/teams',
    body: { id: 'mx-team', name: 'MX' },
  },
  'PUT /v1/admin/teams/:teamId': {
    method: 'PUT',
    path: '/v1/admin/teams/t1',
    body: { id: 't1', name: 'Team One' },
  },
  'DELETE /v1/admin/teams/:teamId': { method: 'DELETE', path: '/v1/admin/teams/tmp-team' },
  'GET /v1/admin/plans': { method: 'GET', path: '/v1/admin/plans' },
  'GET /v1/admin/plans/:planId': { method: 'GET', path: '/v1/admin/plans/plan-a' },
  'POST /v1/admin/plans': {
    method: 'POST',
    path: '/v1/admin/plans',
    body: { ...PLAN, id: 'mx-plan' },
  },
  'PUT /v1/admin/plans/:planId/versions/:effectiveFrom': {
    method: 'PUT',
    path: '/v1/admin/plans/plan-a/versions/2026-01-01',
    body: PLAN,
  },
  'DELETE /v1/admin/plans/:planId/versions/:effectiveFrom': {
    method: 'DELETE',
    path: '/v1/admin/plans/tmp-plan/versions/2026-01-01',
  },
  'GET /v1/admin/plan-assignments': { method: 'GET', path: '/v1/admin/plan-assignments' },
  'PUT /v1/admin/plan-assignments': {
    method: 'PUT',
    path: '/v1/admin/plan-assignments',
    body: { repId: 'r1', planId: 'plan-a', effectiveFrom: '2026-01-01' },
  },
  'DELETE /v1/admin/plan-assignments/:repId/:effectiveFrom': {
    method: 'DELETE',
    path: '/v1/admin/plan-assignments/tmp-user/2026-01-01',
  },
  'GET /v1/admin/quotas': { method: 'GET', path: '/v1/admin/quotas' },
  'PUT /v1/admin/quotas': {
    method: 'PUT',
    path: '/v1/admin/quotas',
    body: { quotas: [{ repId: 'r1', periodStart: '2026-04-01', amount: 100000 }] },
  },
  'DELETE /v1/admin/quotas/:repId/:periodStart': {
    method: 'DELETE',
    path: '/v1/admin/quotas/tmp-user/2026-04-01',
  },
  'GET /v1/admin/fx-rates': { method: 'GET', path: '/v1/admin/fx-rates' },
  'PUT /v1/admin/fx-rates': {
    method: 'PUT',
    path: '/v1/admin/fx-rates',
    body: { rates: [{ from: 'EUR', to: 'USD', date: '2026-04-01', rate: 1.1 }] },
  },
  'DELETE /v1/admin/fx-rates/:from/:to/:date': {
    method: 'DELETE',
    path: '/v1/admin/fx-rates/GBP/USD/2026-04-01',
  },
  'GET /v1/admin/surveys': { method: 'GET', path: '/v1/admin/surveys' },
  'POST /v1/admin/surveys': {
    method: 'POST',
    path: '/v1/admin/surveys',
    body: {
      id: 'mx-survey',
      name: 'MX',
      companyName: 'Co',
      cadence: 'month',
      startsOn: '2026-01-01',
    },
  },
  'GET /v1/admin/surveys/:surveyId': { method: 'GET', path: '/v1/admin/surveys/pulse' },
  'PUT /v1/admin/surveys/:surveyId': {
    method: 'PUT',
    path: '/v1/admin/surveys/tmp-survey',
    body: {
      id: 'tmp-survey',
      name: 'Tmp!',
      companyName: 'Co',
      cadence: 'month',
      startsOn: '2026-01-01',
    },
  },
  'DELETE /v1/admin/surveys/:surveyId': { method: 'DELETE', path: '/v1/admin/surveys/tmp-survey' },
  'PUT /v1/admin/settings': { method: 'PUT', path: '/v1/admin/settings', body: {} },
  'POST /v1/admin/deals/import': {
    method: 'POST',
    path: '/v1/admin/deals/import?dryRun=true',
    raw: 'crmId,name,amount,currency,stage,isClosed,isWon,closeDate,createdDate,ownerId\nMX-1,MX,1,USD,Open,false,false,2026-06-01,2026-05-01,r1',
    contentType: 'text/csv',
  },
  'GET /v1/admin/deals/:dealId': { method: 'GET', path: '/v1/admin/deals/d1' },
  'DELETE /v1/admin/deals/:dealId': { method: 'DELETE', path: '/v1/admin/deals/tmp-deal' },
};

const adminCases: Case[] = Object.entries(adminRequests).map(([route, req]) => ({
  route,
  request: () => req,
  expect: (role) => (role === 'none' ? 401 : role === 'admin' ? 'ok' : 403),
}));

const cases = [...userCases, ...adminCases];

const factories = await storeFactories();

describe('the access matrix covers every route', () => {
  it('has a case for each route of the app', () => {
    const covered = new Set(cases.map((c) => c.route));
    const routes = [
      ...allRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
      'GET /v1/openapi.json',
    ];
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe.each(factories)('access matrix on $name', (factory) => {
  let opened: OpenedStore;
  let server: TestServer;
  let fx: Fixture;
  let tokenId = '';

  beforeAll(async () => {
    if (!factory.available) return;
    opened = await factory.open();
    fx = await seedFixture(opened.store);
    server = await startTestServer(opened.store);
    const admin = fx.tokens.admin;
    const api = server.api;
    // Throwaway rows the admin cells delete.
    await api.post(
      '/v1/admin/users',
      { id: 'tmp-user', email: 'tmp@test.attain', name: 'Temp', role: 'rep', teamIds: ['t2'] },
      admin,
    );
    await api.post('/v1/admin/teams', { id: 'tmp-team', name: 'Tmp' }, admin);
    await api.post('/v1/admin/plans', { ...PLAN, id: 'tmp-plan' }, admin);
    await api.put(
      '/v1/admin/plan-assignments',
      { repId: 'tmp-user', planId: 'plan-a', effectiveFrom: '2026-01-01' },
      admin,
    );
    await api.put(
      '/v1/admin/quotas',
      { quotas: [{ repId: 'tmp-user', periodStart: '2026-04-01', amount: 1 }] },
      admin,
    );
    await api.put(
      '/v1/admin/fx-rates',
      { rates: [{ from: 'GBP', to: 'USD', date: '2026-04-01', rate: 1.2 }] },
      admin,
    );
    await api.post(
      '/v1/admin/surveys',
      {
        id: 'tmp-survey',
        name: 'Tmp',
        companyName: 'Co',
        cadence: 'month',
        startsOn: '2026-01-01',
      },
      admin,
    );
    await api.request('POST', '/v1/admin/deals/import', {
      raw: 'id,crmId,name,amount,currency,stage,isClosed,isWon,closeDate,createdDate,ownerId\ntmp-deal,TMP,Tmp,1,USD,Open,false,false,2026-06-01,2026-05-01,r1',
      contentType: 'text/csv',
      token: admin,
    });
    tokenId = (await api.post('/v1/admin/users/tmp-user/tokens', {}, admin)).body.record.id;
  });
  afterAll(async () => {
    await server?.close();
    await opened?.dispose();
  });

  const tokenOf = (role: Role) =>
    role === 'none'
      ? undefined
      : role === 'rep'
        ? fx.tokens.r1
        : role === 'manager'
          ? fx.tokens.m1
          : fx.tokens.admin;
  const emailOf = (role: Role) =>
    (role === 'rep' ? 'r1' : role === 'manager' ? 'm1' : 'admin') + '@test.attain';
  const send = async (role: Role, req: Req) =>
    server.api.request(req.method, req.path.replace('TOKEN_ID', tokenId), {
      token:
        req.freshSession && role !== 'none'
          ? (await server.api.post('/v1/auth/login', { email: emailOf(role), password: PASSWORD }))
              .body.token
          : tokenOf(role),
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(req.raw !== undefined ? { raw: req.raw, contentType: req.contentType } : {}),
    });

  async function check(c: Case, role: Role, scope: Scope): Promise<void> {
    const where = `${c.route} as ${role} on ${scope}`;
    const want = c.expect(role, scope);
    const res = await send(role, c.request(role, scope));
    if (typeof want === 'number') {
      expect(res.status, where).toBe(want);
      // A refusal says nothing but why.
      expect(Object.keys(res.body), where).toEqual(['error']);
      expect(Object.keys(res.body.error).sort(), where).toEqual(['code', 'message']);
      expect(res.body.error.code, where).toBe(
        want === 401 ? 'unauthorized' : want === 403 ? 'forbidden' : 'not_found',
      );
      if (want === 404 && c.missing) {
        const ghost = await send(role, c.missing(role));
        expect(ghost.status, where).toBe(404);
        const id = c.request(role, scope).path.split('/')[3]!;
        expect(res.body.error.message.replace(id, 'X'), where).toBe(
          ghost.body.error.message.replace('ghost', 'X'),
        );
      }
      return;
    }
    expect(res.status, `${where}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
    if (want === 'applied') expect(res.body.results[0].status, where).toBe('applied');
    if (typeof want === 'string' && want.startsWith('rejected:')) {
      expect(res.body.results[0], where).toMatchObject({
        status: 'rejected',
        error: { code: want.slice('rejected:'.length) },
      });
      // The refusal of another's deal reads like one of a deal that does not exist.
      expect(res.body.results[0].error.message.replace(/"d\d"/, '"X"'), where).toBe(
        'Deal "X" was not found.',
      );
    }
  }

  it.skipIf(!factory.available)('refusals change nothing', async () => {
    const before = await databaseChecksum(opened.store);
    for (const c of cases) {
      for (const role of ['none', 'rep', 'manager'] as Role[]) {
        for (const scope of SCOPES) {
          const want = c.expect(role, scope);
          if (
            typeof want === 'number' ||
            (typeof want === 'string' && want.startsWith('rejected:'))
          ) {
            if (c.route === 'POST /v1/sync/push' && typeof want !== 'number') continue; // records a rejection by design
            await check(c, role, scope);
          }
        }
      }
    }
    expect(await databaseChecksum(opened.store)).toBe(before);
  });

  it.skipIf(!factory.available)('every cell answers as the rules say', async () => {
    for (const c of cases) {
      for (const role of ROLES) {
        if (role === 'admin') continue;
        for (const scope of SCOPES) await check(c, role, scope);
      }
    }
    // Admin last: its cells delete the throwaway rows.
    for (const c of cases) await check(c, 'admin', 'own');
  });

  it.skipIf(!factory.available)(
    'pulls never carry another rep’s or another team’s data',
    async () => {
      const pull = async (token: string) =>
        (
          await server.api.post(
            '/v1/sync/pull',
            {
              clientId: `leak-${Math.random().toString(36).slice(2, 12)}`,
              cursor: 0,
              schemaVersion: 1,
              limit: 5000,
            },
            token,
          )
        ).body.changes as Change[];
      const ids = (changes: Change[], entity: string) =>
        changes.filter((c) => c.entity === entity).map((c) => c.id);
      const rep = await pull(fx.tokens.r1);
      expect(ids(rep, 'deal')).not.toContain('d2');
      expect(ids(rep, 'deal')).not.toContain('d3');
      expect(ids(rep, 'annotation')).not.toContain('n1mgr');
      expect(ids(rep, 'user')).toEqual([]);
      expect(ids(rep, 'quota').every((id) => id.startsWith('r1@'))).toBe(true);
      const mgr = await pull(fx.tokens.m1);
      expect(ids(mgr, 'deal')).not.toContain('d3');
      expect(ids(mgr, 'annotation')).not.toContain('n3');
      expect(ids(mgr, 'quota').some((id) => id.startsWith('r3@'))).toBe(false);
      expect(JSON.stringify(mgr)).not.toContain('r3@test.attain');
    },
  );

  it.skipIf(!factory.available)('managers see eNPS results of their own teams only', async () => {
    const res = await server.api.get('/v1/enps/surveys/pulse/results', fx.tokens.m1);
    expect(res.body.teams.map((t: { teamId: string }) => t.teamId)).toEqual(['t1']);
  });
});
