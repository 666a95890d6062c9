import { expect } from 'vitest';
import { SYNC_SCHEMA_VERSION, type Change } from '../../../lib/domain';
import type { Api, HttpResult } from './server';

export interface PulledState {
  /** Latest change per `entity/id` after applying every page. */
  entities: Map<string, Change>;
  cursor: number;
  pages: number;
  resets: number;
  lastMutationSeq: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rejections as the server sent them
  rejections: any[];
}

export const key = (c: Pick<Change, 'entity' | 'id'>) => `${c.entity}/${c.id}`;

/** Pulls page after page until hasMore is false, applying changes like a client would. */
export async function pullAll(
  api: Api,
  token: string,
  clientId: string,
  options: {
    cursor?: number;
    limit?: number;
    state?: Map<string, Change>;
    rejectionsAfter?: number;
  } = {},
): Promise<PulledState> {
  const entities = options.state ?? new Map<string, Change>();
  let cursor = options.cursor ?? 0;
  let pages = 0;
  let resets = 0;
  let lastMutationSeq = 0;
  const rejections = [];
  for (;;) {
    const res = await api.post(
      '/v1/sync/pull',
      {
        clientId,
        cursor,
        schemaVersion: SYNC_SCHEMA_VERSION,
        ...(options.limit ? { limit: options.limit } : {}),
        rejectionsAfter: options.rejectionsAfter ?? 0,
      },
      token,
    );
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${res.text}`);
    pages++;
    if (res.body.reset) {
      resets++;
      entities.clear();
    }
    for (const change of res.body.changes as Change[]) {
      if (change.op === 'del') entities.delete(key(change));
      else entities.set(key(change), change);
    }
    if (pages === 1) rejections.push(...res.body.rejections);
    lastMutationSeq = res.body.lastMutationSeq;
    expect(res.body.cursor).toBeGreaterThanOrEqual(0);
    cursor = res.body.cursor;
    if (!res.body.hasMore) break;
    if (pages > 10_000) throw new Error('pull never finished');
  }
  return { entities, cursor, pages, resets, lastMutationSeq, rejections };
}

/** One pull page, raw. */
export function pullPage(
  api: Api,
  token: string,
  clientId: string,
  cursor: number,
  limit = 1000,
): Promise<HttpResult> {
  return api.post(
    '/v1/sync/pull',
    { clientId, cursor, schemaVersion: SYNC_SCHEMA_VERSION, limit },
    token,
  );
}

export function push(
  api: Api,
  token: string,
  clientId: string,
  mutations: Array<{ seq: number; name: string; args: unknown }>,
): Promise<HttpResult> {
  return api.post(
    '/v1/sync/push',
    { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations },
    token,
  );
}
