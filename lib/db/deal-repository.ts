import type { Deal } from '../domain';
import type { AttainDatabase } from './database';

/** Deals the user may see, as the server sent them (read-only in the client). */
export class DealRepository {
  constructor(private readonly db: AttainDatabase) {}

  async get(id: string): Promise<Deal | undefined> {
    return (await this.db.deals.get(id))?.value;
  }

  /** The deal whose CRM record id is `crmId` (Salesforce 15- and 18-character ids alike). */
  async getByCrmId(crmId: string): Promise<Deal | undefined> {
    const exact = await this.db.deals.where('crmId').equals(crmId).first();
    if (exact) return exact.value;
    // Salesforce shows 15-character ids in some places and 18 in others: the first 15 match.
    if (crmId.length === 15 || crmId.length === 18) {
      const prefix = crmId.slice(0, 15);
      const row = await this.db.deals
        .where('crmId')
        .startsWith(prefix)
        .filter((r) => r.crmId !== undefined && r.crmId.slice(0, 15) === prefix)
        .first();
      return row?.value;
    }
    return undefined;
  }

  /** Every deal that credits the rep: owned, or with a split. */
  async forRep(repId: string): Promise<Deal[]> {
    const rows = await this.db.deals.where('repIds').equals(repId).toArray();
    return rows.map((r) => r.value).sort((a, b) => (a.closeDate < b.closeDate ? -1 : 1));
  }

  async count(): Promise<number> {
    return this.db.deals.count();
  }
}
