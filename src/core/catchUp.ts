/**
 * Is a group catching up? Pure maths over a short history of offset readings: how fast it commits
 * (consume rate), how fast the log grows (produce rate), and a status with an ETA. No Kafka here: the
 * CLI's `lag --watch` and the extension's tree record samples; this turns them into words.
 *
 * Rates come from the committed and log-end offsets of consecutive samples, partition by partition.
 * Offsets only grow in normal operation; a move backwards (an offset reset, a topic deleted and
 * re-created) is a discontinuity, not negative progress, so it counts as no progress for that
 * interval. A partition present in only one of two samples (new partition, first commit) adds nothing.
 */
import type { GroupLag } from './types';
import { tpKey } from './tp';
import { totalLag } from './numbers';
import { english, type Translate } from './planText';

/** One partition's offsets in one sample. committed null = the group has no commit there. */
export interface PartitionSample {
  committed: bigint | null;
  logEnd: bigint;
}

/** The group's offsets read at one moment. `at` is wall-clock ms (the chart's time axis). */
export interface OffsetSample {
  at: number;
  /** By tpKey(topic, partition). */
  partitions: Map<string, PartitionSample>;
}

export type CatchUpStatus =
  /** Lag > 0 and shrinking: done in about etaMs at the current rates. */
  | { kind: 'catching-up'; etaMs: number }
  /** Consuming about as fast as the log grows (lag steady, possibly 0). */
  | { kind: 'keeping-up' }
  /** The log grows faster than the group commits: lag grows. */
  | { kind: 'falling-behind' }
  /** Lag > 0 and not one commit moved forward over the window. */
  | { kind: 'stalled' }
  /** No lag, nothing produced, nothing consumed. */
  | { kind: 'idle' }
  /** Not enough history yet to say (one sample, or too short a window to call a pause a stall). */
  | { kind: 'measuring' }
  /** No partition has a committed offset: nothing to measure progress from. */
  | { kind: 'no-commit' };

export interface CatchUpOptions {
  /** Rates are measured over the samples of the last windowMs (default 60 s), at least two samples. */
  windowMs?: number;
  /**
   * No commit progress is called "stalled" only when the samples span at least this long (default
   * 30 s): a consumer that commits every 5 s (Kafka's auto-commit default) shows none between two
   * quick refreshes, and that is not a stall.
   */
  stallMs?: number;
  /**
   * Consume and produce rates within this fraction of each other are "keeping up" (default 0.05):
   * commits arrive in batches, so two rates are never exactly equal.
   */
  steadyRatio?: number;
  /** The partitions to measure (tpKeys); default every partition of the newest sample. */
  scope?: Iterable<string>;
}

export interface CatchUp {
  /** Lag in the newest sample (null = no commit; 0 with no partitions). */
  lag: bigint | null;
  /** Records committed per second over the window; null with fewer than two samples. */
  consumeRate: number | null;
  /** Records appended per second over the window; null with fewer than two samples. */
  produceRate: number | null;
  /** How long the window that was measured actually spans (ms; 0 with one sample). */
  spanMs: number;
  status: CatchUpStatus;
}

export const DEFAULT_WINDOW_MS = 60_000;
export const DEFAULT_STALL_MS = 30_000;
const DEFAULT_STEADY_RATIO = 0.05;

/** A sample of a group's lag as read (partitions of hidden topics have no offsets, so none). */
export function sampleOf(lag: GroupLag, at: number): OffsetSample {
  const partitions = new Map<string, PartitionSample>();
  for (const tl of lag.topics) for (const p of tl.partitions) partitions.set(tpKey(p.topic, p.partition), { committed: p.committed, logEnd: p.logEnd });
  return { at, partitions };
}

export interface HistoryLimits {
  /** At most this many samples (default 120). */
  maxSamples?: number;
  /** Samples older than this before the newest are dropped (default 1 h). */
  maxAgeMs?: number;
}

/**
 * The history with `sample` appended, bounded in count and age. A sample dated before the newest
 * one means the wall clock was set back: the old intervals no longer measure anything, so the
 * history starts again from this sample. One at the same instant replaces the newest.
 */
export function recordSample(history: readonly OffsetSample[], sample: OffsetSample, limits: HistoryLimits = {}): OffsetSample[] {
  const maxSamples = Math.max(2, limits.maxSamples ?? 120);
  const maxAgeMs = limits.maxAgeMs ?? 3_600_000;
  const last = history[history.length - 1];
  let next: OffsetSample[];
  if (!last) next = [sample];
  else if (sample.at < last.at) next = [sample];
  else if (sample.at === last.at) next = [...history.slice(0, -1), sample];
  else next = [...history, sample];
  const oldest = sample.at - maxAgeMs;
  let from = next.length > maxSamples ? next.length - maxSamples : 0;
  while (from < next.length - 1 && next[from].at < oldest) from++;
  return from === 0 ? next : next.slice(from);
}

/**
 * The samples rates are measured over: those within windowMs of the newest, plus the newest one before
 * them unless one sits on the window's edge, so the intervals cover the whole window (samples rarely
 * fall exactly on its edge) — and with sparse samples (manual refreshes) the last interval, however long.
 */
export function windowOf(samples: readonly OffsetSample[], windowMs: number = DEFAULT_WINDOW_MS): OffsetSample[] {
  if (samples.length === 0) return [];
  const newest = samples[samples.length - 1].at;
  let from = samples.length - 1;
  while (from > 0 && samples[from - 1].at >= newest - windowMs) from--;
  if (from > 0 && samples[from].at > newest - windowMs) from--;
  return samples.slice(from);
}

/** Lag of the given partitions in one sample (the same rule as the lag table: a negative lag counts 0). */
export function lagIn(sample: OffsetSample, scope?: Iterable<string>): bigint | null {
  const lags: Array<bigint | null> = [];
  for (const key of scope ?? sample.partitions.keys()) {
    const p = sample.partitions.get(key);
    if (p) lags.push(p.committed === null ? null : p.logEnd - p.committed);
  }
  return totalLag(lags);
}

export function catchUp(samples: readonly OffsetSample[], o: CatchUpOptions = {}): CatchUp {
  const windowMs = o.windowMs ?? DEFAULT_WINDOW_MS;
  const stallMs = Math.min(o.stallMs ?? DEFAULT_STALL_MS, windowMs);
  const steadyRatio = o.steadyRatio ?? DEFAULT_STEADY_RATIO;
  const win = windowOf(samples, windowMs);
  const newest = win[win.length - 1];
  if (!newest) return { lag: null, consumeRate: null, produceRate: null, spanMs: 0, status: { kind: 'measuring' } };
  const scope = [...(o.scope ?? newest.partitions.keys())];
  const lag = lagIn(newest, scope);
  if (win.length < 2) return { lag, consumeRate: null, produceRate: null, spanMs: 0, status: lag === null ? { kind: 'no-commit' } : { kind: 'measuring' } };

  let consumed = 0n;
  let produced = 0n;
  for (let i = 1; i < win.length; i++) {
    const a = win[i - 1].partitions;
    const b = win[i].partitions;
    for (const key of scope) {
      const before = a.get(key);
      const after = b.get(key);
      if (!before || !after) continue;
      if (before.committed !== null && after.committed !== null && after.committed > before.committed) consumed += after.committed - before.committed;
      if (after.logEnd > before.logEnd) produced += after.logEnd - before.logEnd;
    }
  }
  const spanMs = newest.at - win[0].at;
  const seconds = spanMs / 1000;
  const consumeRate = Number(consumed) / seconds;
  const produceRate = Number(produced) / seconds;
  return { lag, consumeRate, produceRate, spanMs, status: statusOf(lag, consumed > 0n, produced > 0n, consumeRate, produceRate, spanMs >= stallMs, steadyRatio) };
}

function statusOf(
  lag: bigint | null,
  consumedAny: boolean,
  producedAny: boolean,
  consumeRate: number,
  produceRate: number,
  longEnough: boolean,
  steadyRatio: number,
): CatchUpStatus {
  if (lag === null) return { kind: 'no-commit' };
  if (lag === 0n) return consumedAny || producedAny ? { kind: 'keeping-up' } : { kind: 'idle' };
  if (!consumedAny) return longEnough ? { kind: 'stalled' } : producedAny ? { kind: 'falling-behind' } : { kind: 'measuring' };
  const net = consumeRate - produceRate;
  const tolerance = steadyRatio * Math.max(consumeRate, produceRate);
  if (net > tolerance) return { kind: 'catching-up', etaMs: Math.round((Number(lag) / net) * 1000) };
  if (net < -tolerance) return { kind: 'falling-behind' };
  return { kind: 'keeping-up' };
}

/** The lag of each sample (for a chart), as JS numbers: a chart does not need int64 precision. */
export function lagSeries(samples: readonly OffsetSample[], scope?: Iterable<string>): Array<{ at: number; lag: number | null }> {
  const keys = scope ? [...scope] : undefined;
  return samples.map((s) => {
    const lag = lagIn(s, keys);
    return { at: s.at, lag: lag === null ? null : Number(lag) };
  });
}

/**
 * "catching up (~3 min)", "stalled", …: the status in the words the CLI, the tree and the details
 * panel show — written once here. t: the extension passes vscode.l10n.t (the English text is the key);
 * eta: false leaves out "(~3 min)" where the ETA has a column of its own (the CLI's lag --watch).
 */
export function statusText(s: CatchUpStatus, o: { t?: Translate; eta?: boolean } = {}): string {
  const t = o.t ?? english;
  switch (s.kind) {
    case 'catching-up':
      return o.eta === false ? t('catching up') : t('catching up ({0})', formatEta(s.etaMs));
    case 'keeping-up':
      return t('keeping up');
    case 'falling-behind':
      return t('falling behind');
    case 'stalled':
      return t('stalled');
    case 'idle':
      return t('idle');
    case 'measuring':
      return t('measuring…');
    case 'no-commit':
      return t('no commit');
  }
}

/** "~40 s", "~3 min", "~2 h", "~5 d": an estimate, so one unit and rounded. */
export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `~${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `~${min} min`;
  const h = Math.round(s / 3600);
  if (h < 48) return `~${h} h`;
  return `~${Math.round(s / 86_400)} d`;
}

/** "0/s", "0.4/s", "12/s", "1,250/s": records per second, to a precision that means something. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return '—';
  if (perSecond === 0) return '0/s';
  if (perSecond < 10) return `${perSecond.toFixed(1)}/s`;
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}
