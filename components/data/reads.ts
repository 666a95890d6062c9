import type { QueryKey } from '@tanstack/react-query';
import type { Plan, User } from '../../lib/domain';
import type { AttainDatabase } from '../../lib/db/database';
import {
  readStatementInputs,
  type StatementInputs as StoredInputs,
} from '../../lib/db/statement-inputs';
import type { PulseData } from '../data-contract/types';

/*
 * The reads the sidebar's first view paints from, and their query keys (under `['local', …]`),
 * shared by the hooks (hooks.ts) and the prefetch the sidebar starts before it renders
 * (prefetch.ts). Like everything the first paint needs, they import no zod schema and no local
 * writer: the reads that do (notes, prompts, server-only answers) import them when a view
 * first asks.
 */

export { localDate } from '../../lib/domain/dates';

/** A local read's query key: its key under `['local', …]` (the hooks and the prefetch share it). */
export function localQueryKey(key: QueryKey): QueryKey {
  return ['local', ...key];
}

export const ME_KEY = ['me'] as const;

/**
 * The account and the user row in one go (what `PeopleRepository.me()` reads, without
 * importing the repository: it builds the settings schema's defaults when loaded).
 */
export async function readMe(db: AttainDatabase): Promise<User | null> {
  const [account, me] = await Promise.all([db.meta.get('account'), db.me.get('me')]);
  if (account?.key !== 'account' || !account.signedIn) return null;
  return me?.value ?? null;
}

/**
 * A rep's statement inputs as cached: plain data (plan versions as entries, not a Map), so a
 * re-read that finds nothing changed keeps the same objects (TanStack Query's structural
 * sharing) and nothing downstream recomputes.
 */
export interface CachedInputs extends Omit<StoredInputs, 'planVersions'> {
  planVersions: [string, Plan[]][];
}

export const statementInputsKey = (repId: string | null, today: string) =>
  ['statementInputs', repId, today] as const;

export async function readCachedInputs(db: AttainDatabase, repId: string): Promise<CachedInputs> {
  const inputs = await readStatementInputs(db, repId);
  return { ...inputs, planVersions: [...inputs.planVersions.entries()] };
}

export const PULSE_KEY = ['pulse'] as const;

/**
 * The surveys and the user's own participation (what `EnpsRepository.surveys()` reads: the
 * activity bar needs it at once, without the repository's writer).
 */
export async function readPulse(db: AttainDatabase): Promise<PulseData> {
  const [surveys, statuses] = await Promise.all([db.surveys.toArray(), db.enpsStatus.toArray()]);
  return {
    surveys: surveys.map((r) => r.value),
    statuses: statuses.flatMap((r) => (r.value ? [r.value] : [])),
  };
}

export const syncStatusKey = (online: boolean) => ['syncStatus', online] as const;
export const REJECTIONS_KEY = ['rejections'] as const;
