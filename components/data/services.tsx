import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AttainDatabase } from '../../lib/db';
import type { BrowserApi, PageClient } from '../../lib/messaging';

/** What the data hooks use: passed in once by the page (tests hand in fakes). */
export interface DataServices {
  db: AttainDatabase;
  /** Requests to the background (sync, sign-in, server-only reads). */
  client: PageClient;
  api: BrowserApi;
  /** The clock local writes and "today" use. */
  now: () => Date;
  /**
   * Resolves once the page has painted its first view (the sidebar says when): live queries
   * start watching after it, so that first paint waits for no second read. Absent: at once.
   */
  afterFirstPaint?: Promise<void>;
}

const ServicesContext = createContext<DataServices | null>(null);

export function useDataServices(): DataServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('Attain data hooks must be used inside <AttainDataProvider>');
  return services;
}

/**
 * A QueryClient for extension pages. Local reads never go stale on their own (live queries
 * push every change into the cache) and run offline; server reads retry once.
 */
export function createAttainQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, gcTime: 5 * 60_000, refetchOnWindowFocus: false, retry: false },
      mutations: { networkMode: 'always' },
    },
  });
}

/** When the background says data changed, local reads of those entities are read again. */
function InvalidateOnDataChanged({ client }: { client: PageClient }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'event.dataChanged') void queryClient.invalidateQueries({ queryKey: ['local'] });
      }),
    [client, queryClient],
  );
  return null;
}

/** Provides the services and a QueryClient (its own unless one is given). */
export function AttainDataProvider({
  services,
  queryClient,
  children,
}: {
  services: DataServices;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [own] = useState(() => queryClient ?? createAttainQueryClient());
  return (
    <QueryClientProvider client={own}>
      <ServicesContext.Provider value={services}>
        <InvalidateOnDataChanged client={services.client} />
        {children}
      </ServicesContext.Provider>
    </QueryClientProvider>
  );
}
