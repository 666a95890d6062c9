import { z } from 'zod';

/**
 * An opportunity as the demo CRM holds it: the Attain server's deal record, kept whole (fields
 * the demo does not know pass through untouched, so forwarding an edit never drops any).
 * The demo reads only the fields below; `crmId` is the record id in its URLs.
 */
export const crmDealSchema = z.looseObject({
  id: z.string().min(1),
  crmId: z.string().min(1),
  name: z.string(),
  amount: z.number(),
  currency: z.string(),
  stage: z.string(),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  closeDate: z.string(),
  ownerId: z.string(),
  probability: z.number().optional(),
  accountName: z.string().optional(),
  nextStep: z.string().optional(),
  reversedOn: z.string().optional(),
  stageEnteredDate: z.string().optional(),
  closeDatePushCount: z.number().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type CrmDeal = z.infer<typeof crmDealSchema>;

export interface CrmUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

/** Stage picklist values with their default probability, in path order. */
export const STAGES: ReadonlyArray<{ name: string; probability: number }> = [
  { name: 'Prospecting', probability: 10 },
  { name: 'Qualification', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 75 },
  { name: 'Closed Won', probability: 100 },
  { name: 'Closed Lost', probability: 0 },
];

/** The picklist for a record: the standard stages, plus the record's own if it is another. */
export function stagesFor(deal: CrmDeal): ReadonlyArray<{ name: string; probability: number }> {
  return STAGES.some((s) => s.name === deal.stage)
    ? STAGES
    : [...STAGES, { name: deal.stage, probability: deal.probability ?? 0 }];
}

export function closedStateOf(stage: string): { isClosed: boolean; isWon: boolean } {
  if (stage === 'Closed Won') return { isClosed: true, isWon: true };
  if (stage === 'Closed Lost') return { isClosed: true, isWon: false };
  return { isClosed: false, isWon: false };
}
