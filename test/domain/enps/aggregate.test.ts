import { describe, it, expect } from 'vitest';
import { aggregateByTeam, type EnpsAggregate, type TeamEnpsAnswer } from '../../../lib/domain/enps';

const teams = [
  { id: 'A', name: 'Alpha' },
  { id: 'B', name: 'Bravo' },
  { id: 'C', name: 'Charlie' },
];

/** `n` answers for `teamId`, all scoring `score`, with a comment each when `comment` is set. */
function team(teamId: string | null, n: number, score: number, comment?: string): TeamEnpsAnswer[] {
  return Array.from({ length: n }, (_, i) => ({
    teamId,
    score,
    ...(comment ? { comment: `${comment} ${i}` } : {}),
  }));
}

const byId = (agg: EnpsAggregate, id: string) => agg.teams.find((t) => t.teamId === id)!;
const shown = (agg: EnpsAggregate) => agg.teams.filter((t) => !t.withheld).map((t) => t.teamId);

describe('aggregateByTeam', () => {
  it('scores each team and the whole, in the order the teams were given', () => {
    // A: 6 promoters → 100. B: 7 detractors → −100. C: none.
    // overall: 13 answers, 6 − 7 = −1 → 100 × −1 ÷ 13 = −7.69 → −8
    const agg = aggregateByTeam([...team('A', 6, 10), ...team('B', 7, 2)], teams);
    expect(agg.teams.map((t) => [t.teamId, t.teamName, t.score])).toEqual([
      ['A', 'Alpha', 100],
      ['B', 'Bravo', -100],
      ['C', 'Charlie', null],
    ]);
    expect(agg.overall).toMatchObject({ responses: 13, promoters: 6, detractors: 7, score: -8 });
    expect(byId(agg, 'C').withheldReason).toBe('withheld: fewer than 5 answers');
  });

  it('withholds a team below the minimum: 4 answers withheld, 5 shown', () => {
    const agg = aggregateByTeam(
      [...team('A', 5, 10), ...team('B', 5, 10), ...team('C', 4, 10)],
      teams,
    );
    // rest = 14 − 10 = 4 < 5 → would leak C; see the complementary rule below
    expect(byId(agg, 'C')).toMatchObject({ withheld: true, responses: null, score: null });
  });

  it('complementary disclosure: one small team withheld, others shown → the smallest shown team is withheld too', () => {
    // A 6 (all 10), B 7 (all 8), C 2 (all 0). overall 15.
    // Without the rule: overall − A − B = C's 2 answers, both detractors. rest = 15 − 13 = 2 < 5.
    // Rule: withhold the smallest shown team, A (6 < 7). rest becomes 8 ≥ 5.
    const agg = aggregateByTeam(
      [...team('A', 6, 10), ...team('B', 7, 8), ...team('C', 2, 0)],
      teams,
    );
    expect(shown(agg)).toEqual(['B']);
    expect(byId(agg, 'A')).toMatchObject({
      withheld: true,
      score: null,
      responses: null,
      withheldReason: expect.stringContaining('would reveal'),
    });
    expect(byId(agg, 'C').withheldReason).toBe('withheld: fewer than 5 answers');
    // overall kept: 6 promoters, 2 detractors of 15 → 100 × 4 ÷ 15 = 26.67 → 27
    expect(agg.overall).toMatchObject({ withheld: false, responses: 15, score: 27 });
    // what subtraction can now reach: overall − B = 8 answers (A + C together): not below 5
    expect(agg.overall.responses! - byId(agg, 'B').responses!).toBe(8);
  });

  it('breaks a size tie by team id', () => {
    // A 6, B 6, C 1: rest 1 → withhold A (same size as B, lower id)
    const agg = aggregateByTeam(
      [...team('A', 6, 9), ...team('B', 6, 9), ...team('C', 1, 0)],
      teams,
    );
    expect(shown(agg)).toEqual(['B']);
  });

  it('also protects two small teams together: 2 + 2 = 4 < 5', () => {
    // A 8, B 2, C 2: rest = 12 − 8 = 4 → A is withheld too; only the overall (12) remains
    const agg = aggregateByTeam(
      [...team('A', 8, 10), ...team('B', 2, 0), ...team('C', 2, 0)],
      teams,
    );
    expect(shown(agg)).toEqual([]);
    expect(agg.overall).toMatchObject({ withheld: false, responses: 12 });
  });

  it('leaves shown teams alone when the withheld ones add up to the minimum', () => {
    // A 6, B 3, C 2: rest = 11 − 6 = 5, not below 5 → A stays shown
    const agg = aggregateByTeam(
      [...team('A', 6, 10), ...team('B', 3, 0), ...team('C', 2, 0)],
      teams,
    );
    expect(shown(agg)).toEqual(['A']);
  });

  it('leaves shown teams alone when the withheld team has no answers', () => {
    // A 6, B 6, C 0: rest 0
    const agg = aggregateByTeam([...team('A', 6, 10), ...team('B', 6, 0)], teams);
    expect(shown(agg)).toEqual(['A', 'B']);
    expect(agg.overall.score).toBe(0); // 6 − 6
  });

  it('counts answers without a known team in the rest', () => {
    // A 6, B 6, one with no team, one with an unknown team: rest 2 → A withheld
    const agg = aggregateByTeam(
      [...team('A', 6, 10), ...team('B', 6, 10), ...team(null, 1, 0), ...team('Z', 1, 0)],
      teams,
    );
    expect(shown(agg)).toEqual(['B']);
    expect(agg.overall.responses).toBe(14);
  });

  it('withholds everything when the whole group is too small', () => {
    const agg = aggregateByTeam([...team('A', 2, 10), ...team('B', 2, 10)], teams);
    expect(agg.overall.withheld).toBe(true);
    expect(shown(agg)).toEqual([]);
  });

  it('drops a team listed twice', () => {
    const agg = aggregateByTeam(team('A', 5, 10), [teams[0]!, teams[0]!]);
    expect(agg.teams).toHaveLength(1);
  });

  describe('comments', () => {
    it('shows team comments from 10 answers, and overall comments sorted', () => {
      // A 10 (comments "a 0".."a 9"), B 10 ("b 0".."b 9"): rest 0
      const agg = aggregateByTeam([...team('A', 10, 9, 'a'), ...team('B', 10, 9, 'b')], teams);
      expect(byId(agg, 'A').comments).toHaveLength(10);
      expect(agg.overall.comments).toHaveLength(20);
      expect(agg.overall.comments![0]).toBe('a 0');
      expect(agg.overall.comments![19]).toBe('b 9');
    });

    it('withholds a team with 9 answers, shows one with 10', () => {
      // A 10, B 9: rest_c = 19 − 10 = 9 < 10 → A's comments withheld as well (see next test)
      const agg = aggregateByTeam([...team('A', 10, 9, 'a'), ...team('B', 9, 9, 'b')], teams);
      expect(byId(agg, 'B')).toMatchObject({
        commentsWithheld: true,
        commentsWithheldReason: 'comments withheld: fewer than 10 answers',
      });
    });

    it('complementary disclosure applies to comments: overall − shown team comments must not leave < 10', () => {
      // A 12 with comments, B 6 with comments. Scores: both shown, rest 0.
      // Comments: A shown (12 ≥ 10), B not (6 < 10); overall 18 shown.
      // overall comments − A's = B's 6 comments → A's comments are withheld too.
      const agg = aggregateByTeam([...team('A', 12, 9, 'a'), ...team('B', 6, 3, 'b')], teams);
      expect(shown(agg)).toEqual(['A', 'B']);
      expect(byId(agg, 'A')).toMatchObject({
        withheld: false,
        score: 100,
        comments: null,
        commentsWithheld: true,
        commentsWithheldReason: expect.stringContaining('would reveal'),
      });
      expect(agg.overall.comments).toHaveLength(18);
    });

    it('a team withheld by the score rule also leaves its comments to the rest', () => {
      // A 12, B 10, C 3 (all with comments). Scores: C withheld; rest 3 → withhold B (10 < 12).
      // Comments: A shown; rest_c = 25 − 12 = 13 ≥ 10 → A keeps its comments.
      const agg = aggregateByTeam(
        [...team('A', 12, 10, 'a'), ...team('B', 10, 10, 'b'), ...team('C', 3, 0, 'c')],
        teams,
      );
      expect(shown(agg)).toEqual(['A']);
      expect(byId(agg, 'B')).toMatchObject({ withheld: true, comments: null });
      expect(byId(agg, 'A').comments).toHaveLength(12);
      expect(agg.overall.comments).toHaveLength(25);
    });
  });

  it('uses the survey group sizes, clamped', () => {
    const agg = aggregateByTeam([...team('A', 3, 10), ...team('B', 3, 10)], teams, {
      minGroupSize: 2,
      minCommentGroupSize: 3,
    });
    // min clamped to 3: both shown; comments need 3 too
    expect(shown(agg)).toEqual(['A', 'B']);
  });
});
