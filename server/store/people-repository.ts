import { sql } from 'kysely';
import type { Role, Team, User } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, appendResyncMarkers, audience } from './change-log';
import { annotationChangesForAuthor } from './annotations-repository';
import { chunks, IN_LIST_MAX, uniq } from './util';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  active: boolean;
  teamIds: string[];
  managesTeamIds: string[];
  passwordHash: string | null;
  version: number;
}

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string | null;
  active: number;
  password_hash: string | null;
  version: number;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A users row with its team links (in any order) as a record: the one place rows become users. */
export function toUserRecord(
  row: UserRow,
  teamIds: string[],
  managesTeamIds: string[],
): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    locale: row.locale,
    active: row.active === 1,
    teamIds: teamIds.sort(),
    managesTeamIds: managesTeamIds.sort(),
    passwordHash: row.password_hash,
    version: row.version,
  };
}

async function attachTeams(trx: Db, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const members = new Map<string, string[]>();
  const managers = new Map<string, string[]>();
  for (const batch of chunks(ids, IN_LIST_MAX)) {
    const [m, g] = await Promise.all([
      trx.selectFrom('team_members').selectAll().where('user_id', 'in', batch).execute(),
      trx.selectFrom('team_managers').selectAll().where('user_id', 'in', batch).execute(),
    ]);
    for (const r of m) members.set(r.user_id, [...(members.get(r.user_id) ?? []), r.team_id]);
    for (const r of g) managers.set(r.user_id, [...(managers.get(r.user_id) ?? []), r.team_id]);
  }
  return rows.map((r) => toUserRecord(r, members.get(r.id) ?? [], managers.get(r.id) ?? []));
}

const userColumns = [
  'id',
  'email',
  'name',
  'role',
  'locale',
  'active',
  'password_hash',
  'version',
] as const;

export async function getUser(trx: Db, id: string): Promise<UserRecord | null> {
  const row = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? ((await attachTeams(trx, [row]))[0] ?? null) : null;
}

/** One user with their team links in two queries (the per-request path of authentication). */
export async function getUserWithTeams(trx: Db, id: string): Promise<UserRecord | null> {
  const row = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const links = await trx
    .selectFrom('team_members')
    .select(['team_id', sql<string>`'member'`.as('kind')])
    .where('user_id', '=', id)
    .unionAll(
      trx
        .selectFrom('team_managers')
        .select(['team_id', sql<string>`'manager'`.as('kind')])
        .where('user_id', '=', id),
    )
    .execute();
  return toUserRecord(
    row,
    links.filter((l) => l.kind === 'member').map((l) => l.team_id),
    links.filter((l) => l.kind === 'manager').map((l) => l.team_id),
  );
}

export async function getUsers(trx: Db, ids: readonly string[]): Promise<UserRecord[]> {
  const rows: UserRow[] = [];
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    rows.push(
      ...(await trx.selectFrom('users').select(userColumns).where('id', 'in', batch).execute()),
    );
  }
  return attachTeams(trx, rows);
}

export async function getUserByEmail(trx: Db, email: string): Promise<UserRecord | null> {
  const row = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row ? ((await attachTeams(trx, [row]))[0] ?? null) : null;
}

export async function listUsers(trx: Db): Promise<UserRecord[]> {
  const rows = await trx.selectFrom('users').select(userColumns).orderBy('id').execute();
  return attachTeams(trx, rows);
}

export async function userNames(trx: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

export function toUserEntity(u: UserRecord): User {
  const user: User = {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamIds: u.teamIds,
    managesTeamIds: u.managesTeamIds,
    active: u.active,
  };
  if (u.locale !== null) user.locale = u.locale;
  return user;
}

/** Members (as reps) of the given teams. */
export async function membersOfTeams(trx: Db, teamIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunks(uniq(teamIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('team_members')
      .select('user_id')
      .where('team_id', 'in', batch)
      .execute();
    out.push(...rows.map((r) => r.user_id));
  }
  return uniq(out);
}

export async function managersOfTeams(trx: Db, teamIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunks(uniq(teamIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('team_managers')
      .select('user_id')
      .where('team_id', 'in', batch)
      .execute();
    out.push(...rows.map((r) => r.user_id));
  }
  return uniq(out);
}

export async function existingTeamIds(trx: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx.selectFrom('teams').select('id').where('id', 'in', batch).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

export interface UserWrite {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale?: string | undefined;
  active: boolean;
  teamIds: string[];
  managesTeamIds: string[];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const s = new Set(a);
  return a.length === b.length && b.every((x) => s.has(x)) && s.size === new Set(b).size;
}

async function replaceLinks(
  trx: Db,
  table: 'team_members' | 'team_managers',
  userId: string,
  teamIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom(table).where('user_id', '=', userId).execute();
  const ids = uniq(teamIds);
  if (ids.length > 0) {
    await trx
      .insertInto(table)
      .values(ids.map((team_id) => ({ team_id, user_id: userId })))
      .execute();
  }
}

/**
 * Creates or updates a user with their team links, and tells every client that must
 * learn about it: the user (`me`), their managers (`user`), and, when teams or role change,
 * everyone whose visible set changed (a resync marker: see docs/api.md).
 */
export async function saveUser(
  trx: Db,
  now: string,
  input: UserWrite,
  passwordHash?: string | null,
): Promise<{ created: boolean; user: UserRecord }> {
  const before = await getUser(trx, input.id);
  const email = normalizeEmail(input.email);
  const version = (before?.version ?? 0) + 1;
  if (before) {
    await trx
      .updateTable('users')
      .set({
        email,
        name: input.name,
        role: input.role,
        locale: input.locale ?? null,
        active: input.active ? 1 : 0,
        updated_at: now,
        version,
        ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      })
      .where('id', '=', input.id)
      .execute();
  } else {
    await trx
      .insertInto('users')
      .values({
        id: input.id,
        email,
        name: input.name,
        role: input.role,
        locale: input.locale ?? null,
        active: input.active ? 1 : 0,
        password_hash: passwordHash ?? null,
        created_at: now,
        updated_at: now,
        version,
      })
      .execute();
  }
  const teamsChanged = !before || !sameSet(before.teamIds, input.teamIds);
  const managedChanged = !before || !sameSet(before.managesTeamIds, input.managesTeamIds);
  if (teamsChanged) await replaceLinks(trx, 'team_members', input.id, input.teamIds);
  if (managedChanged) await replaceLinks(trx, 'team_managers', input.id, input.managesTeamIds);

  const visibilityChanged =
    before !== null &&
    (teamsChanged ||
      managedChanged ||
      before.role !== input.role ||
      before.active !== input.active);
  if (visibilityChanged) {
    const managers = await managersOfTeams(trx, [...before.teamIds, ...input.teamIds]);
    await appendResyncMarkers(trx, now, [input.id, ...managers]);
  }
  await appendChanges(trx, now, [
    { entity: 'me', entityId: input.id, op: 'put', audiences: [audience.user(input.id)], version },
    {
      entity: 'user',
      entityId: input.id,
      op: 'put',
      audiences: [audience.repManagers(input.id)],
      version,
    },
  ]);
  if (before && before.name !== input.name) {
    // Notes and prompts show their author's name.
    await appendChanges(trx, now, await annotationChangesForAuthor(trx, input.id));
    const prompts = await trx
      .selectFrom('prompts')
      .select(['id', 'rep_id', 'version'])
      .where('author_id', '=', input.id)
      .execute();
    await appendChanges(
      trx,
      now,
      prompts.map((p) => ({
        entity: 'prompt' as const,
        entityId: p.id,
        op: 'put' as const,
        audiences: [audience.rep(p.rep_id)],
        version: p.version,
      })),
    );
  }
  const user = await getUser(trx, input.id);
  return { created: !before, user: user! };
}

export async function setPasswordHash(
  trx: Db,
  now: string,
  userId: string,
  hash: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({ password_hash: hash, updated_at: now })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Teams ---------------------------------------------------------------------------------

export interface TeamRecord extends Team {
  version: number;
}

export async function listTeams(trx: Db): Promise<TeamRecord[]> {
  const rows = await trx
    .selectFrom('teams')
    .select(['id', 'name', 'version'])
    .orderBy('id')
    .execute();
  return rows;
}

export async function getTeam(trx: Db, id: string): Promise<TeamRecord | null> {
  const row = await trx
    .selectFrom('teams')
    .select(['id', 'name', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function saveTeam(
  trx: Db,
  now: string,
  team: Team,
): Promise<{ created: boolean; team: TeamRecord }> {
  const before = await getTeam(trx, team.id);
  const version = (before?.version ?? 0) + 1;
  if (before) {
    await trx
      .updateTable('teams')
      .set({ name: team.name, updated_at: now, version })
      .where('id', '=', team.id)
      .execute();
  } else {
    await trx
      .insertInto('teams')
      .values({ id: team.id, name: team.name, updated_at: now, version })
      .execute();
  }
  await appendChanges(trx, now, [
    { entity: 'team', entityId: team.id, op: 'put', audiences: [audience.team(team.id)], version },
  ]);
  return { created: !before, team: { id: team.id, name: team.name, version } };
}

/** Deletes a team and its links; its former members and managers resync. */
export async function deleteTeam(trx: Db, now: string, id: string): Promise<boolean> {
  const before = await getTeam(trx, id);
  if (!before) return false;
  const members = await membersOfTeams(trx, [id]);
  const managers = await managersOfTeams(trx, [id]);
  await trx.deleteFrom('team_members').where('team_id', '=', id).execute();
  await trx.deleteFrom('team_managers').where('team_id', '=', id).execute();
  await trx.deleteFrom('teams').where('id', '=', id).execute();
  await appendChanges(trx, now, [
    {
      entity: 'team',
      entityId: id,
      op: 'del',
      audiences: [audience.team(id)],
      version: before.version + 1,
    },
  ]);
  const affected = [...members, ...managers];
  await appendResyncMarkers(trx, now, affected);
  // Their user records now list one team fewer.
  const users = await getUsers(trx, affected);
  await appendChanges(
    trx,
    now,
    users.flatMap((u) => [
      {
        entity: 'me' as const,
        entityId: u.id,
        op: 'put' as const,
        audiences: [audience.user(u.id)],
        version: u.version,
      },
      {
        entity: 'user' as const,
        entityId: u.id,
        op: 'put' as const,
        audiences: [audience.repManagers(u.id)],
        version: u.version,
      },
    ]),
  );
  return true;
}
