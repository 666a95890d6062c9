import { z } from 'zod';
import { crmDealSchema, type CrmDeal, type CrmUser } from '../records/deal';

/**
 * The Attain server's HTTP API as the demo CRM's connector uses it, with an admin login:
 * users (`GET /v1/admin/users`), every deal (`POST /v1/sync/pull`, which gives an admin all
 * deals) and the deal import (`POST /v1/admin/deals/import`, JSON, upsert by CRM id).
 */
export type AttainErrorKind =
  /** Network error, timeout, 5xx, 429: try again later. */
  | 'unavailable'
  /** The server refused the request (validation, forbidden): trying again will not help. */
  | 'rejected';

export class AttainError extends Error {
  constructor(
    message: string,
    readonly kind: AttainErrorKind,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AttainError';
  }
}

export interface AttainClientOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** Per request; pulls of large databases get four times this. */
  timeoutMs?: number;
  /** Stop reading deals past this many (the demo CRM is not built for a million rows). */
  maxDeals?: number;
  fetch?: typeof fetch;
}

export interface PulledDeals {
  deals: CrmDeal[];
  /** Deals without a CRM id, or that did not parse: not CRM records. */
  skipped: number;
  truncated: boolean;
}

const CLIENT_ID = 'demo-crm-connector';
const PULL_LIMIT = 5000;

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const loginResponse = z.object({ token: z.string() });
const usersResponse = z.object({
  users: z.array(
    z.looseObject({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
  ),
});
const pullResponse = z.looseObject({
  cursor: z.number(),
  hasMore: z.boolean(),
  changes: z.array(
    z.looseObject({ entity: z.string(), op: z.string(), id: z.string(), value: z.unknown() }),
  ),
});
const importResponse = z.looseObject({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportSummary = z.infer<typeof importResponse>;

export class AttainClient {
  private token: string | null = null;
  private schemaVersion = 1;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  readonly baseUrl: string;

  constructor(private readonly options: AttainClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async listUsers(): Promise<CrmUser[]> {
    const { users } = await this.call('GET', '/v1/admin/users', undefined, usersResponse);
    return users.map(({ id, name, email, role }) => ({ id, name, email, role }));
  }

  /** Every deal the server has (an admin's pull sees all), latest values, deletions applied. */
  async pullDeals(): Promise<PulledDeals> {
    const byId = new Map<string, unknown>();
    const maxDeals = this.options.maxDeals ?? 10_000;
    let cursor = 0;
    let truncated = false;
    for (;;) {
      const page = await this.call(
        'POST',
        '/v1/sync/pull',
        { clientId: CLIENT_ID, cursor, schemaVersion: this.schemaVersion, limit: PULL_LIMIT },
        pullResponse,
        this.timeoutMs * 4,
      );
      for (const change of page.changes) {
        if (change.entity !== 'deal') continue;
        if (change.op === 'del') byId.delete(change.id);
        else byId.set(change.id, change.value);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
      if (byId.size >= maxDeals) {
        truncated = true;
        break;
      }
    }
    const deals: CrmDeal[] = [];
    let skipped = 0;
    for (const value of byId.values()) {
      const parsed = crmDealSchema.safeParse(value);
      if (parsed.success && deals.length < maxDeals) deals.push(parsed.data);
      else if (parsed.success) truncated = true;
      else skipped++;
    }
    return { deals, skipped, truncated };
  }

  /** Upserts deals by CRM id: all or none (a bad row is an AttainError of kind `rejected`). */
  async importDeals(rows: readonly unknown[]): Promise<ImportSummary> {
    return this.call('POST', '/v1/admin/deals/import', rows, importResponse);
  }

  private async login(): Promise<string> {
    const { token } = await this.send(
      'POST',
      '/v1/auth/login',
      { email: this.options.email, password: this.options.password },
      loginResponse,
      null,
      this.timeoutMs,
    );
    this.token = token;
    return token;
  }

  /** A signed-in call: signs in first if needed, and once more when the token has expired. */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    const token = this.token ?? (await this.login());
    try {
      return await this.send(method, path, body, schema, token, timeoutMs);
    } catch (error) {
      if (error instanceof SchemaMismatch) {
        this.schemaVersion = error.serverVersion;
        const retry = { ...(body as object), schemaVersion: error.serverVersion };
        return this.send(method, path, retry, schema, token, timeoutMs);
      }
      if (error instanceof AttainError && error.status === 401) {
        return this.send(method, path, body, schema, await this.login(), timeoutMs);
      }
      throw error;
    }
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    token: string | null,
    timeoutMs: number,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? (causeMessage(error) ?? error.message) : 'failed';
      throw new AttainError(
        `Attain server at ${this.baseUrl} unreachable: ${reason}`,
        'unavailable',
      );
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const parsed = errorBody.safeParse(json);
      const code = parsed.success ? parsed.data.error.code : `http_${response.status}`;
      const message = parsed.success ? parsed.data.error.message : response.statusText;
      if (response.status === 409 && code === 'schema_mismatch' && parsed.success) {
        const details = parsed.data.error.details as { serverSchemaVersion?: unknown } | undefined;
        if (typeof details?.serverSchemaVersion === 'number') {
          throw new SchemaMismatch(details.serverSchemaVersion);
        }
      }
      const transient = response.status >= 500 || response.status === 429;
      throw new AttainError(
        `${method} ${path}: ${response.status} ${code}: ${message}`,
        transient ? 'unavailable' : 'rejected',
        response.status,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AttainError(`${method} ${path}: unexpected answer from the server`, 'rejected');
    }
    return parsed.data;
  }
}

/** The server speaks another sync schema version (the pull is retried once with it). */
class SchemaMismatch extends AttainError {
  constructor(readonly serverVersion: number) {
    super(`the server speaks sync schema version ${serverVersion}`, 'rejected', 409);
  }
}

function causeMessage(error: Error): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
  return undefined;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
