import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/**
 * Launching Debian's Chromium with an unpacked extension for end-to-end tests (see
 * ENVIRONMENT.md). Never `playwright install`: `apt-get install -y chromium` provides the browser.
 */
export const CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export function findChromium(paths: readonly string[] = CHROMIUM_PATHS): string | null {
  return paths.find((path) => existsSync(path)) ?? null;
}

/**
 * The Chromium to use, or null to skip (with a loud warning). On CI (`process.env.CI`) a
 * missing browser is an error, not a skip.
 */
export function chromiumOrSkip(
  suite: string,
  paths: readonly string[] = CHROMIUM_PATHS,
): string | null {
  const path = findChromium(paths);
  if (path) return path;
  const message = `${suite}: no Chromium at ${paths.join(' or ')}. Install it with \`apt-get install -y chromium\`.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPED ${message}\n${'!'.repeat(80)}\n`);
  return null;
}

/**
 * Playwright's default `--disable-features` list minus ThirdPartyStoragePartitioning: with that
 * feature disabled, an extension iframe inside an http page cannot open IndexedDB. Passed after
 * Playwright's own switch, so it wins.
 */
export const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export function extensionArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
  ];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-fetched: MV3 may restart it). */
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * A profile folder to use (created when missing) and keep: a later launch on the same folder
   * finds the extension's storage as this one left it. By default a throwaway profile, deleted
   * by close().
   */
  profileDir?: string;
}

export async function launchWithExtension(
  executablePath: string,
  extensionDir: string,
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  const keep = options.profileDir !== undefined;
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'attain-e2e-profile-'));
  if (keep) mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: extensionArgs(extensionDir),
    viewport: { width: 1400, height: 900 },
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      if (!keep) rmSync(profile, { recursive: true, force: true });
    },
  };
}
