/**
 * The engine's allocation-saving paths against the general computation they stand for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whatIf, type Deal } from '../../../lib/domain';
import { creditFor } from '../../../lib/domain/commission/credit';
import { fxIndexFor } from '../../../lib/domain/commission/fx-index';
import { creditInPeriod } from '../../../lib/domain/commission/period-core';
import { preparePlan } from '../../../lib/domain/commission/prepared-plan';
import { deal, input, plan, quota } from './fixtures';

const period = { start: '2026-03-01', end: '2026-03-31' };

describe("a rep's own deal in plan currency, without splits", () => {
  it('is credited exactly as creditFor credits it', () => {
    for (const currency of ['USD', 'JPY', 'KWD'] as const) {
      const prepared = preparePlan(plan({ currency }));
      if (!prepared.ok) throw new Error(prepared.message);
      const p = prepared.prepared;
      fc.assert(
        fc.property(
          fc.oneof(
            fc.integer({ min: 0, max: 10_000_000_000 }).map((n) => n / 1000),
            fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 100 + 0.005),
            fc.double({ min: 0, max: 1e9, noNaN: true }),
          ),
          fc.constantFrom<Deal['splits']>(undefined, []),
          (amount, splits) => {
            const d = deal({ id: 'd', amount, currency, closeDate: '2026-03-10', splits });
            const fast = creditInPeriod(p, input({ deals: [d] }), d, period, period);
            const general = creditFor(d, 'r1', currency, p.digits, fxIndexFor([]));
            if (general === null || !general.ok) throw new Error('expected a credit');
            expect(fast).toEqual({
              deal: d,
              creditMinor: general.credit.minor,
              dealMinor: general.credit.dealMinor,
              shareHundredths: general.credit.shareHundredths,
              creditNote: general.credit.explanation,
            });
          },
        ),
      );
    }
  });
});

describe('what-if keystrokes', () => {
  it('a run of edits to one deal equals the statement computed from scratch each time', () => {
    // Marginal tiers with a per-period cap and a SPIFF: each keystroke reuses the lines of
    // deals whose tier slices did not move and rebuilds the others.
    const p = plan({
      tiers: [
        { upTo: 0.5, rate: 0.04 },
        { upTo: 1, rate: 0.08 },
        { upTo: null, rate: 0.12 },
      ],
      caps: { perPeriod: 9_000 },
      spiffs: [{ id: 's', name: 'Rate', when: [], rate: 0.01 }],
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 6_000_000 }), { minLength: 1, maxLength: 8 }),
        (amounts, edits) => {
          const deals = amounts.map((cents, i) =>
            deal({ id: `d${i}`, amount: cents / 100, closeDate: `2026-03-${10 + (i % 18)}` }),
          );
          const base = input({ plan: p, quotas: [quota('2026-03-01', 50_000)], deals });
          for (const cents of edits) {
            const changed = { ...deals[0]!, amount: cents / 100 };
            const r = whatIf(base, { deal: changed });
            const fresh = whatIf(
              { ...base, deals: [changed, ...deals.slice(1)] },
              { deal: changed },
            );
            expect(r.after).toEqual(fresh.before);
          }
        },
      ),
    );
  });
});
