import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The sync engine and message routing are wired here by lib/sync and lib/messaging.
});
