/**
 * The time columns of the CLI: `lag`'s TIME-LAG and NOTE columns and the fields its --json adds
 * (present only when lag was read with time lag — the default; --no-time-lag skips the record reads
 * and these columns), and a reset plan's TARGET TIME.
 */
import { compactDuration } from '../core';
import type { GroupLag, PartitionLag, TopicLag } from '../core';

/** "42m10s", "0s" when caught up, "-" without a commit, "?" when the next record could not be read. */
export function timeLagCell(v: number | null | undefined, error?: string): string {
  if (error) return '?';
  return v === null || v === undefined ? '-' : compactDuration(v);
}

export function hasTimeLag(lag: GroupLag): boolean {
  return lag.timeLagMs !== undefined;
}

/** The NOTE cell: the transaction note, or why the next record could not be read. */
export function noteCell(p: PartitionLag): string {
  return p.note ?? (p.timeLagError ? `next record unreadable: ${p.timeLagError}` : '');
}

/** The --json fields a partition gains (exactly those set). */
export function partitionTimeLagJson(p: PartitionLag): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.nextTimestamp !== undefined) out.nextTimestamp = p.nextTimestamp;
  if (p.timeLagMs !== undefined) out.timeLagMs = p.timeLagMs;
  if (p.pendingRecords !== undefined) {
    out.pendingRecords = p.pendingRecords;
    out.transactionMarkers = p.transactionMarkers ?? 0;
    out.abortedRecords = p.abortedRecords ?? 0;
  }
  if (p.openTransactionRecords !== undefined) out.openTransactionRecords = p.openTransactionRecords;
  if (p.note !== undefined) out.note = p.note;
  if (p.timeLagError !== undefined) out.timeLagError = p.timeLagError;
  return out;
}

export function totalTimeLagJson(t: TopicLag | GroupLag): Record<string, unknown> {
  return t.timeLagMs !== undefined ? { timeLagMs: t.timeLagMs } : {};
}

/** "Total lag: 2,175 · 42m10s behind" — the part after the count. */
export function totalTimeLagText(lag: GroupLag): string {
  if (lag.timeLagMs === undefined || lag.timeLagMs === null) return '';
  return lag.timeLagMs === 0 ? ' · caught up in time' : ` · ${compactDuration(lag.timeLagMs)} behind`;
}

/** The TARGET TIME cell of a plan: the record's time to the second (UTC), "log end", or "-" when unknown. */
export function targetTimeCell(v: number | null | undefined): string {
  if (v === undefined) return '-';
  if (v === null) return 'log end';
  return new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
