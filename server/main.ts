import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { runCli } from './cli';
import { loadServerConfig, type ServerConfig } from './config';
import { openStore, type Store } from './store/db';
import { purgeTokens } from './store/tokens-repository';
import { compactChangeLog } from './sync/compaction';

const MAINTENANCE_INTERVAL_MS = 24 * 3600 * 1000;
const TOMBSTONE_RETENTION_DAYS = 30;

/** Compacts the change log and drops long-dead tokens, once a day. */
function scheduleMaintenance(store: Store): NodeJS.Timeout {
  const timer = setInterval(() => {
    const now = new Date();
    compactChangeLog(store, { retentionDays: TOMBSTONE_RETENTION_DAYS, now })
      .then(() =>
        store.write((trx) =>
          purgeTokens(trx, new Date(now.getTime() - 7 * 86_400_000).toISOString()),
        ),
      )
      .catch((error: unknown) => console.error('maintenance failed:', error));
  }, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return timer;
}

async function startServer(config: ServerConfig): Promise<void> {
  const store: Store = await openStore(config);
  const app = createApp({ store, config });

  // Requests whose handler still runs, even after their client went away: the store must
  // not close under them.
  let inflight = 0;
  let drained: (() => void) | null = null;
  const fetch = async (request: Request, env: unknown): Promise<Response> => {
    inflight++;
    try {
      return await app.fetch(request, env as never);
    } finally {
      inflight--;
      if (inflight === 0) drained?.();
    }
  };

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(
    `Attain server listening on http://${host}:${address.port} (store: ${store.description})`,
  );
  const maintenance = scheduleMaintenance(store);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    clearInterval(maintenance);
    const force = setTimeout(() => {
      console.error('shutdown timed out: closing the remaining connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
      drained?.();
    }, config.shutdownTimeoutMs);
    force.unref();
    const allDone = new Promise<void>((resolve) => {
      server.close(() => {
        if (inflight === 0) resolve();
        else drained = resolve;
      });
    });
    // Keep-alive connections with no request in flight would hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    allDone
      .then(() => store.close())
      .then(() => {
        console.log('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('closing the store failed:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadServerConfig(process.env);
  if (args.length > 0) {
    process.exitCode = await runCli(args, config);
    return;
  }
  await startServer(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
