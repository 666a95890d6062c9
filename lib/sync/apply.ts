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
import { isExactAnnotation, isExactDeal } from './exact-checks';

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

/** Exact fast checks (the value is what the schema would return) for the bulk entities. */
const EXACT_CHECKS: Partial<Record<EntityName, (value: unknown) => boolean>> = {
  deal: isExactDeal,
  annotation: isExactAnnotation,
};

/**
 * An entity value from the server, validated as a pull validates it: with its zod schema,
 * or for deals and notes first with an exact fast check (lib/sync/exact-checks.ts) that
 * accepts only what the schema accepts unchanged; anything else goes to the schema.
 */
export function parseEntity(
  entity: EntityName,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (EXACT_CHECKS[entity]?.(value)) return { ok: true, value };
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

/** What a page leaves of one entity: its last valid value (`server`), or null (deleted). */
export interface FinalChange {
  entity: EntityName;
  id: string;
  server: { value: unknown; version: number } | null;
}

/**
 * A pull page checked and reduced, ready to be written: what `applyPullPage` does before its
 * transaction, which the engine does as soon as a page arrives (while the page before it is
 * being written).
 */
export interface ValidatedPullPage {
  readonly page: PullResponse;
  /** The last valid change of each entity, by entity then id. */
  readonly finals: ReadonlyMap<EntityName, ReadonlyMap<string, FinalChange>>;
  /** Entities with at least one valid change. */
  readonly entities: ReadonlySet<EntityName>;
  /** Changes skipped because their value failed validation, and why. */
  readonly invalid: ReadonlyArray<{ change: Change; message: string }>;
}

/**
 * Validates a page's changes and reduces them to one per entity: each change replaces the
 * whole entity (a put its value, a del its absence), so applying the last valid one gives
 * what applying them all in order gives. A change whose value fails validation is skipped
 * (the previous one stands). No IndexedDB access: pure work on the page.
 */
export function validatePullPage(page: PullResponse): ValidatedPullPage {
  const finals = new Map<EntityName, Map<string, FinalChange>>();
  const entities = new Set<EntityName>();
  const invalid: Array<{ change: Change; message: string }> = [];
  for (const change of page.changes) {
    let server: FinalChange['server'] = null;
    if (change.op !== 'del') {
      const parsed = parseEntity(change.entity, change.value);
      if (!parsed.ok) {
        invalid.push({ change, message: parsed.message });
        continue;
      }
      server = { value: parsed.value, version: change.version };
    }
    let ofEntity = finals.get(change.entity);
    if (!ofEntity) finals.set(change.entity, (ofEntity = new Map()));
    ofEntity.set(change.id, { entity: change.entity, id: change.id, server });
    entities.add(change.entity);
  }
  return { page, finals, entities, invalid };
}

function isValidated(page: PullResponse | ValidatedPullPage): page is ValidatedPullPage {
  return 'finals' in page;
}

/**
 * Writes the final changes of one entity with bulk operations: the requests of a page go to
 * IndexedDB together instead of one round trip each (a first sync writes tens of thousands).
 */
async function writeFinals(
  db: AttainDatabase,
  entity: EntityName,
  finals: readonly FinalChange[],
  gen: number,
): Promise<void> {
  const table = tableOf(db, entity);
  const removed: string[] = [];
  const rows: Array<Record<string, unknown>> = [];
  if (!isLocalEntity(entity)) {
    for (const f of finals) {
      if (!f.server) {
        removed.push(f.id);
        continue;
      }
      const row: ServerRow<unknown> & Record<string, unknown> = {
        ...serverIndexFields(entity, f.server.value),
        id: f.id,
        version: f.server.version,
        value: f.server.value,
        gen,
      };
      rows.push(row);
    }
  } else {
    const ids = finals.map((f) => f.id);
    const pending = await pendingForMany(db, entity, ids);
    const previous = (await table.bulkGet(ids)) as Array<Record<string, unknown> | undefined>;
    finals.forEach((f, i) => {
      const mutations = pending.get(f.id) ?? [];
      const value = replay(f.server?.value ?? null, mutations);
      if (value === null && f.server === null && mutations.length === 0) {
        removed.push(f.id);
        return;
      }
      const row: LocalRow<unknown> & Record<string, unknown> = {
        ...localIndexFields(entity, value ?? f.server?.value ?? null, previous[i]),
        id: f.id,
        value,
        server: f.server,
        gen,
      };
      rows.push(row);
    });
  }
  if (removed.length > 0) await table.bulkDelete(removed);
  if (rows.length > 0) await table.bulkPut(rows);
}

/** The pending mutations of these entities, by id, oldest first. */
async function pendingForMany(
  db: AttainDatabase,
  entity: LocalEntityName,
  ids: readonly string[],
): Promise<Map<string, OutboxRow[]>> {
  const out = new Map<string, OutboxRow[]>();
  if (ids.length === 0 || (await db.outbox.count()) === 0) return out;
  const rows = await db.outbox
    .where('[entity+entityId]')
    .anyOf(ids.map((id) => [entity, id]))
    .sortBy('seq');
  for (const row of rows) {
    const list = out.get(row.entityId);
    if (list) list.push(row);
    else out.set(row.entityId, [row]);
  }
  return out;
}

/**
 * The end of a full resync: rows the server did not send again are gone for this user,
 * except entities with pending mutations (kept as the user sees them, with no server value).
 * `fresh` tables were empty when the resync began: every row in them came from its pages
 * (server-owned tables are written only by pulls), so there is nothing to sweep there, and a
 * first sync does not read back the tens of thousands of rows it has just written.
 */
async function sweep(db: AttainDatabase, gen: number, fresh: ReadonlySet<string>): Promise<void> {
  for (const table of syncedTables(db)) {
    if (fresh.has(table.name)) continue;
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

/** The server-owned tables with no row (local tables also get the user's own writes). */
async function emptyServerTables(db: AttainDatabase): Promise<string[]> {
  const entities = (Object.keys(TABLE_OF_ENTITY) as EntityName[]).filter((e) => !isLocalEntity(e));
  const empty: string[] = [];
  for (const entity of entities) {
    const table = tableOf(db, entity);
    if ((await table.count()) === 0) empty.push(table.name);
  }
  return empty;
}

/**
 * Applies one pull page in ONE transaction with its cursor: first the outbox rows the page
 * acknowledges (`lastMutationSeq`, with the rejections among them kept for the user), then
 * the changes (the last one of each entity, written in bulk; an entity with pending mutations
 * keeps them replayed on the new server value), then the cursor. `reset` starts a full
 * resync: rows it does not confirm by its last page are swept.
 */
export async function applyPullPage(
  db: AttainDatabase,
  input: PullResponse | ValidatedPullPage,
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
  const validated = isValidated(input) ? input : validatePullPage(input);
  const page = validated.page;
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
      const fresh = page.reset
        ? await emptyServerTables(db)
        : sync.resetting
          ? (sync.freshTables ?? [])
          : [];
      for (const [entity, ofEntity] of validated.finals) {
        await writeFinals(db, entity, [...ofEntity.values()], gen);
      }
      for (const entity of validated.entities) result.entities.add(entity);

      // 3. The end of a full resync, and the cursor.
      if (resetting && !page.hasMore) {
        await sweep(db, gen, new Set(fresh));
        for (const e of Object.keys(TABLE_OF_ENTITY) as EntityName[]) result.entities.add(e);
      }
      await db.meta.put({
        key: 'sync',
        cursor: page.cursor,
        lastMutationSeq: page.lastMutationSeq,
        schemaVersion,
        resetGen: gen,
        resetting: resetting && page.hasMore,
        ...(resetting && page.hasMore && fresh.length > 0 ? { freshTables: fresh } : {}),
      });
    }),
  );
  if (result.applied) {
    for (const { change, message } of validated.invalid) {
      result.invalid++;
      log(`skipped ${change.entity} "${change.id}" from the server: ${message}`);
    }
  }
  return result;
}
