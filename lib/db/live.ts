import { liveQuery } from 'dexie';

/**
 * Runs `query` now and again whenever a table it read changes, in this context or another
 * one of the extension (Dexie broadcasts changes between same-origin contexts). Returns the
 * function that stops watching.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void = (error) => console.error('[attain] live query failed', error),
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
