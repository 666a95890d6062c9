import type {
  Annotation,
  CoachingPrompt,
  Deal,
  EnpsStatus,
  EntityName,
  FxRate,
  MutationName,
  Plan,
  PlanAssignment,
  PromptState,
  Quota,
  Settings,
  Survey,
  Team,
  User,
} from '../domain';

/**
 * A server-owned entity as the last pull left it. `id` is the change id of the protocol
 * (`planId@effectiveFrom`, `repId@periodStart`…), `version` the server's version, `gen` the
 * full-resync generation that last confirmed the row (see `SyncMetaRow.resetGen`).
 */
export interface ServerRow<T> {
  id: string;
  version: number;
  value: T;
  gen: number;
}

/**
 * An entity the user can change offline. `server` is the server's value as last pulled
 * (null: not on the server, or not yet); `value` is what the user sees: the server value with
 * the pending outbox mutations replayed on it (null: deleted locally, waiting to sync).
 */
export interface LocalRow<T> {
  id: string;
  value: T | null;
  server: { value: T; version: number } | null;
  gen: number;
}

export interface DealRow extends ServerRow<Deal> {
  ownerId: string;
  crmId?: string;
  /** The owner and every rep with a split (added in version 2 of the database). */
  repIds: string[];
}

export interface PlanRow extends ServerRow<Plan> {
  planId: string;
}

export interface RepKeyedRow<T> extends ServerRow<T> {
  repId: string;
}

export interface AnnotationRow extends LocalRow<Annotation> {
  dealId: string;
}

export interface PromptRow extends LocalRow<CoachingPrompt> {
  repId: string;
}

export type MeRow = ServerRow<User>;
export type UserRow = ServerRow<User>;
export type TeamRow = ServerRow<Team>;
export type PlanAssignmentRow = RepKeyedRow<PlanAssignment>;
export type QuotaRow = RepKeyedRow<Quota>;
export type FxRateRow = ServerRow<FxRate>;
export type SurveyRow = ServerRow<Survey>;
export type SettingsRow = ServerRow<Settings>;
export type PromptStateRow = LocalRow<PromptState>;
export type EnpsStatusRow = LocalRow<EnpsStatus>;

/** Entities the client changes through mutations (the others are read-only here). */
export type LocalEntityName = 'annotation' | 'prompt' | 'promptState' | 'enpsStatus';

/**
 * One queued mutation. Rows are removed when the server acknowledges them (applied or
 * duplicate); a rejected one moves, in the same transaction, to `rejections`.
 */
export interface OutboxRow {
  seq: number;
  name: MutationName;
  args: unknown;
  /** The entity the mutation changes, so a pull knows not to overwrite it. */
  entity: LocalEntityName;
  entityId: string;
  createdAt: string;
  /** Creates only: the entity as the user saw it, replayed when the server has none yet. */
  preview?: unknown;
}

/** A mutation the server refused: kept (with what the user wrote) until the user dismisses it. */
export interface RejectionRow {
  /** Local key (a seq can come back after the outbox was renumbered for a restored server). */
  id?: number;
  seq: number;
  name: MutationName;
  args: unknown;
  entity: LocalEntityName;
  entityId: string;
  code: string;
  message: string;
  /** When the mutation was written locally. */
  createdAt: string;
  /** When the client learned of the rejection. */
  rejectedAt: string;
}

/** A server-only read (team overview, eNPS results) kept to show offline, with its age. */
export interface QueryCacheRow {
  key: string;
  data: unknown;
  fetchedAt: string;
  /** Who fetched it: another user's cached reads are never shown. */
  userId: string;
}

export interface ClientMetaRow {
  key: 'client';
  clientId: string;
  createdAt: string;
}

/**
 * The signed-in session (server URL, bearer token), kept in the extension's own IndexedDB:
 * unlike `storage.local`, no content script can read it (it runs in the CRM page's origin).
 */
export interface SessionMetaRow {
  key: 'session';
  value: unknown;
}

/** Who the local data belongs to. Never holds the token (see `SessionMetaRow`). */
export interface AccountMetaRow {
  key: 'account';
  userId: string;
  email: string;
  serverUrl: string;
  /** A session token exists (false after sign-out or a 401: the data stays, sync waits). */
  signedIn: boolean;
}

export interface SyncMetaRow {
  key: 'sync';
  /** The server's change-log position applied up to (0: never pulled). */
  cursor: number;
  /** The highest mutation seq the server has acknowledged. */
  lastMutationSeq: number;
  /** The sync schema version the local data was pulled with. */
  schemaVersion: number;
  /** Bumped by each full resync; rows not confirmed by the current one are swept at its end. */
  resetGen: number;
  /** A full resync started and its last page has not been applied yet. */
  resetting: boolean;
  /**
   * Server-owned tables that were empty when the current full resync began (a first sync):
   * only its pages write them, so its sweep has nothing to remove there and skips them.
   */
  freshTables?: string[];
}

export interface SeqMetaRow {
  key: 'seq';
  /** The last mutation seq handed out (never reused, even once the outbox is empty). */
  lastAllocated: number;
}

export interface LastSyncMetaRow {
  key: 'lastSync';
  at: string;
  ok: boolean;
  /** When it last succeeded (kept across failures). */
  lastOkAt?: string;
  error?: { code: string; message: string };
  /** The failure was a network failure while the browser said it was offline. */
  offline?: boolean;
}

export interface RetryMetaRow {
  key: 'retry';
  /** Failed attempts in a row. */
  attempt: number;
  /** Epoch ms before which automatic triggers do not sync. */
  notBefore: number;
  /** A Retry-After the server asked for: even "Sync now" waits for it. */
  serverAsked: boolean;
}

export interface StoppedMetaRow {
  key: 'stopped';
  reason: string;
  /** The client's sync schema version when it stopped: an updated extension starts again. */
  schemaVersion: number;
  at: string;
}

export type MetaRow =
  | SessionMetaRow
  | ClientMetaRow
  | AccountMetaRow
  | SyncMetaRow
  | SeqMetaRow
  | LastSyncMetaRow
  | RetryMetaRow
  | StoppedMetaRow;
export type MetaKey = MetaRow['key'];
export type MetaOf<K extends MetaKey> = Extract<MetaRow, { key: K }>;

/** Table names by entity, for code that goes from a pull change to its table. */
export const TABLE_OF_ENTITY = {
  me: 'me',
  user: 'users',
  team: 'teams',
  plan: 'plans',
  planAssignment: 'planAssignments',
  quota: 'quotas',
  fxRate: 'fxRates',
  deal: 'deals',
  annotation: 'annotations',
  prompt: 'prompts',
  promptState: 'promptStates',
  survey: 'surveys',
  enpsStatus: 'enpsStatus',
  settings: 'settings',
} as const satisfies Record<EntityName, string>;
export type SyncedTableName = (typeof TABLE_OF_ENTITY)[EntityName];
export const SYNCED_TABLES = Object.values(TABLE_OF_ENTITY) as SyncedTableName[];
