import { defineConfig } from 'wxt';
import { OVERLAY_MANIFEST, stripChromeOnlyOverlayKeys } from './lib/messaging/overlay/manifest';
import { measureContentScript } from './scripts/content-size';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  manifest: {
    name: 'Attain',
    description: 'Your quota, your pay and your coaching, beside every deal in your CRM.',
    // scripting: the overlay's content script registered on hosts a user adds (overlay).
    permissions: ['storage', 'alarms', 'scripting'],
    // The overlay: optional hosts, the framed sidebar page, the toggle shortcut.
    ...OVERLAY_MANIFEST,
    // Sync: a local Attain server needs no prompt; any other server's origin is requested at
    // sign-in from the optional hosts above (docs/sync.md).
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // An administrator may preset the server URL by policy (storage.managed; Chrome only).
    storage: { managed_schema: 'managed-schema.json' },
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      stripChromeOnlyOverlayKeys(wxt.config.browser, manifest);
      // Firefox reads managed storage from a native manifest, not a schema in the extension.
      if (wxt.config.browser === 'firefox') delete (manifest as { storage?: unknown }).storage;
    },
    // The content script's gzip budget (15,000 B): reported by every build, and a build above it fails.
    'build:done': (wxt) => {
      const size = measureContentScript(wxt.config.outDir);
      if (!size) return;
      wxt.logger.info(size.summary);
      if (!size.withinBudget) throw new Error(size.summary);
    },
  },
  vite: () => ({
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION') return;
          warn(warning);
        },
      },
    },
  }),
});
