import type { BrowserApi, MessageSender, RuntimeMessageListener } from './browser-api';
import { crmAnswerSchema, crmRequestSchema, type SyncBadge } from './crm-protocol';
import {
  answerSchema,
  pageRequests,
  type ErrorBody,
  type PageParsedPayload,
  type PageRequestType,
  type PageResult,
} from './protocol';

/** What the background does for each page request (wired in `entrypoints/background.ts`). */
export type PageHandlers = {
  [T in PageRequestType]: (
    payload: PageParsedPayload<T>,
    sender: MessageSender,
  ) => Promise<PageResult<T>>;
};

/** What the background does for the content script: only the badge and opening options. */
export interface CrmHandlers {
  syncBadge(): Promise<SyncBadge>;
  openOptions(): Promise<void>;
}

export interface RouterOptions {
  api: Pick<BrowserApi, 'extensionId' | 'extensionOrigin'>;
  page: PageHandlers;
  crm: CrmHandlers;
  /** Message types another listener answers (the overlay's `overlay.*`): left alone, no log. */
  otherPrefixes?: readonly string[];
  log?: (message: string) => void;
}

/** The sender is one of this extension's own pages (not a content script, not a web page). */
export function isExtensionPageSender(
  api: Pick<BrowserApi, 'extensionId' | 'extensionOrigin'>,
  sender: MessageSender,
): boolean {
  if (sender.id !== api.extensionId || typeof sender.url !== 'string') return false;
  try {
    return new URL(sender.url).origin === api.extensionOrigin;
  } catch {
    return false;
  }
}

/** An error as an answer's `error`: its code when it has one, its message. */
export function errorBodyOf(error: unknown): ErrorBody {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'internal',
    message: error instanceof Error ? error.message : 'Something went wrong.',
  };
}

function describeSender(sender: MessageSender): string {
  return sender.url ?? sender.origin ?? `tab ${sender.tab?.id ?? '?'}`;
}

/**
 * The background's `runtime.onMessage` listener. Requests are parsed with their schema,
 * answered through `sendResponse` (and `return true`: Chromium ignores a returned Promise),
 * and every answer is checked against its strict schema on the way out, so nothing that is
 * not in the protocol (a token, say) can leave. Page requests from anything but an extension
 * page are refused; unknown and malformed messages are ignored with a log line.
 */
export function createBackgroundRouter(options: RouterOptions): RuntimeMessageListener {
  const log = options.log ?? ((m: string) => console.warn(`[attain messaging] ${m}`));
  const others = options.otherPrefixes ?? [];

  function answerPage(
    type: PageRequestType,
    message: Record<string, unknown>,
    sender: MessageSender,
    sendResponse: (response: unknown) => void,
  ): boolean {
    if (!isExtensionPageSender(options.api, sender)) {
      log(`refused "${type}" from ${describeSender(sender)}: not an extension page`);
      sendResponse({
        ok: false,
        error: { code: 'forbidden', message: 'Only Attain’s own pages may ask this.' },
      });
      return true;
    }
    const { type: _type, ...rest } = message;
    const spec = pageRequests[type];
    const payload = spec.payload.safeParse(rest);
    if (!payload.success) {
      const first = payload.error.issues[0];
      const message = `Invalid "${type}" request: ${first ? `${first.path.join('.') || 'body'} ${first.message}` : 'invalid'}`;
      log(message);
      sendResponse({ ok: false, error: { code: 'invalid_request', message } });
      return true;
    }
    const handler = options.page[type] as (p: unknown, s: MessageSender) => Promise<unknown>;
    handler(payload.data, sender)
      .then((data) => {
        const checked = spec.result.safeParse(data);
        if (!checked.success) {
          log(`the answer to "${type}" does not fit the protocol: not sent`);
          sendResponse({
            ok: false,
            error: { code: 'internal', message: 'The background produced an invalid answer.' },
          });
          return;
        }
        sendResponse(answerSchema.parse({ ok: true, data: checked.data }));
      })
      .catch((error: unknown) => sendResponse({ ok: false, error: errorBodyOf(error) }));
    return true;
  }

  function answerCrm(
    message: unknown,
    sender: MessageSender,
    sendResponse: (response: unknown) => void,
  ): boolean {
    if (sender.id !== options.api.extensionId) {
      log(`refused a CRM message from another extension (${sender.id ?? 'unknown'})`);
      return false;
    }
    const request = crmRequestSchema.safeParse(message);
    if (!request.success) {
      log(`ignored a malformed CRM message from ${describeSender(sender)}`);
      return false;
    }
    const run =
      request.data.type === 'crm.syncBadge'
        ? options.crm.syncBadge().then((badge) => ({ ok: true as const, badge }))
        : options.crm.openOptions().then(() => ({ ok: true as const }));
    run
      .then((answer) => {
        const checked = crmAnswerSchema.safeParse(answer);
        sendResponse(checked.success ? checked.data : { ok: false, error: 'invalid answer' });
      })
      .catch((error: unknown) => sendResponse({ ok: false, error: errorBodyOf(error).message }));
    return true;
  }

  return (message, sender, sendResponse) => {
    const type =
      typeof message === 'object' && message !== null
        ? (message as { type?: unknown }).type
        : undefined;
    if (typeof type !== 'string') {
      log(`ignored a message without a type from ${describeSender(sender)}`);
      return false;
    }
    if (type.startsWith('event.') || others.some((p) => type.startsWith(p))) return false;
    if (type.startsWith('crm.')) return answerCrm(message, sender, sendResponse);
    if (Object.hasOwn(pageRequests, type)) {
      return answerPage(
        type as PageRequestType,
        message as Record<string, unknown>,
        sender,
        sendResponse,
      );
    }
    log(`ignored an unknown message "${type.slice(0, 60)}" from ${describeSender(sender)}`);
    return false;
  };
}
