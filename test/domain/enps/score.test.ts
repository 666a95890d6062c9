import { describe, it, expect } from 'vitest';
import {
  enpsCategory,
  enpsFromCounts,
  enpsGroupSizes,
  scoreEnps,
  type EnpsAnswer,
} from '../../../lib/domain/enps';

/** `p` promoters (10), `pa` passives (8), `d` detractors (3). */
function answers(p: number, pa: number, d: number): EnpsAnswer[] {
  return [
    ...Array.from({ length: p }, () => ({ score: 10 })),
    ...Array.from({ length: pa }, () => ({ score: 8 })),
    ...Array.from({ length: d }, () => ({ score: 3 })),
  ];
}

describe('enpsCategory', () => {
  it.each([
    [10, 'promoter'],
    [9, 'promoter'],
    [8, 'passive'],
    [7, 'passive'],
    [6, 'detractor'],
    [0, 'detractor'],
    [11, null],
    [-1, null],
    [7.5, null],
    [Number.NaN, null],
  ] as const)('%s → %s', (score, category) => {
    expect(enpsCategory(score)).toBe(category);
  });
});

describe('scoreEnps: the score', () => {
  // [promoters, passives, detractors, expected]; expected = round(100 × (p − d) ÷ n)
  const rows: [number, number, number, number][] = [
    [3, 1, 1, 40], // 100 × 2 ÷ 5 = 40
    [5, 0, 0, 100], // 100 × 5 ÷ 5
    [0, 0, 5, -100], // 100 × −5 ÷ 5
    [0, 5, 0, 0], // all passives
    [2, 1, 2, 0], // p = d
    [2, 3, 1, 17], // 100 × 1 ÷ 6 = 16.67 → 17
    [1, 3, 2, -17], // 100 × −1 ÷ 6 = −16.67 → −17
    [1, 2, 4, -43], // 100 × −3 ÷ 7 = −42.86 → −43
  ];
  it.each(rows)('%i promoters, %i passives, %i detractors → %i', (p, pa, d, expected) => {
    const result = scoreEnps(answers(p, pa, d));
    expect(result).toMatchObject({
      responses: p + pa + d,
      promoters: p,
      passives: pa,
      detractors: d,
    });
    expect(result.score).toBe(expected);
  });

  it('rounds halves away from zero, both signs', () => {
    // n = 8: 100 × ±1 ÷ 8 = ±12.5 → ±13; 100 × ±3 ÷ 8 = ±37.5 → ±38
    expect(scoreEnps(answers(1, 7, 0)).score).toBe(13);
    expect(scoreEnps(answers(0, 7, 1)).score).toBe(-13);
    expect(scoreEnps(answers(3, 5, 0)).score).toBe(38);
    expect(scoreEnps(answers(0, 5, 3)).score).toBe(-38);
    // n = 200: 100 × ±1 ÷ 200 = ±0.5 → ±1 (Math.round(−0.5) would give −0)
    expect(scoreEnps(answers(1, 199, 0)).score).toBe(1);
    expect(scoreEnps(answers(0, 199, 1)).score).toBe(-1);
    // n = 40: 100 × ±1 ÷ 40 = ±2.5 → ±3
    expect(enpsFromCounts(1, 0, 40)).toBe(3);
    expect(enpsFromCounts(0, 1, 40)).toBe(-3);
  });

  it('never returns −0', () => {
    // n = 201: 100 × −1 ÷ 201 = −0.4975 → 0, not −0
    expect(Object.is(scoreEnps(answers(0, 200, 1)).score, 0)).toBe(true);
    expect(Object.is(scoreEnps(answers(0, 5, 0)).score, 0)).toBe(true);
    expect(Object.is(enpsFromCounts(0, 1, 1000), 0)).toBe(true);
  });

  it('skips answers that are not whole numbers 0–10', () => {
    const result = scoreEnps([...answers(3, 1, 1), { score: 11 }, { score: -1 }, { score: 9.5 }]);
    expect(result).toMatchObject({ responses: 5, score: 40 });
  });
});

describe('scoreEnps: withholding small groups', () => {
  it('withholds everything at 4 answers, shows at 5 (default minimum)', () => {
    expect(scoreEnps(answers(3, 1, 0))).toEqual({
      responses: null,
      promoters: null,
      passives: null,
      detractors: null,
      score: null,
      withheld: true,
      withheldReason: 'withheld: fewer than 5 answers',
      comments: null,
      commentsWithheld: true,
      commentsWithheldReason: 'withheld: fewer than 5 answers',
    });
    expect(scoreEnps(answers(3, 1, 1))).toMatchObject({ withheld: false, score: 40 });
  });

  it('withholds with no answers at all', () => {
    expect(scoreEnps([])).toMatchObject({ withheld: true, score: null, responses: null });
  });

  it('clamps the minimum group size to at least 3', () => {
    for (const min of [2, 1, 0, -4]) {
      expect(scoreEnps(answers(2, 0, 0), { minGroupSize: min })).toMatchObject({
        withheld: true,
        withheldReason: 'withheld: fewer than 3 answers',
      });
      // 3 promoters of 3 → 100
      expect(scoreEnps(answers(3, 0, 0), { minGroupSize: min })).toMatchObject({
        withheld: false,
        score: 100,
      });
    }
  });

  it('honours a larger minimum', () => {
    expect(scoreEnps(answers(5, 1, 1), { minGroupSize: 8 }).withheld).toBe(true);
    expect(scoreEnps(answers(5, 2, 1), { minGroupSize: 8 }).score).toBe(50); // 100 × 4 ÷ 8
  });

  it('group sizes: defaults, clamps, fractions and junk', () => {
    expect(enpsGroupSizes()).toEqual({ minGroupSize: 5, minCommentGroupSize: 10 });
    expect(enpsGroupSizes({ minGroupSize: 1 })).toEqual({
      minGroupSize: 3,
      minCommentGroupSize: 10,
    });
    expect(enpsGroupSizes({ minGroupSize: 12 })).toEqual({
      minGroupSize: 12,
      minCommentGroupSize: 12,
    });
    expect(enpsGroupSizes({ minGroupSize: 4.2, minCommentGroupSize: 2 })).toEqual({
      minGroupSize: 5,
      minCommentGroupSize: 5,
    });
    expect(enpsGroupSizes({ minGroupSize: Number.NaN })).toEqual({
      minGroupSize: 5,
      minCommentGroupSize: 10,
    });
  });
});

describe('scoreEnps: comments', () => {
  const withComments = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      score: 9,
      comment: `comment ${String.fromCharCode(106 - i)}`,
    }));

  it('withholds comments at 9 answers (score still shown), shows them at 10', () => {
    const nine = scoreEnps(withComments(9));
    expect(nine).toMatchObject({
      withheld: false,
      score: 100,
      comments: null,
      commentsWithheld: true,
      commentsWithheldReason: 'comments withheld: fewer than 10 answers',
    });
    const ten = scoreEnps(withComments(10));
    expect(ten.commentsWithheld).toBe(false);
    expect(ten.comments).toHaveLength(10);
  });

  it('counts answers, not comments: 10 answers with 2 comments shows both', () => {
    const result = scoreEnps([
      ...answers(8, 0, 0),
      { score: 4, comment: 'b' },
      { score: 8, comment: 'a' },
    ]);
    expect(result.comments).toEqual(['a', 'b']);
  });

  it('sorts comments alphabetically, never in submission order; trims; drops empty ones', () => {
    const result = scoreEnps([
      ...answers(5, 0, 0),
      { score: 9, comment: 'zebra crossing' },
      { score: 3, comment: '  Apples  ' },
      { score: 7, comment: 'apples' },
      { score: 8, comment: '   ' },
      { score: 8, comment: '' },
      { score: 0, comment: 'Bananas' },
    ]);
    expect(result.responses).toBe(11);
    expect(result.comments).toEqual(['Apples', 'apples', 'Bananas', 'zebra crossing']);
  });

  it('follows minCommentGroupSize, never below minGroupSize', () => {
    expect(scoreEnps(withComments(6), { minCommentGroupSize: 6 }).comments).toHaveLength(6);
    expect(scoreEnps(withComments(5), { minCommentGroupSize: 6 }).commentsWithheld).toBe(true);
    // asked for 3 with minGroupSize 5: comments need 5
    expect(scoreEnps(withComments(5), { minCommentGroupSize: 3 }).comments).toHaveLength(5);
  });
});
