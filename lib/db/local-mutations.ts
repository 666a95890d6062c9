import type { z } from 'zod';
import type {
  Annotation,
  CoachingPrompt,
  EnpsStatus,
  MutationName,
  mutationArgsSchemas,
  PromptState,
} from '../domain';
import type { LocalEntityName, OutboxRow } from './rows';

/** A mutation's arguments once parsed (defaults filled in): what the outbox stores. */
export type ParsedArgs<N extends MutationName> = z.output<(typeof mutationArgsSchemas)[N]>;

interface EntityValues {
  annotation: Annotation;
  prompt: CoachingPrompt;
  promptState: PromptState;
  enpsStatus: EnpsStatus;
}

interface LocalMutation<N extends MutationName, E extends LocalEntityName> {
  entity: E;
  entityId(args: ParsedArgs<N>): string;
  /**
   * The mutation's effect on the entity as the client sees it, the way the server applies
   * it: used for the optimistic write and to replay pending mutations on a newer server
   * value. `preview` is what the client built when the mutation was written.
   */
  apply(
    current: EntityValues[E] | null,
    args: ParsedArgs<N>,
    at: string,
    preview: EntityValues[E] | undefined,
  ): EntityValues[E] | null;
}

type Registry = {
  [N in MutationName]: LocalMutation<N, LocalEntityName>;
};

function define<N extends MutationName, E extends LocalEntityName>(
  m: LocalMutation<N, E>,
): LocalMutation<N, E> {
  return m;
}

function addPeriod(periods: readonly string[], period: string): string[] {
  return [...new Set([...periods, period])].sort();
}

function emptyEnpsStatus(surveyId: string): EnpsStatus {
  return { id: surveyId, surveyId, answeredPeriods: [] };
}

/** Every mutation's local effect, by name. The server's handlers are the reference. */
export const LOCAL_MUTATIONS = {
  'annotation.create': define<'annotation.create', 'annotation'>({
    entity: 'annotation',
    entityId: (args) => args.id,
    apply: (current, _args, _at, preview) => current ?? preview ?? null,
  }),
  'annotation.reply': define<'annotation.reply', 'annotation'>({
    entity: 'annotation',
    entityId: (args) => args.id,
    apply: (current, _args, _at, preview) => current ?? preview ?? null,
  }),
  'annotation.edit': define<'annotation.edit', 'annotation'>({
    entity: 'annotation',
    entityId: (args) => args.id,
    apply: (current, args, at) =>
      current && { ...current, body: args.body, updatedAt: at, version: current.version + 1 },
  }),
  'annotation.resolve': define<'annotation.resolve', 'annotation'>({
    entity: 'annotation',
    entityId: (args) => args.id,
    apply: (current, args, at) =>
      current && current.resolved !== args.resolved
        ? { ...current, resolved: args.resolved, updatedAt: at, version: current.version + 1 }
        : current,
  }),
  'annotation.delete': define<'annotation.delete', 'annotation'>({
    entity: 'annotation',
    entityId: (args) => args.id,
    apply: () => null,
  }),
  'prompt.create': define<'prompt.create', 'prompt'>({
    entity: 'prompt',
    entityId: (args) => args.id,
    apply: (current, _args, _at, preview) => current ?? preview ?? null,
  }),
  'prompt.dismiss': define<'prompt.dismiss', 'promptState'>({
    entity: 'promptState',
    entityId: (args) => args.promptId,
    apply: (current, args, at, preview) => {
      const userId = preview?.userId ?? current?.userId;
      if (userId === undefined) return current;
      return { promptId: args.promptId, userId, status: 'dismissed', updatedAt: at };
    },
  }),
  'prompt.snooze': define<'prompt.snooze', 'promptState'>({
    entity: 'promptState',
    entityId: (args) => args.promptId,
    apply: (current, args, at, preview) => {
      const userId = preview?.userId ?? current?.userId;
      if (userId === undefined) return current;
      return {
        promptId: args.promptId,
        userId,
        status: 'snoozed',
        snoozedUntil: args.until,
        updatedAt: at,
      };
    },
  }),
  'enps.respond': define<'enps.respond', 'enpsStatus'>({
    entity: 'enpsStatus',
    entityId: (args) => args.surveyId,
    apply: (current, args) => {
      const base = current ?? emptyEnpsStatus(args.surveyId);
      return { ...base, answeredPeriods: addPeriod(base.answeredPeriods, args.periodStart) };
    },
  }),
  'enps.snooze': define<'enps.snooze', 'enpsStatus'>({
    entity: 'enpsStatus',
    entityId: (args) => args.surveyId,
    apply: (current, args) => ({
      ...(current ?? emptyEnpsStatus(args.surveyId)),
      snoozedUntil: args.until,
    }),
  }),
} satisfies Registry;

export function localMutation(name: MutationName): LocalMutation<MutationName, LocalEntityName> {
  return LOCAL_MUTATIONS[name] as unknown as LocalMutation<MutationName, LocalEntityName>;
}

/** Applies one outbox row to an entity value. */
export function applyOutboxRow<T>(current: T | null, row: OutboxRow): T | null {
  const m = localMutation(row.name);
  return m.apply(
    current as never,
    row.args as never,
    row.createdAt,
    row.preview as never,
  ) as T | null;
}

/**
 * What the user sees: the server's value with the still-pending mutations replayed on it,
 * in seq order (the order the server will apply them).
 */
export function replay<T>(server: T | null, pending: readonly OutboxRow[]): T | null {
  return [...pending].sort((a, b) => a.seq - b.seq).reduce(applyOutboxRow<T>, server);
}
