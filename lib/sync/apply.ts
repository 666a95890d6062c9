import type { Table } from 'dexie';
import type { z } from 'zod';
import {
  annotationSchema,
  coachingPromptSchema,
  dealSchema,
  enpsStatusSchema,
  fxRateSchema,
  planAssignmentSchema,
  planSchema,
  promptStateSchema,
  quotaSchema,
  settingsSchema,
  surveySchema,
  teamSchema,
  userSchema,
  type Change,
  type Deal,
  type EntityName,
  type Plan,
  type PullResponse,
  type PushResponse,
} from '../domain';
import {
  dealRepIds,
  guardStorage,
  LOCAL_TABLE_OF,
  localIndexFields,
  replay,
  TABLE_OF_ENTITY,
  type AttainDatabase,
  type LocalEntityName,
  type LocalRow,
  type OutboxRow,
  type RejectionRow,
  type ServerRow,
  type SyncMetaRow,
} from '../db';

/** How each entity that travels in a pull is validated before it is stored. */
const ENTITY_SCHEMAS: Record<EntityName, z.ZodType> = {
  me: userSchema,
  user: userSchema,
  team: teamSchema,
  plan: planSchema,
  planAssignment: planAssignmentSchema,
  quota: quotaSchema,
  fxRate: fxRateSchema,
  deal: dealSchema,
  annotation: annotationSchema,
  prompt: coachingPromptSchema,
  promptState: promptStateSchema,
  survey: surveySchema,
  enpsStatus: enpsStatusSchema,
  settings: settingsSchema,
};

/** An entity value from the server, validated as a pull validates it. */
export function parseEntity(
  entity: EntityName,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = ENTITY_SCHEMAS[entity].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, message: first ? `${first.path.join('.')}: ${first.message}` : 'invalid' };
}

const LOCAL_ENTITIES: ReadonlySet<EntityName> = new Set<LocalEntityName>([
  'annotation',
  'prompt',
  'promptState',
  'enpsStatus',
]);

function isLocalEntity(entity: EntityName): entity is LocalEntityName {
  return LOCAL_ENTITIES.has(entity);
}

/** The indexed fields of a server-owned row. */
function serverIndexFields(entity: EntityName, value: unknown): Record<string, unknown> {
  switch (entity) {
    case 'deal': {
      const deal = value as Deal;
      return {
        ownerId: deal.ownerId,
        repIds: dealRepIds(deal),
        ...(deal.crmId !== undefined ? { crmId: deal.crmId } : {}),
      };
    }
    case 'plan':
      return { planId: (value as Plan).id };
    case 'planAssignment':
    case 'quota':
      return { repId: (value as { repId: string }).repId };
    default:
      return {};
  }
}

type AnyTable = Table<Record<string, unknown>, string>;

function tableOf(db: AttainDatabase, entity: EntityName): AnyTable {
  return db.table(TABLE_OF_ENTITY[entity]) as AnyTable;
}

function localTables(db: AttainDatabase): AnyTable[] {
  return Object.values(LOCAL_TABLE_OF).map((t) => db.table(t) as AnyTable);
}

function syncedTables(db: AttainDatabase): AnyTable[] {
  return Object.values(TABLE_OF_ENTITY).map((t) => db.table(t) as AnyTable);
}

async function pendingFor(
  db: AttainDatabase,
  entity: LocalEntityName,
  id: string,
): Promise<OutboxRow[]> {
  return db.outbox.where('[entity+entityId]').equals([entity, id]).sortBy('seq');
}

/**
 * Writes a local entity's row from its server value and its pending mutations; removes the
 * row when neither the server nor a pending mutation has the entity.
 */
async function writeLocalRow(
  db: AttainDatabase,
  entity: LocalEntityName,
  id: string,
  server: { value: unknown; version: number } | null,
  gen: number,
): Promise<void> {
  const table = tableOf(db, entity);
  const pending = await pendingFor(db, entity, id);
  const value = replay(server?.value ?? null, pending);
  if (value === null && server === null && pending.length === 0) {
    await table.delete(id);
    return;
  }
  const previous = (await table.get(id)) as Record<string, unknown> | undefined;
  const row: LocalRow<unknown> & Record<string, unknown> = {
    ...localIndexFields(entity, value ?? server?.value ?? null, previous),
    id,
    value,
    server,
    gen,
  };
  await table.put(row);
}

/** Recomputes what the user sees of an entity after some of its mutations left the outbox. */
async function recomputeLocal(db: AttainDatabase, entity: LocalEntityName, id: string) {
  const row = (await tableOf(db, entity).get(id)) as LocalRow<unknown> | undefined;
  await writeLocalRow(db, entity, id, row?.server ?? null, row?.gen ?? 0);
}

function rejectionOf(
  row: OutboxRow,
  error: { code: string; message: string },
  rejectedAt: string,
): RejectionRow {
  return {
    seq: row.seq,
    name: row.name,
    args: row.args,
    entity: row.entity,
    entityId: row.entityId,
    code: error.code,
    message: error.message,
    createdAt: row.createdAt,
    rejectedAt,
  };
}

async function readSyncMeta(db: AttainDatabase): Promise<SyncMetaRow> {
  const row = await db.meta.get('sync');
  return (
    (row as SyncMetaRow | undefined) ?? {
      key: 'sync',
      cursor: 0,
      lastMutationSeq: 0,
      schemaVersion: 0,
      resetGen: 0,
      resetting: false,
    }
  );
}

export interface PushApplyResult {
  applied: number;
  rejected: number;
  /** Acknowledged as duplicates: their outcome is learned from the next pull's rejections. */
  duplicates: number;
}

/**
 * Applies a push answer in ONE transaction: applied rows leave the outbox (the entity keeps
 * its local value until the pull brings the server's); rejected rows move to `rejections`
 * and their entity falls back to the server value; duplicates stay until a pull says whether
 * they were rejected (the answer that said so was lost).
 */
export async function applyPushResponse(
  db: AttainDatabase,
  response: Pick<PushResponse, 'lastMutationSeq' | 'results'>,
  now: string,
): Promise<PushApplyResult> {
  const result: PushApplyResult = { applied: 0, rejected: 0, duplicates: 0 };
  await guardStorage(() =>
    db.transaction('rw', [db.outbox, db.rejections, db.meta, ...localTables(db)], async () => {
      const touched = new Map<string, { entity: LocalEntityName; id: string }>();
      for (const r of response.results) {
        const row = await db.outbox.get(r.seq);
        if (!row) continue;
        if (r.status === 'duplicate') {
          result.duplicates++;
          continue;
        }
        await db.outbox.delete(r.seq);
        if (r.status === 'applied') {
          result.applied++;
        } else {
          result.rejected++;
          await db.rejections.add(
            rejectionOf(
              row,
              r.error ?? { code: 'rejected', message: 'The server refused this change.' },
              now,
            ),
          );
          touched.set(`${row.entity}\u0000${row.entityId}`, {
            entity: row.entity,
            id: row.entityId,
          });
        }
      }
      for (const t of touched.values()) await recomputeLocal(db, t.entity, t.id);
      const sync = await readSyncMeta(db);
      await db.meta.put({ ...sync, lastMutationSeq: response.lastMutationSeq });
    }),
  );
  return result;
}

/**
 * After a 409 mutation_gap (the server's `lastMutationSeq` is below the first seq we hold:
 * its database was restored, or it forgot this client), the still-unacknowledged mutations
 * are numbered again from `serverLast + 1`, in order, in one transaction.
 */
export async function renumberOutbox(db: AttainDatabase, serverLast: number): Promise<number> {
  return guardStorage(() =>
    db.transaction('rw', [db.outbox, db.meta], async () => {
      const rows = await db.outbox.where('seq').above(serverLast).sortBy('seq');
      await db.outbox.bulkDelete(rows.map((r) => r.seq));
      let seq = serverLast;
      const renumbered = rows.map((r) => ({ ...r, seq: ++seq }));
      await db.outbox.bulkAdd(renumbered);
      const sync = await readSyncMeta(db);
      await db.meta.put({ ...sync, lastMutationSeq: serverLast });
      await db.meta.put({ key: 'seq', lastAllocated: seq });
      return renumbered.length;
    }),
  );
}

export interface PullApplyResult {
  /** False when another runner moved the cursor first (nothing was applied). */
  applied: boolean;
  entities: Set<EntityName>;
  /** Changes whose value failed validation and were skipped. */
  invalid: number;
  /** Outbox rows acknowledged by this page (applied or rejected). */
  acknowledged: number;
  rejected: number;
}

async function applyChange(
  db: AttainDatabase,
  change: Change,
  gen: number,
  onInvalid: (change: Change, message: string) => void,
): Promise<boolean> {
  const table = tableOf(db, change.entity);
  if (change.op === 'del') {
    if (isLocalEntity(change.entity)) {
      await writeLocalRow(db, change.entity, change.id, null, gen);
    } else {
      await table.delete(change.id);
    }
    return true;
  }
  const parsed = parseEntity(change.entity, change.value);
  if (!parsed.ok) {
    onInvalid(change, parsed.message);
    return false;
  }
  if (isLocalEntity(change.entity)) {
    await writeLocalRow(
      db,
      change.entity,
      change.id,
      { value: parsed.value, version: change.version },
      gen,
    );
  } else {
    const row: ServerRow<unknown> & Record<string, unknown> = {
      ...serverIndexFields(change.entity, parsed.value),
      id: change.id,
      version: change.version,
      value: parsed.value,
      gen,
    };
    await table.put(row);
  }
  return true;
}

/**
 * The end of a full resync: rows the server did not send again are gone for this user,
 * except entities with pending mutations (kept as the user sees them, with no server value).
 */
async function sweep(db: AttainDatabase, gen: number): Promise<void> {
  for (const table of syncedTables(db)) {
    const stale = (await table.filter((r) => r.gen !== gen).toArray()) as Array<{ id: string }>;
    if (stale.length === 0) continue;
    const entity = (Object.keys(TABLE_OF_ENTITY) as EntityName[]).find(
      (e) => TABLE_OF_ENTITY[e] === table.name,
    )!;
    if (!isLocalEntity(entity)) {
      await table.bulkDelete(stale.map((r) => r.id));
      continue;
    }
    for (const r of stale as Array<LocalRow<unknown> & Record<string, unknown>>) {
      const pending = await db.outbox.where('[entity+entityId]').equals([entity, r.id]).count();
      // Kept as the user sees it; it goes once its mutations are refused, or a pull says so.
      if (pending > 0) await table.put({ ...r, server: null, gen });
      else await table.delete(r.id);
    }
  }
}

/**
 * Applies one pull page in ONE transaction with its cursor: first the outbox rows the page
 * acknowledges (`lastMutationSeq`, with the rejections among them kept for the user), then
 * the changes (an entity with pending mutations keeps them replayed on the new server
 * value), then the cursor. `reset` starts a full resync: rows it does not confirm by its
 * last page are swept.
 */
export async function applyPullPage(
  db: AttainDatabase,
  page: PullResponse,
  requestCursor: number,
  now: string,
  schemaVersion: number,
  log: (message: string) => void = (m) => console.warn(`[attain] ${m}`),
): Promise<PullApplyResult> {
  const result: PullApplyResult = {
    applied: false,
    entities: new Set(),
    invalid: 0,
    acknowledged: 0,
    rejected: 0,
  };
  await guardStorage(() =>
    db.transaction('rw', [db.outbox, db.rejections, db.meta, ...syncedTables(db)], async () => {
      const sync = await readSyncMeta(db);
      if (sync.cursor !== requestCursor) return;
      result.applied = true;

      // 1. Acknowledged mutations.
      const acked = await db.outbox.where('seq').belowOrEqual(page.lastMutationSeq).toArray();
      const rejections = new Map(page.rejections.map((r) => [r.seq, r]));
      const touched = new Map<string, { entity: LocalEntityName; id: string }>();
      for (const row of acked) {
        await db.outbox.delete(row.seq);
        result.acknowledged++;
        const rejection = rejections.get(row.seq);
        if (rejection) {
          result.rejected++;
          await db.rejections.add(rejectionOf(row, rejection, now));
          touched.set(`${row.entity}\u0000${row.entityId}`, {
            entity: row.entity,
            id: row.entityId,
          });
        }
      }
      for (const t of touched.values()) {
        await recomputeLocal(db, t.entity, t.id);
        result.entities.add(t.entity);
      }

      // 2. Changes.
      const gen = page.reset ? sync.resetGen + 1 : sync.resetGen;
      const resetting = page.reset === true || sync.resetting;
      for (const change of page.changes) {
        const ok = await applyChange(db, change, gen, (c, message) => {
          result.invalid++;
          log(`skipped ${c.entity} "${c.id}" from the server: ${message}`);
        });
        if (ok) result.entities.add(change.entity);
      }

      // 3. The end of a full resync, and the cursor.
      if (resetting && !page.hasMore) {
        await sweep(db, gen);
        for (const e of Object.keys(TABLE_OF_ENTITY) as EntityName[]) result.entities.add(e);
      }
      await db.meta.put({
        key: 'sync',
        cursor: page.cursor,
        lastMutationSeq: page.lastMutationSeq,
        schemaVersion,
        resetGen: gen,
        resetting: resetting && page.hasMore,
      });
    }),
  );
  return result;
}
