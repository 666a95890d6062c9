import type { RateLimitConfig } from '../config';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key (a token id, or a client address). In memory: one server process
 * enforces its own limits, which is what a single Attain server needs.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly nowMs: () => number,
  ) {}

  /** Takes one request from the key's bucket; when empty, how long until the next one. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.nowMs();
    const { burst, perSecond } = this.config;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > 50_000) this.prune(now);
      return { ok: true };
    }
    this.buckets.set(key, bucket);
    const wait = perSecond > 0 ? (1 - bucket.tokens) / perSecond : 3600;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Forgets buckets that have refilled completely: they behave like new ones. */
  private prune(now: number): void {
    const { burst, perSecond } = this.config;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}
