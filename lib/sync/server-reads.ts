import { z } from 'zod';
import type { EnpsResult, TeamEnpsResult } from '../domain';
import { ApiClient, ApiError } from './api-client';
import type { SessionStore } from './session';

/*
 * Answers of the server-only reads, as the server's routes declare them
 * (server/routes/reports.ts, server/routes/enps.ts). They belong in lib/domain next to the
 * sync schemas once both sides share them.
 */

const planRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
});

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

const enpsResultSchema = z.object({
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

const teamEnpsResultSchema = enpsResultSchema.extend({
  teamId: z.string(),
  teamName: z.string(),
}) satisfies z.ZodType<TeamEnpsResult>;

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

/** A server-only read, as extension pages ask the background for it. */
export const serverReadSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('teamOverview'),
    teamId: z.string().min(1).max(200),
    asOf: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('enpsResults'),
    surveyId: z.string().min(1).max(200),
    periodStart: z.string().optional(),
  }),
]);
export type ServerRead = z.infer<typeof serverReadSchema>;

/** Where a read is cached locally (one entry per read and its parameters). */
export function serverReadKey(read: ServerRead): string {
  return read.kind === 'teamOverview'
    ? `teamOverview:${read.teamId}:${read.asOf ?? ''}`
    : `enpsResults:${read.surveyId}:${read.periodStart ?? ''}`;
}

export interface ServerReadsOptions {
  sessions: SessionStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** A 401 here means the same as in sync: the session is over. */
  onUnauthorized?: () => Promise<void>;
}

/** Reads only the server can answer (aggregates over other users' data), with the session's token. */
export class ServerReads {
  constructor(private readonly options: ServerReadsOptions) {}

  async read(read: ServerRead): Promise<TeamOverview | EnpsResults> {
    const session = await this.options.sessions.load();
    if (!session)
      throw new ApiError(401, 'unauthorized', 'Sign in to Attain first.', undefined, null);
    const api = new ApiClient({
      baseUrl: session.serverUrl,
      token: session.token,
      timeoutMs: this.options.timeoutMs ?? 15_000,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    try {
      if (read.kind === 'teamOverview') {
        const q = read.asOf ? `?asOf=${encodeURIComponent(read.asOf)}` : '';
        return await api.get(
          `/v1/teams/${encodeURIComponent(read.teamId)}/overview${q}`,
          teamOverviewSchema,
        );
      }
      const q = read.periodStart ? `?periodStart=${encodeURIComponent(read.periodStart)}` : '';
      return await api.get(
        `/v1/enps/surveys/${encodeURIComponent(read.surveyId)}/results${q}`,
        enpsResultsSchema,
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await this.options.onUnauthorized?.();
      throw error;
    }
  }
}
