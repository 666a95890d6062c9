import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFirstView, loadOtherViews } from './views';
import { AttainDataProvider, PREFERENCES_KEY, queryWorkbenchData } from '../../components/data';
import { applyDocumentTheme, resolveTheme } from '../../components/theme/ThemeProvider';
import { BadgesAfter } from '../../components/workbench/ActivityBar';
import { AfterFirstPaint } from '../../components/workbench/first-paint';
import { detectPlatform } from '../../components/workbench/keybindings';
import type { WorkbenchHost } from '../../components/workbench/WorkbenchHost';
import { WorkbenchRoot } from '../../components/workbench/WorkbenchRoot';
import { ACTIVE_VIEW_KEY, api, prefetched, queryClient, services, stored } from './boot';
import { firstPaint, watchFirstPaint } from './first-paint';
import { useOverlayStore, type OverlayStore } from './overlay';
import { overlay } from './overlay-channel';
import { SidebarGate } from './SidebarGate';

const data = queryWorkbenchData;
const platform = detectPlatform(navigator);

function rememberView(id: string): void {
  // Not awaited: a view that is not remembered is no reason to bother the user.
  void api.local.set(ACTIVE_VIEW_KEY, id).catch(() => undefined);
}

/** The sidebar page, in the overlay's iframe on a CRM page. */
function Sidebar({ initialViewId }: { initialViewId: string | null }) {
  const state = useOverlayStore(overlay);
  const { connection, status } = state;
  useEffect(() => {
    if (status === 'ready') watchFirstPaint(queryClient);
  }, [status]);
  const host = useMemo<WorkbenchHost>(
    () => ({
      record: state.record,
      now: () => new Date(),
      platform,
      ...(state.sidebar ? { sidebar: state.sidebar } : {}),
      ...(connection ? { publishEstimate: (estimate) => connection.sendEstimate(estimate) } : {}),
    }),
    [state.record, state.sidebar, connection],
  );
  return (
    <SidebarGate status={status} data={data}>
      <AfterFirstPaint ready={firstPaint}>
        <BadgesAfter ready={firstPaint}>
          <WorkbenchRoot
            data={data}
            host={host}
            themeRoot={document.documentElement}
            initialViewId={initialViewId}
            onActiveViewChange={rememberView}
          />
        </BadgesAfter>
      </AfterFirstPaint>
    </SidebarGate>
  );
}

// After the first paint: the other views, and a sync so that what the sidebar shows is fresh
// (it paints from the cache first).
void firstPaint.then(() => {
  void loadOtherViews().catch(() => undefined);
  void services.client.request('sync.now', { reason: 'sidebar-opened' }).catch(() => undefined);
});

/** How long the first render waits for My numbers' reads and the overlay's answer at most. */
const FIRST_RENDER_WAIT_MS = 1_000;

/** Once the overlay has answered (or given up). */
function answered(store: OverlayStore): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().status !== 'connecting') return resolve();
    const stop = store.subscribe(() => {
      if (store.getState().status === 'connecting') return;
      stop();
      resolve();
    });
  });
}

/**
 * Renders the sidebar into `root` once the stored preferences are in and, unless that takes
 * longer than FIRST_RENDER_WAIT_MS, once My numbers' reads are in the cache and the overlay has
 * answered: the first render is then My numbers with its figures, and the main thread stays
 * free for the reads meanwhile (each IndexedDB reply waits for it) instead of rendering and
 * laying out a loading state first.
 */
export async function renderSidebar(root: HTMLElement): Promise<void> {
  const { preferences, activeView } = await stored;
  // The first frame has the user's theme and language: the preferences are in the cache
  // before anything renders.
  queryClient.setQueryData(['storage', PREFERENCES_KEY], preferences);
  applyDocumentTheme(document.documentElement, resolveTheme(preferences.theme));
  await Promise.all([
    // The user left the sidebar on a view the page does not bring: it is what paints.
    loadFirstView(activeView).catch(() => undefined),
    Promise.race([
      Promise.all([prefetched, answered(overlay)]),
      new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
    ]),
  ]);
  createRoot(root).render(
    <StrictMode>
      <AttainDataProvider services={services} queryClient={queryClient}>
        <Sidebar initialViewId={activeView} />
      </AttainDataProvider>
    </StrictMode>,
  );
}
