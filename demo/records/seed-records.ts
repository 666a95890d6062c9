import { addDays } from './dates';

/**
 * Records that exist only in the demo CRM until its connector sends them to Attain (on start,
 * when the Attain server does not have them yet). The first proves that record names are text
 * everywhere: in the CRM's pages, in what the extension reads, in the sidebar.
 */
export interface SeedRecord {
  crmId: string;
  name: string;
  accountName: string;
  amount: number;
  currency: string;
  stage: string;
  probability: number;
  /** Days from today. */
  closesIn: number;
  createdAgo: number;
  nextStep: string;
  fields: Record<string, string>;
}

export const MARKUP_NAMED_RECORD_ID = '006Dm00000XsS01IAF';

export const SEED_RECORDS: readonly SeedRecord[] = [
  {
    crmId: MARKUP_NAMED_RECORD_ID,
    name: 'Acme <img src=x onerror=alert(1)> renewal',
    accountName: 'Acme <script>alert("x")</script> & Sons',
    amount: 48000,
    currency: 'USD',
    stage: 'Proposal',
    probability: 50,
    closesIn: 21,
    createdAgo: 30,
    nextStep: 'Send the "final" quote & <b>terms</b>',
    fields: { productLine: 'platform', dealType: 'renewal' },
  },
];

/** The import rows (Attain's deal import JSON) for seed records, owned by `ownerId`. */
export function seedImportRows(
  records: readonly SeedRecord[],
  ownerId: string,
  today: string,
): Record<string, unknown>[] {
  return records.map((r) => ({
    crmId: r.crmId,
    name: r.name,
    accountName: r.accountName,
    amount: r.amount,
    currency: r.currency,
    stage: r.stage,
    isClosed: false,
    isWon: false,
    probability: r.probability,
    closeDate: addDays(today, r.closesIn),
    createdDate: addDays(today, -r.createdAgo),
    stageEnteredDate: addDays(today, -Math.min(r.createdAgo, 7)),
    lastActivityDate: addDays(today, -2),
    ownerId,
    nextStep: r.nextStep,
    contactCount: 2,
    fields: r.fields,
  }));
}
