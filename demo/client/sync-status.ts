import { fetchStatus } from './api';

const POLL_MS = 3000;

/** The header badge saying whether every saved edit has reached Attain; polled while some have not. */
export class SyncStatus {
  private timer: number | null = null;

  private wasLoaded: boolean;

  constructor(
    private readonly badge: HTMLElement | null,
    /** Called once the demo server has its deals (pages shown before were empty). */
    private readonly onLoaded: () => void,
  ) {
    this.wasLoaded = !(badge?.classList.contains('demo-sync-status_connecting') ?? false);
  }

  async refresh(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    try {
      const status = await fetchStatus();
      if (this.badge) {
        this.badge.textContent = status.text;
        this.badge.classList.toggle('demo-sync-status_pending', status.pending > 0);
        this.badge.classList.toggle('demo-sync-status_connecting', !status.loaded);
      }
      if (status.loaded && !this.wasLoaded) {
        this.wasLoaded = true;
        this.onLoaded();
      }
      if (status.pending > 0 || !status.loaded) this.schedule();
    } catch {
      this.schedule();
    }
  }

  /** Whether the page was rendered while something was pending or loading. */
  needsPolling(): boolean {
    const classes = this.badge?.classList;
    return (
      (classes?.contains('demo-sync-status_pending') ?? false) ||
      (classes?.contains('demo-sync-status_connecting') ?? false)
    );
  }

  private schedule(): void {
    this.timer = window.setTimeout(() => void this.refresh(), POLL_MS);
  }
}
