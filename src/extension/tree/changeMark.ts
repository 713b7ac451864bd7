/**
 * What changed since the last refresh: a group's (or a topic's) lag in its newest sample against the
 * one before, read from the bounded history the store keeps for catch-up (core/catchUp). A live
 * consumer is debugged by watching lag move; "↑120" beside the lag answers "is it getting worse?"
 * without comparing numbers across refreshes by memory.
 *
 * The marker sits right after the compact lag at the start of a group row's label (./lagMark), so a
 * 300 px side bar cuts the group id before it, never the marker or the lag; a topic row carries it
 * after its lag in the description. The exact figures are in the tooltip and the accessibility label.
 * Pure, no vscode import.
 */
import { lagIn, type OffsetSample } from '../../core/catchUp';
import { formatCount } from '../../core/numbers';
import { wordsDuration } from '../../core/duration';
import { t } from '../l10n';
import { compactLag } from './lagMark';

export interface LagChange {
  /** Lag in the previous sample and in the newest one (same partitions rule as the lag itself). */
  before: bigint;
  after: bigint;
  /** How far apart the two reads are (ms). */
  overMs: number;
}

/**
 * The change of lag between the two newest samples, over `scope` (tpKeys; all partitions when absent),
 * or undefined: fewer than two samples, no commit in either, or no change at all (nothing to mark).
 */
export function lagChange(history: readonly OffsetSample[] | undefined, scope?: Iterable<string>): LagChange | undefined {
  if (!history || history.length < 2) return undefined;
  const prev = history[history.length - 2];
  const last = history[history.length - 1];
  const keys = scope ? [...scope] : undefined;
  const before = lagIn(prev, keys);
  const after = lagIn(last, keys);
  if (before === null || after === null || before === after) return undefined;
  return { before, after, overMs: last.at - prev.at };
}

/** "↑120", "↓1.2K": the arrow says the direction, the compact figure how much (rounded down, like the lag). */
export function changeArrow(c: LagChange): string {
  return c.after > c.before ? `↑${compactLag(c.after - c.before)}` : `↓${compactLag(c.before - c.after)}`;
}

/** Tooltip line (Markdown, no user text): "Since the last refresh (10 s earlier): lag +120 (1,980 → 2,100)". */
export function changeTooltipLine(c: LagChange): string {
  const sign = c.after > c.before ? '+' : '−';
  const delta = c.after > c.before ? c.after - c.before : c.before - c.after;
  return t('Since the last refresh ({0} earlier): lag {1}{2} ({3} → {4})', wordsDuration(c.overMs), sign, formatCount(delta), formatCount(c.before), formatCount(c.after));
}

/** For screen readers: "lag up 120 since the last refresh". */
export function changeWords(c: LagChange): string {
  return c.after > c.before
    ? t('lag up {0} since the last refresh', formatCount(c.after - c.before))
    : t('lag down {0} since the last refresh', formatCount(c.before - c.after));
}

/** What the row shows of the change, as one string to compare (the store announces a row when it differs). */
export function changeKey(c: LagChange | undefined): string {
  return c ? `${c.before}>${c.after}` : '';
}
