import type { CoachingPrompt, PromptState, Severity } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience } from './change-log';
import { chunks, IN_LIST_MAX, uniq } from './util';

export interface PromptRecord {
  prompt: CoachingPrompt;
  version: number;
}

type PromptRow = {
  id: string;
  rep_id: string;
  deal_id: string | null;
  author_id: string | null;
  rule_id: string;
  severity: string;
  title: string;
  detail: string;
  created_at: string;
  version: number;
};

function toPrompt(r: PromptRow, authorName: string | undefined): PromptRecord {
  const prompt: CoachingPrompt = {
    id: r.id,
    ruleId: r.rule_id,
    severity: r.severity as Severity,
    title: r.title,
    detail: r.detail,
    repId: r.rep_id,
    createdAt: r.created_at,
  };
  if (r.deal_id !== null) prompt.dealId = r.deal_id;
  if (r.author_id !== null) prompt.authorId = r.author_id;
  if (authorName !== undefined) prompt.authorName = authorName;
  return { prompt, version: r.version };
}

export async function getPrompts(
  trx: Db,
  ids: readonly string[],
): Promise<Map<string, PromptRecord>> {
  const out = new Map<string, PromptRecord>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('prompts')
      .leftJoin('users', 'users.id', 'prompts.author_id')
      .selectAll('prompts')
      .select('users.name as author_name')
      .where('prompts.id', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.id, toPrompt(r, r.author_name ?? undefined));
  }
  return out;
}

export async function promptExists(trx: Db, id: string): Promise<boolean> {
  return (
    (await trx.selectFrom('prompts').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

export async function insertPrompt(trx: Db, now: string, p: CoachingPrompt): Promise<void> {
  await trx
    .insertInto('prompts')
    .values({
      id: p.id,
      rep_id: p.repId,
      deal_id: p.dealId ?? null,
      author_id: p.authorId ?? null,
      rule_id: p.ruleId,
      severity: p.severity,
      title: p.title,
      detail: p.detail,
      created_at: p.createdAt ?? now,
      version: 1,
    })
    .execute();
  await appendChanges(trx, now, [
    { entity: 'prompt', entityId: p.id, op: 'put', audiences: [audience.rep(p.repId)], version: 1 },
  ]);
}

// Per-reader state -------------------------------------------------------------------------

export interface PromptStateRecord {
  state: PromptState;
  version: number;
}

export async function getPromptStates(
  trx: Db,
  userId: string,
  promptIds: readonly string[],
): Promise<Map<string, PromptStateRecord>> {
  const out = new Map<string, PromptStateRecord>();
  for (const batch of chunks(uniq(promptIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('prompt_states')
      .selectAll()
      .where('user_id', '=', userId)
      .where('prompt_id', 'in', batch)
      .execute();
    for (const r of rows) {
      const state: PromptState = {
        promptId: r.prompt_id,
        userId: r.user_id,
        status: r.status === 'snoozed' ? 'snoozed' : 'dismissed',
        updatedAt: r.updated_at,
      };
      if (r.snoozed_until !== null) state.snoozedUntil = r.snoozed_until;
      out.set(r.prompt_id, { state, version: r.version });
    }
  }
  return out;
}

export async function savePromptState(
  trx: Db,
  now: string,
  userId: string,
  promptId: string,
  status: 'dismissed' | 'snoozed',
  snoozedUntil: string | null,
): Promise<void> {
  const before = (await getPromptStates(trx, userId, [promptId])).get(promptId);
  const version = (before?.version ?? 0) + 1;
  await trx
    .insertInto('prompt_states')
    .values({
      user_id: userId,
      prompt_id: promptId,
      status,
      snoozed_until: snoozedUntil,
      updated_at: now,
      version,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'prompt_id'])
        .doUpdateSet({ status, snoozed_until: snoozedUntil, updated_at: now, version }),
    )
    .execute();
  await appendChanges(trx, now, [
    {
      entity: 'promptState',
      entityId: promptId,
      op: 'put',
      audiences: [audience.user(userId)],
      version,
    },
  ]);
}
