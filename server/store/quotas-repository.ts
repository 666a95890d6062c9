import type { FxRate, Quota } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience, type ChangeRecord } from './change-log';
import { entityKey } from './entity-keys';
import { chunks, IN_LIST_MAX, uniq } from './util';

export interface QuotaRecord {
  quota: Quota;
  version: number;
}

type QuotaRow = { rep_id: string; period_start: string; amount: number; version: number };

const toQuota = (r: QuotaRow): QuotaRecord => ({
  quota: { repId: r.rep_id, periodStart: r.period_start, amount: Number(r.amount) },
  version: r.version,
});

export async function listQuotas(trx: Db, repIds?: readonly string[]): Promise<QuotaRecord[]> {
  const cols = ['rep_id', 'period_start', 'amount', 'version'] as const;
  if (repIds === undefined) {
    const rows = await trx
      .selectFrom('quotas')
      .select(cols)
      .orderBy('rep_id')
      .orderBy('period_start')
      .execute();
    return rows.map(toQuota);
  }
  const out: QuotaRecord[] = [];
  for (const batch of chunks(uniq(repIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('quotas')
      .select(cols)
      .where('rep_id', 'in', batch)
      .orderBy('rep_id')
      .orderBy('period_start')
      .execute();
    out.push(...rows.map(toQuota));
  }
  return out;
}

const quotaChange = (q: Quota, version: number, op: 'put' | 'del'): ChangeRecord => ({
  entity: 'quota',
  entityId: entityKey.quota(q.repId, q.periodStart),
  op,
  audiences: [audience.rep(q.repId)],
  version,
});

/** Creates or replaces quotas (by rep and period start). */
export async function saveQuotas(
  trx: Db,
  now: string,
  quotas: readonly Quota[],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const existing = new Map(
    (
      await listQuotas(
        trx,
        quotas.map((q) => q.repId),
      )
    ).map((r) => [entityKey.quota(r.quota.repId, r.quota.periodStart), r]),
  );
  const result = { created: 0, updated: 0, unchanged: 0 };
  const changes: ChangeRecord[] = [];
  for (const q of quotas) {
    const key = entityKey.quota(q.repId, q.periodStart);
    const before = existing.get(key);
    if (before && before.quota.amount === q.amount) {
      result.unchanged++;
      continue;
    }
    const version = (before?.version ?? 0) + 1;
    await trx
      .insertInto('quotas')
      .values({
        rep_id: q.repId,
        period_start: q.periodStart,
        amount: q.amount,
        updated_at: now,
        version,
      })
      .onConflict((oc) =>
        oc
          .columns(['rep_id', 'period_start'])
          .doUpdateSet({ amount: q.amount, updated_at: now, version }),
      )
      .execute();
    existing.set(key, { quota: q, version });
    changes.push(quotaChange(q, version, 'put'));
    if (before) result.updated++;
    else result.created++;
  }
  await appendChanges(trx, now, changes);
  return result;
}

export async function deleteQuota(
  trx: Db,
  now: string,
  repId: string,
  periodStart: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('quotas')
    .select(['rep_id', 'period_start', 'amount', 'version'])
    .where('rep_id', '=', repId)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
  if (!row) return false;
  await trx
    .deleteFrom('quotas')
    .where('rep_id', '=', repId)
    .where('period_start', '=', periodStart)
    .execute();
  const rec = toQuota(row);
  await appendChanges(trx, now, [quotaChange(rec.quota, rec.version + 1, 'del')]);
  return true;
}

// FX rates ------------------------------------------------------------------------------

export interface FxRateRecord {
  rate: FxRate;
  version: number;
}

export async function listFxRates(trx: Db): Promise<FxRateRecord[]> {
  const rows = await trx
    .selectFrom('fx_rates')
    .select(['from_currency', 'to_currency', 'date', 'rate', 'version'])
    .orderBy('from_currency')
    .orderBy('to_currency')
    .orderBy('date')
    .execute();
  return rows.map((r) => ({
    rate: { from: r.from_currency, to: r.to_currency, date: r.date, rate: Number(r.rate) },
    version: r.version,
  }));
}

const fxChange = (r: FxRate, version: number, op: 'put' | 'del'): ChangeRecord => ({
  entity: 'fxRate',
  entityId: entityKey.fxRate(r.from, r.to, r.date),
  op,
  audiences: [audience.all],
  version,
});

export async function saveFxRates(
  trx: Db,
  now: string,
  rates: readonly FxRate[],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const existing = new Map(
    (await listFxRates(trx)).map((r) => [entityKey.fxRate(r.rate.from, r.rate.to, r.rate.date), r]),
  );
  const result = { created: 0, updated: 0, unchanged: 0 };
  const changes: ChangeRecord[] = [];
  for (const r of rates) {
    const key = entityKey.fxRate(r.from, r.to, r.date);
    const before = existing.get(key);
    if (before && before.rate.rate === r.rate) {
      result.unchanged++;
      continue;
    }
    const version = (before?.version ?? 0) + 1;
    await trx
      .insertInto('fx_rates')
      .values({
        from_currency: r.from,
        to_currency: r.to,
        date: r.date,
        rate: r.rate,
        updated_at: now,
        version,
      })
      .onConflict((oc) =>
        oc
          .columns(['from_currency', 'to_currency', 'date'])
          .doUpdateSet({ rate: r.rate, updated_at: now, version }),
      )
      .execute();
    existing.set(key, { rate: r, version });
    changes.push(fxChange(r, version, 'put'));
    if (before) result.updated++;
    else result.created++;
  }
  await appendChanges(trx, now, changes);
  return result;
}

export async function deleteFxRate(
  trx: Db,
  now: string,
  from: string,
  to: string,
  date: string,
): Promise<boolean> {
  const before = (await listFxRates(trx)).find(
    (r) => r.rate.from === from && r.rate.to === to && r.rate.date === date,
  );
  if (!before) return false;
  await trx
    .deleteFrom('fx_rates')
    .where('from_currency', '=', from)
    .where('to_currency', '=', to)
    .where('date', '=', date)
    .execute();
  await appendChanges(trx, now, [fxChange(before.rate, before.version + 1, 'del')]);
  return true;
}
