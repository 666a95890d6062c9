import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  aggregateByTeam,
  enpsGroupSizes,
  scoreEnps,
  type TeamEnpsAnswer,
} from '../../../lib/domain/enps';

const answer = fc.record(
  {
    score: fc.integer({ min: 0, max: 10 }),
    comment: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: ['score'] },
);

/** The answers, and the same answers in another order. */
const answersTwice = fc
  .array(answer, { minLength: 0, maxLength: 60 })
  .chain((list) =>
    fc.tuple(
      fc.constant(list),
      fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
    ),
  );

describe('scoreEnps properties', () => {
  it('is an integer from −100 to 100, never −0, and matches an exact reference', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 3, maxLength: 300 }), (answers) => {
        const { score, promoters, detractors, responses } = scoreEnps(answers, { minGroupSize: 3 });
        expect(score).not.toBeNull();
        expect(Number.isInteger(score)).toBe(true);
        expect(score!).toBeGreaterThanOrEqual(-100);
        expect(score!).toBeLessThanOrEqual(100);
        expect(Object.is(score, -0)).toBe(false);
        // reference: sign × floor((2|x| + n) ÷ 2n) with x = 100(p − d): half away from zero
        const x = 100 * (promoters! - detractors!);
        const n = responses!;
        const magnitude = Math.floor((2 * Math.abs(x) + n) / (2 * n));
        expect(score).toBe(x < 0 && magnitude > 0 ? -magnitude : magnitude);
      }),
    );
  });

  it('does not depend on the order of the answers', () => {
    fc.assert(
      fc.property(answersTwice, fc.integer({ min: 0, max: 12 }), ([a, b], min) => {
        expect(scoreEnps(b, { minGroupSize: min, minCommentGroupSize: min })).toEqual(
          scoreEnps(a, { minGroupSize: min, minCommentGroupSize: min }),
        );
      }),
    );
  });

  it('is withheld exactly below the clamped minimum', () => {
    fc.assert(
      fc.property(
        fc.array(answer, { maxLength: 15 }),
        fc.integer({ min: -3, max: 12 }),
        (a, min) => {
          const result = scoreEnps(a, { minGroupSize: min });
          expect(result.withheld).toBe(a.length < Math.max(3, min));
          if (result.withheld) expect(result.comments).toBeNull();
        },
      ),
    );
  });
});

describe('aggregateByTeam properties', () => {
  const teamIds = ['A', 'B', 'C', 'D', 'E'];
  const teams = teamIds.map((id) => ({ id, name: id }));
  const teamAnswer = fc.record({
    teamId: fc.constantFrom<string | null>(...teamIds, null, 'unknown'),
    score: fc.integer({ min: 0, max: 10 }),
    comment: fc.constantFrom('x', 'y', 'z'),
  });
  /** Answers grouped by team in sizes around the thresholds (0–14 per team, 0–3 with no team). */
  const groupedAnswers = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 5, maxLength: 5 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 10 }),
    )
    .map(([sizes, noTeam, score]) => {
      const out: TeamEnpsAnswer[] = [];
      sizes.forEach((n, i) => {
        for (let k = 0; k < n; k++) out.push({ teamId: teamIds[i]!, score, comment: 'x' });
      });
      for (let k = 0; k < noTeam; k++) out.push({ teamId: null, score, comment: 'x' });
      return out;
    });

  /** Every group size subtraction reaches: overall minus any set of shown teams. */
  function derivable(overall: number, shownSizes: number[]): number[] {
    const out: number[] = [];
    for (let mask = 0; mask < 1 << shownSizes.length; mask++) {
      let size = overall;
      shownSizes.forEach((s, i) => {
        if (mask & (1 << i)) size -= s;
      });
      out.push(size);
    }
    return out;
  }

  it('never lets overall minus shown teams reveal a group below the minimum (scores or comments)', () => {
    fc.assert(
      fc.property(
        fc.oneof(groupedAnswers, fc.array(teamAnswer, { maxLength: 60 })),
        fc.integer({ min: 3, max: 8 }),
        fc.integer({ min: 3, max: 14 }),
        (answers, minGroupSize, minCommentGroupSize) => {
          const sizes = enpsGroupSizes({ minGroupSize, minCommentGroupSize });
          const agg = aggregateByTeam(answers, teams, sizes);
          const sizeOf = (id: string) => answers.filter((a) => a.teamId === id).length;
          for (const t of agg.teams) {
            if (!t.withheld) expect(t.responses).toBeGreaterThanOrEqual(sizes.minGroupSize);
            if (!t.commentsWithheld)
              expect(t.responses).toBeGreaterThanOrEqual(sizes.minCommentGroupSize);
          }
          if (!agg.overall.withheld) {
            const shownSizes = agg.teams.filter((t) => !t.withheld).map((t) => sizeOf(t.teamId));
            for (const size of derivable(answers.length, shownSizes)) {
              expect(size === 0 || size >= sizes.minGroupSize).toBe(true);
            }
          } else {
            expect(agg.teams.every((t) => t.withheld)).toBe(true);
          }
          if (!agg.overall.commentsWithheld) {
            const shownSizes = agg.teams
              .filter((t) => !t.commentsWithheld)
              .map((t) => sizeOf(t.teamId));
            for (const size of derivable(answers.length, shownSizes)) {
              expect(size === 0 || size >= sizes.minCommentGroupSize).toBe(true);
            }
          } else {
            expect(agg.teams.every((t) => t.commentsWithheld)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('shows the overall whenever there are enough answers', () => {
    fc.assert(
      fc.property(fc.array(teamAnswer, { maxLength: 40 }), (answers) => {
        const agg = aggregateByTeam(answers, teams);
        expect(agg.overall.withheld).toBe(answers.length < 5);
      }),
    );
  });
});
