import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli';
import { loadServerConfig, type ServerConfig } from '../../server/config';
import { openStore } from '../../server/store/db';
import { seedDemo } from '../../server/seed/demo';
import { seedScale } from '../../server/seed/scale';
import { startTestServer } from './support/server';
import { storeFactories } from './support/stores';
import { TEST_SCRYPT } from './support/server';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const factories = await storeFactories();

describe('CLI (npm run server -- <command>)', () => {
  let dir: string;
  let config: ServerConfig;
  const lines: string[] = [];
  const errors: string[] = [];
  const cli = async (...args: string[]) => {
    lines.length = 0;
    errors.length = 0;
    return runCli(
      args,
      config,
      (l) => lines.push(l),
      (l) => errors.push(l),
    );
  };
  /** Runs a command that must succeed, showing its errors when it does not. */
  const ok = async (...args: string[]) => {
    const code = await cli(...args);
    expect(code, `${args.join(' ')}: ${errors.join('; ')}`).toBe(0);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attain-cli-'));
    config = {
      ...loadServerConfig({ ATTAIN_DATA_DIR: dir }),
      scryptCost: TEST_SCRYPT,
      sqliteSynchronous: 'normal',
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('migrate, help, unknown commands', async () => {
    await ok('migrate');
    expect(lines[0]).toContain(`SQLite at ${join(dir, 'attain.sqlite')}`);
    await ok('help');
    expect(lines[0]).toContain('Usage:');
    expect(await cli('frobnicate')).toBe(2);
    expect(errors[0]).toContain('unknown command');
  });

  it('user add, token create / revoke, user passwd', async () => {
    expect(
      await cli(
        'user',
        'add',
        '--email',
        'Boss@Example.com',
        '--name',
        'Boss',
        '--role',
        'admin',
        '--id',
        'boss',
      ),
    ).toBe(0);
    expect(lines[0]).toBe('added admin boss@example.com (id boss)');
    const generated = lines[1]!.replace('password: ', '');
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(
      await cli('user', 'add', '--email', 'boss@example.com', '--name', 'Again', '--role', 'rep'),
    ).toBe(2);
    expect(errors[0]).toContain('already exists');
    expect(
      await cli('user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'king'),
    ).toBe(2);
    expect(
      await cli(
        'user',
        'add',
        '--email',
        'x@example.com',
        '--name',
        'X',
        '--role',
        'rep',
        '--team',
        'nope',
      ),
    ).toBe(2);

    expect(
      await cli('token', 'create', '--email', 'boss@example.com', '--label', 'ci', '--days', '2'),
    ).toBe(0);
    const token = lines[0]!;
    const tokenId = /token id (\S+),/.exec(lines[1]!)![1]!;
    const store = await openStore({ dataDir: dir });
    const server = await startTestServer(store);
    try {
      expect((await server.api.get('/v1/me', token)).body.user.id).toBe('boss');
      expect(
        (
          await server.api.post('/v1/auth/login', {
            email: 'boss@example.com',
            password: generated,
          })
        ).status,
      ).toBe(200);
      expect(
        await cli('user', 'passwd', '--email', 'boss@example.com', '--password', 'a new secret'),
      ).toBe(0);
      expect((await server.api.get('/v1/me', token)).status).toBe(401); // passwd signs out everywhere
      expect(
        (
          await server.api.post('/v1/auth/login', {
            email: 'boss@example.com',
            password: 'a new secret',
          })
        ).status,
      ).toBe(200);
      await ok('token', 'create', '--email', 'boss@example.com');
      const second = lines[0]!;
      expect(lines[1]).toContain('no expiry');
      const secondId = /token id (\S+),/.exec(lines[1]!)![1]!;
      await ok('token', 'revoke', '--id', secondId);
      expect((await server.api.get('/v1/me', second)).status).toBe(401);
      expect(tokenId).not.toBe(secondId);
      expect(await cli('token', 'create', '--email', 'ghost@example.com')).toBe(2);
      expect(
        await cli('user', 'passwd', '--email', 'boss@example.com', '--password', 'short'),
      ).toBe(2);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('import deals: dry run lists bad rows; a real run imports all or nothing', async () => {
    expect(
      await cli(
        'user',
        'add',
        '--email',
        'rep@example.com',
        '--name',
        'Rep',
        '--role',
        'rep',
        '--id',
        'rep-x',
      ),
    ).toBe(0);
    const file = join(dir, 'deals.csv');
    const header =
      'crmId,name,amount,currency,stage,isClosed,isWon,closeDate,createdDate,ownerEmail';
    await writeFile(
      file,
      `${header}\nA-1,One,100,USD,Won,true,true,2026-01-05,2026-01-01,rep@example.com\nA-2,Two,abc,USD,Won,true,true,2026-01-05,2026-01-01,rep@example.com\n`,
    );
    expect(await cli('import', 'deals', file, '--dry-run')).toBe(1);
    expect(lines[0]).toBe(`${file}:3: amount must be a number like 1234.5 (got "abc")`);
    expect(lines[1]).toContain('2 rows, 1 invalid; 1 would be created');
    expect(await cli('import', 'deals', file)).toBe(1);
    expect(lines.at(-1)).toContain('nothing was imported');
    await writeFile(
      file,
      `${header}\nA-1,One,100,USD,Won,true,true,2026-01-05,2026-01-01,rep@example.com\n`,
    );
    await ok('import', 'deals', file);
    expect(lines.at(-1)).toBe('1 rows, 0 invalid; 1 were created, 0 updated, 0 unchanged');
    await ok('compact', '--keep-days', '0');
    expect(lines[0]).toMatch(/^removed \d+ superseded rows and \d+ old tombstones/);
  });
});

describe.each(factories)('demo and scale data on $name', (factory) => {
  it.skipIf(!factory.available)('the demo company is deterministic and usable', async () => {
    const a = await factory.open();
    const b = await factory.open();
    try {
      const options = { today: '2026-11-20', seed: 7, scryptCost: TEST_SCRYPT };
      const ra = await seedDemo(a.store, options);
      await seedDemo(b.store, options);
      expect(ra.counts).toEqual({ users: 15, deals: 600, responses: ra.counts.responses });
      expect(ra.logins.filter((l) => l.role === 'rep')).toHaveLength(12);
      const deals = async (s: typeof a) =>
        (await s.store.db.selectFrom('deals').select(['id', 'body']).orderBy('id').execute()).map(
          (r) => r.body,
        );
      expect(await deals(a)).toEqual(await deals(b));
      const server = await startTestServer(a.store);
      try {
        const login = await server.api.post('/v1/auth/login', {
          email: 'rep01@demo.attain.test',
          password: 'attain-demo',
        });
        expect(login.status).toBe(200);
        const statement = await server.api.get(
          '/v1/reps/rep-01/statement?period=2026-11-20',
          login.body.token,
        );
        expect(statement.status).toBe(200);
        expect(statement.body.statement.lines.length).toBeGreaterThan(0);
        const mgr = await server.api.post('/v1/auth/login', {
          email: 'manager.east@demo.attain.test',
          password: 'attain-demo',
        });
        const overview = await server.api.get(
          '/v1/teams/team-east/overview?asOf=2026-11-20',
          mgr.body.token,
        );
        expect(overview.body.reps).toHaveLength(6);
        const admin = await server.api.post('/v1/auth/login', {
          email: 'admin@demo.attain.test',
          password: 'attain-demo',
        });
        const enps = await server.api.get('/v1/enps/surveys/pulse/results', admin.body.token);
        expect(enps.body.overall.withheld).toBe(false);
        const versions = await server.api.get('/v1/admin/plans/plan-ae', admin.body.token);
        expect(versions.body.versions).toHaveLength(2);
      } finally {
        await server.close();
      }
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it.skipIf(!factory.available)('scale data: teams of ten, every deal pullable', async () => {
    const o = await factory.open();
    try {
      await seedScale(o.store, {
        reps: 25,
        deals: 600,
        today: '2026-11-20',
        seed: 1,
        scryptCost: TEST_SCRYPT,
      });
      const count = await o.store.db
        .selectFrom('deals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(600);
      expect(await o.store.db.selectFrom('teams').select('id').execute()).toHaveLength(3);
      const server = await startTestServer(o.store);
      try {
        const login = await server.api.post('/v1/auth/login', {
          email: 'rep1@demo.attain.test',
          password: 'attain-demo',
        });
        const pulled = await server.api.post(
          '/v1/sync/pull',
          { clientId: 'scale-client', cursor: 0, schemaVersion: 1, limit: 5000 },
          login.body.token,
        );
        expect(
          pulled.body.changes.filter((c: { entity: string }) => c.entity === 'deal').length,
        ).toBeGreaterThanOrEqual(24);
      } finally {
        await server.close();
      }
    } finally {
      await o.dispose();
    }
  });
});

describe('npm run seed (the script)', () => {
  it('seeds once, says so the second time, and starts over with --reset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attain-seed-'));
    const env = {
      ...process.env,
      ATTAIN_DATA_DIR: dir,
      DATABASE_URL: '',
      ATTAIN_SQLITE_SYNCHRONOUS: 'normal',
    };
    const seed = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/seed.ts', ...args], { cwd: ROOT, env });
    try {
      const first = await seed('--today', '2026-11-20');
      expect(first.stdout).toContain('demo: 15 users, 600 deals');
      expect(first.stdout).toContain('admin@demo.attain.test');
      expect(first.stdout).toContain('password: attain-demo');
      const second = await seed();
      expect(second.stdout).toContain('already seeded');
      const reset = await seed(
        '--reset',
        '--reps',
        '30',
        '--deals',
        '1000',
        '--today',
        '2026-11-20',
      );
      expect(reset.stdout).toContain('scale: 30 reps, 1000 deals');
      const store = await openStore({ dataDir: dir });
      try {
        const n = await store.db
          .selectFrom('deals')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst();
        expect(Number(n?.n)).toBe(1000);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
