/**
 * Server benchmarks over loopback: the real server process (tsx server/main.ts) on SQLite
 * and on PostgreSQL (a throwaway cluster with PostgreSQL's durable defaults), loaded by
 * autocannon with 100 connections for 10 s per figure: /healthz (the baseline: HTTP and
 * auth-free routing), an incremental pull of a caught-up client, a rep's first full pull,
 * and a push of one note per request (each connection its own client and seq).
 *
 *   npm run bench:server            BENCH_DURATION=10 BENCH_CONNECTIONS=100 BENCH_STORES=sqlite,postgres
 *
 * Rate limits are off for the run (ATTAIN_RATE_LIMIT=off); everything else is the default
 * configuration, including SQLite synchronous=FULL (one fsync per commit).
 */
import autocannon, { type Request as AutocannonRequest } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SYNC_SCHEMA_VERSION } from '../lib/domain';
import { issueToken } from '../server/auth/tokens';
import { openStore } from '../server/store/db';
import { seedDemo } from '../server/seed/demo';
import { startPgCluster, type PgCluster } from '../test/server/pg-cluster';
import { report, type Figure } from './harness';

// BENCH_SERVER_ROOT runs the server of another checkout (A/B against an older commit).
const ROOT = process.env.BENCH_SERVER_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const TODAY = '2026-11-20';

interface Target {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'attain-bench-'));
  return {
    kind: 'sqlite',
    env: { ATTAIN_DATA_DIR: dir, DATABASE_URL: '' },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(cluster: PgCluster): Promise<Target> {
  const name = `attain_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), ATTAIN_PG_POOL_MAX: '20' },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: cluster.adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Seeds the demo company and returns a token for a rep and one of their deals. */
async function seed(target: Target): Promise<{ token: string; dealId: string }> {
  const store = await openStore({
    dataDir: target.env.ATTAIN_DATA_DIR || undefined,
    databaseUrl: target.env.DATABASE_URL || undefined,
  });
  try {
    await seedDemo(store, { today: TODAY, seed: 42, scryptCost: { N: 1024, r: 8, p: 1 } });
    const token = await store.write((trx) =>
      issueToken(trx, {
        userId: 'rep-02',
        kind: 'cli',
        label: 'bench',
        now: new Date(),
        ttlSeconds: null,
      }),
    );
    const deal = await store.db
      .selectFrom('deals')
      .select('id')
      .where('owner_id', '=', 'rep-02')
      .executeTakeFirstOrThrow();
    return { token: token.token, dealId: deal.id };
  } finally {
    await store.close();
  }
}

async function startServer(target: Target): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the server process there when it stops.
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, PORT: '0', HOST: '127.0.0.1', ATTAIN_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  rps: number;
  p99: number;
  p50: number;
  failures: number;
  /** CPU used during the run, in CPUs (1 = one core busy the whole time). */
  cpu: CpuShare;
}

interface CpuShare {
  generator: number;
  server: number;
  database: number;
  machine: number;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds (0 when it is gone). */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of the PostgreSQL backends serving `database` (the bench's own database). */
function databaseCpuSeconds(database: string | null): number {
  if (database === null) return 0;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres:') && cmd.includes(` ${database} `))
        total += processCpuSeconds(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

/** Busy CPU seconds of the whole machine (every process, other users' included). */
function machineCpuSeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, ...v] = line.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
  return busy / TICKS_PER_SECOND;
}

function cpuSnapshot(serverPid: number, database: string | null) {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    generator: (own.user + own.system) / 1e6,
    server: processCpuSeconds(serverPid),
    database: databaseCpuSeconds(database),
    machine: machineCpuSeconds(),
  };
}

function cpuShare(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>): CpuShare {
  const s = (b.at - a.at) / 1000;
  return {
    generator: (b.generator - a.generator) / s,
    server: (b.server - a.server) / s,
    database: (b.database - a.database) / s,
    machine: (b.machine - a.machine) / s,
  };
}

/** The process whose CPU is measured, and the PostgreSQL database it uses (if any). */
let measured: { pid: number; database: string | null } = { pid: 0, database: null };

async function load(
  url: string,
  requests: AutocannonRequest[],
  headers: Record<string, string> = {},
): Promise<Run> {
  const before = cpuSnapshot(measured.pid, measured.database);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    // Slow is not failed: p99 shows slowness; a request counts as failed after 30 s.
    timeout: 30,
    headers,
    requests,
  });
  // `errors` counts timeouts too.
  const failures = result.non2xx + result.errors;
  if (failures > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, s]) => `${code}×${(s as { count: number }).count}`)
      .join(', ');
    console.warn(
      `warning: ${requests[0]?.path}: ${result.non2xx} non-2xx (${statuses || 'none'}), ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    failures,
    cpu: cpuShare(before, cpuSnapshot(measured.pid, measured.database)),
  };
}

async function bench(target: Target): Promise<Figure[]> {
  const { token, dealId } = await seed(target);
  const { child, url } = await startServer(target);
  measured = {
    pid: child.pid!,
    database: target.env.DATABASE_URL ? new URL(target.env.DATABASE_URL).pathname.slice(1) : null,
  };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    // A reader that is caught up: its pulls are the steady state of every open sidebar.
    const first = await fetch(`${url}/v1/sync/pull`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        clientId: 'bench-reader',
        cursor: 0,
        schemaVersion: SYNC_SCHEMA_VERSION,
        limit: 5000,
      }),
    });
    const { cursor } = (await first.json()) as { cursor: number };

    const healthz = await load(`${url}/healthz`, [{ method: 'GET', path: '/healthz' }]);
    const pull = await load(
      url,
      [
        {
          method: 'POST',
          path: '/v1/sync/pull',
          body: JSON.stringify({
            clientId: 'bench-reader',
            cursor,
            schemaVersion: SYNC_SCHEMA_VERSION,
          }),
        },
      ],
      auth,
    );
    const pullFull = await load(
      url,
      [
        {
          method: 'POST',
          path: '/v1/sync/pull',
          body: JSON.stringify({
            clientId: 'bench-full',
            cursor: 0,
            schemaVersion: SYNC_SCHEMA_VERSION,
          }),
        },
      ],
      auth,
    );
    const push = await load(
      url,
      [
        {
          method: 'POST',
          path: '/v1/sync/push',
          setupRequest: (req, context) => {
            const ctx = context as { clientId?: string; seq?: number };
            ctx.clientId ??= `bench-push-${randomBytes(6).toString('hex')}`;
            ctx.seq = (ctx.seq ?? 0) + 1;
            return {
              ...req,
              body: JSON.stringify({
                clientId: ctx.clientId,
                schemaVersion: SYNC_SCHEMA_VERSION,
                mutations: [
                  {
                    seq: ctx.seq,
                    name: 'annotation.create',
                    args: { id: `${ctx.clientId}-${ctx.seq}`, dealId, body: 'Benchmark note' },
                  },
                ],
              }),
            };
          },
        },
      ],
      auth,
    );

    const prefix = `server.${target.kind}`;
    const figures: Figure[] = [
      { name: `${prefix}.healthz_rps`, value: healthz.rps, unit: 'req/s' },
      { name: `${prefix}.healthz_p99_ms`, value: healthz.p99, unit: 'ms' },
    ];
    for (const [name, run] of [
      ['healthz', healthz],
      ['pull', pull],
      ['pull_full', pullFull],
      ['push', push],
    ] as const) {
      // How the two CPUs were shared: the load generator runs in this process.
      for (const part of ['generator', 'server', 'database', 'machine'] as const) {
        if (part === 'database' && target.kind !== 'postgres') continue;
        figures.push({ name: `${prefix}.${name}_cpu_${part}`, value: run.cpu[part], unit: 'cpus' });
      }
      figures.push({ name: `${prefix}.${name}_p50_ms`, value: run.p50, unit: 'ms' });
      // CPU time per request: what the server's code costs, less sensitive to other load.
      figures.push({
        name: `${prefix}.${name}_server_cpu_ms_per_req`,
        value: run.rps > 0 ? (run.cpu.server * 1000) / run.rps : Number.NaN,
        unit: 'ms',
      });
      if (target.kind === 'postgres')
        figures.push({
          name: `${prefix}.${name}_database_cpu_ms_per_req`,
          value: run.rps > 0 ? (run.cpu.database * 1000) / run.rps : Number.NaN,
          unit: 'ms',
        });
    }
    for (const [name, run] of [
      ['pull', pull],
      ['pull_full', pullFull],
      ['push', push],
    ] as const) {
      figures.push(
        {
          name: `${prefix}.${name}_rps`,
          value: run.rps,
          unit: 'req/s',
          baseline: { name: 'healthz', value: healthz.rps, unit: 'req/s' },
        },
        {
          name: `${prefix}.${name}_p99_ms`,
          value: run.p99,
          unit: 'ms',
          baseline: { name: 'healthz', value: healthz.p99, unit: 'ms' },
        },
      );
      if (run.failures > 0)
        figures.push({ name: `${prefix}.${name}_failures`, value: run.failures, unit: 'requests' });
    }
    return figures;
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  // Other processes on the machine skew every figure: say how busy it was.
  const figures: Figure[] = [
    { name: 'server.machine_load_1m', value: loadavg()[0]!, unit: 'load' },
  ];
  let cluster: PgCluster | null = null;
  try {
    for (const kind of STORES) {
      let target: Target;
      if (kind === 'sqlite') target = await sqliteTarget();
      else if (kind === 'postgres') {
        cluster ??= await startPgCluster({ durable: true });
        if (!cluster) {
          console.warn('PostgreSQL is not installed: skipping the PostgreSQL figures');
          continue;
        }
        target = await postgresTarget(cluster);
      } else throw new Error(`unknown store "${kind}" in BENCH_STORES`);
      console.log(`# ${kind}: ${CONNECTIONS} connections, ${DURATION} s per figure`);
      try {
        figures.push(...(await bench(target)));
      } finally {
        await target.cleanup();
      }
    }
  } finally {
    await cluster?.stop();
  }
  figures.push({ name: 'server.machine_load_1m_after', value: loadavg()[0]!, unit: 'load' });
  report('server', figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
