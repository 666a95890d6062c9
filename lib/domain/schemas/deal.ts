import { z } from 'zod';
import { amountSchema, currencySchema, idSchema, isoDateSchema } from './common';

export const splitSchema = z.strictObject({
  repId: idSchema,
  percent: z
    .number()
    .finite()
    .gt(0, 'must be greater than 0')
    .max(100, 'must be at most 100')
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, {
      message: 'may have at most 2 decimals (33.33, not 33.333)',
    }),
});
export type Split = z.infer<typeof splitSchema>;

const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const dealSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().max(500),
    amount: amountSchema,
    currency: currencySchema,
    stage: z.string().max(200),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    closeDate: isoDateSchema,
    createdDate: isoDateSchema,
    ownerId: idSchema,
    splits: z.array(splitSchema).optional(),
    /** 0–100, as CRMs show it. */
    probability: z.number().finite().min(0).max(100).optional(),
    reversedOn: isoDateSchema.optional(),
    /** The day the deal entered its current stage. */
    stageEnteredDate: isoDateSchema.optional(),
    lastActivityDate: isoDateSchema.optional(),
    nextStep: z.string().max(1000).optional(),
    contactCount: z.number().int().min(0).optional(),
    closeDatePushCount: z.number().int().min(0).optional(),
    accountName: z.string().max(500).optional(),
    /** The record id in the CRM (Salesforce 18-character id, HubSpot id…). */
    crmId: z.string().max(200).optional(),
    /** Further CRM fields SPIFF conditions may test (product line, deal type…). */
    fields: z.record(z.string(), customValue).optional(),
  })
  .superRefine((deal, ctx) => {
    if (deal.isWon && !deal.isClosed) {
      ctx.addIssue({
        code: 'custom',
        path: ['isClosed'],
        message: 'must be true when isWon is true',
      });
    }
    if (deal.splits && deal.splits.length > 0) {
      // Percents may have decimals (33.33): add them as hundredths to compare exactly.
      const total = deal.splits.reduce((sum, s) => sum + Math.round(s.percent * 100), 0);
      if (total !== 10_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['splits'],
          message: `percents must add up to 100 (they add up to ${total / 100})`,
        });
      }
      const seen = new Set<string>();
      deal.splits.forEach((s, i) => {
        if (seen.has(s.repId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['splits', i, 'repId'],
            message: `lists rep "${s.repId}" twice`,
          });
        }
        seen.add(s.repId);
      });
    }
    if (deal.reversedOn !== undefined && deal.reversedOn < deal.closeDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['reversedOn'],
        message: 'must not be before closeDate',
      });
    }
  });
export type Deal = z.infer<typeof dealSchema>;

export const fxRateSchema = z.strictObject({
  from: currencySchema,
  to: currencySchema,
  date: isoDateSchema,
  /** Amount in `to` = amount in `from` × rate. */
  rate: z.number().finite().positive('must be greater than 0'),
});
export type FxRate = z.infer<typeof fxRateSchema>;

/** A list of FX rates: one rate per pair and date. */
export const fxRatesSchema = z.array(fxRateSchema).superRefine((rates, ctx) => {
  const seen = new Map<string, number>();
  rates.forEach((r, i) => {
    const key = `${r.from}>${r.to}@${r.date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `is a second ${r.from}→${r.to} rate for ${r.date} (first at [${first}])`,
      });
    } else seen.set(key, i);
  });
});
