import { describe, expect, it } from 'vitest';
import { sessionMetaArea } from '../../lib/db';
import { createSessionStore, type Session } from '../../lib/sync';
import { openTestDb } from './helpers';

const session: Session = {
  serverUrl: 'https://attain.example.com',
  token: 'secret-token',
  userId: 'u-rep',
  email: 'rep@example.com',
  expiresAt: '2027-01-01T00:00:00.000Z',
};

describe('the session in IndexedDB', () => {
  it('saves, loads and clears the session in the meta table', async () => {
    const db = openTestDb();
    const store = createSessionStore(sessionMetaArea(db));
    expect(await store.load()).toBeNull();
    await store.save(session);
    expect(await store.load()).toEqual(session);
    expect(await db.meta.get('session')).toEqual({ key: 'session', value: session });
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(await db.meta.get('session')).toBeUndefined();
  });

  it('treats a corrupt entry as signed out', async () => {
    const db = openTestDb();
    await db.meta.put({ key: 'session', value: { token: 42 } });
    expect(await createSessionStore(sessionMetaArea(db)).load()).toBeNull();
  });
});
