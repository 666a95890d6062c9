import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '../../components/theme/theme.css';
import '../../components/views/views.css';
import '../../components/options/options.css';
import '../../components/views';
import { AttainDataProvider, queryWorkbenchData, type DataServices } from '../../components/data';
import { OptionsRoot } from '../../components/options/OptionsRoot';
import { detectPlatform } from '../../components/workbench/keybindings';
import type { WorkbenchHost } from '../../components/workbench/WorkbenchHost';
import { AttainDatabase } from '../../lib/db';
import { createBrowserApi, createPageClient, type WebExtensionLike } from '../../lib/messaging';
import { accountService } from './account-service';

const api = createBrowserApi(browser as unknown as WebExtensionLike);
const client = createPageClient(api);
const services: DataServices = {
  db: new AttainDatabase(),
  client,
  api,
  now: () => new Date(),
};
/** Not beside a CRM page: no record, no sidebar layout (those are set from the sidebar). */
const host: WorkbenchHost = {
  record: null,
  now: () => new Date(),
  platform: detectPlatform(navigator),
};
const account = accountService(client, api);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AttainDataProvider services={services}>
        <OptionsRoot
          data={queryWorkbenchData}
          account={account}
          host={host}
          themeRoot={document.documentElement}
        />
      </AttainDataProvider>
    </StrictMode>,
  );
}
