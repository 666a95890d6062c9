import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { AttainClient } from './attain/attain-client';
import { AttainConnector, type Logger } from './attain/attain-connector';
import {
  DEFAULT_ADMIN_EMAIL,
  DEFAULT_ADMIN_PASSWORD,
  DEFAULT_ATTAIN_URL,
  DEFAULT_DEMO_PORT,
} from './config';
import { createDemoApp } from './http/app';
import { loadAssets } from './http/assets';
import { recordPath } from './pages/context';
import type { CrmDeal } from './records/deal';
import { DealStore } from './records/deal-store';
import { isoDay } from './records/dates';
import { createLocaleFormat } from './records/locale-format';
import { SEED_RECORDS, type SeedRecord } from './records/seed-records';

export interface StartDemoCrmOptions {
  /** Default 5174; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default http://127.0.0.1:8787. */
  attainUrl?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** The CRM user's locale (amounts, dates). Default en-US. */
  locale?: string;
  /** Records the demo CRM sends to Attain on start when missing (default: the markup-named deal). */
  seedRecords?: readonly SeedRecord[];
  /** Who owns the seed records (default rep01@demo.attain.test, else the first rep). */
  seedOwnerEmail?: string;
  /** Backoff for loading and forwarding retries. */
  retry?: { initialMs: number; maxMs: number };
  /** How long a save waits for Attain before answering "sync pending". Default 3000. */
  forwardWaitMs?: number;
  /** Default: a clock reading today's date in UTC. */
  today?: () => string;
  /** Default: console, prefixed with "demo-crm:". */
  log?: Logger;
}

export interface DemoCrm {
  /** `http://host:port` (no trailing slash). */
  url: string;
  /** Resolves once the deals are loaded from Attain (start() does not wait past the first try). */
  ready: Promise<void>;
  /** The URL of a record's page. */
  recordUrl(crmId: string, mode?: 'view' | 'edit'): string;
  /** The records as the CRM holds them now. */
  deals(): CrmDeal[];
  /** Closes the HTTP server, stops retrying, tries once more to send unsent edits. */
  close(): Promise<void>;
}

const consoleLogger: Logger = {
  info: (message) => console.log(`demo-crm: ${message}`),
  warn: (message) => console.warn(`demo-crm: ${message}`),
};

/**
 * Starts the demo CRM: serves it, then loads the deals from the Attain server once before
 * returning (if the server is not up yet, it keeps trying in the background; `ready` says
 * when the deals are there).
 */
export async function startDemoCrm(options: StartDemoCrmOptions = {}): Promise<DemoCrm> {
  const attainUrl = (options.attainUrl ?? DEFAULT_ATTAIN_URL).replace(/\/+$/, '');
  const log = options.log ?? consoleLogger;
  const today = options.today ?? (() => isoDay(new Date()));
  const format = createLocaleFormat(options.locale ?? 'en-US');
  const store = new DealStore();
  const client = new AttainClient({
    baseUrl: attainUrl,
    email: options.adminEmail ?? DEFAULT_ADMIN_EMAIL,
    password: options.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
  });
  const connector = new AttainConnector({
    client,
    store,
    log,
    today,
    seedRecords: options.seedRecords ?? SEED_RECORDS,
    seedOwnerEmail: options.seedOwnerEmail ?? 'rep01@demo.attain.test',
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.forwardWaitMs !== undefined ? { forwardWaitMs: options.forwardWaitMs } : {}),
  });
  const assets = await loadAssets();
  const app = createDemoApp({ store, connector, format, assets, attainUrl, today });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: options.port ?? DEFAULT_DEMO_PORT,
        hostname: options.host ?? '127.0.0.1',
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  await connector.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    ready: connector.ready,
    recordUrl: (crmId, mode = 'view') => `${url}${recordPath({ crmId }, mode)}`,
    deals: () => store.list(),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
        const { unsent } = await connector.close();
        if (unsent > 0) log.warn(`${unsent} saved edit(s) never reached Attain`);
        await closed;
      })();
      return closing;
    },
  };
}
