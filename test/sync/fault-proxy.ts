import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP proxy in front of the real Attain server that breaks requests on purpose,
 * as networks and servers do:
 *
 * - `drop-request`: the connection dies before the request reaches the server.
 * - `drop-response`: the server handles (and commits) the request; the answer is lost.
 * - `duplicate`: the request reaches the server twice; the client gets one of the answers.
 * - `status`: the proxy answers itself (5xx, 401, 429…, with headers) and the server never
 *   sees the request.
 * - `latency`: the request is held `ms` before it goes on (a client with a shorter timeout
 *   gives up; the server may still commit it later).
 * - `hold`: the server handles the request; the answer waits until `release()` (to kill the
 *   client mid-step at a chosen moment).
 */
export type Fault =
  | { kind: 'drop-request' }
  | { kind: 'drop-response' }
  | { kind: 'duplicate'; answer?: 'first' | 'second' }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'latency'; ms: number }
  | { kind: 'hold'; onHeld?: () => void };

export interface RequestInfo {
  method: string;
  path: string;
  body: string;
}

export interface Rule {
  /** Which requests it applies to; every one when absent. */
  match?: (req: RequestInfo) => boolean;
  fault: Fault;
  /** How many matching requests it breaks (default 1). */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  fault: Fault['kind'] | null;
  /** What the client received (null: nothing, the connection was cut). */
  status: number | null;
}

interface ForwardResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const isPush = (r: RequestInfo) => r.path === '/v1/sync/push';
export const isPull = (r: RequestInfo) => r.path === '/v1/sync/pull';

export class FaultProxy {
  private server: http.Server | null = null;
  private readonly rules: Array<Rule & { left: number }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly held: Array<() => void> = [];
  readonly log: LoggedRequest[] = [];
  port = 0;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Breaks the next matching request(s). */
  inject(rule: Rule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  /** Forgets every rule not used up yet. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Lets every held answer go to its client. */
  release(): void {
    for (const go of this.held.splice(0)) go();
  }

  count(predicate: (r: LoggedRequest) => boolean): number {
    return this.log.filter(predicate).length;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.release();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private take(info: RequestInfo): Fault | null {
    const i = this.rules.findIndex((r) => r.left > 0 && (r.match?.(info) ?? true));
    if (i < 0) return null;
    const rule = this.rules[i]!;
    rule.left -= 1;
    if (rule.left === 0) this.rules.splice(i, 1);
    return rule.fault;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<ForwardResult> {
    const target = new URL(this.target);
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  private send(res: ServerResponse, result: ForwardResult, entry: LoggedRequest): void {
    if (res.destroyed) return;
    const headers = { ...result.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(result.body.length);
    res.writeHead(result.status, headers);
    res.end(result.body);
    entry.status = result.status;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const info: RequestInfo = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      body: body.toString('utf8'),
    };
    const fault = this.take(info);
    const entry: LoggedRequest = {
      method: info.method,
      path: info.path,
      fault: fault?.kind ?? null,
      status: null,
    };
    this.log.push(entry);
    try {
      switch (fault?.kind) {
        case undefined:
          this.send(res, await this.forward(req, body), entry);
          return;
        case 'drop-request':
          req.socket.destroy();
          return;
        case 'drop-response':
          await this.forward(req, body);
          req.socket.destroy();
          return;
        case 'duplicate': {
          const first = await this.forward(req, body);
          const second = await this.forward(req, body);
          this.send(res, fault.answer === 'first' ? first : second, entry);
          return;
        }
        case 'status': {
          const payload = Buffer.from(
            JSON.stringify(
              fault.body ?? {
                error: { code: `injected_${fault.status}`, message: `Injected ${fault.status}.` },
              },
            ),
          );
          this.send(
            res,
            {
              status: fault.status,
              headers: { 'content-type': 'application/json', ...fault.headers },
              body: payload,
            },
            entry,
          );
          return;
        }
        case 'latency':
          await this.sleep(fault.ms);
          this.send(res, await this.forward(req, body), entry);
          return;
        case 'hold': {
          const result = await this.forward(req, body);
          await new Promise<void>((resolve) => {
            this.held.push(resolve);
            fault.onHeld?.();
          });
          this.send(res, result, entry);
          return;
        }
      }
    } catch {
      req.socket.destroy();
    }
  }
}
