import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { User } from '../../lib/domain';
import { AttainDatabase } from '../../lib/db';

let counter = 0;

/** A database of its own in a fresh fake IndexedDB (no test sees another's data). */
export function openTestDb(indexedDB: IDBFactory = new IDBFactory()): AttainDatabase {
  return new AttainDatabase(`attain-test-${++counter}`, { indexedDB, IDBKeyRange });
}

export const manager: User = {
  id: 'u-manager',
  email: 'mona@example.com',
  name: 'Mona Manager',
  role: 'manager',
  teamIds: [],
  managesTeamIds: ['t-1'],
  active: true,
};

export const rep: User = {
  id: 'u-rep',
  email: 'rick@example.com',
  name: 'Rick Rep',
  role: 'rep',
  teamIds: ['t-1'],
  managesTeamIds: [],
  active: true,
};

/** What a sign-in leaves in IndexedDB: the account and the user. */
export async function signInLocally(db: AttainDatabase, user: User = manager): Promise<void> {
  await db.meta.put({
    key: 'account',
    userId: user.id,
    email: user.email,
    serverUrl: 'http://127.0.0.1:1',
    signedIn: true,
  });
  await db.me.put({ id: 'me', version: 1, value: user, gen: 0 });
}

/** A clock that moves one second per call, from a fixed start. */
export function steppingClock(start = '2026-03-02T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}
