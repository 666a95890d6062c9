import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { QueryCacheRepository, type QueryCacheRow } from '../../lib/db';
import { serverReadKey, type ServerRead } from '../../lib/sync';
import type { Resource } from '../data-contract/types';
import { useLocalQuery } from './local-query';
import { useDataServices } from './services';

/**
 * Server-only reads (team overview, eNPS results): fetched by the background with its token,
 * each answer cached in IndexedDB (`queryCache`) for this user. The hook shows the cached
 * answer at once, offline too, with its age in `dataUpdatedAt` (the fetch time), and
 * replaces it when a fresh one arrives; `error` says why a refresh failed.
 */
export function useServerQuery<T>(
  reads: ServerRead[] | null,
  userId: string | null,
  schema: z.ZodType<T>,
): Resource<T[]> {
  const { db, client } = useDataServices();
  const enabled = reads !== null && userId !== null;
  const keys = reads?.map(serverReadKey) ?? [];
  const cache = new QueryCacheRepository(db);
  const cached = useLocalQuery<Array<QueryCacheRow | undefined>>(
    ['queryCache', userId, ...keys],
    () => Promise.all(keys.map((key) => cache.get(key, userId ?? ''))),
    enabled,
  );
  const fresh = useQuery<Array<{ data: unknown; fetchedAt: string }>, Error>({
    queryKey: ['server', userId, ...keys],
    queryFn: () => Promise.all((reads ?? []).map((read) => client.request('server.read', read))),
    enabled,
    staleTime: 60_000,
    retry: 1,
  });
  if (!enabled) return { ...cached, data: undefined };

  const rows = fresh.data ?? (cached.data?.every((r) => r !== undefined) ? (cached.data as QueryCacheRow[]) : undefined);
  const parsed = rows?.map((r) => schema.safeParse(r.data));
  const data = parsed?.every((p) => p.success) ? parsed.map((p) => p.data as T) : undefined;
  const fetchedAt = rows && rows.length > 0 ? Math.min(...rows.map((r) => Date.parse(r.fetchedAt))) : 0;
  return {
    data,
    status: data !== undefined ? 'success' : fresh.status === 'error' ? 'error' : 'pending',
    error: fresh.error,
    dataUpdatedAt: fetchedAt,
    isFetching: fresh.isFetching,
    refetch: fresh.refetch,
  };
}
