import type { SyncBadge } from './crm-protocol';
import type { CrmHandlers, PageHandlers } from './router';
import type { PageParsedPayload, PageResult } from './protocol';

/**
 * What the background must provide for the protocol, as plain methods (lib/sync's
 * `BackgroundController` fits it). The router calls these after parsing each request.
 */
export interface BackgroundService {
  status(): Promise<PageResult<'sync.status'>>;
  syncNow(reason: PageParsedPayload<'sync.now'>['reason']): Promise<PageResult<'sync.now'>>;
  signIn(input: PageParsedPayload<'auth.signIn'>): Promise<PageResult<'auth.signIn'>>;
  signOut(input: PageParsedPayload<'auth.signOut'>): Promise<PageResult<'auth.signOut'>>;
  config(): Promise<PageResult<'auth.config'>>;
  mutate(
    name: PageParsedPayload<'data.mutate'>['name'],
    args: unknown,
  ): Promise<PageResult<'data.mutate'>>;
  serverRead(read: PageParsedPayload<'server.read'>): Promise<PageResult<'server.read'>>;
  syncBadge(): Promise<SyncBadge>;
  openOptions(): Promise<void>;
}

/** The router's handlers for a background service. */
export function handlersFor(service: BackgroundService): { page: PageHandlers; crm: CrmHandlers } {
  return {
    page: {
      'sync.status': () => service.status(),
      'sync.now': (p) => service.syncNow(p.reason),
      'auth.signIn': (p) => service.signIn(p),
      'auth.signOut': (p) => service.signOut(p),
      'auth.config': () => service.config(),
      'data.mutate': (p) => service.mutate(p.name, p.args),
      'server.read': (p) => service.serverRead(p),
    },
    crm: {
      syncBadge: () => service.syncBadge(),
      openOptions: () => service.openOptions(),
    },
  };
}
