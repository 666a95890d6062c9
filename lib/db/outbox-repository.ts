import type { AttainDatabase } from './database';
import type { OutboxRow, RejectionRow } from './rows';

/** The queue of mutations waiting for the server, oldest first. */
export class OutboxRepository {
  constructor(private readonly db: AttainDatabase) {}

  count(): Promise<number> {
    return this.db.outbox.count();
  }

  all(): Promise<OutboxRow[]> {
    return this.db.outbox.orderBy('seq').toArray();
  }

  /**
   * The next batch to push: rows after `afterSeq` (the server has the others), at most
   * `maxRows` of them and about `maxBytes` of JSON (always at least one row), in seq order.
   */
  async nextBatch(maxRows: number, maxBytes: number, afterSeq = 0): Promise<OutboxRow[]> {
    const rows = await this.db.outbox.where('seq').above(afterSeq).limit(maxRows).toArray();
    const batch: OutboxRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      const size = JSON.stringify(row.args).length + 64;
      if (batch.length > 0 && bytes + size > maxBytes) break;
      batch.push(row);
      bytes += size;
    }
    return batch;
  }

  /** Pending mutations of one entity, in seq order. */
  forEntity(entity: OutboxRow['entity'], entityId: string): Promise<OutboxRow[]> {
    return this.db.outbox.where('[entity+entityId]').equals([entity, entityId]).sortBy('seq');
  }
}

/** Mutations the server refused, with what the user wrote, until the user dismisses them. */
export class RejectionRepository {
  constructor(private readonly db: AttainDatabase) {}

  all(): Promise<RejectionRow[]> {
    return this.db.rejections.orderBy('seq').toArray();
  }

  count(): Promise<number> {
    return this.db.rejections.count();
  }

  /** Dismisses the rejection of mutation `seq` (what the sidebar shows and passes back). */
  async dismiss(seq: number): Promise<void> {
    await this.db.rejections.where('seq').equals(seq).delete();
  }

  /** Dismisses one rejection by its local key (two can share a seq after a renumbering). */
  async dismissById(id: number): Promise<void> {
    await this.db.rejections.delete(id);
  }

  async dismissAll(): Promise<void> {
    await this.db.rejections.clear();
  }
}
