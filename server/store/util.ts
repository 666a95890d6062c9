/** Splits a list into batches (SQL statements have a parameter limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const IN_LIST_MAX = 500;

/** JSON text written by this server; a parse failure is a corrupted row, not user input. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function uniq<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
