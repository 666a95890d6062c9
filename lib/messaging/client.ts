import type { BrowserApi } from './browser-api';
import {
  answerSchema,
  pageEventSchema,
  pageRequests,
  type PageEvent,
  type PagePayload,
  type PageRequestType,
  type PageResult,
} from './protocol';

/** The background refused a request or could not be reached. */
export class MessagingError extends Error {
  override readonly name = 'MessagingError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PageClient {
  /** Sends a request to the background; resolves with its parsed answer or throws `MessagingError`. */
  request<T extends PageRequestType>(type: T, payload: PagePayload<T>): Promise<PageResult<T>>;
  /** Listens to the background's broadcasts; returns the unsubscriber. */
  onEvent(listener: (event: PageEvent) => void): () => void;
}

/** An extension page's side of the protocol. */
export function createPageClient(
  api: Pick<BrowserApi, 'sendMessage' | 'addMessageListener'>,
  log: (message: string) => void = (m) => console.warn(`[attain messaging] ${m}`),
): PageClient {
  return {
    async request(type, payload) {
      let raw: unknown;
      try {
        raw = await api.sendMessage({ ...payload, type });
      } catch (error) {
        throw new MessagingError(
          'unreachable',
          `Attain’s background did not answer (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
      if (raw === undefined) {
        throw new MessagingError('unreachable', 'Attain’s background did not answer.');
      }
      const answer = answerSchema.safeParse(raw);
      if (!answer.success)
        throw new MessagingError('invalid_answer', `Unexpected answer to "${type}".`);
      if (!answer.data.ok)
        throw new MessagingError(answer.data.error.code, answer.data.error.message);
      const data = pageRequests[type].result.safeParse(answer.data.data);
      if (!data.success)
        throw new MessagingError('invalid_answer', `Unexpected answer to "${type}".`);
      return data.data as PageResult<typeof type>;
    },
    onEvent(listener) {
      return api.addMessageListener((message) => {
        const type = (message as { type?: unknown } | null)?.type;
        if (typeof type !== 'string' || !type.startsWith('event.')) return false;
        const event = pageEventSchema.safeParse(message);
        if (!event.success) {
          log(`ignored a malformed event "${type.slice(0, 60)}"`);
          return false;
        }
        listener(event.data);
        return false;
      });
    },
  };
}

/** The background's side of events: a broadcast to every open extension page. */
export async function broadcast(
  api: Pick<BrowserApi, 'sendMessage'>,
  event: PageEvent,
): Promise<void> {
  try {
    await api.sendMessage(pageEventSchema.parse(event));
  } catch {
    // No page open: nobody to tell.
  }
}
