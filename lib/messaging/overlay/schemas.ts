import { z } from 'zod';
import { CRM_FAMILIES } from './hosts';
import {
  ESTIMATE_TEXT_MAX,
  OVERLAY_CRMS,
  type ContentToSidebar,
  type LocateResponse,
  type OverlayRecord,
  type ToggleResponse,
} from './protocol';

/**
 * zod schemas for what extension pages and the background receive (the sidebar, popup, options
 * and background may ship full zod). Never import this from the content script: it parses with
 * the hand-written checks in `./protocol`.
 */

const text = z.string().max(2_000);
const nullableText = text.nullable();

export const overlayRecordSchema = z.strictObject({
  crm: z.enum(OVERLAY_CRMS),
  objectType: z.string().min(1).max(100),
  recordId: z.string().min(1).max(100),
  mode: z.enum(['view', 'edit']),
  fields: z.strictObject({
    amount: z.number().finite().nullable(),
    currencyIsoCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    stage: nullableText,
    closeDate: z.iso.date().nullable(),
    probability: z.number().min(0).max(100).nullable(),
    ownerName: nullableText,
    accountName: nullableText,
    recordName: nullableText,
  }),
}) satisfies z.ZodType<OverlayRecord>;

export const contentToSidebarSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('record'),
    record: overlayRecordSchema.nullable(),
    url: z.string().max(8_000),
  }),
  z.strictObject({
    type: z.literal('visibility'),
    state: z.enum(['expanded', 'collapsed']),
    side: z.enum(['left', 'right']),
    width: z.number().finite().nonnegative(),
  }),
]) satisfies z.ZodType<ContentToSidebar>;

export const overlayEstimateSchema = z.strictObject({
  text: z.string().max(ESTIMATE_TEXT_MAX),
  tone: z.enum(['neutral', 'positive', 'caution', 'negative']),
});

/** The content script's answer to `overlay.toggle` and `overlay.show` (`ToggleResponse`). */
export const toggleResponseSchema = z.union([
  z.strictObject({ ok: z.literal(true), collapsed: z.boolean() }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]) satisfies z.ZodType<ToggleResponse>;

export const locateResponseSchema = z.union([
  z.strictObject({ ok: z.literal(true), tabId: z.number().int() }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]) satisfies z.ZodType<LocateResponse>;

/** Runtime messages the background answers for the overlay (see `./background`). */
export const overlayRuntimeRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('overlay.toggle') }),
  z.strictObject({ type: z.literal('overlay.show') }),
  z.strictObject({ type: z.literal('overlay.locate') }),
  z.strictObject({ type: z.literal('overlay.hosts.list') }),
  z.strictObject({
    type: z.literal('overlay.hosts.add'),
    origin: z.string().min(1).max(300),
    crm: z.enum(CRM_FAMILIES),
  }),
  z.strictObject({ type: z.literal('overlay.hosts.remove'), pattern: z.string().min(1).max(300) }),
]);
export type OverlayRuntimeRequest = z.infer<typeof overlayRuntimeRequestSchema>;

export const customHostSchema = z.strictObject({
  pattern: z.string(),
  crm: z.enum(CRM_FAMILIES),
});

export const hostsResponseSchema = z.union([
  z.strictObject({ ok: z.literal(true), hosts: z.array(customHostSchema) }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]);
export type HostsResponse = z.infer<typeof hostsResponseSchema>;
