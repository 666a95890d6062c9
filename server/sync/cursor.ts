import { EPOCH_BITS } from '../store/meta-repository';

/**
 * A pull cursor is one JSON-safe integer: the database's epoch (random, 17 bits, chosen when
 * the database was created or reset) times 2^36, plus the change-log seq the client has
 * applied up to. A cursor minted by another database (or before a reset) has another
 * epoch, and the pull answers it with a full resync instead of a wrong incremental page.
 * 0 is the first pull of a client.
 */
const SEQ_BITS = 53 - EPOCH_BITS;
const SEQ_SPAN = 2 ** SEQ_BITS;

export const MAX_SEQ = SEQ_SPAN - 1;

export function encodeCursor(epoch: number, seq: number): number {
  if (seq > MAX_SEQ) throw new Error(`change-log seq ${seq} does not fit a cursor`);
  return epoch * SEQ_SPAN + seq;
}

export function decodeCursor(cursor: number): { epoch: number; seq: number } {
  return { epoch: Math.floor(cursor / SEQ_SPAN), seq: cursor % SEQ_SPAN };
}
