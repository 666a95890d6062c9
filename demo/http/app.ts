import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { compress } from 'hono/compress';
import { z } from 'zod';
import type { AttainConnector, ForwardOutcome } from '../attain/attain-connector';
import { recordPath, type PageContext } from '../pages/context';
import { renderDocument, syncStatusText } from '../pages/layout';
import { resolvePage } from '../pages/resolve-page';
import type { DealStore } from '../records/deal-store';
import { applyEdit } from '../records/edit';
import type { LocaleFormat } from '../records/locale-format';
import { showcaseDeal } from '../records/showcase';
import type { PageResponse, SaveResponse, ShowcaseResponse, StatusResponse } from './api-types';
import type { DemoAssets } from './assets';
import { securityHeaders } from './security';

export interface DemoAppDeps {
  store: DealStore;
  connector: AttainConnector;
  format: LocaleFormat;
  assets: DemoAssets;
  attainUrl: string;
  today: () => string;
}

const editBody = z.strictObject({
  fields: z.strictObject({
    Name: z.string().max(10_000).optional(),
    Amount: z.string().max(100).optional(),
    CloseDate: z.string().max(100).optional(),
    StageName: z.string().max(1000).optional(),
    Probability: z.string().max(100).optional(),
    NextStep: z.string().max(10_000).optional(),
  }),
});

const MAX_REDIRECTS = 3;

/**
 * The demo CRM's HTTP app: Lightning URLs answer full documents; `/demo/api/*` gives the
 * client script page fragments and takes saves; `/assets/*` and `/demo/*.css|js` are static.
 */
export function createDemoApp(deps: DemoAppDeps): Hono {
  const app = new Hono();
  const context = (): PageContext => ({
    store: deps.store,
    format: deps.format,
    attainUrl: deps.attainUrl,
    status: deps.connector.status(),
  });

  app.use('*', securityHeaders());
  app.use('/assets/*', compress());
  app.use('/demo/*', compress());

  const file = (body: string, type: string, cache: string) => (c: Context) =>
    c.body(body, 200, { 'content-type': type, 'cache-control': cache });
  app.get(
    '/assets/styles/salesforce-lightning-design-system.min.css',
    file(deps.assets.sldsCss, 'text/css; charset=utf-8', 'public, max-age=3600'),
  );
  app.get(
    '/assets/icons/utility.svg',
    file(deps.assets.sprites.utility, 'image/svg+xml', 'public, max-age=3600'),
  );
  app.get(
    '/assets/icons/standard.svg',
    file(deps.assets.sprites.standard, 'image/svg+xml', 'public, max-age=3600'),
  );
  app.get('/demo/demo.css', file(deps.assets.demoCss, 'text/css; charset=utf-8', 'no-cache'));
  app.get(
    '/demo/client.js',
    file(deps.assets.clientJs, 'text/javascript; charset=utf-8', 'no-cache'),
  );
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/demo/api/status', (c) => {
    const status = deps.connector.status();
    return c.json<StatusResponse>({
      loaded: status.loaded,
      pending: status.pending,
      text: syncStatusText(status),
    });
  });

  // The deal `npm start` opens the browser on: a demo user's (by email) first deal to show.
  app.get('/demo/api/showcase', (c) => {
    const user = deps.store.userByEmail(c.req.query('owner') ?? '');
    const deal = user ? showcaseDeal(deps.store.list(), user.id, deps.today()) : null;
    if (!deal) return c.json({ error: 'no deal for that user (yet)' }, 404);
    return c.json<ShowcaseResponse>({ crmId: deal.crmId, name: deal.name, path: recordPath(deal) });
  });

  app.get('/demo/api/page', (c) => {
    const path = c.req.query('path') ?? '';
    if (!path.startsWith('/')) return c.json({ error: 'path must start with /' }, 400);
    return c.json<PageResponse>(pageResponse(path, context()));
  });

  app.post('/demo/api/opportunities/:id', async (c) => {
    const refusal = refuseCrossSite(c);
    if (refusal) return refusal;
    const parsed = editBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'send { "fields": { "Amount": "…", … } }' }, 400);
    const deal = deps.store.get(c.req.param('id'));
    if (!deal) return c.json({ error: 'no such record' }, 404);
    const result = applyEdit(deal, parsed.data.fields, deps.format, deps.today());
    if (!result.ok) {
      return c.json<SaveResponse>(
        { ok: false, message: 'Review the errors on this page.', errors: result.errors },
        422,
      );
    }
    deps.store.put(result.deal);
    const outcome: ForwardOutcome = result.changed
      ? await deps.connector.forward(result.deal)
      : { state: deps.connector.isPending(deal.crmId) ? 'pending' : 'synced' };
    return c.json<SaveResponse>({
      ok: true,
      sync: outcome.state,
      ...(outcome.message ? { syncMessage: outcome.message } : {}),
      recordName: result.deal.name,
      page: pageResponse(`/lightning/r/Opportunity/${result.deal.crmId}/view`, context()),
    });
  });

  app.get('*', (c) => {
    const view = resolvePage(c.req.path, context());
    if (view.kind === 'redirect') return c.redirect(view.location, 302);
    const document = renderDocument({
      locale: deps.format.locale,
      title: view.title,
      pageKey: view.key,
      content: view.content,
      modal: view.modal,
      status: deps.connector.status(),
    });
    return c.html(document.value, view.status as ContentfulStatusCode);
  });

  return app;
}

function pageResponse(requested: string, ctx: PageContext): PageResponse {
  let path = new URL(requested, 'http://demo.invalid').pathname;
  let view = resolvePage(path, ctx);
  for (let i = 0; view.kind === 'redirect' && i < MAX_REDIRECTS; i++) {
    path = view.location;
    view = resolvePage(path, ctx);
  }
  if (view.kind === 'redirect') throw new Error(`redirect loop at ${path}`);
  return {
    path,
    status: view.status,
    key: view.key,
    title: view.title,
    html: view.content.value,
    modalHtml: view.modal?.value ?? null,
  };
}

/** Saves come from the demo's own pages only (JSON, same origin). */
function refuseCrossSite(c: Context): Response | null {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    return c.json({ error: 'send application/json' }, 415);
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    return c.json({ error: 'cross-origin request refused' }, 403);
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') {
    return c.json({ error: 'cross-site request refused' }, 403);
  }
  return null;
}
