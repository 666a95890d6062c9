/**
 * The content script's size budget: 15 kB (15,000 bytes) gzipped (issue 8) keeps React, Dexie and
 * full zod out of the CRM page (docs/architecture.md). `npm run size:content [outDir]` prints the size of
 * `<outDir>/content-scripts/crm.js` (default `.output/chrome-mv3`) and fails above the budget;
 * `wxt build` reports it too (the `build:done` hook in wxt.config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 15_000;

export interface ContentScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  withinBudget: boolean;
  summary: string;
}

const bytes = (count: number) => `${count.toLocaleString('en')} B`;

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
    summary: `content script ${bytes(code.length)} minified, ${bytes(gzipBytes)} gzipped: ${verdict} the ${bytes(CONTENT_SCRIPT_BUDGET_BYTES)} budget`,
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
