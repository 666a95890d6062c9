/**
 * `npm start`: the whole of Attain on one machine, from a fresh clone after `npm install`.
 *
 * 1. builds the extension (Chrome MV3) into .output/chrome-mv3;
 * 2. seeds the SQLite store on first run (`server/seed.ts` is idempotent) and starts the
 *    Attain server on it;
 * 3. starts the demo CRM, which loads the seeded deals from the server;
 * 4. prints the URLs, the demo logins and the folder to load as an unpacked extension;
 * 5. where a display exists, opens Chromium with the extension loaded, signed in as a demo rep,
 *    on a demo deal.
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
  // The demo CRM runs on loopback, which the extension may reach without a prompt.
  await options.evaluate(
    (origin) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ type: 'overlay.hosts.add', origin, crm: 'salesforce' }),
    `http://127.0.0.1/*`,
  );
  const server = options.getByLabel('Server');
  if (await server.isVisible().catch(() => false)) {
    if (await server.isEditable()) await server.fill(SERVER_URL);
    await options.getByLabel('Email').fill(DEMO_REP);
    await options.getByLabel('Password').fill(DEMO_PASSWORD);
    await options.getByRole('button', { name: 'Sign in' }).click();
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
  console.log(`
  Attain is running.

  Attain server   ${SERVER_URL}   (SQLite in ${DATA_DIR})
  Demo CRM        ${listUrl}
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
    await openBrowser(listUrl).catch((error: unknown) => {
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
