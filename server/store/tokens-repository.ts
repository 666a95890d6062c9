import type { Db } from './db';

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

export async function findTokenByHash(trx: Db, tokenHash: string): Promise<TokenRecord | null> {
  const row = await trx
    .selectFrom('auth_tokens')
    .select(columns)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
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
