/**
 * The words for a plan and a result that every front end shows: the one-line plan summary (the quick
 * pick, the form, the log and the CLI) and the outcome counts. English by default; the extension
 * passes vscode.l10n.t as `t`, which takes the English text as its key.
 */
import type { Plan, ResetResult } from './types';
import { planTotals } from './plan';
import { formatCount } from './numbers';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills {0}-style placeholders, as vscode.l10n.t does for the default language. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));

/** "1 partition", "1,200 partitions". */
export function partitionsText(n: number, t: Translate = english): string {
  return n === 1 ? t('{0} partition', n) : t('{0} partitions', formatCount(n));
}

/** "1 message", "4,444 messages". */
export function messagesText(n: bigint, t: Translate = english): string {
  return n === 1n ? t('1 message') : t('{0} messages', formatCount(n));
}

/**
 * "3 partitions of orders (0, 2, 5) · lag 10 → 300 · replays 290 messages · 1 partition without a
 * commit yet". `subset`: the chosen partitions when they are a proper subset of the topic's.
 */
export function planSummary(plan: Plan, o: { t?: Translate; subset?: number[] } = {}): string {
  const t = o.t ?? english;
  const tot = planTotals(plan);
  const topics = [...new Set(plan.rows.map((r) => r.topic))];
  const which = topics.length === 1 ? t('{0} of {1}', partitionsText(tot.partitions, t), topics[0]) : t('{0} in {1} topics', partitionsText(tot.partitions, t), topics.length);
  const parts = [o.subset ? `${which} (${o.subset.join(', ')})` : which, t('lag {0} → {1}', formatCount(tot.lagBefore), formatCount(tot.lagAfter))];
  if (tot.replayed > 0n) parts.push(t('replays {0}', messagesText(tot.replayed, t)));
  if (tot.skipped > 0n) parts.push(t('skips {0}', messagesText(tot.skipped, t)));
  if (tot.noCommit > 0) parts.push(t('{0} without a commit yet', partitionsText(tot.noCommit, t)));
  if (tot.errors > 0) parts.push(t('{0} cannot be reset', partitionsText(tot.errors, t)));
  return parts.join(' · ');
}

/** Partitions of a result by outcome. */
export function resultCounts(result: ResetResult): { applied: number; failed: number; unknown: number } {
  const c = { applied: 0, failed: 0, unknown: 0 };
  for (const r of result.rows) c[r.outcome]++;
  return c;
}
