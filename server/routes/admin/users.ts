import { z } from 'zod';
import { idSchema, userSchema, type User } from '../../../lib/domain';
import { hashPassword, passwordProblem } from '../../auth/passwords';
import { issueToken } from '../../auth/tokens';
import { ApiError, badRequest, conflict, notFound } from '../../http/errors';
import { defineRoute, type AppDeps } from '../../http/route';
import type { Db } from '../../store/db';
import {
  existingTeamIds,
  getUser,
  getUserByEmail,
  listUsers,
  saveUser,
  setPasswordHash,
  toUserEntity,
} from '../../store/people-repository';
import {
  getToken,
  listTokens,
  revokeToken,
  revokeTokensOfUser,
} from '../../store/tokens-repository';
import { userParams } from '../params';

const password = z.string().min(1).max(1024);

const createUserBody = userSchema.extend({ password: password.optional() });

const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(['session', 'cli']),
  label: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function checkPassword(value: string): void {
  const problem = passwordProblem(value);
  if (problem) badRequestIssue('password', problem);
}

function badRequestIssue(path: string, message: string): never {
  throw badRequest(`Invalid body: ${path} ${message}`, { issues: [{ path, message }] });
}

/** Rules a user must follow beyond the schema: teams exist, only managers manage, unique email. */
async function validateUser(trx: Db, user: User): Promise<void> {
  const teams = await existingTeamIds(trx, [...user.teamIds, ...user.managesTeamIds]);
  user.teamIds.forEach((t, i) => {
    if (!teams.has(t)) badRequestIssue(`teamIds[${i}]`, `names team "${t}", which does not exist`);
  });
  user.managesTeamIds.forEach((t, i) => {
    if (!teams.has(t))
      badRequestIssue(`managesTeamIds[${i}]`, `names team "${t}", which does not exist`);
  });
  if (user.role === 'rep' && user.managesTeamIds.length > 0) {
    badRequestIssue('managesTeamIds', 'must be empty for a rep (make the user a manager)');
  }
  const sameEmail = await getUserByEmail(trx, user.email);
  if (sameEmail && sameEmail.id !== user.id) {
    throw new ApiError(409, 'email_taken', `Another user already has the email ${user.email}.`);
  }
}

async function writeUser(
  deps: AppDeps,
  now: Date,
  user: User,
  pw: string | undefined,
  mustBeNew: boolean,
) {
  const hash = pw === undefined ? undefined : await hashPassword(pw, deps.config.scryptCost);
  return deps.store.write(async (trx) => {
    const before = await getUser(trx, user.id);
    if (mustBeNew && before) throw conflict(`User "${user.id}" already exists.`);
    await validateUser(trx, user);
    const saved = await saveUser(trx, now.toISOString(), user, hash);
    if (!user.active) await revokeTokensOfUser(trx, user.id, now.toISOString());
    return saved;
  });
}

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/users',
    tag: 'admin',
    summary: 'Every user',
    access: 'admin',
    response: z.object({ users: z.array(userSchema) }),
    handler: async ({ deps }) => ({ users: (await listUsers(deps.store.db)).map(toUserEntity) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/users',
    tag: 'admin',
    summary: 'Create a user (optionally with a password)',
    access: 'admin',
    body: createUserBody,
    response: userSchema,
    successStatus: 201,
    errors: [409],
    handler: async ({ deps, body, now }) => {
      const { password: pw, ...user } = body;
      if (pw !== undefined) checkPassword(pw);
      return toUserEntity((await writeUser(deps, now, user, pw, true)).user);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/users/:userId',
    tag: 'admin',
    summary: 'One user',
    access: 'admin',
    params: userParams,
    response: userSchema,
    errors: [404],
    handler: async ({ deps, params }) => {
      const user = await getUser(deps.store.db, params.userId);
      if (!user) throw notFound(`User "${params.userId}"`);
      return toUserEntity(user);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/users/:userId',
    tag: 'admin',
    summary: 'Create or replace a user (teams, role, active…); deactivating revokes their tokens',
    description:
      'A change of teams, managed teams, role or active status makes the clients of everyone whose view changed resync.',
    access: 'admin',
    params: userParams,
    body: userSchema,
    response: userSchema,
    errors: [409],
    handler: async ({ deps, params, body, now }) => {
      if (body.id !== params.userId)
        badRequestIssue('id', `must be "${params.userId}", as in the path`);
      return toUserEntity((await writeUser(deps, now, body, undefined, false)).user);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/users/:userId',
    tag: 'admin',
    summary: 'Deactivate a user and revoke their tokens (their deals and history stay)',
    access: 'admin',
    params: userParams,
    response: userSchema,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const user = await getUser(deps.store.db, params.userId);
      if (!user) throw notFound(`User "${params.userId}"`);
      return toUserEntity(
        (await writeUser(deps, now, { ...toUserEntity(user), active: false }, undefined, false))
          .user,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/users/:userId/password',
    tag: 'admin',
    summary: "Set a user's password and sign them out everywhere",
    access: 'admin',
    params: userParams,
    body: z.strictObject({ password }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, body, now }) => {
      checkPassword(body.password);
      const hash = await hashPassword(body.password, deps.config.scryptCost);
      await deps.store.write(async (trx) => {
        if (!(await setPasswordHash(trx, now.toISOString(), params.userId, hash))) {
          throw notFound(`User "${params.userId}"`);
        }
        await revokeTokensOfUser(trx, params.userId, now.toISOString());
      });
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/users/:userId/tokens',
    tag: 'admin',
    summary: "A user's tokens (never their values)",
    access: 'admin',
    params: userParams,
    response: z.object({ tokens: z.array(tokenSchema) }),
    errors: [404],
    handler: async ({ deps, params }) => {
      if (!(await getUser(deps.store.db, params.userId))) throw notFound(`User "${params.userId}"`);
      return { tokens: await listTokens(deps.store.db, params.userId) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/users/:userId/tokens',
    tag: 'admin',
    summary: 'Create an API token for a user; its value is shown only in this response',
    access: 'admin',
    params: userParams,
    body: z.strictObject({
      label: z.string().max(200).optional(),
      /** Days until it expires; absent for a token that does not expire. */
      ttlDays: z.number().int().min(1).max(3650).optional(),
    }),
    response: z.object({ token: z.string(), record: tokenSchema }),
    successStatus: 201,
    errors: [404],
    handler: async ({ deps, params, body, now }) =>
      deps.store.write(async (trx) => {
        const user = await getUser(trx, params.userId);
        if (!user || !user.active) throw notFound(`User "${params.userId}"`);
        return issueToken(trx, {
          userId: user.id,
          kind: 'cli',
          label: body.label ?? null,
          now,
          ttlSeconds: body.ttlDays === undefined ? null : body.ttlDays * 86400,
        });
      }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/tokens/:tokenId',
    tag: 'admin',
    summary: 'Revoke a token',
    access: 'admin',
    params: z.strictObject({ tokenId: idSchema }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      await deps.store.write(async (trx) => {
        if (!(await getToken(trx, params.tokenId))) throw notFound(`Token "${params.tokenId}"`);
        await revokeToken(trx, params.tokenId, now.toISOString());
      });
      return null;
    },
  }),
];
