import type { CrmDeal, CrmUser } from './deal';
import { toId18 } from './salesforce-id';

/**
 * The demo CRM's records, in memory: the opportunities (by record id, which is the deal's
 * `crmId` on the Attain server) and the users who own them.
 */
export class DealStore {
  private deals = new Map<string, CrmDeal>();
  private users = new Map<string, CrmUser>();

  /** Replaces everything (a load from the Attain server). Deals without a CRM id are not CRM records. */
  replaceAll(deals: readonly CrmDeal[], users: readonly CrmUser[]): void {
    this.deals = new Map(deals.map((deal) => [deal.crmId, deal]));
    this.users = new Map(users.map((user) => [user.id, user]));
  }

  /** Adds or replaces one record. */
  put(deal: CrmDeal): void {
    this.deals.set(deal.crmId, deal);
  }

  /** By record id as written, else by its 18-character form (a 15-character id). */
  get(recordId: string): CrmDeal | undefined {
    const exact = this.deals.get(recordId);
    if (exact) return exact;
    const id18 = toId18(recordId);
    return id18 ? this.deals.get(id18) : undefined;
  }

  /** Every record, the latest close date first, then by name. */
  list(): CrmDeal[] {
    return [...this.deals.values()].sort(
      (a, b) => b.closeDate.localeCompare(a.closeDate) || a.name.localeCompare(b.name),
    );
  }

  get size(): number {
    return this.deals.size;
  }

  user(userId: string): CrmUser | undefined {
    return this.users.get(userId);
  }

  userByEmail(email: string): CrmUser | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  usersWithRole(role: string): CrmUser[] {
    return [...this.users.values()].filter((user) => user.role === role);
  }

  ownerName(deal: CrmDeal): string {
    return this.users.get(deal.ownerId)?.name ?? deal.ownerId;
  }
}
