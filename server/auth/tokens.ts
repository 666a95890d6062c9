import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import type { UserRecord } from '../store/people-repository';
import {
  findTokenWithUser,
  insertToken,
  type TokenKind,
  type TokenRecord,
} from '../store/tokens-repository';

/** Tokens are 32 random bytes, base64url; the server keeps only their SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

export function newTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

export async function issueToken(
  trx: Db,
  options: {
    userId: string;
    kind: TokenKind;
    label?: string | null;
    now: Date;
    ttlSeconds: number | null;
  },
): Promise<IssuedToken> {
  const token = newTokenValue();
  const record: TokenRecord = {
    id: randomBytes(9).toString('base64url'),
    userId: options.userId,
    kind: options.kind,
    label: options.label ?? null,
    createdAt: options.now.toISOString(),
    expiresAt:
      options.ttlSeconds === null
        ? null
        : new Date(options.now.getTime() + options.ttlSeconds * 1000).toISOString(),
    revokedAt: null,
  };
  await insertToken(trx, { ...record, tokenHash: hashToken(token) });
  return { token, record };
}

/** The token's user, when the token is known, not revoked, not expired, and the user active. */
export async function authenticateToken(
  trx: Db,
  token: string,
  now: Date,
): Promise<{ user: UserRecord; token: TokenRecord } | null> {
  // Real tokens are 43 base64url characters; anything else cannot match.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  // One round trip: the token, its user and their teams, read fresh on every request (a
  // revocation, deactivation or change of team applies to the very next request).
  const found = await findTokenWithUser(trx, hashToken(token));
  if (!found) return null;
  const { token: record, user } = found;
  if (record.revokedAt !== null) return null;
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime()) return null;
  if (!user.active) return null;
  return { user, token: record };
}
