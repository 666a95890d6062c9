import { z } from 'zod';
import { isIsoDate } from '../dates';
import { currencyDigits } from '../money';

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' });

/** An instant, ISO 8601 with time zone (server clocks, audit fields). */
export const timestampSchema = z.iso.datetime({ offset: true });

export const currencySchema = z.string().refine((c) => currencyDigits(c) !== null, {
  message: 'must be an ISO 4217 currency code like USD',
});

export const idSchema = z.string().min(1, 'must not be empty').max(200);

/** A non-negative amount in major units (dollars, not cents). */
export const amountSchema = z.number().finite().nonnegative('must not be negative');

export const roleSchema = z.enum(['rep', 'manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;
