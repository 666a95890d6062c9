import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '../../components/theme/theme.css';
import '../../components/workbench/workbench.css';
import '../../components/views/views.css';
import '../../components/views';
import { WorkbenchRoot } from '../../components/workbench/WorkbenchRoot';
import { detectPlatform } from '../../components/workbench/keybindings';
import type { WorkbenchHost } from '../../components/workbench/WorkbenchHost';
import { AttainDataProvider, queryWorkbenchData, type DataServices } from '../../components/data';
import { AttainDatabase } from '../../lib/db';
import { createBrowserApi, createPageClient, type WebExtensionLike } from '../../lib/messaging';
import type { SidebarPortApi } from '../../lib/messaging/overlay/sidebar-port';
import { useOverlay } from './overlay';
import { SidebarGate } from './SidebarGate';

const ACTIVE_VIEW_KEY = 'attain:activeView';
const api = createBrowserApi(browser as unknown as WebExtensionLike);
const services: DataServices = {
  db: new AttainDatabase(),
  client: createPageClient(api),
  api,
  now: () => new Date(),
};
const data = queryWorkbenchData;
const portApi = browser as unknown as SidebarPortApi;
const platform = detectPlatform(navigator);

function rememberedView(): string | null {
  try {
    return localStorage.getItem(ACTIVE_VIEW_KEY);
  } catch {
    return null;
  }
}

/** The sidebar page, in the overlay's iframe on a CRM page. */
function Sidebar() {
  const overlay = useOverlay(portApi);
  const connection = overlay.connection;
  const host = useMemo<WorkbenchHost>(
    () => ({
      record: overlay.record,
      now: () => new Date(),
      platform,
      ...(overlay.sidebar ? { sidebar: overlay.sidebar } : {}),
      ...(connection ? { publishEstimate: (estimate) => connection.sendEstimate(estimate) } : {}),
    }),
    [overlay.record, overlay.sidebar, connection],
  );
  return (
    <SidebarGate status={overlay.status} data={data}>
      <WorkbenchRoot
        data={data}
        host={host}
        themeRoot={document.documentElement}
        initialViewId={rememberedView()}
        onActiveViewChange={(id) => {
          try {
            localStorage.setItem(ACTIVE_VIEW_KEY, id);
          } catch {
            // Storage refused (private mode): the view is simply not remembered.
          }
        }}
      />
    </SidebarGate>
  );
}

// A sync when the sidebar opens, so what it shows is fresh (it paints from the cache first).
void services.client.request('sync.now', { reason: 'sidebar-opened' }).catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AttainDataProvider services={services}>
        <Sidebar />
      </AttainDataProvider>
    </StrictMode>,
  );
}
