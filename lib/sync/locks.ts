/**
 * Runs `fn` while holding the named lock, or not at all when someone else holds it: the
 * caller learns whether it ran. One sync runner at a time, across every extension context.
 */
export type LockFn = <T>(
  name: string,
  fn: () => Promise<T>,
) => Promise<{ acquired: true; value: T } | { acquired: false }>;

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/** `navigator.locks` (Web Locks: released when the holding context dies). */
export function webLock(locks: LockManagerLike): LockFn {
  return async <T>(name: string, fn: () => Promise<T>) => {
    let ran = false;
    const value = await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (lock === null) return undefined;
      ran = true;
      return fn();
    });
    return ran ? { acquired: true as const, value: value as T } : { acquired: false as const };
  };
}

/** A lock within one JavaScript context (tests; browsers without Web Locks). */
export function memoryLock(): LockFn {
  const held = new Set<string>();
  return async <T>(name: string, fn: () => Promise<T>) => {
    if (held.has(name)) return { acquired: false as const };
    held.add(name);
    try {
      return { acquired: true as const, value: await fn() };
    } finally {
      held.delete(name);
    }
  };
}

export const SYNC_LOCK_NAME = 'attain-sync';
