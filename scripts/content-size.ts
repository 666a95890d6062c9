/**
 * The content script's size budget: 15 KiB (15,360 bytes) gzipped keeps React, Dexie and full zod out of the
 * CRM page (docs/architecture.md). `npm run size:content [outDir]` prints the size of
 * `<outDir>/content-scripts/crm.js` (default `.output/chrome-mv3`) and fails above the budget;
 * `wxt build` reports it too (the `build:done` hook in wxt.config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 15 * 1024;

export interface ContentScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  withinBudget: boolean;
  summary: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB (${bytes} B)`;

/** Null when the build has no content script. */
export function measureContentScript(outDir: string): ContentScriptSize | null {
  const file = join(outDir, 'content-scripts/crm.js');
  if (!existsSync(file)) return null;
  const code = readFileSync(file);
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  const withinBudget = gzipBytes <= CONTENT_SCRIPT_BUDGET_BYTES;
  const verdict = withinBudget ? 'within' : 'OVER';
  return {
    file,
    bytes: code.length,
    gzipBytes,
    withinBudget,
    summary: `content script ${kb(code.length)} minified, ${kb(gzipBytes)} gzipped: ${verdict} the ${kb(CONTENT_SCRIPT_BUDGET_BYTES)} budget`,
  };
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outDir = process.argv[2] ?? '.output/chrome-mv3';
  const size = measureContentScript(outDir);
  if (!size) {
    console.error(
      `${join(outDir, 'content-scripts/crm.js')} is missing: run \`npx wxt build\` first.`,
    );
    process.exit(2);
  }
  console.log(`${size.file}: ${size.summary}`);
  if (!size.withinBudget) process.exit(1);
}
