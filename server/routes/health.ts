import { sql } from 'kysely';
import { z } from 'zod';
import { SYNC_SCHEMA_VERSION } from '../../lib/domain';
import { unavailable } from '../http/errors';
import { defineRoute } from '../http/route';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    tag: 'health',
    summary: 'Liveness and database check',
    access: 'public',
    response: z.object({
      status: z.literal('ok'),
      store: z.enum(['sqlite', 'postgres']),
      schemaVersion: z.number(),
    }),
    errors: [503],
    handler: async ({ deps }) => {
      try {
        await sql`select 1`.execute(deps.store.db);
      } catch {
        throw unavailable('The database does not answer.');
      }
      return { status: 'ok' as const, store: deps.store.kind, schemaVersion: SYNC_SCHEMA_VERSION };
    },
  }),
];
