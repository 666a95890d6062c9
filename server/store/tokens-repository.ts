import { sql } from 'kysely';
import type { Db } from './db';
import { toUserRecord, type UserRecord, type UserRow } from './people-repository';

export type TokenKind = 'session' | 'cli';

export interface TokenRecord {
  id: string;
  userId: string;
  kind: TokenKind;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

type Row = {
  id: string;
  user_id: string;
  kind: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};

const toRecord = (r: Row): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind === 'cli' ? 'cli' : 'session',
  label: r.label,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const columns = [
  'id',
  'user_id',
  'kind',
  'label',
  'created_at',
  'expires_at',
  'revoked_at',
] as const;

export async function insertToken(
  trx: Db,
  token: TokenRecord & { tokenHash: string },
): Promise<void> {
  await trx
    .insertInto('auth_tokens')
    .values({
      id: token.id,
      token_hash: token.tokenHash,
      user_id: token.userId,
      kind: token.kind,
      label: token.label,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

export async function listTokens(trx: Db, userId: string): Promise<TokenRecord[]> {
  const rows = await trx
    .selectFrom('auth_tokens')
    .select(columns)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map(toRecord);
}

export async function getToken(trx: Db, id: string): Promise<TokenRecord | null> {
  const row = await trx
    .selectFrom('auth_tokens')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function revokeToken(trx: Db, id: string, now: string): Promise<void> {
  await trx
    .updateTable('auth_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeTokensOfUser(trx: Db, userId: string, now: string): Promise<void> {
  await trx
    .updateTable('auth_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Drops tokens that expired or were revoked more than `before`. */
export async function purgeTokens(trx: Db, before: string): Promise<number> {
  const result = await trx
    .deleteFrom('auth_tokens')
    .where((eb) =>
      eb.or([
        eb.and([eb('expires_at', 'is not', null), eb('expires_at', '<', before)]),
        eb.and([eb('revoked_at', 'is not', null), eb('revoked_at', '<', before)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A token with its user and the user's team links: the per-request path of authentication. */
export interface TokenWithUser {
  token: TokenRecord;
  user: UserRecord;
}

type TokenUserRow = Row &
  Omit<UserRow, 'id'> & {
    team_id: string | null;
    link: string | null;
  };

/**
 * The token with this hash, its user and their team links in one query (one round trip:
 * it runs on every authenticated request). One row per team link, or one row without a
 * link; none when the token is unknown.
 */
export async function findTokenWithUser(trx: Db, tokenHash: string): Promise<TokenWithUser | null> {
  // A union of index lookups by token hash (a join on a union of the link tables would
  // read both tables whole on SQLite): the token with its user, then each team link.
  const { rows } = await sql<TokenUserRow>`
    select t.id, t.user_id, t.kind, t.label, t.created_at, t.expires_at, t.revoked_at,
      u.email, u.name, u.role, u.locale, u.active, u.password_hash, u.version,
      null as team_id, null as link
    from auth_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash}
    union all
    select t.id, t.user_id, null, null, null, null, null, null, null, null, null, null, null,
      null, m.team_id, 'member'
    from auth_tokens t join team_members m on m.user_id = t.user_id
    where t.token_hash = ${tokenHash}
    union all
    select t.id, t.user_id, null, null, null, null, null, null, null, null, null, null, null,
      null, g.team_id, 'manager'
    from auth_tokens t join team_managers g on g.user_id = t.user_id
    where t.token_hash = ${tokenHash}`.execute(trx);
  const first = rows.find((r) => r.link === null);
  if (!first) return null;
  const teamIds: string[] = [];
  const managesTeamIds: string[] = [];
  for (const r of rows) {
    if (r.link === null || r.team_id === null) continue;
    if (r.link === 'member') teamIds.push(r.team_id);
    else if (r.link === 'manager') managesTeamIds.push(r.team_id);
  }
  return {
    token: toRecord(first),
    user: toUserRecord({ ...first, id: first.user_id }, teamIds, managesTeamIds),
  };
}
