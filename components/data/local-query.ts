import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { watchQuery } from '../../lib/db/live';
import type { Resource } from '../data-contract/types';
import { toResource } from './resource';
import { localQueryKey } from './reads';
import { useDataServices } from './services';

/**
 * A read from IndexedDB as a TanStack query under `['local', ...key]`: it paints at once
 * (no network), works offline, and follows every change: a Dexie live query re-runs the read
 * whenever a table it touched changes, in this page or another extension context (the
 * background applying a pull), and puts the result in the cache.
 *
 * The live query starts once the first read is in (and, on a page that says when its first
 * view is painted, after that): its first run reads the same rows again, which the first paint
 * should not wait for. Nothing is missed meanwhile: that first run reads what is there then.
 * Unchanged data keeps its identity (structural sharing), so the re-read renders nothing.
 */
export function useLocalQuery<T>(
  key: QueryKey,
  read: () => Promise<T>,
  enabled = true,
): Resource<T> {
  const queryClient = useQueryClient();
  const { afterFirstPaint } = useDataServices();
  const queryKey = localQueryKey(key);
  const hash = JSON.stringify(queryKey);
  const result = useQuery<T, Error>({ queryKey, queryFn: read, enabled, networkMode: 'always' });
  const settled = result.status !== 'pending';
  useEffect(() => {
    if (!enabled || !settled) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    const watch = () => {
      if (cancelled) return;
      stop = watchQuery(
        read,
        (value) => queryClient.setQueryData(queryKey, value),
        () => void queryClient.invalidateQueries({ queryKey }),
      );
    };
    if (afterFirstPaint) void afterFirstPaint.then(watch);
    else watch();
    return () => {
      cancelled = true;
      stop?.();
    };
    // `key` names the read (its hash is the dependency): the same key always runs the same read.
  }, [hash, enabled, settled, queryClient, afterFirstPaint]);
  return toResource(result, enabled);
}
