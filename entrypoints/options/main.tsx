import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { AttainDatabase } from '../../lib/db';
import { createBrowserApi, createPageClient, type WebExtensionLike } from '../../lib/messaging';
import { OptionsApp } from './OptionsApp';

const api = createBrowserApi(browser as unknown as WebExtensionLike);
const client = createPageClient(api);
const db = new AttainDatabase();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OptionsApp api={api} client={client} db={db} />
    </StrictMode>,
  );
}
