import { z } from 'zod';
import { amountSchema, currencySchema, idSchema, isoDateSchema } from './common';

export const tierSchema = z.strictObject({
  /** Attainment as a fraction (1 = 100%); null for the last, open-ended tier. */
  upTo: z.number().finite().positive('must be greater than 0').nullable(),
  rate: z.number().finite().min(0, 'must not be negative').max(10, 'must be at most 10 (1000%)'),
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const spiffConditionSchema = z.strictObject({
  field: z.string().min(1),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']),
  value: z.union([scalar, z.array(scalar)]),
});
export type SpiffCondition = z.infer<typeof spiffConditionSchema>;

export const spiffSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1).max(200),
    when: z.array(spiffConditionSchema).default([]),
    amount: amountSchema.optional(),
    rate: z.number().finite().min(0).max(10).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.amount === undefined) === (s.rate === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'must have exactly one of amount or rate',
      });
    }
    s.when.forEach((c, i) => {
      const isList = Array.isArray(c.value);
      if ((c.op === 'in') !== isList) {
        ctx.addIssue({
          code: 'custom',
          path: ['when', i, 'value'],
          message:
            c.op === 'in' ? 'must be a list for op "in"' : `must not be a list for op "${c.op}"`,
        });
      }
    });
  });
export type Spiff = z.infer<typeof spiffSchema>;

export const planSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1).max(200),
    currency: currencySchema,
    period: z.enum(['month', 'quarter', 'year']),
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.optional(),
    tiers: z.array(tierSchema).min(1, 'must have at least one tier'),
    tierMode: z.enum(['marginal', 'retroactive']),
    caps: z
      .strictObject({ perDeal: amountSchema.optional(), perPeriod: amountSchema.optional() })
      .optional(),
    spiffs: z.array(spiffSchema).default([]),
    clawback: z.strictObject({ windowDays: z.number().int().min(0).max(3660) }).optional(),
    draw: z.strictObject({ amount: amountSchema, recoverable: z.boolean() }).optional(),
  })
  .superRefine((plan, ctx) => {
    plan.tiers.forEach((tier, i) => {
      const last = i === plan.tiers.length - 1;
      if (last && tier.upTo !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'must be null for the last tier',
        });
      }
      if (!last && tier.upTo === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'may be null only for the last tier',
        });
      }
      const prev = plan.tiers[i - 1];
      if (i > 0 && prev && prev.upTo !== null && tier.upTo !== null && tier.upTo <= prev.upTo) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: `must be greater than tiers[${i - 1}].upTo`,
        });
      }
    });
    if (plan.effectiveTo !== undefined && plan.effectiveTo < plan.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'must not be before effectiveFrom',
      });
    }
    const spiffIds = new Set<string>();
    plan.spiffs.forEach((s, i) => {
      if (spiffIds.has(s.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['spiffs', i, 'id'],
          message: `duplicates another SPIFF id "${s.id}"`,
        });
      }
      spiffIds.add(s.id);
    });
  });
export type Plan = z.infer<typeof planSchema>;
/** A plan as written in JSON, before defaults are filled in. */
export type PlanInput = z.input<typeof planSchema>;

/** Which plan a rep is on, and from when. */
export const planAssignmentSchema = z
  .strictObject({
    repId: idSchema,
    planId: idSchema,
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.optional(),
  })
  .refine((a) => a.effectiveTo === undefined || a.effectiveTo >= a.effectiveFrom, {
    path: ['effectiveTo'],
    message: 'must not be before effectiveFrom',
  });
export type PlanAssignment = z.infer<typeof planAssignmentSchema>;

export const quotaSchema = z.strictObject({
  repId: idSchema,
  /** The first day of the plan period the quota is for. */
  periodStart: isoDateSchema,
  amount: amountSchema,
});
export type Quota = z.infer<typeof quotaSchema>;
