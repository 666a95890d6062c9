import {
  SYNC_SCHEMA_VERSION,
  type Change,
  type EntityName,
  type PullRequest,
  type PullResponse,
} from '../../lib/domain';
import type { Viewer } from '../auth/viewer';
import { ApiError } from '../http/errors';
import { audience, RESET_ENTITY } from '../store/change-log';
import type { Db, Store } from '../store/db';
import { ensureSyncClient, rejectionsAfter, setResetThrough } from '../store/sync-repository';
import { decodeCursor, encodeCursor } from './cursor';
import { loadEntities, ME_ID } from './entities';
import { audienceKeys, loadReadScope } from './visibility';

export function assertSchemaVersion(version: number): void {
  if (version !== SYNC_SCHEMA_VERSION) {
    throw new ApiError(
      409,
      'schema_mismatch',
      `This server speaks sync schema version ${SYNC_SCHEMA_VERSION}; the client sent ${version}. Update the extension.`,
      { serverSchemaVersion: SYNC_SCHEMA_VERSION, clientSchemaVersion: version },
    );
  }
}

interface LogRow {
  seq: number;
  entity: string;
  entity_id: string;
}

async function readLog(
  trx: Db,
  viewer: Viewer,
  keys: string[] | 'all',
  fromSeq: number,
  horizon: number,
  limit: number,
): Promise<LogRow[]> {
  let q = trx
    .selectFrom('change_log')
    .select(['seq', 'entity', 'entity_id'])
    .where('seq', '>', fromSeq)
    .where('seq', '<=', horizon)
    .where('entity', '!=', RESET_ENTITY);
  if (keys === 'all') {
    // Admins read every row except those addressed to one other user (their private state).
    const mine = audience.user(viewer.id);
    q = q.where((eb) => eb.or([eb('audience', 'not like', 'user:%'), eb('audience', '=', mine)]));
  } else {
    q = q.where('audience', 'in', keys);
  }
  const rows = await q
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), entity: r.entity, entity_id: r.entity_id }));
}

interface PullState {
  epoch: number;
  compactedThrough: number;
  client: { lastMutationSeq: number; resetThrough: number } | null;
  /** The newest resync marker for the viewer in (cursor, horizon], if any. */
  newestMarker: number | null;
  horizon: number;
}

/**
 * Everything the pull decides on, in one round trip (scalar subqueries). `horizon` null: the
 * statement reads it (the highest seq in its own snapshot; see `Store.statementHorizon`).
 */
async function readPullState(
  trx: Db,
  viewer: Viewer,
  clientId: string,
  cursorSeq: number,
  horizon: number | null,
): Promise<PullState> {
  const row = await trx
    .selectNoFrom((eb) => {
      let marker = eb
        .selectFrom('change_log')
        .select((e) => e.fn.max('seq').as('m'))
        .where('audience', '=', audience.user(viewer.id))
        .where('entity', '=', RESET_ENTITY)
        .where('seq', '>', cursorSeq);
      // Without a given horizon every seq in the snapshot is at or below it.
      if (horizon !== null) marker = marker.where('seq', '<=', horizon);
      return [
        eb.selectFrom('meta').select('value').where('key', '=', 'epoch').as('epoch'),
        eb
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'compacted_through')
          .as('compacted'),
        eb
          .selectFrom('sync_clients')
          .select('last_mutation_seq')
          .where('user_id', '=', viewer.id)
          .where('client_id', '=', clientId)
          .as('last_mutation_seq'),
        eb
          .selectFrom('sync_clients')
          .select('reset_through')
          .where('user_id', '=', viewer.id)
          .where('client_id', '=', clientId)
          .as('reset_through'),
        marker.as('newest_marker'),
        horizon === null
          ? eb
              .selectFrom('change_log')
              .select((e) => e.fn.max('seq').as('h'))
              .as('horizon')
          : eb.val(horizon).as('horizon'),
      ];
    })
    .executeTakeFirstOrThrow();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const last = num(row.last_mutation_seq);
  return {
    epoch: num(row.epoch) ?? 0,
    compactedThrough: num(row.compacted) ?? 0,
    client:
      last === null ? null : { lastMutationSeq: last, resetThrough: num(row.reset_through) ?? 0 },
    newestMarker: num(row.newest_marker),
    horizon: horizon ?? num(row.horizon) ?? 0,
  };
}

/** Whether a cursor can be continued from (else the pull is a full resync from 0). */
function cursorUsable(
  reqCursor: number,
  cursor: { epoch: number; seq: number },
  state: PullState,
): boolean {
  // A cursor is usable when this client pulled before, it comes from this database (its
  // epoch), it is neither from the future nor from before a compaction, and no resync
  // marker newer than the client's last resync lies after it.
  const { client } = state;
  return (
    reqCursor !== 0 &&
    client !== null &&
    cursor.epoch === state.epoch &&
    cursor.seq <= state.horizon &&
    cursor.seq >= state.compactedThrough &&
    (state.newestMarker === null || state.newestMarker <= client.resetThrough)
  );
}

/**
 * The answer to a caught-up client (the steady state of every open sidebar) from one
 * statement, without a transaction: its cursor is usable and at the horizon, and it asks
 * for no rejections. Null when the pull needs more (the general path then reads it again).
 */
async function caughtUpPull(
  store: Store,
  viewer: Viewer,
  req: PullRequest,
): Promise<PullResponse | null> {
  if (req.cursor === 0) return null;
  const cursor = decodeCursor(req.cursor);
  const horizon = await store.statementHorizon();
  const state = await readPullState(store.db, viewer, req.clientId, cursor.seq, horizon);
  if (!cursorUsable(req.cursor, cursor, state) || cursor.seq !== state.horizon) return null;
  const lastMutationSeq = state.client!.lastMutationSeq;
  if (req.rejectionsAfter < lastMutationSeq) return null;
  return {
    cursor: encodeCursor(state.epoch, state.horizon),
    lastMutationSeq,
    changes: [],
    hasMore: false,
    rejections: [],
  };
}

/** Latest value (or tombstone) of each entity named in the page, in change-log order. */
async function changesFor(
  trx: Db,
  scope: Awaited<ReturnType<typeof loadReadScope>>,
  rows: LogRow[],
): Promise<Change[]> {
  const order: Array<{ entity: EntityName; id: string }> = [];
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    const key = `${r.entity}\u0000${r.entity_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    order.push({ entity: r.entity as EntityName, id: r.entity_id });
  }
  order.reverse();
  const byEntity = new Map<EntityName, string[]>();
  for (const o of order) {
    const ids = byEntity.get(o.entity);
    if (ids) ids.push(o.id);
    else byEntity.set(o.entity, [o.id]);
  }
  const loaded = new Map<EntityName, Awaited<ReturnType<typeof loadEntities>>>();
  for (const [entity, ids] of byEntity)
    loaded.set(entity, await loadEntities(trx, scope, entity, ids));
  return order.map(({ entity, id }) => {
    const value = loaded.get(entity)?.get(id) ?? null;
    const outId = entity === 'me' ? ME_ID : id;
    return value
      ? { entity, op: 'put', id: outId, value: value.value, version: value.version }
      : { entity, op: 'del', id: outId, value: null, version: 0 };
  });
}

/**
 * POST /v1/sync/pull: the changes the viewer may see after their cursor, read in one
 * snapshot with the change-log horizon (see docs/api.md, "Pull").
 */
export async function pull(
  store: Store,
  viewer: Viewer,
  req: PullRequest,
  now: Date,
): Promise<PullResponse> {
  assertSchemaVersion(req.schemaVersion);
  const caughtUp = await caughtUpPull(store, viewer, req);
  if (caughtUp !== null) return caughtUp;
  const result = await store.readChanges(async (trx, horizon) => {
    const cursor = decodeCursor(req.cursor);
    const state = await readPullState(trx, viewer, req.clientId, cursor.seq, horizon);
    const { epoch, client } = state;
    const fromSeq = cursorUsable(req.cursor, cursor, state) ? cursor.seq : 0;
    // A caught-up client (the steady state of every open sidebar) has nothing after its
    // cursor: no change-log row lies in (horizon, horizon], so skip the scope and the log.
    let page: LogRow[] = [];
    let hasMore = false;
    let changes: Change[] = [];
    if (fromSeq < horizon) {
      const scope = await loadReadScope(trx, viewer);
      const rows = await readLog(trx, viewer, audienceKeys(scope), fromSeq, horizon, req.limit);
      hasMore = rows.length > req.limit;
      page = hasMore ? rows.slice(0, req.limit) : rows;
      changes = await changesFor(trx, scope, page);
    }
    const lastMutationSeq = client?.lastMutationSeq ?? 0;
    // No rejection can be newer than the last mutation seen: skip the query when caught up.
    const rejections =
      client && req.rejectionsAfter < lastMutationSeq
        ? await rejectionsAfter(trx, viewer.id, req.clientId, req.rejectionsAfter)
        : [];
    const response: PullResponse = {
      cursor: encodeCursor(epoch, hasMore ? page.at(-1)!.seq : horizon),
      lastMutationSeq,
      changes,
      hasMore,
      rejections,
    };
    if (fromSeq === 0) response.reset = true;
    return {
      response,
      clientKnown: client !== null,
      // A full resync moves the client's reset mark up to here (unless it is there already).
      fullFrom:
        fromSeq === 0 && (client === null || client.resetThrough < horizon) ? horizon : null,
    };
  });
  if (!result.clientKnown || result.fullFrom !== null) {
    // Remember that this client resynced up to here, so the markers it has honoured do not
    // trigger again on its next pages.
    await store.write(async (trx) => {
      await ensureSyncClient(trx, viewer.id, req.clientId, now.toISOString());
      if (result.fullFrom !== null)
        await setResetThrough(trx, viewer.id, req.clientId, result.fullFrom);
    });
  }
  return result.response;
}
