import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROME_OUTPUT = join(ROOT, '.output/chrome-mv3');

const SOURCES = ['entrypoints', 'lib', 'components', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Whether `.output/chrome-mv3` is missing or older than any source it is built from. */
export function extensionIsStale(): boolean {
  const manifest = join(CHROME_OUTPUT, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

/**
 * Builds the Chrome extension with `npx wxt build` when it is missing or stale (or, with
 * `ifMissing`, only when missing: the global setup has already checked staleness).
 */
export function ensureExtensionBuilt(options: { ifMissing?: boolean } = {}): string {
  const missing = !existsSync(join(CHROME_OUTPUT, 'manifest.json'));
  if (missing || (!options.ifMissing && extensionIsStale())) {
    console.log('e2e: building the extension (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  return CHROME_OUTPUT;
}

/**
 * A private copy of the built extension (another process may rebuild `.output` meanwhile),
 * which a test may then patch.
 */
export function copyExtension(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  cpSync(CHROME_OUTPUT, dir, { recursive: true });
  return dir;
}
