import { z } from 'zod';
import { PROBLEM_CODES, type Problem, type Statement } from '../commission/types';
import type { EnpsResult, TeamEnpsResult } from '../enps';
import type { Kpis } from '../kpis';

/**
 * Response schemas of the server's reports (statement, KPIs, team overview, eNPS results),
 * shared by the server (its OpenAPI document) and the extension (which parses the answers).
 * `satisfies` keeps each in step with the type lib/domain computes.
 */
export const problemSchema = z.object({
  code: z.enum(PROBLEM_CODES),
  severity: z.enum(['error', 'info']),
  message: z.string(),
  dealId: z.string().optional(),
}) satisfies z.ZodType<Problem>;

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
  problems: z.array(problemSchema),
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
  problems: z.array(problemSchema),
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

export const teamOverviewSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  reps: z.array(
    z.object({
      repId: z.string(),
      name: z.string(),
      plan: planRefSchema.nullable(),
      currency: z.string().nullable(),
      periodStart: z.string().nullable(),
      periodEnd: z.string().nullable(),
      quota: z.number().nullable(),
      credited: z.number().nullable(),
      attainment: z.number().nullable(),
      pace: z.number().nullable(),
      coverage: z.number().nullable(),
      estimatedPayout: z.number().nullable(),
      dealsAtRisk: z.number(),
      dealsAtRiskIds: z.array(z.string()),
      problems: z.array(z.string()),
    }),
  ),
});
export type TeamOverview = z.infer<typeof teamOverviewSchema>;

export const enpsResultsSchema = z.object({
  survey: z.object({ id: z.string(), name: z.string() }),
  periodStart: z.string(),
  periods: z.array(z.string()),
  overall: enpsResultSchema,
  teams: z.array(teamEnpsResultSchema),
  questions: z.array(
    z.object({
      questionId: z.string(),
      kind: z.enum(['score', 'text']),
      withheld: z.boolean(),
      responses: z.number().nullable(),
      average: z.number().nullable(),
      answers: z.array(z.string()).nullable(),
    }),
  ),
});
export type EnpsResults = z.infer<typeof enpsResultsSchema>;
