import type { Context } from 'hono';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import type { Store } from '../store/db';
import type { RateLimiter } from './rate-limit';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** What every route handler may use: passed in, never imported as a singleton. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  config: AppConfig;
  log: Logger;
  tokenLimiter: RateLimiter | null;
  anonymousLimiter: RateLimiter | null;
}

/** `public`: no token. `user`: any signed-in user. `admin`: admins only (403 for others). */
export type Access = 'public' | 'user' | 'admin';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B> {
  c: Context;
  deps: AppDeps;
  /** Set for every route but public ones. */
  viewer: Viewer;
  params: P;
  query: Q;
  body: B;
  now: Date;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: HttpMethod;
  /** Hono syntax: `/v1/reps/:repId/statement`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Public routes only: count requests per client address (login). */
  throttleByAddress?: boolean;
  params?: P;
  query?: Q;
  /** A JSON body parsed with this schema. */
  body?: B;
  /** A body taken as text (deal imports), with the content types it accepts. */
  rawBody?: { contentTypes: string[]; description: string };
  /** Largest body accepted (default: the app's bodyLimitBytes). */
  bodyLimit?: (config: AppConfig) => number;
  response?: z.ZodType;
  successStatus?: 200 | 201 | 204;
  /** Statuses besides the success one, for the OpenAPI document. */
  errors?: number[];
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>;
}

export type AnyRoute = RouteSpec<
  z.ZodType | undefined,
  z.ZodType | undefined,
  z.ZodType | undefined
>;

/** Declares a route once: the app mounts it and the OpenAPI document describes it. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** Query values arrive as text: booleans written true/false/1/0. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
