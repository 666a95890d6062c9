import type { UseQueryResult } from '@tanstack/react-query';
import type { Resource } from '../data-contract/types';

/** What a hook with nothing to read returns: no data, and nothing pending. */
export function idleResource<T>(): Resource<T> {
  return { data: undefined, status: 'success', error: null, dataUpdatedAt: 0, isFetching: false, refetch: () => undefined };
}

/** A TanStack Query result as the workbench's `Resource` (a disabled query is idle, not pending). */
export function toResource<T>(result: UseQueryResult<T, Error>, enabled = true): Resource<T> {
  if (!enabled) return idleResource<T>();
  return {
    data: result.data,
    status: result.status,
    error: result.error,
    dataUpdatedAt: result.dataUpdatedAt,
    isFetching: result.isFetching,
    refetch: result.refetch,
  };
}
