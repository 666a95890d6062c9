/**
 * The browser refused a write because the extension's storage is full. The transaction that
 * hit it was rolled back whole: nothing was half-written.
 */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  readonly code = 'storage_full';
  constructor(override readonly cause: unknown) {
    super(
      'The browser has no room left for Attain’s data, so this change was not saved. Free some disk space (or clear site data you no longer need) and try again.',
    );
  }
}

export type LocalWriteErrorCode =
  'invalid' | 'not_found' | 'forbidden' | 'signed_out' | 'unchanged' | 'unknown_mutation';

/** A local write refused before anything was written (bad input, not allowed, no such note). */
export class LocalWriteError extends Error {
  override readonly name = 'LocalWriteError';
  constructor(
    readonly code: LocalWriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; code?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR).
  if (e.name === 'DOMException' && e.code === 22) return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}

/** Runs a storage operation; a quota failure comes out as a `StorageFullError`. */
export async function guardStorage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageFullError) throw error;
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}
