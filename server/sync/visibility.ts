import { isInSurveyAudience, type Survey } from '../../lib/domain';
import { canReadRep, managesRep, type Viewer } from '../auth/viewer';
import type { AnnotationRecord } from '../store/annotations-repository';
import { audience } from '../store/change-log';
import type { Db } from '../store/db';
import { planIdsOfReps } from '../store/plans-repository';

/**
 * What a viewer may read, as ARCHITECTURE.md states it. The pull uses these twice: to pick
 * the change-log rows addressed to the viewer (audiences), and to re-check every entity
 * before sending it (the rules below), so a row addressed too widely never leaks anything.
 */
export interface ReadScope {
  viewer: Viewer;
  /** Plans assigned (at any time) to a rep the viewer may read. */
  planIds: ReadonlySet<string> | 'all';
}

export async function loadReadScope(trx: Db, viewer: Viewer): Promise<ReadScope> {
  if (viewer.repIds === 'all') return { viewer, planIds: 'all' };
  return { viewer, planIds: await planIdsOfReps(trx, [...viewer.repIds]) };
}

/** The change-log audiences addressed to the viewer; `all` for admins (every row). */
export function audienceKeys(scope: ReadScope): string[] | 'all' {
  const { viewer } = scope;
  if (viewer.role === 'admin' || viewer.repIds === 'all' || scope.planIds === 'all') return 'all';
  const keys = new Set<string>([
    audience.all,
    audience.user(viewer.id),
    audience.role(viewer.role),
  ]);
  for (const r of viewer.repIds) keys.add(audience.rep(r));
  if (viewer.managedRepIds !== 'all')
    for (const r of viewer.managedRepIds) keys.add(audience.repManagers(r));
  for (const t of [...viewer.memberTeamIds, ...viewer.managedTeamIds]) keys.add(audience.team(t));
  for (const p of scope.planIds) keys.add(audience.plan(p));
  return [...keys];
}

export function canReadDeal(viewer: Viewer, dealReps: readonly string[]): boolean {
  return dealReps.some((r) => canReadRep(viewer, r));
}

/** A manager of any of the deal's reps (or an admin). */
export function managesDeal(viewer: Viewer, dealReps: readonly string[]): boolean {
  return dealReps.some((r) => managesRep(viewer, r));
}

/**
 * Shared notes: whoever may read the deal. Managers-only notes: the deal's managers
 * (and admins); their author too while they may read the deal.
 */
export function canReadAnnotation(
  viewer: Viewer,
  note: Pick<AnnotationRecord, 'visibility' | 'authorId'>,
  dealReps: readonly string[],
): boolean {
  if (!canReadDeal(viewer, dealReps)) return false;
  if (note.visibility === 'shared') return true;
  return managesDeal(viewer, dealReps) || note.authorId === viewer.id;
}

/**
 * Surveys: admins read all; others read active surveys addressed to them (lib/domain's
 * `isInSurveyAudience`: an absent or empty list does not restrict; with both lists a user
 * must match both). Managers also read the active surveys that ask the reps of a team they
 * manage, whose results they see (answering stays for the audience: `isAddressedTo`).
 */
export function canReadSurvey(viewer: Viewer, survey: Survey): boolean {
  if (viewer.role === 'admin') return true;
  if (!survey.active) return false;
  return isAddressedTo(survey, viewer) || asksRepsManagedBy(survey, viewer);
}

function asksRepsManagedBy(survey: Survey, viewer: Pick<Viewer, 'managedTeamIds'>): boolean {
  return viewer.managedTeamIds.some((teamId) =>
    isInSurveyAudience(survey, { role: 'rep', teamIds: [teamId] }),
  );
}

export function isAddressedTo(
  survey: Survey,
  viewer: Pick<Viewer, 'role' | 'memberTeamIds'>,
): boolean {
  return isInSurveyAudience(survey, { role: viewer.role, teamIds: viewer.memberTeamIds });
}

export function canReadPlan(scope: ReadScope, planId: string): boolean {
  return scope.planIds === 'all' || scope.planIds.has(planId);
}
