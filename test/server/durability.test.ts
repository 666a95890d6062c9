import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '../../lib/domain';
import { openStore } from '../../server/store/db';
import { seedFixture, type Fixture } from './support/fixture';
import { Api } from './support/server';

/**
 * The real server process (tsx server/main.ts, SQLite in a temp dir) is killed with SIGKILL
 * in the middle of a burst of pushes from three clients. After a restart, every mutation
 * the server acknowledged is there exactly once, and resending the rest converges.
 */
const ROOT = join(import.meta.dirname, '..', '..');

async function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; api: Api }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ATTAIN_DATA_DIR: dataDir,
      PORT: '0',
      ATTAIN_RATE_LIMIT: 'off',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  expect(output).toContain(`SQLite at ${join(dataDir, 'attain.sqlite')}`);
  return { child, api: new Api(url) };
}

describe('durability (SQLite, real process)', () => {
  let dir: string;
  let fx: Fixture;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attain-durability-'));
    const store = await openStore({ dataDir: dir });
    fx = await seedFixture(store);
    await store.close();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('every acknowledged mutation survives SIGKILL exactly once', async () => {
    const first = await startServerProcess(dir);
    child = first.child;
    const clients = ['dur-client-a', 'dur-client-b', 'dur-client-c'];
    const acked = new Map<string, Set<number>>(clients.map((c) => [c, new Set()]));
    const sent = new Map<string, number>(clients.map((c) => [c, 0]));
    const noteId = (client: string, seq: number) => `${client}-${seq}`;
    let killed = false;

    const burst = async (client: string) => {
      for (let seq = 1; !killed; seq++) {
        const batch = [seq * 2 - 1, seq * 2].map((s) => ({
          seq: s,
          name: 'annotation.create',
          args: { id: noteId(client, s), dealId: 'd1', body: `burst ${s}` },
        }));
        sent.set(client, seq * 2);
        try {
          const res = await first.api.post(
            '/v1/sync/push',
            { clientId: client, schemaVersion: SYNC_SCHEMA_VERSION, mutations: batch },
            fx.tokens.r1,
          );
          if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text}`);
          for (const r of res.body.results)
            if (r.status === 'applied') acked.get(client)!.add(r.seq);
        } catch (error) {
          if (killed) return;
          throw error;
        }
      }
    };
    const running = clients.map(burst);
    // Let the burst run until a good number of mutations were acknowledged (however slow the
    // machine), then kill the server with requests in flight.
    const ackedSoFar = () => [...acked.values()].reduce((n, s) => n + s.size, 0);
    const deadline = Date.now() + 20_000;
    while (ackedSoFar() < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.allSettled(running);
    await new Promise<void>((resolve) =>
      // Killed by a signal, a child has signalCode set and exitCode null.
      first.child.exitCode !== null || first.child.signalCode !== null
        ? resolve()
        : first.child.once('exit', () => resolve()),
    );
    expect(ackedSoFar()).toBeGreaterThanOrEqual(30);

    const second = await startServerProcess(dir);
    child = second.child;
    try {
      for (const client of clients) {
        const pulled = await second.api.post(
          '/v1/sync/pull',
          { clientId: client, cursor: 0, schemaVersion: SYNC_SCHEMA_VERSION, limit: 5000 },
          fx.tokens.r1,
        );
        const last = pulled.body.lastMutationSeq as number;
        const ackedSeqs = [...acked.get(client)!];
        expect(last).toBeGreaterThanOrEqual(Math.max(0, ...ackedSeqs));
        const ids = new Set(
          (pulled.body.changes as Array<{ entity: string; id: string }>)
            .filter((c) => c.entity === 'annotation' && c.id.startsWith(`${client}-`))
            .map((c) => c.id),
        );
        for (const seq of ackedSeqs)
          expect(ids.has(noteId(client, seq)), `${client} seq ${seq}`).toBe(true);
        // Everything up to lastMutationSeq is applied, nothing after it.
        expect(ids.size).toBe(last);
        // The client resends what it has not seen acknowledged: duplicates are skipped.
        const resend = Array.from({ length: sent.get(client)! }, (_, i) => i + 1)
          .filter((s) => !acked.get(client)!.has(s))
          .map((s) => ({
            seq: s,
            name: 'annotation.create',
            args: { id: noteId(client, s), dealId: 'd1', body: `burst ${s}` },
          }));
        const res = await second.api.post(
          '/v1/sync/push',
          { clientId: client, schemaVersion: SYNC_SCHEMA_VERSION, mutations: resend },
          fx.tokens.r1,
        );
        expect(res.status).toBe(200);
        expect(res.body.lastMutationSeq).toBe(sent.get(client));
      }
      const store = await openStore({ dataDir: dir });
      try {
        for (const client of clients) {
          const rows = await store.db
            .selectFrom('annotations')
            .select('id')
            .where('id', 'like', `${client}-%`)
            .execute();
          expect(rows.length).toBe(sent.get(client));
          expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
        }
      } finally {
        await store.close();
      }
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) =>
        second.child.once('exit', (c) => resolve(c)),
      );
      expect(code).toBe(0); // a graceful shutdown
      child = null;
    }
  }, 90_000);
});
