/**
 * Ids of entities that have no id of their own, as they travel in pull changes and in the
 * change log. `@` cannot appear in a date, so the last `@` splits the key unambiguously.
 */
export const entityKey = {
  /** One version of a plan: `planId@effectiveFrom`. */
  plan: (planId: string, effectiveFrom: string) => `${planId}@${effectiveFrom}`,
  planAssignment: (repId: string, effectiveFrom: string) => `${repId}@${effectiveFrom}`,
  quota: (repId: string, periodStart: string) => `${repId}@${periodStart}`,
  fxRate: (from: string, to: string, date: string) => `${from}-${to}@${date}`,
} as const;

/** Splits `a@b` at its last `@`. */
export function splitKey(key: string): [string, string] | null {
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  return [key.slice(0, at), key.slice(at + 1)];
}

/** `USD-EUR@2026-01-01` → from, to, date. */
export function splitFxKey(key: string): [string, string, string] | null {
  const parts = splitKey(key);
  if (!parts) return null;
  const pair = /^([A-Z]{3})-([A-Z]{3})$/.exec(parts[0]);
  if (!pair) return null;
  return [pair[1]!, pair[2]!, parts[1]];
}
