import { z } from 'zod';
import { SYNC_SCHEMA_VERSION, userSchema } from '../../lib/domain';
import { verifyPassword } from '../auth/passwords';
import { issueToken } from '../auth/tokens';
import { ApiError } from '../http/errors';
import { defineRoute } from '../http/route';
import { getUserByEmail, toUserEntity } from '../store/people-repository';
import { revokeToken } from '../store/tokens-repository';

const loginBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const loginResponse = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userSchema,
});

export const meResponse = z.object({
  user: userSchema,
  schemaVersion: z.number(),
  serverTime: z.string(),
});

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; returns a bearer token',
    description:
      'The token is 32 random bytes (base64url). The server keeps only its SHA-256 hash. It expires after the session lifetime (30 days by default) or at logout.',
    access: 'public',
    throttleByAddress: true,
    body: loginBody,
    response: loginResponse,
    errors: [401],
    handler: async ({ deps, body, now }) => {
      const user = await getUserByEmail(deps.store.db, body.email);
      // Always one scrypt derivation, so the time does not tell whether the email exists.
      const ok = await verifyPassword(body.password, user?.passwordHash ?? null);
      if (!user || !ok || !user.active) {
        throw new ApiError(401, 'invalid_credentials', 'The email or password is wrong.');
      }
      const issued = await deps.store.write((trx) =>
        issueToken(trx, {
          userId: user.id,
          kind: 'session',
          label: 'login',
          now,
          ttlSeconds: deps.config.sessionTtlSeconds,
        }),
      );
      return {
        token: issued.token,
        tokenType: 'Bearer' as const,
        expiresAt: issued.record.expiresAt!,
        user: toUserEntity(user),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/logout',
    tag: 'auth',
    summary: 'Revoke the token this request is signed with',
    access: 'user',
    successStatus: 204,
    handler: async ({ deps, viewer, now }) => {
      await deps.store.write((trx) => revokeToken(trx, viewer.tokenId, now.toISOString()));
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me',
    tag: 'auth',
    summary: 'The signed-in user',
    access: 'user',
    response: meResponse,
    handler: async ({ viewer, now }) => ({
      user: toUserEntity(viewer.user),
      schemaVersion: SYNC_SCHEMA_VERSION,
      serverTime: now.toISOString(),
    }),
  }),
];
