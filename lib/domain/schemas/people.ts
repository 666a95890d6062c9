import { z } from 'zod';
import { idSchema, roleSchema } from './common';

export const teamSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
});
export type Team = z.infer<typeof teamSchema>;

export const userSchema = z.strictObject({
  id: idSchema,
  email: z.email(),
  name: z.string().min(1).max(200),
  role: roleSchema,
  /** Teams the user belongs to as a rep. */
  teamIds: z.array(idSchema).default([]),
  /** Teams the user manages (managers only). */
  managesTeamIds: z.array(idSchema).default([]),
  locale: z.string().max(35).optional(),
  active: z.boolean().default(true),
});
export type User = z.infer<typeof userSchema>;
