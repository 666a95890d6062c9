import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { watchQuery } from '../../lib/db';
import type { Resource } from '../data-contract/types';
import { toResource } from './resource';

/**
 * A read from IndexedDB as a TanStack query under `['local', ...key]`: it paints at once
 * (no network), works offline, and follows every change: a Dexie live query re-runs the read
 * whenever a table it touched changes, in this page or another extension context (the
 * background applying a pull), and puts the result in the cache.
 */
export function useLocalQuery<T>(key: QueryKey, read: () => Promise<T>, enabled = true): Resource<T> {
  const queryClient = useQueryClient();
  const queryKey = ['local', ...key];
  const hash = JSON.stringify(queryKey);
  const result = useQuery<T, Error>({ queryKey, queryFn: read, enabled, networkMode: 'always' });
  useEffect(() => {
    if (!enabled) return;
    return watchQuery(read, (value) => queryClient.setQueryData(queryKey, value), () => {
      void queryClient.invalidateQueries({ queryKey });
    });
    // `key` names the read (its hash is the dependency): the same key always runs the same read.
  }, [hash, enabled, queryClient]);
  return toResource(result, enabled);
}
