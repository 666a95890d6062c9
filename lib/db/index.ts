export {
  AttainDatabase,
  DATABASE_NAME,
  LATEST_SCHEMA_VERSION,
  SCHEMA_VERSIONS,
  declareSchema,
  dealRepIds,
} from './database';
export * from './rows';
export * from './errors';
export { MetaRepository, INITIAL_SYNC_META, newClientId } from './meta-repository';
export {
  LOCAL_MUTATIONS,
  applyOutboxRow,
  replay,
  localMutation,
  type ParsedArgs,
} from './local-mutations';
export {
  LocalWriter,
  LOCAL_TABLE_OF,
  localIndexFields,
  type WriteContext,
  type WriteResult,
} from './local-writer';
export {
  AnnotationRepository,
  type NoteThread,
  type NoteView,
  type RepositoryOptions,
} from './annotation-repository';
export { PromptRepository, PromptStateRepository, type PromptView } from './prompt-repository';
export { EnpsRepository, type DueSurvey } from './enps-repository';
export { DealRepository } from './deal-repository';
export { PeopleRepository } from './people-repository';
export { OutboxRepository, RejectionRepository } from './outbox-repository';
export { QueryCacheRepository } from './query-cache-repository';
export { MutationService } from './mutation-service';
export {
  readStatementInputs,
  statementInputOn,
  assignmentOn,
  planVersionOn,
  type StatementInputs,
} from './statement-inputs';
export { watchQuery } from './live';
export { wipeLocalData } from './wipe';
export { sessionMetaArea } from './session-area';
