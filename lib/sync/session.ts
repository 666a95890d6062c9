import { z } from 'zod';

/**
 * A signed-in session. The token is the only secret the extension holds: it lives in the
 * extension's IndexedDB (`sessionMetaArea`), which content scripts cannot read, and is never
 * put in a message.
 */
export const sessionSchema = z.strictObject({
  serverUrl: z.string().url(),
  token: z.string().min(1),
  userId: z.string().min(1),
  email: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** A key-value storage area (`browser.storage.local` through the browser adapter). */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export const SESSION_STORAGE_KEY = 'attain.session';

export interface SessionStore {
  load(): Promise<Session | null>;
  save(session: Session): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The session in a storage area, validated on every read (a corrupt entry is signed out).
 * `expiresAt` is not checked here: the local clock may be wrong, the server's 401 is not.
 */
export function createSessionStore(area: KeyValueArea): SessionStore {
  return {
    async load() {
      const parsed = sessionSchema.safeParse(await area.get(SESSION_STORAGE_KEY));
      return parsed.success ? parsed.data : null;
    },
    save: (session) => area.set(SESSION_STORAGE_KEY, sessionSchema.parse(session)),
    clear: () => area.remove(SESSION_STORAGE_KEY),
  };
}

/** An in-memory session store (tests, and contexts without extension storage). */
export function memorySessionStore(initial: Session | null = null): SessionStore {
  let session = initial;
  return {
    load: async () => session,
    save: async (s) => {
      session = s;
    },
    clear: async () => {
      session = null;
    },
  };
}
