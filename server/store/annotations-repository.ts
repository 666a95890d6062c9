import { annotationSchema, type Annotation } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience, type ChangeRecord } from './change-log';
import { chunks, IN_LIST_MAX, uniq } from './util';

export type NoteVisibility = 'shared' | 'managers';

export interface AnnotationRecord {
  id: string;
  dealId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  visibility: NoteVisibility;
  resolved: boolean;
  /** The note this one is a conflict copy of (see docs/api.md). */
  conflictOf: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type Row = {
  id: string;
  deal_id: string;
  parent_id: string | null;
  author_id: string;
  body: string;
  visibility: string;
  resolved: number;
  conflict_of: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): AnnotationRecord {
  return {
    id: r.id,
    dealId: r.deal_id,
    parentId: r.parent_id,
    authorId: r.author_id,
    body: r.body,
    visibility: r.visibility === 'managers' ? 'managers' : 'shared',
    resolved: r.resolved === 1,
    conflictOf: r.conflict_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Shared notes reach the deal's reps (and so their managers); the others only managers. */
export function annotationAudiences(
  visibility: NoteVisibility,
  dealReps: readonly string[],
): string[] {
  return dealReps.map(visibility === 'shared' ? audience.rep : audience.repManagers);
}

/** True when the lead has added `conflictOf` to annotationSchema (see the final report). */
const schemaHasConflictOf = 'conflictOf' in annotationSchema.shape;

export function toAnnotationEntity(
  rec: AnnotationRecord,
  authorName: string | undefined,
): Annotation {
  const out: Annotation = {
    id: rec.id,
    dealId: rec.dealId,
    authorId: rec.authorId,
    body: rec.body,
    visibility: rec.visibility,
    resolved: rec.resolved,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    version: rec.version,
  };
  if (rec.parentId !== null) out.parentId = rec.parentId;
  if (authorName !== undefined) out.authorName = authorName;
  if (schemaHasConflictOf && rec.conflictOf !== null) {
    (out as Record<string, unknown>).conflictOf = rec.conflictOf;
  }
  return out;
}

export async function getAnnotations(
  trx: Db,
  ids: readonly string[],
): Promise<Map<string, AnnotationRecord>> {
  const out = new Map<string, AnnotationRecord>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx.selectFrom('annotations').selectAll().where('id', 'in', batch).execute();
    for (const r of rows) out.set(r.id, toRecord(r));
  }
  return out;
}

export async function getAnnotation(trx: Db, id: string): Promise<AnnotationRecord | null> {
  return (await getAnnotations(trx, [id])).get(id) ?? null;
}

export async function listAnnotationsForDeals(
  trx: Db,
  dealIds: readonly string[],
): Promise<AnnotationRecord[]> {
  const out: AnnotationRecord[] = [];
  for (const batch of chunks(uniq(dealIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('annotations')
      .selectAll()
      .where('deal_id', 'in', batch)
      .execute();
    out.push(...rows.map(toRecord));
  }
  return out;
}

export async function insertAnnotation(
  trx: Db,
  now: string,
  rec: AnnotationRecord,
  dealReps: readonly string[],
): Promise<void> {
  await trx
    .insertInto('annotations')
    .values({
      id: rec.id,
      deal_id: rec.dealId,
      parent_id: rec.parentId,
      author_id: rec.authorId,
      body: rec.body,
      visibility: rec.visibility,
      resolved: rec.resolved ? 1 : 0,
      conflict_of: rec.conflictOf,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
      version: rec.version,
    })
    .execute();
  await appendChanges(trx, now, [
    {
      entity: 'annotation',
      entityId: rec.id,
      op: 'put',
      audiences: annotationAudiences(rec.visibility, dealReps),
      version: rec.version,
    },
  ]);
}

/**
 * Updates a note if it is still at `baseVersion` (a compare-and-set, safe without locks on
 * both databases). Returns the new version, or null when someone else changed it first.
 */
export async function updateAnnotationIfVersion(
  trx: Db,
  now: string,
  rec: AnnotationRecord,
  baseVersion: number,
  patch: { body?: string; resolved?: boolean },
  dealReps: readonly string[],
): Promise<number | null> {
  const version = baseVersion + 1;
  const result = await trx
    .updateTable('annotations')
    .set({
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.resolved !== undefined ? { resolved: patch.resolved ? 1 : 0 } : {}),
      updated_at: now,
      version,
    })
    .where('id', '=', rec.id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  await appendChanges(trx, now, [
    {
      entity: 'annotation',
      entityId: rec.id,
      op: 'put',
      audiences: annotationAudiences(rec.visibility, dealReps),
      version,
    },
  ]);
  return version;
}

/** Deletes a note; deleting the first note of a thread deletes its replies too. */
export async function deleteAnnotationThread(
  trx: Db,
  now: string,
  rec: AnnotationRecord,
  dealReps: readonly string[],
): Promise<string[]> {
  const doomed = [rec];
  if (rec.parentId === null) {
    const replies = await trx
      .selectFrom('annotations')
      .selectAll()
      .where('parent_id', '=', rec.id)
      .execute();
    doomed.push(...replies.map(toRecord));
  }
  const ids = doomed.map((d) => d.id);
  for (const batch of chunks(ids, IN_LIST_MAX)) {
    await trx.deleteFrom('annotations').where('id', 'in', batch).execute();
  }
  await appendChanges(
    trx,
    now,
    doomed.map((d) => ({
      entity: 'annotation' as const,
      entityId: d.id,
      op: 'del' as const,
      audiences: annotationAudiences(d.visibility, dealReps),
      version: d.version + 1,
    })),
  );
  return ids;
}

/**
 * Change records for every note on deals that changed hands: addressed to the reps who had
 * the deal and those who have it now (and their managers), so both sides update.
 */
export async function annotationChangesForDeals(
  trx: Db,
  deals: ReadonlyArray<{ id: string; audienceReps: readonly string[] }>,
): Promise<ChangeRecord[]> {
  const repsByDeal = new Map(deals.map((d) => [d.id, d.audienceReps]));
  const notes = await listAnnotationsForDeals(trx, [...repsByDeal.keys()]);
  return notes.map((n) => {
    const reps = repsByDeal.get(n.dealId) ?? [];
    return {
      entity: 'annotation',
      entityId: n.id,
      op: 'put',
      audiences: [...reps.map(audience.rep), ...reps.map(audience.repManagers)],
      version: n.version,
    };
  });
}

/** Change records for an author's notes (they show the author's name). */
export async function annotationChangesForAuthor(
  trx: Db,
  authorId: string,
): Promise<ChangeRecord[]> {
  const rows = await trx
    .selectFrom('annotations')
    .innerJoin('deal_reps', 'deal_reps.deal_id', 'annotations.deal_id')
    .select([
      'annotations.id as id',
      'annotations.visibility as visibility',
      'annotations.version as version',
      'deal_reps.rep_id as rep_id',
    ])
    .where('annotations.author_id', '=', authorId)
    .execute();
  const byNote = new Map<string, { visibility: NoteVisibility; version: number; reps: string[] }>();
  for (const r of rows) {
    const entry = byNote.get(r.id) ?? {
      visibility: r.visibility === 'managers' ? ('managers' as const) : ('shared' as const),
      version: r.version,
      reps: [],
    };
    entry.reps.push(r.rep_id);
    byNote.set(r.id, entry);
  }
  return [...byNote].map(([id, n]) => ({
    entity: 'annotation' as const,
    entityId: id,
    op: 'put' as const,
    audiences: annotationAudiences(n.visibility, n.reps),
    version: n.version,
  }));
}
