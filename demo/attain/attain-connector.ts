import { crmDealSchema, type CrmDeal } from '../records/deal';
import type { DealStore } from '../records/deal-store';
import { isId18 } from '../records/salesforce-id';
import { seedImportRows, type SeedRecord } from '../records/seed-records';
import { AttainError, type AttainClient } from './attain-client';

/**
 * What a CRM connector does for Attain, for the demo CRM: loads the deals on start (retrying
 * until the server answers), sends the demo's own seed records the server lacks, and forwards
 * every saved edit through the deal import. An edit the server cannot take now stays queued
 * (the latest version of each record) and is retried in the background with backoff.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export type ForwardState = 'synced' | 'pending' | 'rejected';
export interface ForwardOutcome {
  state: ForwardState;
  message?: string;
}

export interface ConnectorStatus {
  loaded: boolean;
  /** Why the last load failed, while not loaded. */
  loadError: string | null;
  /** Records saved in the CRM and not yet accepted by Attain. */
  pending: number;
  forwardError: string | null;
}

export interface AttainConnectorOptions {
  client: AttainClient;
  store: DealStore;
  log: Logger;
  today: () => string;
  seedRecords?: readonly SeedRecord[];
  /** Who owns the seed records (falls back to the first rep). */
  seedOwnerEmail?: string;
  /** Backoff between load and forward retries: from `initialMs`, doubling, up to `maxMs`. */
  retry?: { initialMs: number; maxMs: number };
  /** How long `forward` waits for the server before answering `pending`. */
  forwardWaitMs?: number;
}

export class AttainConnector {
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private loaded = false;
  private loadError: string | null = null;
  private loadTimer: NodeJS.Timeout | null = null;
  private loadAttempts = 0;

  private readonly pending = new Map<string, CrmDeal>();
  private readonly rejected = new Map<string, { deal: CrmDeal; message: string }>();
  private chain: Promise<void> = Promise.resolve();
  private forwardTimer: NodeJS.Timeout | null = null;
  private forwardAttempts = 0;
  private forwardError: string | null = null;
  /** A send failed since the queue was last empty. */
  private retried = false;
  /** No more background retries (closing); `closed`: no more sends at all. */
  private stopping = false;
  private closed = false;

  constructor(private readonly options: AttainConnectorOptions) {
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  /** Loads the deals now, and keeps trying in the background until the server answers. */
  async start(): Promise<void> {
    await this.loadOnce();
  }

  status(): ConnectorStatus {
    return {
      loaded: this.loaded,
      loadError: this.loaded ? null : this.loadError,
      pending: this.pending.size,
      forwardError: this.pending.size > 0 ? this.forwardError : null,
    };
  }

  /**
   * Queues the record as saved and sends the queue; answers once the server took it, refused
   * it, or `forwardWaitMs` passed (then it is `pending` and sent in the background).
   */
  async forward(deal: CrmDeal): Promise<ForwardOutcome> {
    this.pending.set(deal.crmId, deal);
    this.rejected.delete(deal.crmId);
    const flushed = this.flush().then(() => true);
    const waited = new Promise<false>((resolve) =>
      setTimeout(() => resolve(false), this.options.forwardWaitMs ?? 3000).unref(),
    );
    await Promise.race([flushed, waited]);
    if (this.pending.get(deal.crmId) === deal) {
      return { state: 'pending', ...(this.forwardError ? { message: this.forwardError } : {}) };
    }
    const refusal = this.rejected.get(deal.crmId);
    if (refusal?.deal === deal) return { state: 'rejected', message: refusal.message };
    return { state: 'synced' };
  }

  isPending(crmId: string): boolean {
    return this.pending.has(crmId);
  }

  /** Stops retrying; tries once more to send what is queued. Returns how many records stay unsent. */
  async close(): Promise<{ unsent: number }> {
    this.stopping = true;
    if (this.loadTimer) clearTimeout(this.loadTimer);
    if (this.forwardTimer) clearTimeout(this.forwardTimer);
    if (this.pending.size > 0 && this.loaded) {
      await Promise.race([this.flush(), new Promise((r) => setTimeout(r, 2000).unref())]);
    }
    this.closed = true;
    return { unsent: this.pending.size };
  }

  private async loadOnce(): Promise<void> {
    if (this.stopping || this.loaded) return;
    const { client, store, log } = this.options;
    try {
      const users = await client.listUsers();
      const pulled = await client.pullDeals();
      store.replaceAll(pulled.deals, users);
      if (pulled.skipped > 0) {
        log.warn(`${pulled.skipped} Attain deals have no CRM id: they are not CRM records here.`);
      }
      if (pulled.truncated) log.warn(`showing only the first ${store.size} deals`);
      const odd = pulled.deals.filter((d) => !isId18(d.crmId));
      if (odd.length > 0) {
        log.warn(
          `${odd.length} of ${pulled.deals.length} deals have a crmId that is not an 18-character Salesforce id ` +
            `(e.g. ${odd[0]?.crmId}): their pages are served, but the extension's Salesforce adapter will not recognise them.`,
        );
      }
      await this.sendSeedRecords();
      this.loaded = true;
      this.loadError = null;
      log.info(`loaded ${store.size} deals from Attain at ${client.baseUrl}`);
      this.resolveReady();
    } catch (error) {
      this.loadError = messageOf(error);
      this.loadAttempts++;
      if (this.loadAttempts === 1 || this.loadAttempts % 10 === 0) {
        log.warn(`cannot load deals yet (${this.loadError}); retrying in the background`);
      }
      if (error instanceof AttainError && error.kind === 'rejected' && error.status === 401) {
        log.warn(
          'check ATTAIN_ADMIN_EMAIL and ATTAIN_ADMIN_PASSWORD (an admin of the Attain server)',
        );
      }
      if (this.stopping) return;
      this.loadTimer = setTimeout(() => void this.loadOnce(), this.backoff(this.loadAttempts));
      this.loadTimer.unref();
    }
  }

  private async sendSeedRecords(): Promise<void> {
    const { client, store, log, seedRecords = [], seedOwnerEmail, today } = this.options;
    const missing = seedRecords.filter((r) => !store.get(r.crmId));
    if (missing.length === 0) return;
    const owner =
      (seedOwnerEmail ? store.userByEmail(seedOwnerEmail) : undefined) ??
      store.usersWithRole('rep')[0];
    if (!owner) {
      log.warn('no rep to own the demo seed records: not sending them to Attain');
      return;
    }
    const rows = seedImportRows(missing, owner.id, today());
    try {
      await client.importDeals(rows);
    } catch (error) {
      if (error instanceof AttainError && error.kind === 'unavailable') throw error;
      log.warn(`Attain refused the demo seed records: ${messageOf(error)}`);
      return;
    }
    for (const row of rows) {
      const parsed = crmDealSchema.safeParse({ ...row, id: row.crmId });
      if (parsed.success) store.put(parsed.data);
    }
    log.info(`sent ${rows.length} demo seed record(s) to Attain`);
  }

  private flush(): Promise<void> {
    this.chain = this.chain
      .then(() => this.sendQueue())
      .catch((error: unknown) => this.options.log.warn(`forwarding failed: ${messageOf(error)}`));
    return this.chain;
  }

  private async sendQueue(): Promise<void> {
    if (this.forwardTimer) {
      clearTimeout(this.forwardTimer);
      this.forwardTimer = null;
    }
    for (const [crmId, deal] of [...this.pending]) {
      if (this.closed) return;
      try {
        await this.options.client.importDeals([deal]);
        if (this.pending.get(crmId) === deal) this.pending.delete(crmId);
        this.forwardAttempts = 0;
        this.forwardError = null;
      } catch (error) {
        const message = messageOf(error);
        if (error instanceof AttainError && error.kind === 'rejected') {
          if (this.pending.get(crmId) === deal) this.pending.delete(crmId);
          this.rejected.set(crmId, { deal, message });
          this.options.log.warn(`Attain refused the edit of ${crmId}: ${message}`);
          continue;
        }
        this.forwardError = message;
        this.forwardAttempts++;
        const delay = Math.max(
          this.backoff(this.forwardAttempts),
          error instanceof AttainError ? (error.retryAfterMs ?? 0) : 0,
        );
        this.retried = true;
        if (this.forwardAttempts === 1) {
          this.options.log.warn(`Attain sync pending (${message}); retrying in the background`);
        }
        if (!this.stopping) {
          this.forwardTimer = setTimeout(() => void this.flush(), delay);
          this.forwardTimer.unref();
        }
        return;
      }
    }
    if (this.retried && this.pending.size === 0) {
      this.retried = false;
      this.options.log.info('Attain sync complete: every saved edit has reached the server');
    }
  }

  /** Exponential backoff with jitter (50–100 % of the step). */
  private backoff(attempt: number): number {
    const { initialMs, maxMs } = this.options.retry ?? { initialMs: 1000, maxMs: 30_000 };
    const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(step * (0.5 + Math.random() / 2));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
