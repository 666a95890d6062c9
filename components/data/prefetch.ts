import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { RejectionRepository } from '../../lib/db/outbox-repository';
import { readSyncStatus } from '../../lib/sync/status';
import {
  localDate,
  localQueryKey,
  ME_KEY,
  PULSE_KEY,
  readCachedInputs,
  readMe,
  readPulse,
  REJECTIONS_KEY,
  statementInputsKey,
  syncStatusKey,
} from './reads';
import type { DataServices } from './services';

/**
 * Starts the reads the sidebar's first view paints from before anything renders (the page
 * calls it first thing, while its scripts load and while it waits for the overlay's answer):
 * the user, then their statement inputs for today; the sync status and refused changes; the
 * pulse data the activity bar's context keys read. Each lands in the query cache under the
 * key its hook reads, so the first render finds it there. Nothing is shown by this: the page
 * decides when to render.
 */
export async function prefetchFirstView(
  queryClient: QueryClient,
  { db, now }: Pick<DataServices, 'db' | 'now'>,
  online: boolean = typeof navigator === 'undefined' ? true : navigator.onLine,
): Promise<void> {
  const read = <T>(key: QueryKey, queryFn: () => Promise<T>) =>
    queryClient
      .fetchQuery({ queryKey: localQueryKey(key), queryFn, networkMode: 'always' })
      .catch(() => undefined); // the hook reads again and shows the error
  await Promise.all([
    read(ME_KEY, () => readMe(db)).then((me) =>
      me
        ? read(statementInputsKey(me.id, localDate(now())), () => readCachedInputs(db, me.id))
        : undefined,
    ),
    read(syncStatusKey(online), () => readSyncStatus(db, { online })),
    read(REJECTIONS_KEY, () => new RejectionRepository(db).all()),
    read(PULSE_KEY, () => readPulse(db)),
  ]);
}
