import { samePersonName, type Deal, type User } from '../../../lib/domain';

/**
 * Whose deal the record beside the sidebar is, and so whose estimate (if any) it gets. Attain
 * never tells a rep what someone else's deal pays them.
 */
export type DealOwnership =
  /** The user's: they own it or have a split of it (synced), or a deal on the page not yet
   * synced whose owner is the user or not shown. Estimated for the user. */
  | { kind: 'mine' }
  /** A synced deal of someone a manager or admin may see: estimated for that rep, when the
   * rep's plan has synced to this browser. */
  | { kind: 'teamMember'; repId: string }
  /** Someone else's: no estimate. `ownerName` as the page shows it (null: not shown). */
  | { kind: 'notMine'; ownerName: string | null };

/**
 * Reads a record's ownership. A synced deal says it itself: the user's when they own it or have
 * a split; otherwise a team member's for a manager or admin (they sync their teams' deals) and
 * someone else's for a rep. A deal not yet synced is the user's when the page's owner name is
 * theirs or the page shows none (a rep's new deal); any other owner is someone else.
 */
export function dealOwnership(
  synced: Deal | null,
  pageOwnerName: string | null,
  me: Pick<User, 'id' | 'name' | 'role'>,
): DealOwnership {
  const owner = pageOwnerName?.trim() || null;
  if (synced) {
    if (synced.ownerId === me.id || (synced.splits ?? []).some((s) => s.repId === me.id)) {
      return { kind: 'mine' };
    }
    return me.role === 'rep'
      ? { kind: 'notMine', ownerName: owner }
      : { kind: 'teamMember', repId: synced.ownerId };
  }
  return owner === null || samePersonName(owner, me.name)
    ? { kind: 'mine' }
    : { kind: 'notMine', ownerName: owner };
}
