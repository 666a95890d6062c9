import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  manifest: {
    name: 'Attain',
    description: 'Your quota, your pay and your coaching, beside every deal in your CRM.',
    permissions: ['storage', 'alarms'],
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
