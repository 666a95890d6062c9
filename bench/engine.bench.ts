/**
 * Engine benchmarks: statements for 10,000 reps × 100 deals, against a loop that only sums
 * the same amounts; and what-if latency for one rep with 1,000 deals (the per-keystroke case),
 * on the plan below and on the same plan with a recoverable draw (whose balance carries over
 * from the earlier periods, as on the demo's senior plan).
 */
import {
  computeStatement,
  whatIf,
  type Deal,
  type PlanInput,
  type Quota,
  type StatementInput,
} from '../lib/domain';
import { percentile, report, rng, type Figure } from './harness';

const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const DEALS_PER_REP = 100;
const WHATIF_DEALS = 1_000;
const WHATIF_RUNS = 2_000;

const plan: PlanInput = {
  id: 'bench',
  name: 'Bench plan',
  currency: 'USD',
  period: 'quarter',
  effectiveFrom: '2026-01-01',
  tiers: [
    { upTo: 0.5, rate: 0.04 },
    { upTo: 1, rate: 0.08 },
    { upTo: 1.5, rate: 0.12 },
    { upTo: null, rate: 0.15 },
  ],
  tierMode: 'marginal',
  caps: { perDeal: 40_000, perPeriod: 150_000 },
  spiffs: [
    {
      id: 'big',
      name: 'Big deal',
      when: [{ field: 'amount', op: 'gte', value: 80_000 }],
      amount: 500,
    },
    {
      id: 'renewal',
      name: 'Renewal',
      when: [{ field: 'stage', op: 'eq', value: 'Closed Won' }],
      rate: 0.01,
    },
  ],
  clawback: { windowDays: 90 },
};

/** Deals closing in the `months` months from January `year` (2026 Q1 by default). */
function makeDeals(
  repId: string,
  count: number,
  random: () => number,
  { year = 2026, months = 3 }: { year?: number; months?: number } = {},
): Deal[] {
  const deals: Deal[] = [];
  for (let i = 0; i < count; i++) {
    const won = random() < 0.7;
    const day = 1 + Math.floor(random() * 28);
    const offset = Math.floor(random() * months);
    const y = year + Math.floor(offset / 12);
    const month = String(1 + (offset % 12)).padStart(2, '0');
    deals.push({
      id: `${repId}-d${i}`,
      name: `Deal ${i}`,
      amount: Math.round(random() * 10_000_000) / 100,
      currency: 'USD',
      stage: won ? 'Closed Won' : 'Negotiation',
      isClosed: won,
      isWon: won,
      closeDate: `${y}-${month}-${String(day).padStart(2, '0')}`,
      createdDate: '2025-11-01',
      ownerId: repId,
      probability: won ? 100 : 40,
      fields: { termYears: 1 + Math.floor(random() * 3) },
    });
  }
  return deals;
}

// What-if first, in a heap holding one rep's data as the sidebar does: the statements
// benchmark below keeps a million deals alive, whose GC work would otherwise land here.

/** What-if latency in µs, one keystroke after another on an open deal of the last quarter. */
function whatIfSamples(input: StatementInput): number[] {
  const edited = input.deals.find((d) => !d.isWon && d.closeDate >= '2026-01-01')!;
  const samples: number[] = [];
  for (let i = 0; i < WHATIF_RUNS; i++) {
    const deal = {
      ...edited,
      amount: 1_000 + i * 37,
      isClosed: true,
      isWon: true,
      stage: 'Closed Won',
    };
    const t0 = performance.now();
    whatIf(input, { deal });
    samples.push((performance.now() - t0) * 1000);
  }
  return samples.slice(200).sort((a, b) => a - b);
}

const measured = whatIfSamples({
  plan,
  quotas: [{ repId: 'solo', periodStart: '2026-01-01', amount: 20_000_000 }],
  deals: makeDeals('solo', WHATIF_DEALS, rng(7)),
  fxRates: [],
  repId: 'solo',
  periodStart: '2026-03-01',
});

// A recoverable draw: the 2026 Q1 statement carries the balance of the four quarters before
// it (top-ups in the quarters below the draw, recoveries above it).
const drawPlan: PlanInput = {
  ...plan,
  id: 'bench-draw',
  name: 'Bench plan with a draw',
  effectiveFrom: '2025-01-01',
  caps: { perDeal: 40_000 },
  draw: { amount: 390_000, recoverable: true },
};
const drawQuotas: Quota[] = [
  ['2025-01-01', 30_000_000],
  ['2025-04-01', 10_000_000],
  ['2025-07-01', 40_000_000],
  ['2025-10-01', 8_000_000],
  ['2026-01-01', 20_000_000],
].map(([periodStart, amount]) => ({
  repId: 'solo',
  periodStart: periodStart as string,
  amount: amount as number,
}));
const measuredDraw = whatIfSamples({
  plan: drawPlan,
  quotas: drawQuotas,
  deals: makeDeals('solo', WHATIF_DEALS, rng(11), { year: 2025, months: 15 }),
  fxRates: [],
  repId: 'solo',
  periodStart: '2026-03-01',
});

const random = rng(42);
const reps = Array.from({ length: REPS }, (_, i) => {
  const repId = `rep${i}`;
  const quotas: Quota[] = [{ repId, periodStart: '2026-01-01', amount: 2_000_000 }];
  return { repId, quotas, deals: makeDeals(repId, DEALS_PER_REP, random) };
});

function baseline(): number {
  let sum = 0;
  for (const r of reps) for (const d of r.deals) if (d.isWon) sum += d.amount;
  return sum;
}

function statements(): number {
  let total = 0;
  for (const r of reps) {
    total += computeStatement({
      plan,
      quotas: r.quotas,
      deals: r.deals,
      fxRates: [],
      repId: r.repId,
      periodStart: '2026-01-01',
    }).total;
  }
  return total;
}

function time(fn: () => number): number {
  const t0 = performance.now();
  const sink = fn();
  const ms = performance.now() - t0;
  if (!Number.isFinite(sink)) throw new Error('benchmark produced no result');
  return ms;
}

// Warm up both loops on a slice, then take the best of three runs of each.
statements();
baseline();
const statementRuns = [time(statements), time(statements), time(statements)];
const baselineRuns = [time(baseline), time(baseline), time(baseline)];

const figures: Figure[] = [
  {
    name: 'engine.statements_ms',
    value: Math.min(...statementRuns),
    unit: 'ms',
    baseline: { name: 'sum-amounts', value: Math.min(...baselineRuns), unit: 'ms' },
    budget: '≤ 1000 ms',
  },
  { name: 'engine.statements_reps', value: REPS, unit: 'reps' },
  { name: 'engine.whatif_p50_us', value: percentile(measured, 50), unit: 'us' },
  {
    name: 'engine.whatif_p99_us',
    value: percentile(measured, 99),
    unit: 'us',
    budget: '≤ 1000 us',
  },
  { name: 'engine.whatif_draw_p50_us', value: percentile(measuredDraw, 50), unit: 'us' },
  {
    name: 'engine.whatif_draw_p99_us',
    value: percentile(measuredDraw, 99),
    unit: 'us',
    budget: '≤ 1000 us',
  },
];
report('engine', figures);
