/**
 * What delete-offsets and delete-group print: the plan and result tables, their JSON, and the closing
 * lines (applied / failed / unknown counted apart, the snapshot and the quoted undo command).
 */
import { formatCount, undoCommand, shellQuote, type ClusterConfig, type DeleteResult, type DeleteRow, type DeleteResultRow } from '../core';
import { table, jsonNum } from './format';
import { EXIT_OUTCOME_UNKNOWN, type OutcomeOutput } from './outcome';

const n = (v: bigint | null) => (v === null ? '-' : formatCount(v));

export function deleteTable(rows: Array<DeleteRow | DeleteResultRow>): string {
  const withOutcome = rows.some((r) => 'outcome' in r);
  return table(
    ['TOPIC', 'PARTITION', 'COMMITTED', 'LOG-END', 'LAG', ...(withOutcome ? ['RESULT'] : ['AFTER'])],
    rows.map((r) => [
      r.topic,
      String(r.partition),
      r.committed === null ? 'none' : n(r.committed),
      n(r.logEnd),
      n(r.lag),
      'outcome' in r ? (r.outcome === 'applied' ? 'deleted' : r.outcome) + (r.reason ? ` (${r.reason})` : '') : r.committed === null ? 'nothing to delete' : 'deleted',
    ]),
  );
}

export function deleteRowJson(r: DeleteRow | DeleteResultRow): Record<string, unknown> {
  return {
    topic: r.topic,
    partition: r.partition,
    committed: jsonNum(r.committed),
    logEnd: jsonNum(r.logEnd),
    lag: jsonNum(r.lag),
    ...('outcome' in r ? { outcome: r.outcome, readBack: jsonNum(r.readBack), ...(r.reason ? { reason: r.reason } : {}) } : {}),
  };
}

export function deleteResultJson(r: DeleteResult): Record<string, unknown> {
  return { snapshotFile: r.snapshotFile, durationMs: r.durationMs, ...(r.groupDeleted !== undefined ? { groupDeleted: r.groupDeleted } : {}), rows: r.rows.map(deleteRowJson) };
}

/** The undo line of one delete, the path quoted (a snapshot path may hold spaces or quotes). */
export function undoLine(result: DeleteResult, brokers: string[]): string | undefined {
  return result.snapshotFile ? undoCommand(result.snapshotFile, brokers) : undefined;
}

/** The batch undo of several deletes: one command, every path quoted. */
export function batchUndoLine(files: string[], brokers: string[]): string {
  return `kafka-offsets undo --bootstrap ${shellQuote(brokers.join(','))} ${files.map((f) => `--snapshot ${shellQuote(f)}`).join(' ')}`;
}

/** The closing lines of one delete; returns the exit code (0 done, 1 some not deleted, 3 unknown). */
export function reportDelete(out: OutcomeOutput, result: DeleteResult, cfg: ClusterConfig): number {
  const count = (k: string) => result.rows.filter((r) => r.outcome === k).length;
  const [applied, failed, unknown] = [count('applied'), count('failed'), count('unknown')];
  const total = result.rows.length;
  const undo = undoLine(result, cfg.brokers);
  const what = result.kind === 'group' ? `group "${result.group}"` : `the committed offsets of group "${result.group}"`;
  if (unknown > 0) {
    out.note(
      `The outcome of ${unknown} of ${total} partition${total === 1 ? '' : 's'} is UNKNOWN: the delete was sent but its answer was lost, so it may or may not have landed. ` +
        `Check with: kafka-offsets lag --bootstrap ${shellQuote(cfg.brokers.join(','))} --group ${shellQuote(result.group)}.` +
        (undo ? ` The offsets before are in ${result.snapshotFile}; to put them back: ${undo}` : ''),
    );
    return EXIT_OUTCOME_UNKNOWN;
  }
  if (failed > 0 || (result.kind === 'group' && !result.groupDeleted)) {
    out.text(`${failed ? `${failed} of ${total} partition${total === 1 ? '' : 's'} NOT deleted${applied ? ` (${applied} deleted)` : ''}` : `Group "${result.group}" still exists after the delete`}.${result.snapshotFile ? ` Snapshot of the offsets before: ${result.snapshotFile}` : ''}`);
    if (undo) out.text(`Undo: ${undo}`);
    return 1;
  }
  const partitions = `${applied} partition${applied === 1 ? '' : 's'}`;
  out.text(
    result.kind === 'group'
      ? `Deleted ${what}${applied ? ` and the committed offsets of its ${partitions}` : ' (it had no committed offsets: nothing to undo)'} in ${result.durationMs} ms.${undo ? ` Undo (recreates it): ${undo}` : ''}`
      : `Deleted ${what} on ${partitions} in ${result.durationMs} ms. Undo: ${undo}`,
  );
  return 0;
}
