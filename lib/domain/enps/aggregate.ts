import { compareCodePoints } from '../compare';
import {
  enpsGroupSizes,
  resultFromTally,
  tallyEnps,
  withCommentsWithheld,
  withheldResult,
  type EnpsAnswer,
  type EnpsResult,
  type EnpsScoreOptions,
} from './score';

/** An answer with the team it counts for (no user: the server stores only the team). */
export interface TeamEnpsAnswer extends EnpsAnswer {
  /** Absent, null or unknown: counted in the overall result only. */
  teamId?: string | null;
}

export interface TeamEnpsResult extends EnpsResult {
  teamId: string;
  teamName: string;
}

export interface EnpsAggregate {
  overall: EnpsResult;
  /** One per team given, in the order given (duplicates dropped). */
  teams: TeamEnpsResult[];
}

export const COMPLEMENT_REASON =
  'withheld: with the overall result it would reveal the answers of a group that is too small';
export const COMPLEMENT_COMMENTS_REASON =
  'comments withheld: with the overall comments they would reveal those of a group that is too small';

/**
 * The team to withhold so that the rest is safe: the smallest shown, then by id.
 * Returns its index, or -1 when none is shown.
 */
function smallestShown(
  teams: readonly { teamId: string; size: number }[],
  shown: (i: number) => boolean,
): number {
  let best = -1;
  teams.forEach((t, i) => {
    if (!shown(i)) return;
    const b = best < 0 ? undefined : teams[best];
    if (!b || t.size < b.size || (t.size === b.size && compareCodePoints(t.teamId, b.teamId) < 0)) {
      best = i;
    }
  });
  return best;
}

/**
 * eNPS per team and overall, each withheld below the survey's group sizes (see `scoreEnps`).
 * Pass the answers of one survey and one period.
 *
 * **Complementary disclosure.** Counts are exact, so overall minus the shown teams gives
 * the "rest": the answers of the withheld teams (and of answers with no known team) taken
 * together. When the rest holds some answers but fewer than `minGroupSize` (say one team
 * of 2 is withheld, the others shown), it would leak what the size rule hides. Rule: the
 * overall is kept (it is the figure most people need) and the smallest shown team
 * (ties: lowest id) is withheld as well. That team has at least `minGroupSize` answers, so
 * the rest then has at least that many too, and every group derivable by subtraction
 * (the rest, plus any shown teams) is 0 or at least `minGroupSize`. The same rule is then
 * applied to comments with `minCommentGroupSize` (a team withheld entirely counts in the
 * rest). Differences across periods or surveys are out of its reach: the server should not
 * offer arbitrary slices.
 */
export function aggregateByTeam(
  responses: readonly TeamEnpsAnswer[],
  teams: readonly { id: string; name: string }[],
  survey: EnpsScoreOptions = {},
): EnpsAggregate {
  const sizes = enpsGroupSizes(survey);
  const byTeam = new Map<string, TeamEnpsAnswer[]>();
  for (const r of responses) {
    if (r.teamId === undefined || r.teamId === null) continue;
    let list = byTeam.get(r.teamId);
    if (!list) byTeam.set(r.teamId, (list = []));
    list.push(r);
  }

  const overallTally = tallyEnps(responses);
  let overall = resultFromTally(overallTally, sizes);

  const rows: { teamId: string; teamName: string; size: number; result: EnpsResult }[] = [];
  const seenTeams = new Set<string>();
  for (const team of teams) {
    if (seenTeams.has(team.id)) continue;
    seenTeams.add(team.id);
    const tally = tallyEnps(byTeam.get(team.id) ?? []);
    rows.push({
      teamId: team.id,
      teamName: team.name,
      size: tally.responses,
      result: resultFromTally(tally, sizes),
    });
  }

  // Scores: the rest must be empty or at least minGroupSize.
  if (!overall.withheld) {
    const shownSize = rows.reduce((sum, r) => sum + (r.result.withheld ? 0 : r.size), 0);
    const rest = overallTally.responses - shownSize;
    if (rest > 0 && rest < sizes.minGroupSize) {
      const i = smallestShown(rows, (k) => !rows[k]!.result.withheld);
      if (i >= 0) rows[i]!.result = withheldResult(COMPLEMENT_REASON);
      else overall = withheldResult(COMPLEMENT_REASON); // defensive: rest < min ≤ overall
    }
  }

  // Comments: the same with minCommentGroupSize.
  if (!overall.commentsWithheld) {
    const shownSize = rows.reduce((sum, r) => sum + (r.result.commentsWithheld ? 0 : r.size), 0);
    const rest = overallTally.responses - shownSize;
    if (rest > 0 && rest < sizes.minCommentGroupSize) {
      const i = smallestShown(rows, (k) => !rows[k]!.result.commentsWithheld);
      if (i >= 0)
        rows[i]!.result = withCommentsWithheld(rows[i]!.result, COMPLEMENT_COMMENTS_REASON);
      else overall = withCommentsWithheld(overall, COMPLEMENT_COMMENTS_REASON);
    }
  }

  return {
    overall,
    teams: rows.map((r) => ({ ...r.result, teamId: r.teamId, teamName: r.teamName })),
  };
}
