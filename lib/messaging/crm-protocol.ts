import { z } from 'zod/mini';

/*
 * Content script (CRM page) → background: deliberately tiny. The content script runs in the
 * CRM's origin, beside page scripts: the background tells it only what a status pill shows
 * (a state and two counts), never names, data or tokens. zod/mini keeps the content script
 * small. The overlay's own messages (toggle, locate, hosts) live in `./overlay`.
 */

export const crmRequestSchema = z.discriminatedUnion('type', [
  /** What the pill shows about sync. */
  z.strictObject({ type: z.literal('crm.syncBadge') }),
  /** Opens the options page (the pill's "Sign in"). */
  z.strictObject({ type: z.literal('crm.openOptions') }),
]);
export type CrmRequest = z.infer<typeof crmRequestSchema>;

export const syncBadgeSchema = z.strictObject({
  state: z.enum(['synced', 'pending', 'offline', 'error', 'rejected', 'signedOut', 'stopped']),
  pending: z.number(),
  rejected: z.number(),
});
export type SyncBadge = z.infer<typeof syncBadgeSchema>;

export const crmAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), badge: syncBadgeSchema }),
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type CrmAnswer = z.infer<typeof crmAnswerSchema>;

/** The content script's side: one request, its answer parsed (anything odd is null). */
export async function requestSyncBadge(
  sendMessage: (message: unknown) => Promise<unknown>,
): Promise<SyncBadge | null> {
  const answer = crmAnswerSchema.safeParse(
    await sendMessage({ type: 'crm.syncBadge' }).catch(() => undefined),
  );
  return answer.success && answer.data.ok && 'badge' in answer.data ? answer.data.badge : null;
}

export async function requestOpenOptions(
  sendMessage: (message: unknown) => Promise<unknown>,
): Promise<boolean> {
  const answer = crmAnswerSchema.safeParse(
    await sendMessage({ type: 'crm.openOptions' }).catch(() => undefined),
  );
  return answer.success && answer.data.ok;
}
