import type { EntityName } from '../../lib/domain';
import type { Db } from './db';

/**
 * Who a change-log row is addressed to. A pull reads the rows addressed to any of the
 * viewer's audiences (server/sync/visibility.ts lists them), then re-checks each entity
 * against what the viewer may read now: the audience only decides who hears about a change.
 *
 * - `all`: every user (FX rates, settings, surveys open to everyone)
 * - `user:U`: only U (their `me`, prompt states, eNPS status, resync markers)
 * - `rep:R`: rep R, R's managers and admins (R's deals, quotas, plans, shared notes…)
 * - `repmgr:R`: R's managers and admins, not R (managers-only notes, R's user record)
 * - `team:T`: T's members and managers (the team, surveys addressed to T)
 * - `role:X`: users with role X (surveys addressed to a role)
 * - `plan:P`: whoever may read plan P (reps assigned to it and their managers)
 * Admins read every row.
 */
export const audience = {
  all: 'all',
  user: (id: string) => `user:${id}`,
  rep: (id: string) => `rep:${id}`,
  repManagers: (id: string) => `repmgr:${id}`,
  team: (id: string) => `team:${id}`,
  role: (role: string) => `role:${role}`,
  plan: (id: string) => `plan:${id}`,
} as const;

/** Entity name of the rows that tell a user's clients to resync from scratch. */
export const RESET_ENTITY = '__reset__';

export interface ChangeRecord {
  entity: EntityName | typeof RESET_ENTITY;
  entityId: string;
  op: 'put' | 'del' | 'reset';
  audiences: Iterable<string>;
  version: number;
}

const ROWS_PER_INSERT = 400;

/** Appends one row per (change, audience), in order, in the caller's transaction. */
export async function appendChanges(
  trx: Db,
  now: string,
  changes: readonly ChangeRecord[],
): Promise<void> {
  const rows: Array<{
    entity: string;
    entity_id: string;
    op: string;
    audience: string;
    version: number;
    created_at: string;
  }> = [];
  for (const change of changes) {
    for (const a of new Set(change.audiences)) {
      rows.push({
        entity: change.entity,
        entity_id: change.entityId,
        op: change.op,
        audience: a,
        version: change.version,
        created_at: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('change_log')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
}

/** Tells each user's clients that what they may see changed in a way only a resync fixes. */
export async function appendResyncMarkers(
  trx: Db,
  now: string,
  userIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await appendChanges(trx, now, [
    {
      entity: RESET_ENTITY,
      entityId: '',
      op: 'reset',
      audiences: ids.map((id) => audience.user(id)),
      version: 0,
    },
  ]);
}
