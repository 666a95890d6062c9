import { z } from 'zod';
import { entityNameSchema, mutationNames, userSchema, type MutationName } from '../domain';

/*
 * Extension pages (sidebar, options, popup) ⇄ background. Every message is parsed with these
 * schemas where it is received: requests by the background, answers and events by the page.
 * Content scripts use `./crm-protocol` (zod/mini) and never reach these handlers.
 */

export const syncStateSchema = z.enum([
  'synced',
  'pending',
  'offline',
  'error',
  'rejected',
  'signedOut',
  'stopped',
]);

/** lib/sync's `SyncStatus` (test/messaging checks that the two stay the same type). */
export const syncStatusSchema = z.strictObject({
  state: syncStateSchema,
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  online: z.boolean(),
  syncing: z.boolean(),
  lastSyncedAt: z.string().nullable(),
  pending: z.number().int().min(0),
  rejected: z.number().int().min(0),
  error: z.strictObject({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  stopped: z.strictObject({ reason: z.string() }).nullable(),
  nextRetryAt: z.string().nullable(),
});
export type SyncStatusMessage = z.infer<typeof syncStatusSchema>;

export const syncReasonSchema = z.enum(['local-write', 'sidebar-opened', 'user']);

const accountSchema = z.strictObject({
  userId: z.string(),
  email: z.string(),
  serverUrl: z.string(),
  signedIn: z.boolean(),
});

export const signInResultSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    user: userSchema,
    serverUrl: z.string(),
    dataCleared: z.boolean(),
  }),
  z.strictObject({
    ok: z.literal(false),
    code: z.enum([
      'invalid_server_url',
      'invalid_credentials',
      'unreachable',
      'unsynced_changes',
      'server_error',
      'permission_required',
    ]),
    message: z.string(),
    pending: z.number().int().optional(),
  }),
]);
export type SignInResultMessage = z.infer<typeof signInResultSchema>;

export const serverReadRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('teamOverview'),
    teamId: z.string().min(1).max(200),
    asOf: z.iso.date().optional(),
  }),
  z.strictObject({
    kind: z.literal('enpsResults'),
    surveyId: z.string().min(1).max(200),
    periodStart: z.iso.date().optional(),
  }),
]);

/** Every request, its payload schema and its answer's schema (`data` of an ok answer). */
export const pageRequests = {
  /** The sync status as the background sees it. */
  'sync.status': { payload: z.strictObject({}), result: syncStatusSchema },
  /** Sync now (after a local write, when the sidebar opens, or "Sync now"); answers at once. */
  'sync.now': {
    payload: z.strictObject({ reason: syncReasonSchema }),
    result: syncStatusSchema,
  },
  /** Signs in: `POST /v1/auth/login` from the background; the token never leaves it. */
  'auth.signIn': {
    payload: z.strictObject({
      serverUrl: z.string().min(1).max(2000),
      email: z.string().min(1).max(320),
      password: z.string().min(1).max(1024),
      discardUnsynced: z.boolean().optional(),
    }),
    result: signInResultSchema,
  },
  'auth.signOut': {
    payload: z.strictObject({ clearLocalData: z.boolean() }),
    result: z.strictObject({ signedOut: z.literal(true) }),
  },
  /** What the options page shows: the account and the server URL (an administrator's first). */
  'auth.config': {
    payload: z.strictObject({}),
    result: z.strictObject({
      account: accountSchema.nullable(),
      /** Set by an administrator (`storage.managed`): the page shows it read-only. */
      managedServerUrl: z.string().nullable(),
      /** What the server field shows by default. */
      serverUrl: z.string().nullable(),
    }),
  },
  /** A local write made by the background for a page that cannot reach IndexedDB itself. */
  'data.mutate': {
    payload: z.strictObject({
      name: z.enum(mutationNames as [MutationName, ...MutationName[]]),
      args: z.unknown(),
    }),
    result: z.strictObject({ seq: z.number().int(), entityId: z.string() }),
  },
  /** A server-only read (team overview, eNPS results) with the background's token. */
  'server.read': {
    payload: serverReadRequestSchema,
    result: z.strictObject({ data: z.unknown(), fetchedAt: z.string() }),
  },
} as const;

export type PageRequestType = keyof typeof pageRequests;
export const pageRequestTypes = Object.keys(pageRequests) as PageRequestType[];
export type PagePayload<T extends PageRequestType> = z.input<(typeof pageRequests)[T]['payload']>;
export type PageParsedPayload<T extends PageRequestType> = z.output<
  (typeof pageRequests)[T]['payload']
>;
export type PageResult<T extends PageRequestType> = z.output<(typeof pageRequests)[T]['result']>;

/** `{ type, ...payload }` on the wire. */
export const pageRequestEnvelopeSchema = z
  .object({ type: z.enum(pageRequestTypes as [PageRequestType, ...PageRequestType[]]) })
  .loose();

export const errorBodySchema = z.strictObject({ code: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Every answer: `{ ok: true, data }` or `{ ok: false, error }`. */
export const answerSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: errorBodySchema }),
]);

/** Broadcasts from the background to every extension page. */
export const pageEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('event.syncStatus'), status: syncStatusSchema }),
  z.strictObject({
    type: z.literal('event.dataChanged'),
    entities: z.array(entityNameSchema),
  }),
]);
export type PageEvent = z.infer<typeof pageEventSchema>;
