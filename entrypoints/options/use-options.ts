import { useCallback, useEffect, useState } from 'react';
import type { AttainDatabase } from '../../lib/db';
import type { PageClient, PageResult, SyncStatusMessage } from '../../lib/messaging';
import { readSyncStatus } from '../../lib/sync';

export type OptionsConfig = PageResult<'auth.config'>;

/**
 * The options page's state: the account and server URL (from the background), and the sync
 * status, live (read from IndexedDB at once, then the background's events).
 */
export function useOptionsState(client: PageClient, db: AttainDatabase) {
  const [config, setConfig] = useState<OptionsConfig | null>(null);
  const [status, setStatus] = useState<SyncStatusMessage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setConfig(await client.request('auth.config', {}));
      setStatus(await client.request('sync.status', {}));
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [client]);

  useEffect(() => {
    let live = true;
    // Paint from IndexedDB first; the background's answer and events follow.
    void readSyncStatus(db, { online: navigator.onLine }).then(
      (s) => live && setStatus((prev) => prev ?? s),
    );
    void reload();
    const stop = client.onEvent((event) => {
      if (event.type === 'event.syncStatus') setStatus(event.status);
    });
    return () => {
      live = false;
      stop();
    };
  }, [client, db, reload]);

  return { config, status, loadError, reload };
}
