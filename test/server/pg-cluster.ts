import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster (or the one ATTAIN_TEST_DATABASE_URL names). */
export interface PgCluster {
  /** Superuser URL of its `postgres` database; tests create their own databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

function findBinaries(): { initdb: string; pgCtl: string } | null {
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    '/usr/local/bin',
    '/usr/local/pgsql/bin',
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) {
      return { initdb: join(dir, 'initdb'), pgCtl: join(dir, 'pg_ctl') };
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster in a temp dir on a free loopback port: initdb and pg_ctl run as user
 * `postgres` when we are root (initdb refuses root). Durability settings are off: the
 * cluster lives for one test run (`durable: true` keeps PostgreSQL's defaults, for
 * benchmarks). Null when no PostgreSQL binaries are installed.
 */
export async function startPgCluster(
  options: { durable?: boolean } = {},
): Promise<PgCluster | null> {
  const fromEnv = process.env.ATTAIN_TEST_DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, stop: async () => {} };
  const bins = findBinaries();
  if (!bins) return null;
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  const dir = await mkdtemp(join(tmpdir(), 'attain-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await as(bins.initdb, [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freePort();
  const settings = [
    '-h 127.0.0.1',
    `-p ${port}`,
    `-k ${dir}`,
    '-c max_connections=300',
    ...(options.durable
      ? []
      : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  await as(bins.pgCtl, [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    settings,
    'start',
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        await as(bins.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
