import type { EntityName } from '../../lib/domain';
import { canReadRep, canReadTeam, managesRep } from '../auth/viewer';
import { getAnnotations, toAnnotationEntity } from '../store/annotations-repository';
import type { Db } from '../store/db';
import { getDeals } from '../store/deals-repository';
import { enpsStatuses, getSurveys } from '../store/enps-repository';
import { entityKey, splitFxKey, splitKey } from '../store/entity-keys';
import { getUsers, getUserWithTeams, toUserEntity, userNames } from '../store/people-repository';
import { getPrompts, getPromptStates } from '../store/prompts-repository';
import { getSettings, SETTINGS_ID } from '../store/settings-repository';
import { chunks, IN_LIST_MAX, parseJson, uniq } from '../store/util';
import {
  canReadAnnotation,
  canReadDeal,
  canReadPlan,
  canReadSurvey,
  type ReadScope,
} from './visibility';

/** What a viewer gets for an entity id: its value, or null (deleted or not theirs: a tombstone). */
export type Loaded = { value: unknown; version: number } | null;

type Loader = (trx: Db, scope: ReadScope, ids: string[]) => Promise<Map<string, Loaded>>;

/** The `me` entity travels with this id: there is one per client. */
export const ME_ID = 'me';

const loaders: Record<EntityName, Loader> = {
  async me(trx, scope, ids) {
    const out = new Map<string, Loaded>();
    const me = await getUserWithTeams(trx, scope.viewer.id);
    for (const id of ids) {
      out.set(
        id,
        id === scope.viewer.id && me ? { value: toUserEntity(me), version: me.version } : null,
      );
    }
    return out;
  },

  async user(trx, scope, ids) {
    const users = new Map((await getUsers(trx, ids)).map((u) => [u.id, u]));
    return new Map(
      ids.map((id) => {
        const u = users.get(id);
        // Managers read their reps (themselves arrive as `me`); admins read everyone.
        const visible = u !== undefined && managesRep(scope.viewer, u.id);
        return [id, visible ? { value: toUserEntity(u), version: u.version } : null];
      }),
    );
  },

  async team(trx, scope, ids) {
    const out = new Map<string, Loaded>(ids.map((id) => [id, null]));
    for (const batch of chunks(ids, IN_LIST_MAX)) {
      const rows = await trx
        .selectFrom('teams')
        .select(['id', 'name', 'version'])
        .where('id', 'in', batch)
        .execute();
      for (const r of rows) {
        if (canReadTeam(scope.viewer, r.id))
          out.set(r.id, { value: { id: r.id, name: r.name }, version: r.version });
      }
    }
    return out;
  },

  async plan(trx, scope, ids) {
    const out = new Map<string, Loaded>(ids.map((id) => [id, null]));
    const wanted = ids
      .map((key) => ({ key, parts: splitKey(key) }))
      .filter((w) => w.parts !== null && canReadPlan(scope, w.parts[0]));
    for (const batch of chunks(wanted, IN_LIST_MAX)) {
      const rows = await trx
        .selectFrom('plans')
        .select(['id', 'effective_from', 'body', 'version'])
        .where('id', 'in', uniq(batch.map((w) => w.parts![0])))
        .execute();
      const keys = new Set(batch.map((w) => w.key));
      for (const r of rows) {
        const key = entityKey.plan(r.id, r.effective_from);
        if (keys.has(key)) out.set(key, { value: parseJson(r.body), version: r.version });
      }
    }
    return out;
  },

  async planAssignment(trx, scope, ids) {
    const out = new Map<string, Loaded>(ids.map((id) => [id, null]));
    const reps = uniq(ids.map((k) => splitKey(k)?.[0]).filter((r): r is string => r !== undefined));
    const readable = reps.filter((r) => canReadRep(scope.viewer, r));
    for (const batch of chunks(readable, IN_LIST_MAX)) {
      const rows = await trx
        .selectFrom('plan_assignments')
        .selectAll()
        .where('rep_id', 'in', batch)
        .execute();
      for (const r of rows) {
        const key = entityKey.planAssignment(r.rep_id, r.effective_from);
        if (!out.has(key)) continue;
        const value: Record<string, unknown> = {
          repId: r.rep_id,
          planId: r.plan_id,
          effectiveFrom: r.effective_from,
        };
        if (r.effective_to !== null) value.effectiveTo = r.effective_to;
        out.set(key, { value, version: r.version });
      }
    }
    return out;
  },

  async quota(trx, scope, ids) {
    const out = new Map<string, Loaded>(ids.map((id) => [id, null]));
    const reps = uniq(ids.map((k) => splitKey(k)?.[0]).filter((r): r is string => r !== undefined));
    const readable = reps.filter((r) => canReadRep(scope.viewer, r));
    for (const batch of chunks(readable, IN_LIST_MAX)) {
      const rows = await trx
        .selectFrom('quotas')
        .selectAll()
        .where('rep_id', 'in', batch)
        .execute();
      for (const r of rows) {
        const key = entityKey.quota(r.rep_id, r.period_start);
        if (!out.has(key)) continue;
        out.set(key, {
          value: { repId: r.rep_id, periodStart: r.period_start, amount: Number(r.amount) },
          version: r.version,
        });
      }
    }
    return out;
  },

  async fxRate(trx, _scope, ids) {
    // FX rates are few and everyone reads them: one query for the page, not one per id.
    const wanted = new Set(ids);
    const out = new Map<string, Loaded>(ids.map((id) => [id, null]));
    const froms = uniq(
      ids.map((id) => splitFxKey(id)?.[0]).filter((f): f is string => f !== undefined),
    );
    if (froms.length === 0) return out;
    const rows = await trx
      .selectFrom('fx_rates')
      .selectAll()
      .where('from_currency', 'in', froms)
      .execute();
    for (const r of rows) {
      const key = entityKey.fxRate(r.from_currency, r.to_currency, r.date);
      if (!wanted.has(key)) continue;
      out.set(key, {
        value: { from: r.from_currency, to: r.to_currency, date: r.date, rate: Number(r.rate) },
        version: r.version,
      });
    }
    return out;
  },

  async deal(trx, scope, ids) {
    const deals = await getDeals(trx, ids);
    return new Map(
      ids.map((id) => {
        const d = deals.get(id);
        return [
          id,
          d && canReadDeal(scope.viewer, d.reps) ? { value: d.deal, version: d.version } : null,
        ];
      }),
    );
  },

  async annotation(trx, scope, ids) {
    const notes = await getAnnotations(trx, ids);
    const deals = await getDeals(
      trx,
      [...notes.values()].map((n) => n.dealId),
    );
    const names = await userNames(
      trx,
      [...notes.values()].map((n) => n.authorId),
    );
    return new Map(
      ids.map((id) => {
        const n = notes.get(id);
        const reps = n ? (deals.get(n.dealId)?.reps ?? []) : [];
        const visible = n !== undefined && canReadAnnotation(scope.viewer, n, reps);
        return [
          id,
          visible
            ? { value: toAnnotationEntity(n, names.get(n.authorId)), version: n.version }
            : null,
        ];
      }),
    );
  },

  async prompt(trx, scope, ids) {
    const prompts = await getPrompts(trx, ids);
    return new Map(
      ids.map((id) => {
        const p = prompts.get(id);
        return [
          id,
          p && canReadRep(scope.viewer, p.prompt.repId)
            ? { value: p.prompt, version: p.version }
            : null,
        ];
      }),
    );
  },

  async promptState(trx, scope, ids) {
    const states = await getPromptStates(trx, scope.viewer.id, ids);
    return new Map(
      ids.map((id) => {
        const s = states.get(id);
        return [id, s ? { value: s.state, version: s.version } : null];
      }),
    );
  },

  async survey(trx, scope, ids) {
    const surveys = await getSurveys(trx, ids);
    return new Map(
      ids.map((id) => {
        const s = surveys.get(id);
        return [
          id,
          s && canReadSurvey(scope.viewer, s.survey)
            ? { value: s.survey, version: s.version }
            : null,
        ];
      }),
    );
  },

  async enpsStatus(trx, scope, ids) {
    const surveys = await getSurveys(trx, ids);
    const readable = ids.filter((id) => {
      const s = surveys.get(id);
      return s !== undefined && canReadSurvey(scope.viewer, s.survey);
    });
    const statuses = await enpsStatuses(trx, scope.viewer.id, readable);
    return new Map(
      ids.map((id) => {
        const s = statuses.get(id);
        if (!s) return [id, null];
        const { version, ...value } = s;
        return [id, { value, version }];
      }),
    );
  },

  async settings(trx, _scope, ids) {
    const current = await getSettings(trx);
    return new Map(
      ids.map((id) => [
        id,
        id === SETTINGS_ID ? { value: current.settings, version: current.version } : null,
      ]),
    );
  },
};

/** Loads the current value of each entity the viewer may read; null for the others. */
export async function loadEntities(
  trx: Db,
  scope: ReadScope,
  entity: EntityName,
  ids: string[],
): Promise<Map<string, Loaded>> {
  return loaders[entity](trx, scope, ids);
}
