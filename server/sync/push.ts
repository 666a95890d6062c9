import { sql } from 'kysely';
import {
  describeIssues,
  issuesOf,
  mutationArgsSchemas,
  type Mutation,
  type MutationName,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type Rejection,
} from '../../lib/domain';
import type { Viewer } from '../auth/viewer';
import { ApiError } from '../http/errors';
import type { Db, Store } from '../store/db';
import {
  ensureSyncClient,
  getSyncClient,
  recordRejections,
  setLastMutationSeq,
} from '../store/sync-repository';
import { isTransientDbError, isUniqueViolation } from '../store/transient';
import { mutationHandlers } from './mutations';
import {
  MutationError,
  type MutationContext,
  type MutationHandler,
  type MutationOutcome,
} from './mutations/types';
import { assertSchemaVersion } from './pull';

export interface PushLogger {
  error(message: string, error: unknown): void;
}

async function runMutation(
  ctx: MutationContext,
  m: Mutation,
  log: PushLogger,
): Promise<MutationOutcome> {
  const parsed = mutationArgsSchemas[m.name].safeParse(m.args);
  if (!parsed.success) {
    return { status: 'rejected', code: 'invalid', message: describeIssues(issuesOf(parsed.error)) };
  }
  const handler = mutationHandlers[m.name] as MutationHandler<MutationName>;
  // One name for every mutation (they run one after another): the SQL text stays the same,
  // so the prepared statement is reused.
  const savepoint = sql.raw('mutation');
  await sql`savepoint ${savepoint}`.execute(ctx.trx);
  try {
    const outcome = await handler(ctx, parsed.data as never);
    await sql`release savepoint ${savepoint}`.execute(ctx.trx);
    return outcome;
  } catch (error) {
    if (isTransientDbError(error)) throw error;
    await sql`rollback to savepoint ${savepoint}`.execute(ctx.trx);
    await sql`release savepoint ${savepoint}`.execute(ctx.trx);
    if (error instanceof MutationError) {
      return { status: 'rejected', code: error.code, message: error.message };
    }
    if (isUniqueViolation(error)) {
      // Another client inserted the same id between our check and our insert.
      return {
        status: 'rejected',
        code: 'conflict',
        message: 'Something with this id already exists.',
      };
    }
    log.error(`mutation ${m.name} (seq ${m.seq}) failed`, error);
    return {
      status: 'rejected',
      code: 'internal',
      message: 'The server could not apply this change.',
    };
  }
}

interface PushOutcome {
  lastMutationSeq: number;
  results: MutationResult[];
  gap: { expected: number; received: number } | null;
}

/**
 * POST /v1/sync/push. In one transaction: lock the client's row, apply each new mutation
 * in order (each in a savepoint, so a permanent failure undoes only its own writes and is
 * recorded as a rejection), and advance `lastMutationSeq`. A transient database error rolls
 * everything back (503). A seq beyond last+1 is a gap: what came before it is kept, and the
 * push answers 409 with the seq the server expects.
 */
export async function push(
  store: Store,
  viewer: Viewer,
  req: PushRequest,
  now: Date,
  log: PushLogger,
): Promise<PushResponse> {
  assertSchemaVersion(req.schemaVersion);
  const nowIso = now.toISOString();
  const outcome = await store.write(async (trx: Db): Promise<PushOutcome> => {
    await ensureSyncClient(trx, viewer.id, req.clientId, nowIso);
    const client = await getSyncClient(trx, viewer.id, req.clientId, store.kind);
    const startSeq = client?.lastMutationSeq ?? 0;
    let last = startSeq;
    const results: MutationResult[] = [];
    const rejections: Rejection[] = [];
    let gap: PushOutcome['gap'] = null;
    for (const m of req.mutations) {
      if (m.seq <= last) {
        results.push({ seq: m.seq, status: 'duplicate' });
        continue;
      }
      if (m.seq > last + 1) {
        gap = { expected: last + 1, received: m.seq };
        break;
      }
      const ctx: MutationContext = { trx, viewer, now, clientId: req.clientId, seq: m.seq };
      const result = await runMutation(ctx, m, log);
      if (result.status === 'applied') {
        results.push({ seq: m.seq, status: 'applied' });
      } else {
        const error = { code: result.code, message: result.message };
        results.push({ seq: m.seq, status: 'rejected', error });
        rejections.push({ seq: m.seq, name: m.name, ...error });
      }
      last = m.seq;
    }
    if (last !== startSeq) await setLastMutationSeq(trx, viewer.id, req.clientId, last, nowIso);
    await recordRejections(trx, viewer.id, req.clientId, rejections, nowIso);
    return { lastMutationSeq: last, results, gap };
  });
  if (outcome.gap) {
    throw new ApiError(
      409,
      'mutation_gap',
      `Mutation seq ${outcome.gap.received} skips ${outcome.gap.expected}: send the mutations from seq ${outcome.gap.expected} on.`,
      {
        lastMutationSeq: outcome.lastMutationSeq,
        expectedSeq: outcome.gap.expected,
        receivedSeq: outcome.gap.received,
        results: outcome.results,
      },
    );
  }
  return { lastMutationSeq: outcome.lastMutationSeq, results: outcome.results };
}
