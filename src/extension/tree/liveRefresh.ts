/**
 * The view's live mode: reload every N seconds while the view is visible, never while hidden, never two
 * reloads at once, nor one on top of a first load (a slow cluster with thousands of groups must not pile
 * up reads), catch up at once when
 * the view comes back after a reload was due, and say how old the numbers are ("updated 12 s ago").
 * No vscode import: the provider passes the clock-free parts in, the unit tests drive it with a fake clock.
 */

export interface LiveRefreshHost {
  /** Seconds between reloads; 0 = off. Read again on every schedule(). */
  seconds(): number;
  visible(): boolean;
  /** True while other reads are still in flight (a cluster's first load): a due reload waits for the next period. */
  busy?(): boolean;
  /** Reload everything loaded; resolves when done. */
  reload(): Promise<void>;
  /** The "updated … ago" text changed (once a second while visible). */
  onText(): void;
  now?(): number;
  setInterval?(fn: () => void, ms: number): unknown;
  clearInterval?(handle: unknown): void;
}

export class LiveRefresh {
  private timer: unknown;
  private ticker: unknown;
  private running: Promise<void> | undefined;
  /** When the numbers shown were last read in full (first listing, a refresh of everything). */
  private updatedAt: number | undefined;

  constructor(private readonly h: LiveRefreshHost) {}

  private now(): number {
    return this.h.now ? this.h.now() : Date.now();
  }

  private every(fn: () => void, ms: number): unknown {
    return this.h.setInterval ? this.h.setInterval(fn, ms) : setInterval(fn, ms);
  }

  private stop(handle: unknown): void {
    if (handle === undefined) return;
    if (this.h.clearInterval) this.h.clearInterval(handle);
    else clearInterval(handle as ReturnType<typeof setInterval>);
  }

  /** (Re)start the timers after the setting changed. */
  schedule(): void {
    this.stop(this.timer);
    this.stop(this.ticker);
    this.timer = this.ticker = undefined;
    const seconds = this.h.seconds();
    if (seconds > 0) this.timer = this.every(() => void this.due(), seconds * 1000);
    // The age ticks whether or not auto-refresh is on: "updated 3 min ago" is the hint to press Refresh.
    this.ticker = this.every(() => {
      if (this.updatedAt !== undefined && this.h.visible()) this.h.onText();
    }, 1000);
  }

  /** The timer fired: reload if someone can see the view and the last reload has finished. */
  private async due(): Promise<void> {
    // Busy: at 5,000 groups a first load takes seconds, and a reload now would abort it and read
    // again the groups it just read.
    if (!this.h.visible() || this.running || this.h.busy?.()) return;
    await this.run(() => this.h.reload());
  }

  /** The view became visible: reload at once if a reload came due while it was hidden. */
  shown(): void {
    const seconds = this.h.seconds();
    if (seconds > 0 && this.updatedAt !== undefined && this.now() - this.updatedAt >= seconds * 1000 && !this.running) void this.run(() => this.h.reload());
  }

  /** Runs a full reload (the timer's, or the user's Refresh) and stamps the time when it finishes. */
  async run(reload: () => Promise<void>): Promise<void> {
    const p = (async () => {
      try {
        await reload();
      } finally {
        this.stamp();
      }
    })();
    this.running = p;
    try {
      await p;
    } finally {
      if (this.running === p) this.running = undefined;
    }
  }

  /** The numbers were read just now (a first listing). */
  stamp(): void {
    this.updatedAt = this.now();
    this.h.onText();
  }

  /** Seconds since the numbers were read, or undefined before the first read. */
  ageSeconds(): number | undefined {
    return this.updatedAt === undefined ? undefined : Math.max(0, Math.floor((this.now() - this.updatedAt) / 1000));
  }

  dispose(): void {
    this.stop(this.timer);
    this.stop(this.ticker);
  }
}

/** "updated just now", "updated 12 s ago", "updated 3 min ago", "updated 2 h ago". */
export function updatedText(ageSeconds: number, t: (m: string, ...a: Array<string | number>) => string): string {
  if (ageSeconds < 2) return t('updated just now');
  if (ageSeconds < 60) return t('updated {0} s ago', ageSeconds);
  if (ageSeconds < 3600) return t('updated {0} min ago', Math.floor(ageSeconds / 60));
  return t('updated {0} h ago', Math.floor(ageSeconds / 3600));
}
