import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoCrm, type DemoCrm } from '../../../demo/start';
import { createApp } from '../../../server/app';
import { DEMO_PASSWORD, seedDemo } from '../../../server/seed/demo';
import { seedScale } from '../../../server/seed/scale';
import { openStore, type Store } from '../../../server/store/db';
import { launchWithExtension, type ExtensionBrowser } from './chromium';

/**
 * The whole of Attain for end-to-end tests and browser benchmarks, in this process: the Attain
 * server on a throwaway SQLite store (seeded), the demo CRM in front of it, and Chromium with the
 * built extension, signed in. The server can be stopped and restarted on the same port, so a
 * test can take it down under a running browser.
 */

export { DEMO_PASSWORD };
export const DEMO_REP = 'rep01@demo.attain.test';
export const DEMO_MANAGER = 'manager.east@demo.attain.test';
export const DEMO_ADMIN = 'admin@demo.attain.test';
/** Fast password hashing: tests sign in many times. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

const quiet = { info: () => {}, error: () => {} };

export interface AttainServer {
  /** `http://127.0.0.1:<port>`: the same across stop() and start(). */
  url: string;
  store: Store;
  /** Whether the HTTP listener is up. */
  running(): boolean;
  /** Takes the HTTP listener down (open connections are cut); the store stays open. */
  stop(): Promise<void>;
  /** Brings the listener back on the same port. */
  start(): Promise<void>;
  /** Stops, closes the store and deletes its folder. */
  close(): Promise<void>;
}

export type StackSeed =
  { kind: 'demo'; dealsPerRep?: number } | { kind: 'scale'; reps: number; deals: number };

export async function startAttainServer(
  options: { today?: string; seed?: StackSeed } = {},
): Promise<AttainServer> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'attain-e2e-server-'));
  const store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  const seed = options.seed ?? { kind: 'demo' };
  if (seed.kind === 'demo') {
    await seedDemo(store, {
      today,
      seed: 42,
      scryptCost: FAST_SCRYPT,
      ...(seed.dealsPerRep !== undefined ? { dealsPerRep: seed.dealsPerRep } : {}),
    });
  } else {
    await seedScale(store, {
      reps: seed.reps,
      deals: seed.deals,
      today,
      seed: 42,
      scryptCost: FAST_SCRYPT,
    });
  }
  const app = createApp({
    store,
    config: { rateLimit: null, anonymousRateLimit: null, scryptCost: FAST_SCRYPT },
    log: quiet,
  });

  let server: ServerType | null = null;
  let port = 0;
  const listen = async () => {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
      s.once('error', reject);
    });
    port = (server.address() as AddressInfo).port;
  };
  const stop = async () => {
    const s = server;
    if (!s) return;
    server = null;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    if ('closeAllConnections' in s) s.closeAllConnections();
    await closed;
  };
  await listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    store,
    running: () => server !== null,
    stop,
    start: async () => {
      if (!server) await listen();
    },
    async close() {
      await stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DemoStack {
  attain: AttainServer;
  demo: DemoCrm;
  close(): Promise<void>;
}

/** The Attain server (demo company) and the demo CRM in front of it. */
export async function startDemoStack(
  options: { today?: string; dealsPerRep?: number } = {},
): Promise<DemoStack> {
  const attain = await startAttainServer({
    ...(options.today ? { today: options.today } : {}),
    seed: {
      kind: 'demo',
      ...(options.dealsPerRep !== undefined ? { dealsPerRep: options.dealsPerRep } : {}),
    },
  });
  const demo = await startDemoCrm({
    port: 0,
    attainUrl: attain.url,
    adminPassword: DEMO_PASSWORD,
    log: { info: () => {}, warn: () => {} },
    retry: { initialMs: 100, maxMs: 1_000 },
    forwardWaitMs: 1_000,
    ...(options.today ? { today: () => options.today! } : {}),
  });
  await demo.ready;
  return {
    attain,
    demo,
    async close() {
      await demo.close();
      await attain.close();
    },
  };
}

/** The extension API where these functions are evaluated (an extension page). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/** Sends a message to the background from an extension page; returns its answer. */
export async function askBackground(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

export interface AttainBrowser extends ExtensionBrowser {
  /** An extension page (options.html) to talk to the background from. */
  extensionPage: Page;
}

/**
 * Chromium with the built extension: the CRM origin added as a Salesforce host (loopback is in
 * the manifest's host permissions, so no prompt) and, unless `email` is null, signed in.
 */
export async function openAttainBrowser(
  executablePath: string,
  extensionDir: string,
  options: {
    serverUrl: string;
    crmOrigin: string;
    email: string | null;
    password?: string;
    /** Keep the browser profile in this folder (see launchWithExtension). */
    profileDir?: string;
  },
): Promise<AttainBrowser> {
  const browser = await launchWithExtension(
    executablePath,
    extensionDir,
    options.profileDir !== undefined ? { profileDir: options.profileDir } : {},
  );
  try {
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const added = (await askBackground(extensionPage, {
      type: 'overlay.hosts.add',
      origin: `${new URL(options.crmOrigin).origin}/*`,
      crm: 'salesforce',
    })) as { ok?: boolean; error?: unknown };
    if (!added?.ok) throw new Error(`adding the CRM host failed: ${JSON.stringify(added)}`);
    if (options.email)
      await signIn(extensionPage, options.serverUrl, options.email, options.password);
    return { ...browser, extensionPage };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export async function signIn(
  extensionPage: Page,
  serverUrl: string,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  const answer = (await askBackground(extensionPage, {
    type: 'auth.signIn',
    serverUrl,
    email,
    password,
  })) as { ok?: boolean; data?: { ok?: boolean }; error?: unknown };
  // The answer's envelope, then the sign-in's own result (a wrong password is a valid answer).
  if (!answer?.ok || answer.data?.ok === false) {
    throw new Error(`signing in as ${email} failed: ${JSON.stringify(answer)}`);
  }
}
