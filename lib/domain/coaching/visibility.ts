import type { CoachingPrompt, PromptState } from '../schemas';

/** An instant as milliseconds; NaN when unreadable. Pure: parses, never reads the clock. */
function instant(timestamp: string | undefined): number {
  return timestamp === undefined ? Number.NaN : Date.parse(timestamp);
}

/** True when `a` should win over `b`: the later update; on a tie, the one that hides longer. */
function supersedes(a: PromptState, b: PromptState): boolean {
  const at = instant(a.updatedAt);
  const bt = instant(b.updatedAt);
  if (at !== bt && !(Number.isNaN(at) && Number.isNaN(bt))) {
    return Number.isNaN(bt) || at > bt;
  }
  if (a.status !== b.status) return a.status === 'dismissed';
  return instant(a.snoozedUntil) > instant(b.snoozedUntil);
}

/**
 * The prompts `userId` should see at `now` (an ISO timestamp), in the order given: a prompt
 * is hidden when the reader dismissed it, or snoozed it until a time after `now`. A snooze
 * that has ended (snoozedUntil ≤ now), or whose time cannot be read, hides nothing. When a
 * reader has several states for one prompt (two devices), the latest `updatedAt` wins.
 * Other users' states never apply: a manager's dismissal does not hide the rep's prompt.
 */
export function visiblePrompts<P extends CoachingPrompt>(
  prompts: readonly P[],
  states: readonly PromptState[],
  userId: string,
  now: string,
): P[] {
  const latest = new Map<string, PromptState>();
  for (const state of states) {
    if (state.userId !== userId) continue;
    const seen = latest.get(state.promptId);
    if (seen === undefined || supersedes(state, seen)) latest.set(state.promptId, state);
  }
  const nowMs = instant(now);
  return prompts.filter((prompt) => {
    const state = latest.get(prompt.id);
    if (state === undefined) return true;
    if (state.status === 'dismissed') return false;
    return !(instant(state.snoozedUntil) > nowMs);
  });
}
