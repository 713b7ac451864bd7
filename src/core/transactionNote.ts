/**
 * The one wording of what transactions do to lag, shared by the CLI table, --json and the tree.
 * Kafka's lag (log end − committed offset) counts every offset, but transaction markers are never
 * delivered to a consumer and aborted records never reach a read_committed one: a group can be
 * "lag 1" forever with nothing left to read.
 */

export interface TransactionCounts {
  lag: bigint | null;
  pendingRecords?: number;
  transactionMarkers?: number;
  abortedRecords?: number;
  openTransactionRecords?: number;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * e.g. "caught up: 1 transaction marker", "caught up: 2 transaction markers, 3 aborted records",
 * "lag includes 1 transaction marker", "waiting for open transactions: 5 records"; null when there
 * is nothing to say (no transactions in the gap, or the gap was not read).
 */
export function transactionNote(c: TransactionCounts): string | null {
  if (c.lag === null || c.lag <= 0n) return null;
  const skipped: string[] = [];
  if (c.transactionMarkers) skipped.push(count(c.transactionMarkers, 'transaction marker', 'transaction markers'));
  if (c.abortedRecords) skipped.push(count(c.abortedRecords, 'aborted record', 'aborted records'));
  const open = c.openTransactionRecords ?? 0;
  const parts: string[] = [];
  if (c.pendingRecords === 0 && open === 0 && skipped.length) return `caught up: ${skipped.join(', ')}`;
  if (c.pendingRecords === 0 && open > 0) parts.push(`waiting for open transactions: ${count(open, 'record', 'records')}`);
  else if (open > 0) parts.push(`${count(open, 'record', 'records')} in open transactions`);
  if (skipped.length && c.pendingRecords !== undefined) parts.push(`lag includes ${skipped.join(', ')}`);
  return parts.length ? parts.join('; ') : null;
}
