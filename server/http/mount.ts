import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { authenticateToken } from '../auth/tokens';
import { loadViewer, type Viewer } from '../auth/viewer';
import { ApiError, forbidden, unauthorized, validationError } from './errors';
import type { AnyRoute, AppDeps } from './route';

export function errorResponse(c: Context, error: ApiError): Response {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details !== undefined) body.error.details = error.details;
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(body, error.status as 400);
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

function take(limiter: AppDeps['tokenLimiter'], key: string): void {
  if (!limiter) return;
  const result = limiter.take(key);
  if (!result.ok) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests: try again in ${result.retryAfterSeconds} s.`,
      { retryAfterSeconds: result.retryAfterSeconds },
      { 'Retry-After': String(result.retryAfterSeconds) },
    );
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

async function authenticate(c: Context, deps: AppDeps, now: Date): Promise<Viewer> {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match) {
    take(deps.anonymousLimiter, `ip:${clientAddress(c)}`);
    throw unauthorized();
  }
  const db = deps.store.db;
  const auth = await authenticateToken(db, match[1]!, now);
  if (!auth) {
    take(deps.anonymousLimiter, `ip:${clientAddress(c)}`);
    throw unauthorized('The token is unknown, expired or revoked: sign in again.');
  }
  take(deps.tokenLimiter, `token:${auth.token.id}`);
  return loadViewer(db, auth.user, auth.token.id);
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

function queryObject(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(c.req.url).searchParams) out[k] = v;
  return out;
}

/** Mounts one route: body limit, authentication, rate limit, role, parsing, handler. */
export function mountRoute(app: Hono, deps: AppDeps, route: AnyRoute): void {
  const maxSize = route.bodyLimit?.(deps.config) ?? deps.config.bodyLimitBytes;
  const limit = bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(
        c,
        new ApiError(413, 'payload_too_large', `The body is larger than ${maxSize} bytes.`, {
          maxBytes: maxSize,
        }),
      ),
  });
  app.on(route.method.toUpperCase(), route.path, limit, async (c) => {
    const now = deps.clock.now();
    let viewer: Viewer | null = null;
    if (route.access === 'public') {
      if (route.throttleByAddress) take(deps.anonymousLimiter, `ip:${clientAddress(c)}`);
    } else {
      viewer = await authenticate(c, deps, now);
      if (route.access === 'admin' && viewer.role !== 'admin') {
        throw forbidden('Only admins can do this.');
      }
    }
    const params = route.params ? parse(route.params, c.req.param(), 'path') : undefined;
    const query = route.query ? parse(route.query, queryObject(c), 'query') : undefined;
    const body = route.body ? parse(route.body, await readJson(c), 'body') : undefined;
    const result = await route.handler({
      c,
      deps,
      viewer: viewer as Viewer,
      params,
      query,
      body,
      now,
    });
    if (result instanceof Response) return result;
    if (route.successStatus === 204) return c.body(null, 204);
    return c.json(result as object, route.successStatus ?? 200);
  });
}
