export * from './browser-api';
export * from './protocol';
export * from './router';
export * from './client';
export {
  crmAnswerSchema,
  crmRequestSchema,
  requestOpenOptions,
  requestSyncBadge,
  syncBadgeSchema,
  type CrmAnswer,
  type CrmRequest,
  type SyncBadge,
} from './crm-protocol';
export * from './background-service';
