/**
 * The "Show Next Messages" document's text (src/extension/peekText.ts): per partition the committed
 * offset, then the records through the core renderer; no commit, caught up, a read error and a
 * committed offset below the log start each said in a sentence; hostile bytes stay escaped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peekText } from '../../src/extension/peekText';
import type { KafkaRecord, PartitionRecords } from '../../src/core';

const rec = (offset: bigint, value: string | null, key: string | null = null): KafkaRecord => ({
  offset,
  timestamp: Date.UTC(2026, 10, 27, 12, 0, 0),
  timestampType: 'CreateTime',
  key: key === null ? null : Buffer.from(key),
  keySize: key === null ? 0 : Buffer.byteLength(key),
  headers: [],
  value: value === null ? null : Buffer.from(value),
  valueSize: value === null ? 0 : Buffer.byteLength(value),
});
const read = (records: KafkaRecord[], o: Partial<PartitionRecords> = {}): PartitionRecords =>
  ({ topic: 'orders', partition: 0, offset: 4n, broker: 'b:9092', records, highWatermark: 10n, lastStableOffset: 10n, logStartOffset: 0n, readTo: 10n, ...o }) as PartitionRecords;

test('the next records of a partition, rendered by the core, under a header naming group and offset', () => {
  const text = peekText('Local', 'billing', [{ topic: 'orders', partition: 0, committed: 4n, read: read([rec(4n, '{"id":1}', 'k1'), rec(5n, null)]) }], 10, Date.UTC(2026, 10, 27, 13, 0, 0));
  assert.match(text, /^Next messages of group billing on Local — read 2026-11-27T13:00:00\.000Z, read-only: nothing was committed\./);
  assert.match(text, /=== orders partition 0 · committed offset 4 ===/);
  assert.match(text, /offset 4 · 2026-11-27T12:00:00\.000Z \(CreateTime\)\nkey {6}k1/);
  assert.match(text, /value {4}json, 8 bytes\n {2}\{\n {4}"id": 1\n {2}\}/);
  assert.match(text, /offset 5 [^\n]*\nkey {6}\(none\)\nvalue {4}\(none: a tombstone\)/);
});

test('no commit, caught up, below the log start, a read error; a hostile topic name is escaped', () => {
  const text = peekText('Local', 'g\u001b[2J', [
    { topic: 'orders', partition: 1, committed: null },
    { topic: 'orders', partition: 2, committed: 10n, read: read([], { partition: 2, offset: 10n }) },
    { topic: 'orders', partition: 3, committed: 1n, read: read([rec(7n, 'x')], { partition: 3, offset: 1n, logStartOffset: 7n }) },
    { topic: 'orders', partition: 4, committed: 0n, read: read([], { partition: 4, error: 'Partition 4 of orders: NOT_LEADER (broker b:9092).' }) },
  ], 3);
  assert.match(text, /partition 1 · committed offset none ===\nNo committed offset: the group starts where its consumers' auto\.offset\.reset says/);
  assert.match(text, /partition 2 · committed offset 10 ===\nNothing to read: caught up \(log end 10\)\./);
  assert.match(text, /below the log start \(7\): the group will start at the first record that still exists\.\noffset 7/);
  assert.match(text, /Could not read: Partition 4 of orders: NOT_LEADER/);
  assert.doesNotMatch(text, /\u001b/, 'no terminal escape reaches the document');
});
