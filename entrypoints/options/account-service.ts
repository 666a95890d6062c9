import type { AccountService } from '../../components/options/account';
import type { BrowserApi, PageClient } from '../../lib/messaging';

/**
 * The options page's account service over the background's page client: the account and
 * server (`auth.config`), the browser's host permission, and `auth.signIn` (the background
 * signs in and keeps the session; the page never sees the token).
 */
export function accountService(
  client: PageClient,
  api: Pick<BrowserApi, 'requestOrigin'>,
): AccountService {
  return {
    config: () => client.request('auth.config', {}),
    requestOrigin: (origin) => api.requestOrigin(origin),
    async signIn(input) {
      const result = await client.request('auth.signIn', input);
      if (result.ok) return { ok: true };
      return result.pending === undefined
        ? { ok: false, code: result.code }
        : { ok: false, code: result.code, pending: result.pending };
    },
  };
}
