import type { z } from 'zod';
import { issuesOf } from '../../lib/domain';

/** An error the API reports as `{ error: { code, message, details } }` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'invalid_request', message, details);
export const unauthorized = (message = 'Sign in first: send Authorization: Bearer <token>.') =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
/** Also for resources that exist but belong to someone else: existence does not leak. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details);
export const unavailable = (message = 'The database is busy or unreachable; try again shortly.') =>
  new ApiError(503, 'unavailable', message, undefined, { 'Retry-After': '1' });

/** A zod failure as a 400 listing every issue with its path. */
export function validationError(where: string, error: z.ZodError): ApiError {
  const issues = issuesOf(error);
  const first = issues[0];
  const summary = first ? `${first.path ? `${first.path} ` : ''}${first.message}` : 'is invalid';
  return new ApiError(400, 'invalid_request', `Invalid ${where}: ${summary}`, { issues });
}
