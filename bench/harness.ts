import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure, printed as `name value unit (baseline …)`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  budget?: string;
}

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function formatFigure(f: Figure): string {
  const base = f.baseline
    ? ` (baseline ${f.baseline.name} ${round(f.baseline.value)} ${f.baseline.unit})`
    : '';
  const budget = f.budget ? ` [budget ${f.budget}]` : '';
  return `${f.name} ${round(f.value)} ${f.unit}${base}${budget}`;
}

export function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Prints the figures and merges them into bench/results/<suite>.json and latest.json. */
export function report(suite: string, figures: Figure[]): void {
  for (const f of figures) console.log(formatFigure(f));
  mkdirSync(resultsDir, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    join(resultsDir, `${suite}.json`),
    JSON.stringify({ suite, at, machine: machine(), figures }, null, 2),
  );
  const latestPath = join(resultsDir, 'latest.json');
  const latest = existsSync(latestPath)
    ? (JSON.parse(readFileSync(latestPath, 'utf8')) as { suites: Record<string, unknown> })
    : { suites: {} };
  latest.suites[suite] = { at, figures };
  writeFileSync(latestPath, JSON.stringify({ machine: machine(), ...latest }, null, 2));
}

/** Deterministic pseudo-random numbers (mulberry32), for benchmark data. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
