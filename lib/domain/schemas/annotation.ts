import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

/**
 * A manager's note on a deal record, or a reply in its thread. `version` is the server's
 * version of the note; an edit carries the version it was based on.
 */
export const annotationSchema = z.strictObject({
  id: idSchema,
  dealId: idSchema,
  /** The thread this note replies to; absent for the thread's first note. */
  parentId: idSchema.optional(),
  /** Set on a conflict copy: the note whose stale edit this text was (kept, never lost). */
  conflictOf: idSchema.optional(),
  authorId: idSchema,
  authorName: z.string().max(200).optional(),
  body: z.string().min(1, 'must not be empty').max(10_000),
  /** `shared`: the deal's rep sees it. `managers`: only the deal's managers do. */
  visibility: z.enum(['shared', 'managers']).default('shared'),
  resolved: z.boolean().default(false),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int().min(1),
});
export type Annotation = z.infer<typeof annotationSchema>;
