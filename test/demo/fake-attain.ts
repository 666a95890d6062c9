import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { toId18 } from '../../demo/records/salesforce-id';

/**
 * A stand-in for the Attain server on loopback: the admin login, users, the sync pull (all
 * deals) and the deal import (upsert by CRM id). `importMode` makes the import fail the ways
 * the real one can; `stop()` / `restart()` take it off the network and back on the same port.
 */
export type ImportMode = 'ok' | 'unavailable' | 'reject';

export interface FakeDeal {
  id: string;
  crmId: string;
  name: string;
  amount: number;
  currency: string;
  stage: string;
  isClosed: boolean;
  isWon: boolean;
  closeDate: string;
  createdDate: string;
  ownerId: string;
  probability?: number;
  accountName?: string;
  nextStep?: string;
  fields?: Record<string, string>;
  [key: string]: unknown;
}

export const ADMIN = { email: 'admin@demo.attain.test', password: 'attain-demo' };

export const USERS = [
  { id: 'admin', email: ADMIN.email, name: 'Ada Admin', role: 'admin' },
  { id: 'rep-01', email: 'rep01@demo.attain.test', name: 'Ava Martin', role: 'rep' },
  { id: 'rep-02', email: 'rep02@demo.attain.test', name: 'Ben <b>Okafor</b>', role: 'rep' },
];

export const DEAL_A = toId18('006Dm00000AaAa1') ?? '';
export const DEAL_B = toId18('006Dm00000BbBb2') ?? '';
export const DEAL_C = toId18('006Dm00000CcCc3') ?? '';

export function sampleDeals(): FakeDeal[] {
  return [
    {
      id: 'deal-a',
      crmId: DEAL_A,
      name: 'Burlington Textiles Weaving Plant Generator',
      amount: 125000,
      currency: 'USD',
      stage: 'Negotiation',
      isClosed: false,
      isWon: false,
      closeDate: '2026-12-31',
      createdDate: '2026-01-15',
      ownerId: 'rep-01',
      probability: 75,
      accountName: 'Burlington Textiles Corp of America',
      nextStep: 'Send revised quote',
      contactCount: 3,
      fields: { productLine: 'platform', dealType: 'new' },
    },
    {
      id: 'deal-b',
      crmId: DEAL_B,
      name: 'Globex Expansion',
      amount: 12500,
      currency: 'EUR',
      stage: 'Proposal',
      isClosed: false,
      isWon: false,
      closeDate: '2026-06-05',
      createdDate: '2026-02-01',
      ownerId: 'rep-02',
      probability: 50,
      accountName: 'Globex',
    },
    {
      id: 'deal-c',
      crmId: DEAL_C,
      name: 'Initech Renewal',
      amount: 9999,
      currency: 'USD',
      stage: 'Closed Won',
      isClosed: true,
      isWon: true,
      closeDate: '2026-03-01',
      createdDate: '2025-12-01',
      ownerId: 'rep-01',
      probability: 100,
      accountName: 'Initech',
    },
  ];
}

export interface FakeAttain {
  url: string;
  deals: Map<string, FakeDeal>;
  /** Every import request body, in order. */
  imports: unknown[][];
  logins: number;
  importMode: ImportMode;
  /** Tokens issued before this are refused with 401 (an expired session). */
  expireTokens(): void;
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeAttain(
  options: { deals?: FakeDeal[]; port?: number } = {},
): Promise<FakeAttain> {
  let generation = 0;
  const fake: FakeAttain = {
    url: '',
    deals: new Map((options.deals ?? sampleDeals()).map((d) => [d.crmId, d])),
    imports: [],
    logins: 0,
    importMode: 'ok',
    expireTokens: () => {
      generation++;
    },
    stop: async () => {},
    restart: async () => {},
    close: async () => {},
  };

  const app = new Hono();
  const apiError = (status: 401 | 409 | 422 | 503, code: string, message: string) =>
    new Response(JSON.stringify({ error: { code, message } }), {
      status,
      headers: {
        'content-type': 'application/json',
        ...(status === 503 ? { 'retry-after': '0' } : {}),
      },
    });
  app.post('/v1/auth/login', async (c) => {
    const body = (await c.req.json()) as { email?: string; password?: string };
    if (body.email !== ADMIN.email || body.password !== ADMIN.password) {
      return apiError(401, 'invalid_credentials', 'The email or password is wrong.');
    }
    fake.logins++;
    return c.json({
      token: `token-${generation}`,
      tokenType: 'Bearer',
      expiresAt: '2099-01-01T00:00:00Z',
    });
  });
  app.use('/v1/admin/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer token-${generation}`) {
      return apiError(401, 'unauthorized', 'Sign in again.');
    }
    await next();
  });
  app.use('/v1/sync/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer token-${generation}`) {
      return apiError(401, 'unauthorized', 'Sign in again.');
    }
    await next();
  });
  app.get('/v1/admin/users', (c) => c.json({ users: USERS }));
  app.post('/v1/sync/pull', async (c) => {
    const body = (await c.req.json()) as { cursor: number; limit: number; schemaVersion: number };
    if (body.schemaVersion !== 1) return apiError(409, 'schema_mismatch', 'version');
    const all = [...fake.deals.values()];
    const page = all.slice(body.cursor, body.cursor + Math.min(body.limit, 2));
    const others =
      body.cursor === 0 ? [{ entity: 'me', op: 'put', id: 'me', value: {}, version: 1 }] : [];
    return c.json({
      cursor: body.cursor + page.length,
      lastMutationSeq: 0,
      hasMore: body.cursor + page.length < all.length,
      changes: [
        ...others,
        ...page.map((deal) => ({
          entity: 'deal',
          op: 'put',
          id: deal.id,
          value: deal,
          version: 1,
        })),
      ],
      rejections: [],
    });
  });
  app.post('/v1/admin/deals/import', async (c) => {
    if (!/^application\/json/.test(c.req.header('content-type') ?? '')) {
      return apiError(422, 'unsupported', 'json only');
    }
    const rows = (await c.req.json()) as FakeDeal[];
    fake.imports.push(rows);
    if (fake.importMode === 'unavailable') return apiError(503, 'unavailable', 'Try again later.');
    if (fake.importMode === 'reject') {
      return apiError(422, 'import_rejected', '1 of 1 rows are invalid; nothing was imported.');
    }
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      const existing = fake.deals.get(row.crmId);
      fake.deals.set(row.crmId, { ...row, id: existing?.id ?? row.id ?? row.crmId });
      if (existing) updated++;
      else created++;
    }
    return c.json({
      dryRun: false,
      total: rows.length,
      valid: rows.length,
      created,
      updated,
      unchanged: 0,
      errors: [],
    });
  });

  let server: ServerType | null = null;
  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
        port = (info as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      if ('closeAllConnections' in s) s.closeAllConnections();
    });
  await listen();
  fake.url = `http://127.0.0.1:${port}`;
  fake.stop = stop;
  fake.restart = listen;
  fake.close = stop;
  return fake;
}

/** A free loopback port (listened on and released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const silentLog = { info: () => {}, warn: () => {} };
