export { computeStatement, computeStatements, whatIf } from './statement';
export { preparePlan } from './prepared-plan';
export { creditFor, creditsRep, sharesOf, allocate } from './credit';
export { FxIndex, fxIndexFor } from './fx-index';
export { conditionHolds } from './spiffs';
export type * from './types';
