import { z } from 'zod';
import {
  apiErrorSchema,
  pullResponseSchema,
  pushResponseSchema,
  userSchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../domain';
import { isExactPullResponse } from './exact-checks';

/** The server answered with an error status (its `{error:{code,message}}` body parsed). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** From `Retry-After` (429, 503), in milliseconds. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/** The request never got an answer: no network, server unreachable, or too slow. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly kind: 'unreachable' | 'timeout',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The server answered 2xx with a body that is not what the protocol says. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** The caller aborted the request (the engine is being thrown away). */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';
  constructor() {
    super('The request was aborted.');
  }
}

export const loginResponseSchema = z.object({
  token: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  schemaVersion: z.number(),
  serverTime: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export interface ApiClientOptions {
  /** `https://attain.example.com` (no trailing path). */
  baseUrl: string;
  token?: string | null;
  /** Per request. */
  timeoutMs?: number;
  /** Aborts every request of this client (a dying engine). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Normalizes a server URL typed by a person: scheme required, no trailing slash or path. */
export function normalizeServerUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('The server address must start with https:// (or http:// for a local server).');
  }
  if (url.username || url.password) throw new Error('The server address must not hold a password.');
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The Attain HTTP API as the extension uses it: bearer token, a timeout per request, error
 * bodies parsed with `apiErrorSchema`, every response parsed with its zod schema.
 */
export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  login(email: string, password: string): Promise<LoginResponse> {
    return this.request('POST', '/v1/auth/login', loginResponseSchema, { email, password });
  }

  async logout(): Promise<void> {
    await this.request('POST', '/v1/auth/logout', null);
  }

  me(): Promise<MeResponse> {
    return this.request('GET', '/v1/me', meResponseSchema);
  }

  push(body: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/v1/sync/push', pushResponseSchema, body);
  }

  /**
   * `signal` aborts this request only (a page asked for ahead that will not be applied). The
   * answer is checked with an exact fast check first (lib/sync/exact-checks.ts), then with
   * `pullResponseSchema` if that cannot vouch for it.
   */
  pull(body: PullRequest, signal?: AbortSignal): Promise<PullResponse> {
    return this.request('POST', '/v1/sync/pull', pullResponseSchema, body, {
      ...(signal ? { signal } : {}),
      exact: isExactPullResponse,
    });
  }

  /** A GET whose JSON answer is parsed with `schema` (server-only reads). */
  get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.request('GET', path, schema) as Promise<z.output<S>>;
  }

  private async request<S extends z.ZodType | null>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    extra: {
      /** Aborts this request only. */
      signal?: AbortSignal;
      /** True only for an answer `schema` accepts and returns unchanged (then not parsed). */
      exact?: (json: unknown) => boolean;
    } = {},
  ): Promise<S extends z.ZodType ? z.output<S> : null> {
    const outer = this.options.signal;
    const own = extra.signal;
    const aborted = () => outer?.aborted === true || own?.aborted === true;
    if (aborted()) throw new AbortedError();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signals = [outer, own, timeout].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 1 ? timeout : AbortSignal.any(signals);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      text = await response.text();
    } catch (error) {
      if (aborted()) throw new AbortedError();
      if (timeout.aborted) {
        throw new NetworkError(
          'timeout',
          `The server did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
          error,
        );
      }
      throw new NetworkError('unreachable', 'The server could not be reached.', error);
    }
    if (!response.ok) throw this.errorOf(response, text);
    if (schema === null) return null as never;
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      throw new ProtocolError(`The server's answer to ${method} ${path} is not JSON.`);
    }
    if (extra.exact?.(json)) return json as never;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ProtocolError(
        `The server's answer to ${method} ${path} is not what this extension expects (${first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid'}). The server or the extension may need an update.`,
      );
    }
    return parsed.data as never;
  }

  private errorOf(response: Response, text: string): ApiError {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.now());
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's HTML error page: keep the status.
    }
    const parsed = apiErrorSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(response.status, code, message, details, retryAfterMs);
    }
    const code =
      response.status >= 500
        ? 'server_error'
        : response.status === 429
          ? 'rate_limited'
          : `http_${response.status}`;
    return new ApiError(
      response.status,
      code,
      `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
      undefined,
      retryAfterMs,
    );
  }
}
