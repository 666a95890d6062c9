import type { CrmDeal } from './deal';

/**
 * The deal to open first for a user (`npm start` opens the browser on it): one of their open
 * deals, named in plain text (the markup-named seed record is there to prove escaping, not to
 * greet anyone), closing soonest from today; else the open one that should have closed most
 * recently; else the one of theirs that closed last. Null when they own none.
 */
export function showcaseDeal(
  deals: readonly CrmDeal[],
  ownerId: string,
  today: string,
): CrmDeal | null {
  const theirs = deals.filter((d) => d.ownerId === ownerId);
  const open = theirs.filter((d) => !d.isClosed);
  const plain = open.filter((d) => !/[<>&]/.test(d.name));
  const pool = plain.length > 0 ? plain : open;
  const upcoming = pool
    .filter((d) => d.closeDate >= today)
    .sort((a, b) => a.closeDate.localeCompare(b.closeDate) || a.crmId.localeCompare(b.crmId));
  if (upcoming[0]) return upcoming[0];
  const overdue = [...pool].sort(
    (a, b) => b.closeDate.localeCompare(a.closeDate) || a.crmId.localeCompare(b.crmId),
  );
  if (overdue[0]) return overdue[0];
  return (
    [...theirs].sort(
      (a, b) => b.closeDate.localeCompare(a.closeDate) || a.crmId.localeCompare(b.crmId),
    )[0] ?? null
  );
}
