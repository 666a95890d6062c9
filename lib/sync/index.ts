export {
  AbortedError,
  ApiClient,
  ApiError,
  DEFAULT_TIMEOUT_MS,
  NetworkError,
  ProtocolError,
  loginResponseSchema,
  meResponseSchema,
  normalizeServerUrl,
  parseRetryAfter,
  type ApiClientOptions,
  type LoginResponse,
  type MeResponse,
} from './api-client';
export {
  applyPullPage,
  applyPushResponse,
  parseEntity,
  renumberOutbox,
  validatePullPage,
  type PullApplyResult,
  type PushApplyResult,
} from './apply';
export { AuthService, type AuthServiceOptions, type SignInResult } from './auth';
export { backoffDelay, DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, type BackoffPolicy } from './backoff';
export { SyncEngine, type SyncEngineOptions, type SyncOutcome, type SyncTrigger } from './engine';
export { memoryLock, SYNC_LOCK_NAME, webLock, type LockFn } from './locks';
export {
  enpsResultsSchema,
  serverReadKey,
  serverReadSchema,
  ServerReads,
  teamOverviewSchema,
  type EnpsResults,
  type ServerRead,
  type ServerReadsOptions,
  type TeamOverview,
} from './server-reads';
export {
  createSessionStore,
  memorySessionStore,
  SESSION_STORAGE_KEY,
  sessionSchema,
  type KeyValueArea,
  type Session,
  type SessionStore,
} from './session';
export {
  deriveSyncState,
  readSyncStatus,
  type StatusContext,
  type SyncState,
  type SyncStatus,
} from './status';
export { BackgroundController, type BackgroundControllerOptions } from './background-controller';
