import { compareCodePoints } from '../compare';
import { divRound } from '../money';

export type EnpsCategory = 'promoter' | 'passive' | 'detractor';

/**
 * Where one answer (0–10) falls: promoters 9–10, passives 7–8, detractors 0–6. Null for
 * anything that is not a whole number from 0 to 10.
 */
export function enpsCategory(score: number): EnpsCategory | null {
  if (!Number.isInteger(score) || score < 0 || score > 10) return null;
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** One answer as scoring needs it: no user, no id. */
export interface EnpsAnswer {
  score: number;
  comment?: string;
}

export interface EnpsScoreOptions {
  /** Fewest answers a result is shown for; default 5, never below 3. */
  minGroupSize?: number;
  /** Fewest answers comments are shown for; default 10, never below `minGroupSize`. */
  minCommentGroupSize?: number;
}

/**
 * An eNPS result for one group. When `withheld`, every figure is null: a group below the
 * minimum size shows nothing at all, not even how many answered.
 */
export interface EnpsResult {
  responses: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** round(100 × (promoters − detractors) ÷ responses), −100 to 100, half away from zero. */
  score: number | null;
  withheld: boolean;
  /** "withheld: fewer than 5 answers". */
  withheldReason?: string;
  /** Non-empty comments, trimmed, sorted alphabetically (never in submission order). */
  comments: string[] | null;
  commentsWithheld: boolean;
  /** "comments withheld: fewer than 10 answers". */
  commentsWithheldReason?: string;
}

export const DEFAULT_MIN_GROUP_SIZE = 5;
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;
/** The floor no setting can go below (ARCHITECTURE.md, security model). */
export const MIN_GROUP_SIZE_FLOOR = 3;

/**
 * The thresholds in force: minGroupSize at least 3 (default 5); minCommentGroupSize at
 * least minGroupSize (default 10). Fractions round up; anything not a number gets the default.
 */
export function enpsGroupSizes(options: EnpsScoreOptions = {}): {
  minGroupSize: number;
  minCommentGroupSize: number;
} {
  const group = Number.isFinite(options.minGroupSize)
    ? Math.ceil(options.minGroupSize!)
    : DEFAULT_MIN_GROUP_SIZE;
  const minGroupSize = Math.max(MIN_GROUP_SIZE_FLOOR, group);
  const comment = Number.isFinite(options.minCommentGroupSize)
    ? Math.ceil(options.minCommentGroupSize!)
    : DEFAULT_MIN_COMMENT_GROUP_SIZE;
  return { minGroupSize, minCommentGroupSize: Math.max(minGroupSize, comment) };
}

/** eNPS from counts: round(100 × (promoters − detractors) ÷ responses), half away from zero. */
export function enpsFromCounts(promoters: number, detractors: number, responses: number): number {
  // Integer arithmetic: exact, symmetric for negative halves, and never −0.
  return divRound(100 * (promoters - detractors), responses);
}

export interface EnpsTally {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  comments: string[];
}

/** Counts answers (skipping any score that is not a whole number 0–10) and gathers comments. */
export function tallyEnps(answers: readonly EnpsAnswer[]): EnpsTally {
  const tally: EnpsTally = { responses: 0, promoters: 0, passives: 0, detractors: 0, comments: [] };
  for (const answer of answers) {
    const category = enpsCategory(answer.score);
    if (category === null) continue;
    tally.responses += 1;
    if (category === 'promoter') tally.promoters += 1;
    else if (category === 'passive') tally.passives += 1;
    else tally.detractors += 1;
    const comment = typeof answer.comment === 'string' ? answer.comment.trim() : '';
    if (comment !== '') tally.comments.push(comment);
  }
  tally.comments.sort(compareComments);
  return tally;
}

/** Alphabetical, ignoring case, then by code point: the same order on every machine. */
function compareComments(a: string, b: string): number {
  return compareCodePoints(a.toLowerCase(), b.toLowerCase()) || compareCodePoints(a, b);
}

/** A result with everything withheld, for `reason` ("withheld: fewer than 5 answers"). */
export function withheldResult(reason: string): EnpsResult {
  return {
    responses: null,
    promoters: null,
    passives: null,
    detractors: null,
    score: null,
    withheld: true,
    withheldReason: reason,
    comments: null,
    commentsWithheld: true,
    commentsWithheldReason: reason,
  };
}

/** The same result with its comments withheld for `reason`. */
export function withCommentsWithheld(result: EnpsResult, reason: string): EnpsResult {
  return { ...result, comments: null, commentsWithheld: true, commentsWithheldReason: reason };
}

export function resultFromTally(tally: EnpsTally, options: EnpsScoreOptions = {}): EnpsResult {
  const { minGroupSize, minCommentGroupSize } = enpsGroupSizes(options);
  if (tally.responses < minGroupSize) {
    return withheldResult(`withheld: fewer than ${minGroupSize} answers`);
  }
  const result: EnpsResult = {
    responses: tally.responses,
    promoters: tally.promoters,
    passives: tally.passives,
    detractors: tally.detractors,
    score: enpsFromCounts(tally.promoters, tally.detractors, tally.responses),
    withheld: false,
    comments: [...tally.comments],
    commentsWithheld: false,
  };
  return tally.responses < minCommentGroupSize
    ? withCommentsWithheld(result, `comments withheld: fewer than ${minCommentGroupSize} answers`)
    : result;
}

/**
 * Scores one group's answers. Below `minGroupSize` answers (clamped to at least 3) nothing
 * is shown: score, counts and comments are null, with the reason. Comments need at least
 * `minCommentGroupSize` answers (answers, not comments: the group a comment hides in); they
 * are trimmed, empty ones dropped, and sorted alphabetically (ignoring case, then by code
 * point; no locale) so their order says nothing about who answered when. Answers whose score is not a whole number 0–10 are skipped
 * (validation rejects them where they enter the system).
 */
export function scoreEnps(
  responses: readonly EnpsAnswer[],
  options: EnpsScoreOptions = {},
): EnpsResult {
  return resultFromTally(tallyEnps(responses), options);
}
