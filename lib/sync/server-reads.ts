import { z } from 'zod';
import { ApiClient, ApiError } from './api-client';
import type { SessionStore } from './session';

import {
  enpsResultsSchema,
  teamOverviewSchema,
  type EnpsResults,
  type TeamOverview,
} from '../domain';

export { enpsResultsSchema, teamOverviewSchema, type EnpsResults, type TeamOverview };

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
