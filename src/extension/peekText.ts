/**
 * The "Show Next Messages" document's text: which group, partition and offset, then the next records
 * the group will read, each rendered by the core (recordText: JSON, UTF-8, hex or base64, capped with
 * the real size, every line through visible()). Pure, no vscode (test/unit/peek-text.test.ts).
 */
import type { KafkaRecord, PartitionRecords } from '../core';
import { recordText } from '../core/recordDisplay';
import { visible } from '../core/display';

export interface PeekPartition {
  topic: string;
  partition: number;
  /** The group's committed offset; null = no commit (nothing read: where it starts depends on the consumer). */
  committed: bigint | null;
  read?: PartitionRecords;
}

export function peekText(clusterName: string, group: string, parts: PeekPartition[], count: number, now = Date.now()): string {
  const out = [
    `Next messages of group ${visible(group)} on ${visible(clusterName)} — read ${new Date(now).toISOString()}, read-only: nothing was committed.`,
    `Up to ${count} record${count === 1 ? '' : 's'} per partition from its committed offset (read_committed, as a consumer sees them).`,
  ];
  for (const p of parts) {
    out.push('', `=== ${visible(p.topic)} partition ${p.partition} · committed offset ${p.committed === null ? 'none' : p.committed.toString()} ===`);
    if (p.committed === null) {
      out.push('No committed offset: the group starts where its consumers\' auto.offset.reset says (earliest or latest).');
      continue;
    }
    const r = p.read;
    if (!r) continue;
    if (r.error) {
      out.push(`Could not read: ${visible(r.error)}`);
      continue;
    }
    if (p.committed < r.logStartOffset) out.push(`The committed offset is below the log start (${r.logStartOffset}): the group will start at the first record that still exists.`);
    if (r.records.length === 0) out.push(`Nothing to read: caught up (log end ${r.highWatermark}).`);
    r.records.forEach((rec: KafkaRecord, i) => out.push(...(i ? [''] : []), recordText(rec)));
  }
  return out.join('\n') + '\n';
}
