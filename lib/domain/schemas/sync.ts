import { z } from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common';
import { severitySchema } from './coaching';
import { enpsResponseSchema } from './enps';

/** Bumped whenever the shape of sync messages or entities changes incompatibly. */
export const SYNC_SCHEMA_VERSION = 1;

/** The entities that travel in pull changes. */
export const entityNameSchema = z.enum([
  'me',
  'user',
  'team',
  'plan',
  'planAssignment',
  'quota',
  'fxRate',
  'deal',
  'annotation',
  'prompt',
  'promptState',
  'survey',
  'enpsStatus',
  'settings',
]);
export type EntityName = z.infer<typeof entityNameSchema>;

/** What a user's own eNPS participation looks like to their client (never their score). */
export const enpsStatusSchema = z.strictObject({
  /** `${surveyId}` */
  id: idSchema,
  surveyId: idSchema,
  answeredPeriods: z.array(isoDateSchema),
  snoozedUntil: timestampSchema.optional(),
});
export type EnpsStatus = z.infer<typeof enpsStatusSchema>;

const noteBody = z.string().trim().min(1, 'must not be empty').max(10_000);

/** Every mutation a client may push, by name, with its arguments. */
export const mutationArgsSchemas = {
  'annotation.create': z.strictObject({
    id: idSchema,
    dealId: idSchema,
    body: noteBody,
    visibility: z.enum(['shared', 'managers']).default('shared'),
  }),
  'annotation.reply': z.strictObject({ id: idSchema, parentId: idSchema, body: noteBody }),
  'annotation.edit': z.strictObject({
    id: idSchema,
    body: noteBody,
    baseVersion: z.number().int().min(1),
  }),
  'annotation.resolve': z.strictObject({
    id: idSchema,
    resolved: z.boolean(),
    baseVersion: z.number().int().min(1),
  }),
  'annotation.delete': z.strictObject({ id: idSchema }),
  'prompt.dismiss': z.strictObject({ promptId: idSchema }),
  'prompt.snooze': z.strictObject({ promptId: idSchema, until: timestampSchema }),
  'prompt.create': z.strictObject({
    id: idSchema,
    repId: idSchema,
    dealId: idSchema.optional(),
    severity: severitySchema,
    title: z.string().trim().min(1).max(200),
    detail: z.string().max(2000).default(''),
  }),
  'enps.respond': enpsResponseSchema,
  'enps.snooze': z.strictObject({ surveyId: idSchema, until: timestampSchema }),
} as const;
export type MutationName = keyof typeof mutationArgsSchemas;
export const mutationNames = Object.keys(mutationArgsSchemas) as MutationName[];
export type MutationArgs<N extends MutationName> = z.input<(typeof mutationArgsSchemas)[N]>;

export const mutationSchema = z.strictObject({
  seq: z.number().int().min(1),
  name: z.enum(mutationNames as [MutationName, ...MutationName[]]),
  /** Checked against `mutationArgsSchemas[name]` when applied: a bad one is a rejection. */
  args: z.unknown(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  schemaVersion: z.number().int(),
  mutations: z.array(mutationSchema).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.strictObject({
  seq: z.number().int(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.strictObject({
  lastMutationSeq: z.number().int().min(0),
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  /** The server change-log position the client has applied up to; 0 for a first pull. */
  cursor: z.number().int().min(0),
  schemaVersion: z.number().int(),
  limit: z.number().int().min(1).max(5000).default(1000),
  /** Rejections of mutations after this seq are returned (the client's last seen lastMutationSeq). */
  rejectionsAfter: z.number().int().min(0).default(0),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const changeSchema = z.strictObject({
  entity: entityNameSchema,
  op: z.enum(['put', 'del']),
  id: z.string(),
  /** The entity (validated by the receiver with the entity's schema); null for `del`. */
  value: z.unknown(),
  version: z.number().int(),
});
export type Change = z.infer<typeof changeSchema>;

export const rejectionSchema = z.strictObject({
  seq: z.number().int(),
  name: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const pullResponseSchema = z.strictObject({
  cursor: z.number().int().min(0),
  lastMutationSeq: z.number().int().min(0),
  changes: z.array(changeSchema),
  hasMore: z.boolean(),
  /** True when the client must drop its synced entities and apply these changes from scratch. */
  reset: z.boolean().optional(),
  rejections: z.array(rejectionSchema).default([]),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Every error the API returns. */
export const apiErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
