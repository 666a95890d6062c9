import type { Role } from '../../lib/domain';
import type { Db } from '../store/db';
import { membersOfTeams, type UserRecord } from '../store/people-repository';

/**
 * Who is asking, and whose data they may read. Built once per request from the database,
 * so a change of team or role applies to the very next request.
 */
export interface Viewer {
  user: UserRecord;
  id: string;
  role: Role;
  tokenId: string;
  memberTeamIds: readonly string[];
  managedTeamIds: readonly string[];
  /** Reps whose deals, quotas, plans, statements the viewer may read (always themselves). */
  repIds: ReadonlySet<string> | 'all';
  /** Reps the viewer manages: managers-only notes, manager prompts, team figures. */
  managedRepIds: ReadonlySet<string> | 'all';
}

export async function loadViewer(trx: Db, user: UserRecord, tokenId: string): Promise<Viewer> {
  const base = {
    user,
    id: user.id,
    role: user.role,
    tokenId,
    memberTeamIds: user.teamIds,
    managedTeamIds: user.role === 'manager' || user.role === 'admin' ? user.managesTeamIds : [],
  };
  if (user.role === 'admin') return { ...base, repIds: 'all', managedRepIds: 'all' };
  if (user.role === 'manager') {
    const managed = new Set(await membersOfTeams(trx, base.managedTeamIds));
    managed.delete(user.id);
    return { ...base, repIds: new Set([user.id, ...managed]), managedRepIds: managed };
  }
  return { ...base, repIds: new Set([user.id]), managedRepIds: new Set() };
}

export function canReadRep(viewer: Viewer, repId: string): boolean {
  return viewer.repIds === 'all' || viewer.repIds.has(repId);
}

export function managesRep(viewer: Viewer, repId: string): boolean {
  return viewer.managedRepIds === 'all' || viewer.managedRepIds.has(repId);
}

export function canReadTeam(viewer: Viewer, teamId: string): boolean {
  return (
    viewer.role === 'admin' ||
    viewer.memberTeamIds.includes(teamId) ||
    viewer.managedTeamIds.includes(teamId)
  );
}

export function managesTeam(viewer: Viewer, teamId: string): boolean {
  return viewer.role === 'admin' || viewer.managedTeamIds.includes(teamId);
}
