import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '../../components/theme/theme.css';
import '../../components/views/views.css';
import '../../components/popup/popup.css';
import {
  WorkbenchDataProvider,
  useWorkbenchData,
} from '../../components/data-contract/WorkbenchDataProvider';
import { Popup } from '../../components/popup/Popup';
import { openSidebarResult, type OpenSidebarResult } from '../../components/popup/open-sidebar';
import { PreferencesScope } from '../../components/workbench/WorkbenchRoot';
import { AttainDataProvider, queryWorkbenchData, type DataServices } from '../../components/data';
import { AttainDatabase } from '../../lib/db';
import { createBrowserApi, createPageClient, type WebExtensionLike } from '../../lib/messaging';
import { requestOverlayShow, type OverlayClientApi } from '../../lib/messaging/overlay/client';

const api = createBrowserApi(browser as unknown as WebExtensionLike);
const overlayApi: Pick<OverlayClientApi, 'runtime'> = {
  runtime: { sendMessage: (m) => api.sendMessage(m) },
};
const services: DataServices = {
  db: new AttainDatabase(),
  client: createPageClient(api),
  api,
  now: () => new Date(),
};

/**
 * Shows the overlay on the active tab: the background forwards `overlay.show` to the tab's
 * content script, which expands the overlay or leaves it expanded (never hides it).
 */
async function openSidebar(): Promise<OpenSidebarResult> {
  return openSidebarResult(await requestOverlayShow(overlayApi));
}

function PopupPage() {
  const workbench = useWorkbenchData();
  const me = workbench.useMe().data ?? null;
  const sync = workbench.useSyncStatus().data;
  const actions = workbench.useActions();
  return (
    <Popup
      me={me}
      sync={sync}
      now={new Date()}
      onOpenSidebar={openSidebar}
      onSyncNow={actions.syncNow}
      onSignIn={actions.openSignIn}
      onSignOut={() => actions.signOut({ clearLocalData: false })}
      onOpenSettings={() => void api.openOptionsPage()}
    />
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AttainDataProvider services={services}>
        <WorkbenchDataProvider data={queryWorkbenchData}>
          <PreferencesScope themeRoot={document.documentElement}>
            <PopupPage />
          </PreferencesScope>
        </WorkbenchDataProvider>
      </AttainDataProvider>
    </StrictMode>,
  );
}
