/**
 * Errors worth retrying: the database was busy, a transaction lost a race (serialization
 * failure, deadlock), the connection dropped or the disk is full. Everything else is a
 * permanent error of the request (or a bug) and retrying it would fail the same way.
 */
const PG_TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
]);

const SQLITE_TRANSIENT_PREFIXES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_CANTOPEN',
];

const NODE_TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isTransientDbError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_TRANSIENT_CODES.has(code) || code.startsWith('08')) return true;
    if (SQLITE_TRANSIENT_PREFIXES.some((p) => code.startsWith(p))) return true;
    if (NODE_TRANSIENT_CODES.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/** Transient errors that a fresh attempt of the same transaction is likely to get past. */
export function isRetryableDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '40001' ||
    code === '40P01' ||
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))
  );
}

/** A unique or primary-key violation: someone else inserted the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
