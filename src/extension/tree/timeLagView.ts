/**
 * Lag in time in the tree's words: "42 min behind" after the lag in group, topic and partition rows
 * (the lag stays first: a narrow side bar cuts the end of a row), and the next record's time and the
 * transaction note in a partition's tooltip. Pure, no vscode.
 */
import type { PartitionLag } from '../../core/types';
import { wordsDuration } from '../../core/duration';
import { t } from '../l10n';

/** "42 min behind"; nothing when caught up (0), without a commit (null) or not read (undefined). */
export function behindText(ms: number | null | undefined): string | undefined {
  return typeof ms === 'number' && ms > 0 ? t('{0} behind', wordsDuration(ms)) : undefined;
}

/** Tooltip lines (Markdown, no user text) about the next record and transactions of a partition. */
export function partitionTimeLines(p: PartitionLag): string[] {
  const lines: string[] = [];
  if (p.nextTimestamp !== undefined || p.timeLagMs !== undefined) {
    if (typeof p.nextTimestamp === 'number')
      lines.push(`${t('Next record')}: ${new Date(p.nextTimestamp).toISOString()} (${behindText(p.timeLagMs) ?? t('just now')})`);
    else if (p.timeLagMs === 0) lines.push(`${t('Next record')}: ${t('none yet (caught up)')}`);
    else if (p.committed !== null) lines.push(`${t('Next record')}: ${t('no timestamp')}`);
  }
  if (p.pendingRecords !== undefined) lines.push(`${t('Records still to read')}: ${p.pendingRecords.toLocaleString('en-US')}`);
  if (p.note) lines.push(`${t('Transactions')}: ${p.note}`);
  if (p.timeLagError) lines.push(`${t('Next record')}: ${t('could not be read')} (${p.timeLagError.replace(/[\\`*_{}[\]()#+!|<>-]/g, '\\$&')})`);
  return lines;
}
