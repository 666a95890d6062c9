import { z } from 'zod';
import { idSchema, isoDateSchema, roleSchema, timestampSchema } from './common';

export const surveyQuestionSchema = z.strictObject({
  id: idSchema,
  text: z.string().min(1).max(500),
  kind: z.enum(['score', 'text']),
});

export const surveySchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1).max(200),
    companyName: z.string().min(1).max(200),
    /** A person is asked at most once per cadence period. */
    cadence: z.enum(['month', 'quarter', 'year']),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema.optional(),
    audience: z
      .strictObject({
        teamIds: z.array(idSchema).optional(),
        roles: z.array(roleSchema).optional(),
      })
      .default({}),
    /** Further questions after the eNPS one; the eNPS question counts as one of at most 10. */
    questions: z
      .array(surveyQuestionSchema)
      .max(9, 'a survey has at most 10 questions in all')
      .default([]),
    minGroupSize: z.number().int().min(3, 'must be at least 3').default(5),
    minCommentGroupSize: z.number().int().min(3).default(10),
    active: z.boolean().default(true),
  })
  .refine((s) => s.minCommentGroupSize >= s.minGroupSize, {
    path: ['minCommentGroupSize'],
    message: 'must not be smaller than minGroupSize',
  });
export type Survey = z.infer<typeof surveySchema>;

export const enpsScoreSchema = z.number().int().min(0).max(10);

/**
 * One answer. It carries no user id: the server records who has answered in a separate
 * table it never returns, and stores the answer with the team only for aggregates.
 */
export const enpsResponseSchema = z.strictObject({
  /** Client-generated, so a resent answer is inserted once. */
  id: z.uuid(),
  surveyId: idSchema,
  /** First day of the cadence period answered for. */
  periodStart: isoDateSchema,
  score: enpsScoreSchema,
  comment: z.string().max(2000).optional(),
  answers: z.record(z.string(), z.union([enpsScoreSchema, z.string().max(2000)])).optional(),
});
export type EnpsResponse = z.infer<typeof enpsResponseSchema>;

export const enpsSnoozeSchema = z.strictObject({
  surveyId: idSchema,
  until: timestampSchema,
});
