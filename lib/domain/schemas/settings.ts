import { z } from 'zod';

/** Admin settings synced to every client; defaults are those of DOMAIN.md. */
export const coachingThresholdsSchema = z.strictObject({
  staleActivityDays: z.number().int().min(1).max(365).default(14),
  stuckInStageDays: z.number().int().min(1).max(365).default(30),
  closeDatePushes: z.number().int().min(1).max(50).default(2),
  largeDealAmount: z.number().min(0).default(50_000),
  largeDealMaxContacts: z.number().int().min(0).max(100).default(1),
  minCoverage: z.number().min(0).max(100).default(3),
  paceBehindPoints: z.number().min(0).max(100).default(10),
  nextTierWithinFraction: z.number().min(0).max(1).default(0.1),
});
export type CoachingThresholds = z.infer<typeof coachingThresholdsSchema>;

export const settingsSchema = z.strictObject({
  coaching: coachingThresholdsSchema.default(coachingThresholdsSchema.parse({})),
  /** Rules an admin turned off, by id. */
  disabledRules: z.array(z.string()).default([]),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
