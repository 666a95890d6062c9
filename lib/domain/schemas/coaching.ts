import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

export const severitySchema = z.enum(['info', 'warn', 'risk']);
export type Severity = z.infer<typeof severitySchema>;

/** A coaching prompt: computed by a rule, or written by a manager. */
export const coachingPromptSchema = z.strictObject({
  id: idSchema,
  /** The built-in rule that raised it, or `manager` for a manager-authored prompt. */
  ruleId: z.string().min(1).max(100),
  severity: severitySchema,
  title: z.string().min(1).max(200),
  detail: z.string().max(2000),
  repId: idSchema,
  dealId: idSchema.optional(),
  authorId: idSchema.optional(),
  authorName: z.string().max(200).optional(),
  createdAt: timestampSchema.optional(),
});
export type CoachingPrompt = z.infer<typeof coachingPromptSchema>;

/** What one reader did with a prompt. */
export const promptStateSchema = z
  .strictObject({
    promptId: idSchema,
    userId: idSchema,
    status: z.enum(['dismissed', 'snoozed']),
    snoozedUntil: timestampSchema.optional(),
    updatedAt: timestampSchema,
  })
  .refine((s) => s.status !== 'snoozed' || s.snoozedUntil !== undefined, {
    path: ['snoozedUntil'],
    message: 'is required when status is snoozed',
  });
export type PromptState = z.infer<typeof promptStateSchema>;
