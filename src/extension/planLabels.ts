/**
 * How a plan and a result read in the quick pick, the Markdown preview, modals and the log. The
 * summary sentence and the outcome counts are core's (src/core/planText.ts), shared with the form
 * and the CLI. No vscode import (unit-tested).
 */
import type { Plan, PlanRow, ResetResult } from '../core/types';
import { formatCount } from '../core/numbers';
import { planSummary as corePlanSummary } from '../core/planText';
import { t } from './l10n';
import { code, md, pickText } from './markdown';

const off = (v: bigint | null): string => (v === null ? t('none') : formatCount(v));

export function rowName(r: { topic: string; partition: number }, withTopic: boolean): string {
  return withTopic ? `${r.topic} p${r.partition}` : `p${r.partition}`;
}

export function clampText(r: PlanRow): string | undefined {
  if (r.clamped === 'earliest') return t('clamped to log start {0}', formatCount(r.logStart));
  if (r.clamped === 'latest') return t('clamped to log end {0}', formatCount(r.logEnd));
  return undefined;
}

/** Where consumption restarts, in local time (plan rows read with targetTimestamps); undefined when not read. */
export function restartsText(r: PlanRow): string | undefined {
  if (r.targetTimestamp === undefined || r.error) return undefined;
  if (r.targetTimestamp === null) return t('restarts with the next message');
  return t('restarts at {0}', new Date(r.targetTimestamp).toLocaleString());
}

export interface PlanRowItem {
  label: string;
  description: string;
  detail: string;
}

/** One quick-pick row per partition: "p0", "50 → 10", "lag 50 → 90 · clamped to log start 10". */
export function planRowItem(r: PlanRow, withTopic: boolean): PlanRowItem {
  const lag = t('lag {0} → {1}', off(r.lagBefore), formatCount(r.lagAfter));
  const extra = r.error ?? clampText(r);
  const detail = [lag, restartsText(r), extra].filter((x): x is string => !!x).join(' · ');
  return {
    label: pickText(rowName(r, withTopic)),
    description: `${off(r.committed)} → ${formatCount(r.target)}`,
    detail,
  };
}

export function planTopics(plan: Plan): string[] {
  return [...new Set(plan.rows.map((r) => r.topic))];
}

/** "3 partitions of orders · lag 1,234 → 5,678 · replays 4,444 messages" */

/** "3 partitions of orders (0, 2) · lag 1,234 → 5,678 · replays 4,444 messages"; subset: the chosen partitions when fewer than the topic's. */
export function planSummary(plan: Plan, subset?: number[]): string {
  return corePlanSummary(plan, { t, ...(subset ? { subset } : {}) });
}

/** The preview as a Markdown document (opened beside the quick pick, and logged). */
export function planMarkdown(plan: Plan, clusterName: string, modeText: string): string {
  const withTopic = planTopics(plan).length > 1;
  const head = [
    `# ${t('Reset plan for group {0}', code(plan.request.group))}`,
    '',
    `- ${t('Cluster')}: ${md(clusterName)}`,
    `- ${t('Mode')}: ${md(modeText)}`,
    ...(plan.resolvedTimestamp !== undefined ? [`- ${t('Searched instant')}: ${new Date(plan.resolvedTimestamp).toISOString()} (${plan.resolvedTimestamp})`] : []),
    `- ${t('Offsets read at')}: ${new Date(plan.plannedAt).toISOString()}`,
    `- ${planSummary(plan)}`,
    '',
    `| ${t('Partition')} | ${t('Committed')} | ${t('Log start')} | ${t('Log end')} | ${t('Target')} | ${t('Lag before → after')} | ${t('Note')} |`,
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  const rows = plan.rows.map(
    (r) =>
      `| ${md(rowName(r, withTopic))} | ${off(r.committed)} | ${formatCount(r.logStart)} | ${formatCount(r.logEnd)} | ${formatCount(r.target)} | ${off(r.lagBefore)} → ${formatCount(r.lagAfter)} | ${md(r.error ?? clampText(r) ?? '')} |`,
  );
  return [...head, ...rows, ''].join('\n');
}

/** One log line per planned partition. */
export function planLogLines(plan: Plan): string[] {
  return plan.rows.map(
    (r) =>
      `  ${r.topic}/${r.partition}: committed ${off(r.committed)} → target ${formatCount(r.target)} ` +
      `(log ${formatCount(r.logStart)}..${formatCount(r.logEnd)}, lag ${off(r.lagBefore)} → ${formatCount(r.lagAfter)})` +
      (r.clamped ? ` [clamped ${r.clamped}]` : '') +
      (r.error ? ` ERROR ${r.error}` : ''),
  );
}

/** One log line per partition of a result: before → after, outcome. */
export function resultLogLines(result: ResetResult): string[] {
  return result.rows.map(
    (r) =>
      `  ${r.topic}/${r.partition}: ${off(r.committed)} → ${r.target < 0n ? t('deleted') : formatCount(r.target)} ${r.outcome}` +
      (r.readBack !== null && r.readBack !== r.target ? ` (read back ${formatCount(r.readBack)})` : '') +
      (r.reason ? ` — ${r.reason}` : ''),
  );
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
