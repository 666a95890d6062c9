/** lib/crm: which CRM page is open, which deal it shows, and what is typed into it. */
export { classifyUrl } from './classify-url';
export { detectRecord } from './detect-record';
export { watchRecord } from './watch-record';
export { listenUntil } from './listen-until';
export type { RecordChangeListener, WatchRecordOptions } from './watch-record';
export { isSalesforceId, sameSalesforceId, toSalesforceId18 } from './salesforce-id';
export { parseAmount } from './parse-amount';
export type { AmountParseError, AmountParseResult } from './parse-amount';
export { parseCrmDate } from './parse-date';
export type { DateParseError, DateParseResult } from './parse-date';
export { parseProbability } from './parse-probability';
export type { ProbabilityParseResult } from './parse-probability';
export type {
  CrmId,
  DealFields,
  DetectOptions,
  DetectedRecord,
  RecordMode,
  UrlClassification,
} from './types';
