export interface BackoffPolicy {
  /** The first retry waits up to this long. */
  baseMs: number;
  /** No retry waits longer (unless the server's Retry-After says so). */
  capMs: number;
  /** No retry comes sooner (full jitter may draw 0: no hot loop against a failing server). */
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000, floorMs: 500 };

/** The largest Retry-After honoured (a misconfigured server must not park clients for days). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Exponential backoff with full jitter: a uniformly random wait in [0, min(cap, base·2^(n−1))]
 * for the n-th failure in a row (at least `floorMs`), and never less than the server's
 * Retry-After.
 */
export function backoffDelay(
  attempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = Math.floor(random() * exp);
  const asked = retryAfterMs === null ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(jittered, asked, policy.floorMs);
}
