/**
 * The pure parts of reading records: walking record batches cut short by a byte limit (batches built
 * with kafkajs's own encoder, the format the broker sends), the transaction note wording, short
 * durations, and how a record is shown (hostile bytes never reach a terminal raw).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walkBatches } from '../../src/core/kafka/recordBatches';
import { transactionNote } from '../../src/core/transactionNote';
import { compactDuration, wordsDuration } from '../../src/core/duration';
import { renderBytes, recordText, recordJson, prettyJson } from '../../src/core/recordDisplay';
import type { KafkaRecord } from '../../src/core/kafka/records';
import { hasInvisible } from '../../src/core/display';

/* eslint-disable @typescript-eslint/no-var-requires */
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0');

async function batch(firstOffset: number, values: string[], o: { transactional?: boolean; control?: boolean } = {}): Promise<Buffer> {
  const records = values.map((v, i) => Record({ offsetDelta: i, timestampDelta: i * 10, key: Buffer.from(`k${i}`), value: Buffer.from(v) }));
  const enc = await RecordBatch({ firstOffset: String(firstOffset), firstTimestamp: 1_000_000, maxTimestamp: 1_000_000 + values.length * 10, lastOffsetDelta: values.length - 1, transactional: o.transactional, records });
  const buf = Buffer.from(enc.buffer);
  // The control flag (0x20) is not something kafkajs writes; kafkajs does not check the CRC either.
  if (o.control) buf.writeInt16BE(buf.readInt16BE(21) | 0x20, 21);
  return buf;
}

test('walkBatches: whole batches give every record at or after the offset, with timestamps from the batch', async () => {
  const buf = Buffer.concat([await batch(10, ['a', 'b', 'c']), await batch(13, ['d', 'e'])]);
  const w = await walkBatches(buf, 11n);
  assert.equal(w.needBytes, undefined);
  assert.deepEqual(w.batches.flatMap((b) => b.records.map((r) => [r.offset, r.value!.toString(), r.timestamp])), [[11n, 'b', 1_000_010], [12n, 'c', 1_000_020], [13n, 'd', 1_000_000], [14n, 'e', 1_000_010]]);
  assert.equal(w.batches[1].readTo, 15n);
});

test('walkBatches: an uncompressed batch cut short yields its whole records; nothing at the offset asks for just enough bytes', async () => {
  const full = await batch(0, Array.from({ length: 50 }, (_, i) => `value-${i}`.padEnd(40, '.')));
  const cut = full.subarray(0, 400);
  const w = await walkBatches(cut, 2n);
  assert.equal(w.needBytes, undefined);
  assert.ok(w.batches[0].records.length >= 1);
  assert.equal(w.batches[0].records[0].value!.toString().startsWith('value-2'), true);
  const last = w.batches[0].readTo;
  // Asking past what the cut holds: no record, and a limit that covers the next one.
  const again = await walkBatches(cut, last);
  assert.deepEqual(again.batches, []);
  assert.ok(again.needBytes! > 400 && again.needBytes! < 500, `needBytes ${again.needBytes}`);
  const grown = await walkBatches(full.subarray(0, again.needBytes!), last);
  assert.equal(grown.batches[0].records[0].offset, last);
  // A cut inside the 61-byte header asks for the whole batch.
  assert.equal((await walkBatches(full.subarray(0, 30), 0n)).needBytes, full.length);
});

test('walkBatches: control batches carry marker types and are never cut; transactional batches are flagged', async () => {
  const commit = Buffer.alloc(4);
  commit.writeInt16BE(0, 0);
  commit.writeInt16BE(1, 2);
  const records = [Record({ offsetDelta: 0, key: commit, value: Buffer.alloc(6) })];
  const enc = await RecordBatch({ firstOffset: '5', lastOffsetDelta: 0, transactional: true, producerId: '42', records });
  const marker = Buffer.from(enc.buffer);
  marker.writeInt16BE(marker.readInt16BE(21) | 0x20, 21);
  const data = await batch(3, ['x', 'y'], { transactional: true });
  const w = await walkBatches(Buffer.concat([data, marker]), 3n);
  assert.deepEqual(w.batches.map((b) => [b.batch.isControl, b.batch.inTransaction]), [[false, true], [true, true]]);
  assert.deepEqual(w.batches[1].markerTypes, [1]);
  assert.equal(w.batches[1].batch.producerId, 42n);
  const cutMarker = await walkBatches(marker.subarray(0, marker.length - 3), 5n);
  assert.equal(cutMarker.needBytes, marker.length);
});

test('transactionNote: the one wording of markers, aborted records and open transactions', () => {
  assert.equal(transactionNote({ lag: 1n, pendingRecords: 0, transactionMarkers: 1, abortedRecords: 0 }), 'caught up: 1 transaction marker');
  assert.equal(transactionNote({ lag: 5n, pendingRecords: 0, transactionMarkers: 2, abortedRecords: 3 }), 'caught up: 2 transaction markers, 3 aborted records');
  assert.equal(transactionNote({ lag: 5n, pendingRecords: 2, transactionMarkers: 3, abortedRecords: 0 }), 'lag includes 3 transaction markers');
  assert.equal(transactionNote({ lag: 2n, pendingRecords: 0, transactionMarkers: 0, abortedRecords: 0, openTransactionRecords: 2 }), 'waiting for open transactions: 2 records');
  assert.equal(transactionNote({ lag: 9n, openTransactionRecords: 1 }), '1 record in open transactions');
  assert.equal(transactionNote({ lag: 1_500n, pendingRecords: 0, transactionMarkers: 1_200 }), 'caught up: 1,200 transaction markers');
  // Nothing to say: plain records, no lag, no commit, or a gap too large to read.
  assert.equal(transactionNote({ lag: 6n, pendingRecords: 6, transactionMarkers: 0, abortedRecords: 0 }), null);
  assert.equal(transactionNote({ lag: 0n, pendingRecords: 0 }), null);
  assert.equal(transactionNote({ lag: null }), null);
  assert.equal(transactionNote({ lag: 10_000n }), null);
});

test('durations: compact for table cells, in words for sentences', () => {
  assert.deepEqual([0, 999, 45_000, 2_530_000, 3 * 3600_000 + 5 * 60_000, 2 * 86_400_000 + 3 * 3600_000].map(compactDuration), ['0s', '0s', '45s', '42m10s', '3h05m', '2d03h']);
  assert.equal(compactDuration(-1), '?');
  assert.deepEqual([45_000, 2_530_000, 3 * 3600_000, 3 * 3600_000 + 5 * 60_000, 86_400_000].map(wordsDuration), ['45 s', '42 min', '3 h', '3 h 5 min', '1 day']);
});

function rec(p: Partial<KafkaRecord>): KafkaRecord {
  return { offset: 7n, timestamp: Date.UTC(2026, 10, 27, 11, 0, 0), timestampType: 'CreateTime', key: null, keySize: 0, headers: [], value: null, valueSize: 0, ...p };
}

test('renderBytes: JSON and UTF-8 as text, anything else as hex (short) or base64; a cap says the real size and never splits a character', () => {
  assert.deepEqual(renderBytes(Buffer.from('{"id": 12345678901234567890}')), { encoding: 'json', text: '{"id": 12345678901234567890}', size: 28, truncated: false });
  assert.equal(renderBytes(Buffer.from('plain'))!.encoding, 'utf8');
  assert.equal(renderBytes(Buffer.from('[not json'))!.encoding, 'utf8');
  assert.deepEqual(renderBytes(Buffer.from([0, 1, 2, 0xfe])), { encoding: 'hex', text: '000102fe', size: 4, truncated: false });
  assert.equal(renderBytes(Buffer.alloc(100, 0xff))!.encoding, 'base64');
  // valid UTF-8 but full of controls (an ESC sequence): binary, so it can never act on a terminal
  assert.equal(renderBytes(Buffer.from('\x1b]0;pwned\x07'))!.encoding, 'hex');
  assert.equal(renderBytes(null), null);
  const euro = Buffer.from('ab€', 'utf8'); // € is 3 bytes
  assert.deepEqual(renderBytes(euro.subarray(0, 4), 5), { encoding: 'utf8', text: 'ab', size: 5, truncated: true });
});

test('prettyJson keeps numbers exact and strings untouched', () => {
  assert.equal(prettyJson('{"a":[1,2],"b":{},"big":12345678901234567890,"s":"x, {y}: \\"z\\""}'), '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {},\n  "big": 12345678901234567890,\n  "s": "x, {y}: \\"z\\""\n}');
});

test('recordText: every shape on safe lines; hostile text is escaped; recordJson is exact', () => {
  const hostileKey = Buffer.from('k\u202eevil');
  const text = recordText(rec({ key: hostileKey, keySize: hostileKey.length, headers: [{ key: 'trace\nforged', value: Buffer.from('abc') }, { key: 'bin', value: Buffer.from([0xff]) }], value: Buffer.from('{"id":1}'), valueSize: 8 }));
  assert.equal(text, ['offset 7 · 2026-11-27T11:00:00.000Z (CreateTime)', 'key      k\\u202eevil', 'headers  trace\\nforged: abc', '         bin: hex:ff', 'value    json, 8 bytes', '  {', '    "id": 1', '  }'].join('\n'));
  for (const line of text.split('\n')) assert.equal(hasInvisible(line), false);
  assert.match(recordText(rec({})), /key {6}\(none\)\nvalue {4}\(none: a tombstone\)$/);
  assert.match(recordText(rec({ value: Buffer.alloc(0) })), /value {4}\(empty\)$/);
  const big = recordText(rec({ value: Buffer.alloc(1024, 0x61), valueSize: 204_800 }));
  assert.match(big, /value {4}utf8, 204,800 bytes \(first 1,024 shown\)\n {2}a{1024}\n {2}…$/);
  const multi = recordText(rec({ value: Buffer.from('line1\r\nline2\u2028') , valueSize: 13 }));
  assert.match(multi, /\n {2}line1\\r\n {2}line2\\u2028$/);
  assert.deepEqual(recordJson(rec({ offset: 2n ** 60n, key: Buffer.from('k'), keySize: 1 })), {
    offset: 2n ** 60n,
    timestamp: Date.UTC(2026, 10, 27, 11, 0, 0),
    time: '2026-11-27T11:00:00.000Z',
    timestampType: 'CreateTime',
    key: { encoding: 'utf8', text: 'k', size: 1, truncated: false },
    headers: [],
    value: null,
  });
});
