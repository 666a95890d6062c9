import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app';
import type { Clock } from '../../../server/clock';
import type { AppConfig } from '../../../server/config';
import type { Store } from '../../../server/store/db';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Cheap scrypt for tests: the cost is a parameter, the code path is the same. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface HttpResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  /** Sent as is (with `contentType`), instead of JSON. */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  }

  get = (path: string, token?: string, options: RequestOptions = {}) =>
    this.request('GET', path, { ...options, token });
  post = (path: string, body: unknown, token?: string, options: RequestOptions = {}) =>
    this.request('POST', path, { ...options, body, token });
  put = (path: string, body: unknown, token?: string, options: RequestOptions = {}) =>
    this.request('PUT', path, { ...options, body, token });
  delete = (path: string, token?: string, options: RequestOptions = {}) =>
    this.request('DELETE', path, { ...options, token });
}

export interface TestServer {
  api: Api;
  clock: TestClock;
  port: number;
  close(): Promise<void>;
}

/** The real app on a real loopback socket (port 0). */
export async function startTestServer(
  store: Store,
  options: { clock?: TestClock; config?: Partial<AppConfig>; quiet?: boolean } = {},
): Promise<TestServer> {
  const clock = options.clock ?? new TestClock(new Date('2026-05-15T10:00:00.000Z'));
  const app = createApp({
    store,
    clock,
    config: {
      scryptCost: TEST_SCRYPT,
      rateLimit: null,
      anonymousRateLimit: null,
      ...options.config,
    },
    log: { info: () => {}, error: options.quiet ? () => {} : (m, e) => console.error(m, e) },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    api: new Api(`http://127.0.0.1:${port}`),
    clock,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
