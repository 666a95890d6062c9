import type { Deal } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience, type ChangeRecord } from './change-log';
import { annotationChangesForDeals } from './annotations-repository';
import { chunks, IN_LIST_MAX, parseJson, uniq } from './util';

export interface DealRecord {
  deal: Deal;
  /** Everyone the deal belongs to: the owner and every split rep. */
  reps: string[];
  version: number;
}

/** A deal is "theirs" for the owner and every rep in its splits. */
export function dealRepIds(deal: Pick<Deal, 'ownerId' | 'splits'>): string[] {
  return uniq([deal.ownerId, ...(deal.splits ?? []).map((s) => s.repId)]);
}

async function loadReps(trx: Db, dealIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const batch of chunks(uniq(dealIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('deal_reps')
      .selectAll()
      .where('deal_id', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.deal_id, [...(out.get(r.deal_id) ?? []), r.rep_id]);
  }
  return out;
}

type DealRow = { id: string; body: string; version: number };

async function toRecords(trx: Db, rows: DealRow[]): Promise<Map<string, DealRecord>> {
  const reps = await loadReps(
    trx,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { deal: parseJson<Deal>(r.body), reps: (reps.get(r.id) ?? []).sort(), version: r.version },
    ]),
  );
}

export async function getDeals(trx: Db, ids: readonly string[]): Promise<Map<string, DealRecord>> {
  const rows: DealRow[] = [];
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    rows.push(
      ...(await trx
        .selectFrom('deals')
        .select(['id', 'body', 'version'])
        .where('id', 'in', batch)
        .execute()),
    );
  }
  return toRecords(trx, rows);
}

export async function getDeal(trx: Db, id: string): Promise<DealRecord | null> {
  return (await getDeals(trx, [id])).get(id) ?? null;
}

/** Deals by CRM id, for imports. */
export async function getDealIdsByCrmId(
  trx: Db,
  crmIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of chunks(uniq(crmIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('deals')
      .select(['id', 'crm_id'])
      .where('crm_id', 'in', batch)
      .execute();
    for (const r of rows) if (r.crm_id !== null) out.set(r.crm_id, r.id);
  }
  return out;
}

/** The CRM id each of these deals has now (null when it has none). */
export async function getCrmIdsOfDeals(
  trx: Db,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('deals')
      .select(['id', 'crm_id'])
      .where('id', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.id, r.crm_id);
  }
  return out;
}

/** Every deal the reps are on (owner or split), by rep. */
export async function dealsForReps(
  trx: Db,
  repIds: readonly string[],
): Promise<Map<string, Deal[]>> {
  const out = new Map<string, Deal[]>(repIds.map((id) => [id, []]));
  for (const batch of chunks(uniq(repIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('deal_reps')
      .innerJoin('deals', 'deals.id', 'deal_reps.deal_id')
      .select(['deal_reps.rep_id as rep_id', 'deals.body as body'])
      .where('deal_reps.rep_id', 'in', batch)
      .orderBy('deals.id')
      .execute();
    for (const r of rows) out.get(r.rep_id)?.push(parseJson<Deal>(r.body));
  }
  return out;
}

function dealChange(
  id: string,
  reps: Iterable<string>,
  version: number,
  op: 'put' | 'del',
): ChangeRecord {
  return { entity: 'deal', entityId: id, op, audiences: [...reps].map(audience.rep), version };
}

export interface SaveDealsResult {
  created: number;
  updated: number;
  unchanged: number;
}

const DEALS_PER_INSERT = 150;

/**
 * Creates or updates deals (by id) in the caller's transaction. A deal that changes hands
 * (owner or splits) is announced to the reps who had it and those who have it now, with
 * its notes, so the one who lost it receives tombstones.
 */
export async function saveDeals(
  trx: Db,
  now: string,
  deals: readonly Deal[],
): Promise<SaveDealsResult> {
  const existing = await getDeals(
    trx,
    deals.map((d) => d.id),
  );
  const result: SaveDealsResult = { created: 0, updated: 0, unchanged: 0 };
  const rows: Array<{
    id: string;
    crm_id: string | null;
    owner_id: string;
    close_date: string;
    body: string;
    updated_at: string;
    version: number;
  }> = [];
  const repsChanged: Array<{ id: string; reps: string[] }> = [];
  const changes: ChangeRecord[] = [];
  const handedOver: Array<{ id: string; audienceReps: string[] }> = [];
  for (const deal of deals) {
    const before = existing.get(deal.id);
    const body = JSON.stringify(deal);
    if (before && JSON.stringify(before.deal) === body) {
      result.unchanged++;
      continue;
    }
    const version = (before?.version ?? 0) + 1;
    const reps = dealRepIds(deal).sort();
    rows.push({
      id: deal.id,
      crm_id: deal.crmId ?? null,
      owner_id: deal.ownerId,
      close_date: deal.closeDate,
      body,
      updated_at: now,
      version,
    });
    const oldReps = before?.reps ?? [];
    const sameReps = oldReps.length === reps.length && oldReps.every((r, i) => r === reps[i]);
    if (!sameReps) repsChanged.push({ id: deal.id, reps });
    changes.push(dealChange(deal.id, uniq([...oldReps, ...reps]), version, 'put'));
    if (before && !sameReps)
      handedOver.push({ id: deal.id, audienceReps: uniq([...oldReps, ...reps]) });
    if (before) result.updated++;
    else result.created++;
    existing.set(deal.id, { deal, reps, version });
  }
  for (const batch of chunks(rows, DEALS_PER_INSERT)) {
    await trx
      .insertInto('deals')
      .values(batch)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          crm_id: eb.ref('excluded.crm_id'),
          owner_id: eb.ref('excluded.owner_id'),
          close_date: eb.ref('excluded.close_date'),
          body: eb.ref('excluded.body'),
          updated_at: eb.ref('excluded.updated_at'),
          version: eb.ref('excluded.version'),
        })),
      )
      .execute();
  }
  for (const batch of chunks(repsChanged, IN_LIST_MAX)) {
    await trx
      .deleteFrom('deal_reps')
      .where(
        'deal_id',
        'in',
        batch.map((d) => d.id),
      )
      .execute();
    const links = batch.flatMap((d) => d.reps.map((rep_id) => ({ deal_id: d.id, rep_id })));
    for (const linkBatch of chunks(links, IN_LIST_MAX)) {
      await trx.insertInto('deal_reps').values(linkBatch).execute();
    }
  }
  await appendChanges(trx, now, changes);
  if (handedOver.length > 0) {
    await appendChanges(trx, now, await annotationChangesForDeals(trx, handedOver));
  }
  return result;
}

/** Fast path for seeding an empty database: inserts without reading first. */
export async function insertNewDeals(trx: Db, now: string, deals: readonly Deal[]): Promise<void> {
  for (const batch of chunks(deals, DEALS_PER_INSERT)) {
    await trx
      .insertInto('deals')
      .values(
        batch.map((deal) => ({
          id: deal.id,
          crm_id: deal.crmId ?? null,
          owner_id: deal.ownerId,
          close_date: deal.closeDate,
          body: JSON.stringify(deal),
          updated_at: now,
          version: 1,
        })),
      )
      .execute();
    const links = batch.flatMap((d) => dealRepIds(d).map((rep_id) => ({ deal_id: d.id, rep_id })));
    for (const linkBatch of chunks(links, IN_LIST_MAX)) {
      await trx.insertInto('deal_reps').values(linkBatch).execute();
    }
    await appendChanges(
      trx,
      now,
      batch.map((d) => dealChange(d.id, dealRepIds(d), 1, 'put')),
    );
  }
}

/** Deletes a deal with its notes; everyone who had it receives tombstones. */
export async function deleteDeal(trx: Db, now: string, id: string): Promise<boolean> {
  const before = await getDeal(trx, id);
  if (!before) return false;
  const notes = await trx.selectFrom('annotations').selectAll().where('deal_id', '=', id).execute();
  await trx.deleteFrom('annotations').where('deal_id', '=', id).execute();
  await trx.deleteFrom('deal_reps').where('deal_id', '=', id).execute();
  await trx.deleteFrom('deals').where('id', '=', id).execute();
  await appendChanges(trx, now, [
    dealChange(id, before.reps, before.version + 1, 'del'),
    ...notes.map((n): ChangeRecord => ({
      entity: 'annotation',
      entityId: n.id,
      op: 'del',
      audiences: [...before.reps.map(audience.rep), ...before.reps.map(audience.repManagers)],
      version: n.version + 1,
    })),
  ]);
  return true;
}
