import type { z } from 'zod';
import type { mutationArgsSchemas, MutationName } from '../../../lib/domain';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../store/db';

/** Everything a mutation may use: it runs inside the push's transaction. */
export interface MutationContext {
  trx: Db;
  viewer: Viewer;
  now: Date;
  clientId: string;
  seq: number;
}

export type RejectionCode = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'internal';

/**
 * A permanent failure of one mutation: its writes are rolled back, it is recorded as a
 * rejection, and the queue moves on.
 */
export class MutationError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

/**
 * `applied`, or `rejected` with the mutation's own writes kept (a conflict copy of a note):
 * the client hears about both the rejection and the copy.
 */
export type MutationOutcome =
  { status: 'applied' } | { status: 'rejected'; code: RejectionCode; message: string };

export type MutationHandler<N extends MutationName> = (
  ctx: MutationContext,
  args: z.output<(typeof mutationArgsSchemas)[N]>,
) => Promise<MutationOutcome>;

export const applied: MutationOutcome = { status: 'applied' };
