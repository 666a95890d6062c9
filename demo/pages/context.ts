import type { ConnectorStatus } from '../attain/attain-connector';
import type { CrmDeal } from '../records/deal';
import type { DealStore } from '../records/deal-store';
import type { LocaleFormat } from '../records/locale-format';

/** What pages are rendered from. */
export interface PageContext {
  store: DealStore;
  format: LocaleFormat;
  attainUrl: string;
  status: ConnectorStatus;
}

export const listPath = (): string => '/lightning/o/Opportunity/list';

export const recordPath = (deal: Pick<CrmDeal, 'crmId'>, mode: 'view' | 'edit' = 'view'): string =>
  `/lightning/r/Opportunity/${encodeURIComponent(deal.crmId)}/${mode}`;
