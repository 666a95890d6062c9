/**
 * `npm start`: the whole of Attain on one machine, from a fresh clone after `npm install`.
 *
 * 1. builds the extension (Chrome MV3) into .output/chrome-mv3;
 * 2. seeds the SQLite store on first run (`server/seed.ts` is idempotent) and starts the
 *    Attain server on it;
 * 3. starts the demo CRM, which loads the seeded deals from the server;
 * 4. prints the URLs, the demo logins and the folder to load as an unpacked extension;
 * 5. where a display exists, opens Chromium with the extension loaded, signed in as a demo rep,
 *    on one of that rep's deals (the demo CRM's `/demo/api/showcase`).
 * Ctrl+C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER_PORT = Number(process.env.PORT ?? 8787);
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5174);
const SERVER_URL = `http://127.0.0.1:${SERVER_PORT}`;
const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
const DATA_DIR = resolve(ROOT, process.env.ATTAIN_DATA_DIR ?? 'data');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const DEMO_PASSWORD = 'attain-demo';
const DEMO_REP = 'rep01@demo.attain.test';

const children: ChildProcess[] = [];
let stopping = false;

function log(message: string): void {
  console.log(`\x1b[1m[attain]\x1b[0m ${message}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[2m[${name}]\x1b[0m `;
  const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) stream.write(`${prefix}${line}\n`);
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped (${signal ?? `exit ${code}`}): stopping everything`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, name: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * A demo deal owned by the demo rep the browser signs in as (the demo CRM picks it: an open deal
 * closing soon), once the demo CRM has loaded the deals from the server.
 */
async function showcaseUrl(timeoutMs = 60_000): Promise<string> {
  const url = `${DEMO_URL}/demo/api/showcase?owner=${encodeURIComponent(DEMO_REP)}`;
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return `${DEMO_URL}${((await response.json()) as { path: string }).path}`;
    } catch {
      // not answering yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
  process.exit(code);
}

/** Opens Chromium with the extension, signs in as a demo rep and opens a demo deal. */
async function openBrowser(dealUrl: string): Promise<void> {
  const { findChromium, extensionArgs } = await import('../test/e2e/support/chromium');
  const executablePath = findChromium();
  if (!executablePath) {
    log('no Chromium found (apt-get install -y chromium): load the extension by hand');
    return;
  }
  const { chromium } = await import('playwright-core');
  const profile = join(DATA_DIR, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: extensionArgs(EXTENSION_DIR),
    viewport: null,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const ask = (message: Record<string, unknown>) =>
    options.evaluate(
      (m) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage(m),
      message,
    ) as Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>;
  // The demo CRM runs on loopback, which the extension may reach without a prompt.
  await ask({ type: 'overlay.hosts.add', origin: 'http://127.0.0.1/*', crm: 'salesforce' });
  // Signed in as the demo rep (the profile is kept: a later start may be signed in already).
  const config = await ask({ type: 'auth.config' });
  const account = (
    config.data as
      { account: { email: string; serverUrl: string; signedIn: boolean } | null } | undefined
  )?.account;
  if (!account?.signedIn || account.email !== DEMO_REP || account.serverUrl !== SERVER_URL) {
    const answer = await ask({
      type: 'auth.signIn',
      serverUrl: SERVER_URL,
      email: DEMO_REP,
      password: DEMO_PASSWORD,
    });
    const result = answer.data as { ok: boolean; message?: string } | undefined;
    if (!answer.ok || !result?.ok) {
      log(
        `signing in as ${DEMO_REP} failed: ${answer.error?.message ?? result?.message ?? 'unknown'}`,
      );
    }
  }
  const page = await context.newPage();
  await page.goto(dealUrl);
  log(`Chromium is open on ${dealUrl}, signed in as ${DEMO_REP}`);
  context.on('close', () => void stop(0));
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  log('building the extension (Chrome MV3)…');
  run('npx', ['wxt', 'build']);

  const env = { PORT: String(SERVER_PORT), ATTAIN_DATA_DIR: DATA_DIR };
  log(`seeding the demo company into ${DATA_DIR} (once)…`);
  run(process.execPath, ['--import', 'tsx', 'server/seed.ts'], env);

  start('server', ['server/main.ts'], env);
  await waitFor(`${SERVER_URL}/healthz`, 'the Attain server');

  start('demo', ['demo/main.ts'], { DEMO_PORT: String(DEMO_PORT), ATTAIN_URL: SERVER_URL });
  await waitFor(`${DEMO_URL}/lightning/o/Opportunity/list`, 'the demo CRM');

  const listUrl = `${DEMO_URL}/lightning/o/Opportunity/list`;
  const dealUrl = await showcaseUrl().catch((error: unknown) => {
    log(
      `no demo deal of ${DEMO_REP} found (${error instanceof Error ? error.message : String(error)}): using the list`,
    );
    return listUrl;
  });
  console.log(`
  Attain is running.

  Attain server   ${SERVER_URL}   (SQLite in ${DATA_DIR})
  Demo CRM        ${listUrl}
  Demo deal       ${dealUrl}   (owned by ${DEMO_REP})
  Extension       ${EXTENSION_DIR}
                  chrome://extensions → Developer mode → Load unpacked → that folder;
                  then in Attain's options: server ${SERVER_URL}, add ${DEMO_URL} as a
                  Salesforce host.

  Demo logins (password ${DEMO_PASSWORD}):
    rep      ${DEMO_REP} … rep12@demo.attain.test
    manager  manager.east@demo.attain.test, manager.west@demo.attain.test
    admin    admin@demo.attain.test

  Ctrl+C stops everything.
`);

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (hasDisplay && existsSync(EXTENSION_DIR) && !process.env.ATTAIN_NO_BROWSER) {
    await openBrowser(dealUrl).catch((error: unknown) => {
      log(`could not open Chromium: ${error instanceof Error ? error.message : String(error)}`);
    });
  } else if (!hasDisplay) {
    log('no display: not opening a browser');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
