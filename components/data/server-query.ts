import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { QueryCacheRepository } from '../../lib/db/query-cache-repository';
import type * as ServerReads from '../../lib/sync/server-reads';
import type { ServerRead } from '../../lib/sync/server-reads';
import type { Resource } from '../data-contract/types';
import { useLocalQuery } from './local-query';
import { useDataServices } from './services';

type ServerReadsModule = typeof ServerReads;

/** The server reads' module (cache keys, answer schemas): loaded when a view first reads. */
const loadServerReads = (): Promise<ServerReadsModule> => import('../../lib/sync/server-reads');

/** An answer as fetched or cached, with the outcome of validating it. */
interface CheckedRow<T> {
  fetchedAt: string;
  parsed: z.ZodSafeParseResult<T>;
}

/**
 * Server-only reads (team overview, eNPS results): fetched by the background with its token,
 * each answer cached in IndexedDB (`queryCache`) for this user. The hook shows the cached
 * answer at once, offline too, with its age in `dataUpdatedAt` (the fetch time), and
 * replaces it when a fresh one arrives; `error` says why a refresh failed. Every answer,
 * cached or fresh, is validated with the read's schema (`schemaOf`) before it is shown.
 */
export function useServerQuery<T>(
  reads: ServerRead[] | null,
  userId: string | null,
  schemaOf: (module: ServerReadsModule) => z.ZodType<T>,
): Resource<T[]> {
  const { db, client } = useDataServices();
  const enabled = reads !== null && userId !== null;
  // Query keys only: the IndexedDB cache key (`serverReadKey`) is computed in the reads.
  const keys = reads?.map((read) => JSON.stringify(read)) ?? [];
  const cached = useLocalQuery<Array<CheckedRow<T> | undefined>>(
    ['queryCache', userId, ...keys],
    async () => {
      const module = await loadServerReads();
      const schema = schemaOf(module);
      const cache = new QueryCacheRepository(db);
      const rows = await Promise.all(
        (reads ?? []).map((read) => cache.get(module.serverReadKey(read), userId ?? '')),
      );
      return rows.map((r) => r && { fetchedAt: r.fetchedAt, parsed: schema.safeParse(r.data) });
    },
    enabled,
  );
  const fresh = useQuery<Array<CheckedRow<T>>, Error>({
    queryKey: ['server', userId, ...keys],
    queryFn: async () => {
      const [schema, answers] = await Promise.all([
        loadServerReads().then(schemaOf),
        Promise.all((reads ?? []).map((read) => client.request('server.read', read))),
      ]);
      return answers.map((a) => ({ fetchedAt: a.fetchedAt, parsed: schema.safeParse(a.data) }));
    },
    enabled,
    staleTime: 60_000,
    retry: 1,
  });
  if (!enabled) return { ...cached, data: undefined };

  const rows =
    fresh.data ??
    (cached.data?.every((r) => r !== undefined) ? (cached.data as CheckedRow<T>[]) : undefined);
  const data = rows?.every((r) => r.parsed.success)
    ? rows.map((r) => r.parsed.data as T)
    : undefined;
  const fetchedAt =
    rows && rows.length > 0 ? Math.min(...rows.map((r) => Date.parse(r.fetchedAt))) : 0;
  return {
    data,
    status: data !== undefined ? 'success' : fresh.status === 'error' ? 'error' : 'pending',
    error: fresh.error,
    dataUpdatedAt: fetchedAt,
    isFetching: fresh.isFetching,
    refetch: fresh.refetch,
  };
}
