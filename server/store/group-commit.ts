import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

interface Job {
  fn: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most writes one commit carries: bounds how long the first of them waits for its answer. */
export const GROUP_COMMIT_MAX = 64;

/**
 * Group commit for a single-connection store (SQLite): the writes that queue up while one
 * transaction runs are applied together in the next one, each in its own savepoint, and
 * share its COMMIT, so a burst of pushes pays for one fsync instead of one each.
 *
 * Each write still behaves as its own transaction: one that throws is rolled back to its
 * savepoint and rejected, without touching the others; a write resolves only after the
 * COMMIT that made it durable, and if that COMMIT (or BEGIN) fails every write in the batch
 * is rejected, none applied. Writes run in the order they were asked for.
 *
 * `runTransaction` opens the transaction (and may retry it as a whole: a retry re-runs every
 * write of the batch from the start, as each write's own retry would have).
 */
export class GroupCommitter {
  private readonly queue: Job[] = [];
  private draining = false;

  constructor(
    private readonly runTransaction: (body: (trx: Db) => Promise<void>) => Promise<void>,
    private readonly maxBatch = GROUP_COMMIT_MAX,
  ) {}

  write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: Job[]): Promise<void> {
    let outcomes: Outcome[] = [];
    try {
      await this.runTransaction(async (trx) => {
        outcomes = [];
        if (batch.length === 1) {
          // Alone: no savepoint needed, a throw rolls the transaction back.
          outcomes.push({ ok: true, value: await batch[0]!.fn(trx) });
          return;
        }
        for (const job of batch) outcomes.push(await runInSavepoint(trx, job.fn));
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

const SAVEPOINT = sql.raw('group_write');

async function runInSavepoint(trx: Db, fn: (trx: Db) => Promise<unknown>): Promise<Outcome> {
  await sql`savepoint ${SAVEPOINT}`.execute(trx);
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await fn(trx) };
  } catch (error) {
    // If the rollback itself fails the transaction is broken: that error fails the batch.
    await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
    outcome = { ok: false, error };
  }
  await sql`release savepoint ${SAVEPOINT}`.execute(trx);
  return outcome;
}
