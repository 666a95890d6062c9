import {
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../../lib/domain';
import { defineRoute } from '../http/route';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

export const syncRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/sync/push',
    tag: 'sync',
    summary: "Apply the client's queued mutations, in seq order, exactly once",
    description:
      'seq ≤ lastMutationSeq: duplicate (acknowledged, not re-applied). seq > lastMutationSeq + 1: 409 mutation_gap (mutations before it are kept). A permanent error is a rejection that still advances lastMutationSeq; a transient one rolls back and answers 503. Schema version mismatch: 409 schema_mismatch.',
    access: 'user',
    body: pushRequestSchema,
    response: pushResponseSchema,
    errors: [409, 503],
    handler: async ({ deps, viewer, body, now }) => push(deps.store, viewer, body, now, deps.log),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/sync/pull',
    tag: 'sync',
    summary: 'The changes the signed-in user may see after a cursor',
    description:
      'Pages of at most `limit` change-log rows, each entity at its latest value or as a tombstone. `reset: true` on the first page of a full resync (cursor 0, a cursor from another database or from before a compaction, or a change of what the user may see).',
    access: 'user',
    body: pullRequestSchema,
    response: pullResponseSchema,
    errors: [409, 503],
    handler: async ({ deps, viewer, body, now }) => pull(deps.store, viewer, body, now),
  }),
];
