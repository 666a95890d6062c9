import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { cors } from 'hono/cors';
import { systemClock, type Clock } from './clock';
import { appConfig, type AppConfig } from './config';
import { ApiError, unavailable } from './http/errors';
import { errorResponse, mountRoute } from './http/mount';
import { openApiDocument } from './http/openapi';
import { RateLimiter } from './http/rate-limit';
import { defineRoute, type AnyRoute, type AppDeps, type Logger } from './http/route';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { enpsRoutes } from './routes/enps';
import { healthRoutes } from './routes/health';
import { reportRoutes } from './routes/reports';
import { syncRoutes } from './routes/sync';
import type { Store } from './store/db';
import { isTransientDbError } from './store/transient';

export const API_VERSION = '1.0.0';

export interface CreateAppOptions {
  store: Store;
  clock?: Clock;
  config?: Partial<AppConfig>;
  log?: Logger;
}

const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) =>
    console.error(message, error instanceof Error ? (error.stack ?? error.message) : (error ?? '')),
};

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]{1,64}$/;

/** Every route of the API, in the order the OpenAPI document lists them. */
export const allRoutes: readonly AnyRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...syncRoutes,
  ...reportRoutes,
  ...enpsRoutes,
  ...adminRoutes,
];

/** The Hono app: no listening, no process state; `server/main.ts` serves it. */
export function createApp(options: CreateAppOptions): Hono {
  const config = appConfig(options.config);
  const clock = options.clock ?? systemClock;
  const nowMs = () => clock.now().getTime();
  const deps: AppDeps = {
    store: options.store,
    clock,
    config,
    log: options.log ?? consoleLogger,
    tokenLimiter: config.rateLimit ? new RateLimiter(config.rateLimit, nowMs) : null,
    anonymousLimiter: config.anonymousRateLimit
      ? new RateLimiter(config.anonymousRateLimit, nowMs)
      : null,
  };
  const app = new Hono();

  if (config.logRequests) {
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      deps.log.info(
        `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
      );
    });
  }
  app.use(
    '*',
    cors({
      origin: (origin) =>
        EXTENSION_ORIGIN.test(origin) || config.corsOrigins.includes(origin) ? origin : null,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );

  const routes: AnyRoute[] = [
    ...allRoutes,
    defineRoute({
      method: 'get',
      path: '/v1/openapi.json',
      tag: 'health',
      summary: 'This API as an OpenAPI 3.1 document',
      access: 'public',
      handler: async ({ c }) => c.json(openApi()),
    }),
  ];
  let doc: Record<string, unknown> | null = null;
  const openApi = () => (doc ??= openApiDocument(routes, API_VERSION));
  for (const route of routes) mountRoute(app, deps, route);

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException) {
      return errorResponse(
        c,
        new ApiError(error.status, 'http_error', error.message || 'Request failed.'),
      );
    }
    if (isTransientDbError(error)) {
      deps.log.error(`transient database error on ${c.req.method} ${c.req.path}`, error);
      return errorResponse(c, unavailable());
    }
    deps.log.error(`internal error on ${c.req.method} ${c.req.path}`, error);
    return errorResponse(c, new ApiError(500, 'internal', 'Something went wrong on the server.'));
  });
  return app;
}
