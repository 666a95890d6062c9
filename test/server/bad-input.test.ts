import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '../../lib/domain';
import { databaseChecksum } from './support/checksum';
import { PLAN, seedFixture, type Fixture } from './support/fixture';
import { startTestServer, type TestServer } from './support/server';
import { storeFactories, type OpenedStore } from './support/stores';

const factories = await storeFactories();

/** Valid bodies of the JSON endpoints; the properties break them. */
const VALID: Array<{
  method: string;
  path: string;
  body: Record<string, unknown>;
  as: 'admin' | 'r1' | 'none';
}> = [
  {
    method: 'POST',
    path: '/v1/sync/push',
    as: 'r1',
    body: {
      clientId: 'bad-input-client',
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [{ seq: 1, name: 'prompt.dismiss', args: { promptId: 'x' } }],
    },
  },
  {
    method: 'POST',
    path: '/v1/sync/pull',
    as: 'r1',
    body: {
      clientId: 'bad-input-client',
      cursor: 0,
      schemaVersion: SYNC_SCHEMA_VERSION,
      limit: 10,
    },
  },
  {
    method: 'POST',
    path: '/v1/auth/login',
    as: 'none',
    body: { email: 'r1@test.attain', password: 'wrong password' },
  },
  {
    method: 'POST',
    path: '/v1/admin/users',
    as: 'admin',
    body: {
      id: 'prop-user',
      email: 'prop@test.attain',
      name: 'Prop',
      role: 'rep',
      teamIds: ['t1'],
      managesTeamIds: [],
      active: true,
    },
  },
  { method: 'POST', path: '/v1/admin/teams', as: 'admin', body: { id: 'prop-team', name: 'Prop' } },
  { method: 'POST', path: '/v1/admin/plans', as: 'admin', body: { ...PLAN, id: 'prop-plan' } },
  {
    method: 'PUT',
    path: '/v1/admin/plan-assignments',
    as: 'admin',
    body: { repId: 'r1', planId: 'plan-a', effectiveFrom: '2026-09-01' },
  },
  {
    method: 'PUT',
    path: '/v1/admin/quotas',
    as: 'admin',
    body: { quotas: [{ repId: 'r1', periodStart: '2026-10-01', amount: 5 }] },
  },
  {
    method: 'PUT',
    path: '/v1/admin/fx-rates',
    as: 'admin',
    body: { rates: [{ from: 'JPY', to: 'USD', date: '2026-01-01', rate: 0.007 }] },
  },
  {
    method: 'POST',
    path: '/v1/admin/surveys',
    as: 'admin',
    body: {
      id: 'prop-survey',
      name: 'P',
      companyName: 'Co',
      cadence: 'month',
      startsOn: '2026-01-01',
    },
  },
  {
    method: 'PUT',
    path: '/v1/admin/settings',
    as: 'admin',
    body: { coaching: { staleActivityDays: 20 }, disabledRules: [] },
  },
];

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value of another JSON type than `like`. */
const otherType = (like: unknown) =>
  fc.jsonValue({ maxDepth: 2 }).filter((v) => jsonType(v) !== jsonType(like));

describe.each(factories)('bad input on $name', (factory) => {
  let opened: OpenedStore;
  let server: TestServer;
  let fx: Fixture;

  beforeAll(async () => {
    if (!factory.available) return;
    opened = await factory.open();
    fx = await seedFixture(opened.store);
    server = await startTestServer(opened.store, { config: { bodyLimitBytes: 64 * 1024 } });
  });
  afterAll(async () => {
    await server?.close();
    await opened?.dispose();
  });

  const token = (as: 'admin' | 'r1' | 'none') => (as === 'none' ? undefined : fx.tokens[as]);
  const expect4xx = (status: number, what: string) => {
    expect(status, what).toBeGreaterThanOrEqual(400);
    expect(status, what).toBeLessThan(500);
  };

  it.skipIf(!factory.available)(
    'random JSON, wrong types and unknown fields get 4xx and change nothing',
    async () => {
      const before = await databaseChecksum(opened.store);
      const endpoint = fc.constantFrom(...VALID);
      await fc.assert(
        fc.asyncProperty(endpoint, fc.jsonValue({ maxDepth: 4 }), async (e, body) => {
          fc.pre(
            !(
              e.path === '/v1/admin/settings' &&
              jsonType(body) === 'object' &&
              Object.keys(body as object).length === 0
            ),
          );
          const res = await server.api.request(e.method, e.path, { body, token: token(e.as) });
          expect4xx(res.status, `${e.path} ${JSON.stringify(body).slice(0, 200)}`);
          expect(Object.keys(res.body)).toEqual(['error']);
        }),
        { numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(
          endpoint
            .chain((e) => fc.tuple(fc.constant(e), fc.constantFrom(...Object.keys(e.body))))
            .chain(([e, k]) => fc.tuple(fc.constant(e), fc.constant(k), otherType(e.body[k]))),
          async ([e, k, value]) => {
            const res = await server.api.request(e.method, e.path, {
              body: { ...e.body, [k]: value },
              token: token(e.as),
            });
            expect4xx(res.status, `${e.path} ${k}=${JSON.stringify(value)}`);
          },
        ),
        { numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(
          endpoint,
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((k) => !['__proto__', 'constructor'].includes(k)),
          fc.jsonValue({ maxDepth: 2 }),
          async (e, k, value) => {
            fc.pre(!(k in e.body));
            const res = await server.api.request(e.method, e.path, {
              body: { ...e.body, [k]: value },
              token: token(e.as),
            });
            expect(res.status, `${e.path} +${k}`).toBe(400);
          },
        ),
        { numRuns: 40 },
      );
      // Random query strings and path segments.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            '/v1/reps/r1/statement',
            '/v1/reps/r1/kpis',
            '/v1/teams/t1/overview',
            '/v1/enps/surveys/pulse/results',
            '/v1/admin/quotas',
          ),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), {
            minKeys: 1,
            maxKeys: 3,
          }),
          async (path, query) => {
            const res = await server.api.get(
              `${path}?${new URLSearchParams(query).toString()}`,
              fx.tokens.admin,
            );
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400)
              expect(res.body.error.code).toMatch(
                /^(invalid_request|not_found|no_plan_assigned|plan_not_effective)$/,
              );
          },
        ),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), async (segment) => {
          const res = await server.api.get(
            `/v1/reps/${encodeURIComponent(segment)}/statement`,
            fx.tokens.r1,
          );
          expect(res.status).toBeLessThan(500);
          const del = await server.api.delete(
            `/v1/admin/surveys/${encodeURIComponent(segment)}x`,
            fx.tokens.admin,
          );
          expect4xx(del.status, segment);
        }),
        { numRuns: 30 },
      );
      // Random text as a deal import (a real run, not a dry run).
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 300 }),
          fc.constantFrom('text/csv', 'application/json'),
          async (text, type) => {
            const res = await server.api.request('POST', '/v1/admin/deals/import', {
              raw: text,
              contentType: type,
              token: fx.tokens.admin,
            });
            expect(res.status, JSON.stringify(text)).toBeLessThan(500);
          },
        ),
        { numRuns: 40 },
      );
      expect(await databaseChecksum(opened.store)).toBe(before);
    },
  );

  it.skipIf(!factory.available)('malformed JSON is 400, the wrong content type 415', async () => {
    const broken = await server.api.request('POST', '/v1/sync/pull', {
      raw: '{"clientId": ',
      contentType: 'application/json',
      token: fx.tokens.r1,
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const text = await server.api.request('POST', '/v1/sync/pull', {
      raw: '{}',
      contentType: 'text/plain',
      token: fx.tokens.r1,
    });
    expect(text.status).toBe(415);
  });

  it.skipIf(!factory.available)(
    'bodies over the limit are 413, with or without Content-Length',
    async () => {
      const before = await databaseChecksum(opened.store);
      const huge = {
        clientId: 'huge-client',
        schemaVersion: 1,
        mutations: [
          {
            seq: 1,
            name: 'annotation.create',
            args: { id: 'h', dealId: 'd1', body: 'x'.repeat(100 * 1024) },
          },
        ],
      };
      const res = await server.api.post('/v1/sync/push', huge, fx.tokens.r1);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++)
            controller.enqueue(new TextEncoder().encode(`"${'y'.repeat(8 * 1024)}",`));
          controller.close();
        },
      });
      const streamed = await fetch(`${server.api.baseUrl}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.tokens.r1}` },
        body: chunks,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      // The import route has its own, larger limit.
      const csv = `crmId,name\n${'A,'.repeat(40 * 1024)}`;
      const big = await server.api.request('POST', '/v1/admin/deals/import?dryRun=true', {
        raw: csv,
        contentType: 'text/csv',
        token: fx.tokens.admin,
      });
      expect(big.status).not.toBe(413);
      expect(await databaseChecksum(opened.store)).toBe(before);
    },
  );

  it.skipIf(!factory.available)(
    'rate limits: per token, and per address for logins, with Retry-After',
    async () => {
      const limited = await startTestServer(opened.store, {
        clock: server.clock,
        config: {
          rateLimit: { burst: 5, perSecond: 1 },
          anonymousRateLimit: { burst: 3, perSecond: 0.1 },
        },
      });
      try {
        const statuses = [];
        for (let i = 0; i < 7; i++)
          statuses.push((await limited.api.get('/v1/me', fx.tokens.r1)).status);
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
        const limitedRes = await limited.api.get('/v1/me', fx.tokens.r1);
        expect(limitedRes.body.error.code).toBe('rate_limited');
        expect(Number(limitedRes.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect((await limited.api.get('/v1/me', fx.tokens.r2)).status).toBe(200); // another token
        limited.clock.advance(2000);
        expect((await limited.api.get('/v1/me', fx.tokens.r1)).status).toBe(200); // refilled
        const logins = [];
        for (let i = 0; i < 5; i++)
          logins.push(
            (
              await limited.api.post('/v1/auth/login', {
                email: 'r1@test.attain',
                password: 'guess guess',
              })
            ).status,
          );
        expect(logins).toEqual([401, 401, 401, 429, 429]);
        const health = await limited.api.get('/healthz');
        expect(health.status).toBe(200); // health checks are not throttled
      } finally {
        await limited.close();
      }
    },
  );
});
