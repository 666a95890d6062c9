import { z } from 'zod';
import type { EnpsResult, Kpis, Statement, TeamEnpsResult } from '../../lib/domain';

/**
 * Response schemas for figures lib/domain computes (it exports their TypeScript types, not
 * zod schemas). `satisfies` keeps each one in step with its type.
 */
const problem = z.object({
  code: z.enum([
    'invalid_plan',
    'plan_not_effective',
    'plan_partially_effective',
    'no_quota',
    'zero_quota',
    'conflicting_quotas',
    'missing_fx_rate',
    'conflicting_fx_rates',
    'invalid_deal',
  ]),
  severity: z.enum(['error', 'info']),
  message: z.string(),
  dealId: z.string().optional(),
});

export const statementSchema = z.object({
  repId: z.string(),
  planId: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  currency: z.string(),
  quota: z.number().nullable(),
  credited: z.number(),
  attainment: z.number().nullable(),
  tier: z.number().nullable(),
  lines: z.array(
    z.object({
      kind: z.enum(['deal', 'spiff', 'cap', 'clawback', 'draw', 'recovery']),
      dealId: z.string().optional(),
      dealName: z.string().optional(),
      spiffId: z.string().optional(),
      credit: z.number().optional(),
      amount: z.number(),
      explanation: z.string(),
      slices: z
        .array(
          z.object({ tier: z.number(), credit: z.number(), rate: z.number(), amount: z.number() }),
        )
        .optional(),
    }),
  ),
  total: z.number(),
  problems: z.array(problem),
  drawBalance: z.number(),
}) satisfies z.ZodType<Statement>;

export const kpisSchema = z.object({
  repId: z.string(),
  currency: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string(),
  quota: z.number().nullable(),
  credited: z.number(),
  attainment: z.number().nullable(),
  expectedToDate: z.number(),
  pace: z.number().nullable(),
  gap: z.number().nullable(),
  openPipeline: z.number(),
  weightedPipeline: z.number(),
  coverage: z.number().nullable(),
  quotaMet: z.boolean(),
  winRate: z.object({
    won: z.number(),
    lost: z.number(),
    wonValue: z.number(),
    lostValue: z.number(),
    byCount: z.number().nullable(),
    byValue: z.number().nullable(),
  }),
  averageDealSize: z.number().nullable(),
  averageCycleDays: z.number().nullable(),
  tier: z.number().nullable(),
  nextTier: z.number().nullable(),
  nextTierRate: z.number().nullable(),
  gapToNextTier: z.number().nullable(),
  projection: z.number().nullable(),
  problems: z.array(problem),
}) satisfies z.ZodType<Kpis>;

export const planRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
});

export const enpsResultSchema = z.object({
  responses: z.number().nullable(),
  promoters: z.number().nullable(),
  passives: z.number().nullable(),
  detractors: z.number().nullable(),
  score: z.number().nullable(),
  withheld: z.boolean(),
  withheldReason: z.string().optional(),
  comments: z.array(z.string()).nullable(),
  commentsWithheld: z.boolean(),
  commentsWithheldReason: z.string().optional(),
}) satisfies z.ZodType<EnpsResult>;

export const teamEnpsResultSchema = enpsResultSchema.extend({
  teamId: z.string(),
  teamName: z.string(),
}) satisfies z.ZodType<TeamEnpsResult>;
