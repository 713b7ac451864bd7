/**
 * Serving many reads of one partition from one Fetch answer (recordServing.ts): windows, what each
 * read takes from the shared batches, transactions replayed per answer, and per-partition errors.
 * Batches are built with kafkajs's own encoder, the format the broker sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newReading, planWindows, serveWindow, Reading, Window } from '../../src/core/kafka/recordServing';
import type { FetchedPartition } from '../../src/core/kafka/fetchWire';
import type { RecordRead } from '../../src/core/kafka/records';
import { tpKey } from '../../src/core/tp';

/* eslint-disable @typescript-eslint/no-var-requires */
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0');

const T = 'orders';

async function data(firstOffset: number, count: number, o: { producerId?: number; transactional?: boolean } = {}): Promise<Buffer> {
  const records = Array.from({ length: count }, (_, i) => Record({ offsetDelta: i, timestampDelta: i, value: Buffer.from(`v${firstOffset + i}`) }));
  const enc = await RecordBatch({ firstOffset: String(firstOffset), firstTimestamp: 1_000 + firstOffset, maxTimestamp: 1_000 + firstOffset + count, lastOffsetDelta: count - 1, transactional: o.transactional, producerId: String(o.producerId ?? -1), records });
  return Buffer.from(enc.buffer);
}

async function marker(offset: number, producerId: number, type: 'abort' | 'commit'): Promise<Buffer> {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type === 'commit' ? 1 : 0, 2);
  const enc = await RecordBatch({ firstOffset: String(offset), lastOffsetDelta: 0, transactional: true, producerId: String(producerId), records: [Record({ offsetDelta: 0, key, value: Buffer.alloc(6) })] });
  const buf = Buffer.from(enc.buffer);
  buf.writeInt16BE(buf.readInt16BE(21) | 0x20, 21); // the control flag, which kafkajs does not write
  return buf;
}

function answer(records: Buffer, o: Partial<FetchedPartition> = {}): FetchedPartition {
  return { topic: T, partition: 0, errorCode: 0, highWatermark: 100n, lastStableOffset: 100n, logStartOffset: 0n, abortedTransactions: [], records, ...o };
}

function readings(...reads: Array<Partial<RecordRead> & { offset: bigint }>): Reading[] {
  return reads.map((r) => newReading({ topic: T, partition: 0, count: 1, ...r }, 1024));
}

function window(rs: Reading[]): Window {
  const [w] = planWindows(rs, new Map());
  assert.equal(w.readings.length, rs.length);
  return w;
}

test('planWindows: reads of one partition share one window until an answer showed how far one Fetch goes', () => {
  const rs = [...readings({ offset: 40n }, { offset: 5n }, { offset: 12n }), newReading({ topic: T, partition: 1, offset: 7n }, 2048)];
  rs[1].limit = 4096;
  const first = planWindows(rs, new Map());
  assert.deepEqual(first.map((w) => [w.partition, w.from, w.limit, w.readings.map((s) => s.position)]), [[0, 5n, 4096, [40n, 5n, 12n]], [1, 7n, 2048, [7n]]]);
  // One answer covered 10 offsets: reads 10 or more apart are fetched on their own.
  const next = planWindows(rs, new Map([[tpKey(T, 0), 10n]]));
  assert.deepEqual(next.map((w) => [w.partition, w.from, w.readings.map((s) => s.position)]), [[0, 5n, [5n, 12n]], [0, 40n, [40n]], [1, 7n, [7n]]]);
});

test('serveWindow: every read takes the first record at or after its own offset from the same batches', async () => {
  const rs = readings({ offset: 10n }, { offset: 12n }, { offset: 14n }, { offset: 30n });
  const w = window(rs);
  const served = await serveWindow(w, answer(Buffer.concat([await data(10, 3), await data(13, 4)])), 'read_committed', 64, 'b1:9092');
  assert.deepEqual(served, { moved: false, span: 7n });
  assert.deepEqual(rs.slice(0, 3).map((s) => [s.done, s.out.records[0].offset, s.out.records[0].timestamp, s.out.records[0].value!.toString()]), [
    [true, 10n, 1_010, 'v10'],
    [true, 12n, 1_012, 'v12'],
    [true, 14n, 1_014, 'v14'],
  ]);
  // Beyond what came back: untouched, asked again in a later round.
  assert.deepEqual([rs[3].done, rs[3].position, rs[3].out.records.length, rs[3].out.broker], [false, 30n, 0, 'b1:9092']);
});

test('serveWindow: counts up to countTo per read; a read at the log end is done with nothing', async () => {
  const rs = readings({ offset: 0n, countTo: 5n }, { offset: 3n, countTo: 5n, count: 2 }, { offset: 5n, countTo: 5n });
  await serveWindow(window(rs), answer(await data(0, 5), { highWatermark: 5n, lastStableOffset: 5n }), 'read_committed', 64, 'b1:9092');
  assert.deepEqual(rs.map((s) => [s.done, s.out.dataRecords, s.out.records.map((r) => r.offset)]), [
    [true, 5, [0n]],
    [true, 2, [3n, 4n]],
    [true, 0, []],
  ]);
});

test('serveWindow: aborted transactions are replayed per answer; a read starting at the ABORT marker sees the next transaction as live', async () => {
  // P7 writes 0–1 and aborts (marker 2), then writes 3–4 and commits (marker 5).
  const log = Buffer.concat([await data(0, 2, { producerId: 7, transactional: true }), await marker(2, 7, 'abort'), await data(3, 2, { producerId: 7, transactional: true }), await marker(5, 7, 'commit')]);
  const aborted = [{ producerId: 7n, firstOffset: 0n }];
  const rs = readings({ offset: 0n, countTo: 6n }, { offset: 2n, countTo: 6n });
  await serveWindow(window(rs), answer(log, { highWatermark: 6n, lastStableOffset: 6n, abortedTransactions: aborted }), 'read_committed', 64, 'b1:9092');
  assert.deepEqual(rs.map((s) => [s.out.records[0].offset, s.out.dataRecords, s.out.transactionMarkers, s.out.abortedRecords]), [
    [3n, 2, 2, 2],
    [3n, 2, 2, 0],
  ]);
  // Fetched from the marker alone, the broker still names the transaction (it ends at 2): the marker
  // takes it back out, so 3–4 stay live.
  const alone = readings({ offset: 2n, countTo: 6n });
  const fromMarker = log.subarray((await data(0, 2, { producerId: 7, transactional: true })).length);
  await serveWindow(window(alone), answer(fromMarker, { highWatermark: 6n, lastStableOffset: 6n, abortedTransactions: aborted }), 'read_committed', 64, 'b1:9092');
  assert.deepEqual([alone[0].out.records[0]?.offset, alone[0].out.dataRecords, alone[0].out.abortedRecords], [3n, 2, 0]);
});

test('serveWindow: nothing at the start fitted — only the reads starting there ask for more bytes', async () => {
  const full = await data(0, 300);
  const rs = readings({ offset: 0n }, { offset: 200n });
  const served = await serveWindow(window(rs), answer(full.subarray(0, 40), { highWatermark: 300n, lastStableOffset: 300n }), 'read_committed', 64, 'b1:9092');
  assert.equal(served.span, 0n);
  assert.equal(rs[0].limit, full.length);
  assert.equal(rs[1].limit, 1024);
  assert.deepEqual(rs.map((s) => s.done), [false, false]);
});

test('serveWindow: per-partition errors — out of range fails only the window start; leader moves ask again; others fail every read', async () => {
  const oor = readings({ offset: 3n }, { offset: 9n });
  assert.deepEqual(await serveWindow(window(oor), answer(Buffer.alloc(0), { errorCode: 1 }), 'read_committed', 64, 'b1:9092'), { moved: false, span: 0n });
  assert.match(oor[0].out.error!, /^Offset 3 is out of range for "orders" partition 0 on broker b1:9092/);
  assert.deepEqual([oor[1].done, oor[1].out.error], [false, undefined]);

  const moved = readings({ offset: 3n }, { offset: 9n });
  assert.equal((await serveWindow(window(moved), answer(Buffer.alloc(0), { errorCode: 6 }), 'read_committed', 64, 'b1:9092')).moved, true);
  assert.deepEqual(moved.map((s) => s.done), [false, false]);

  const denied = readings({ offset: 3n }, { offset: 9n });
  await serveWindow(window(denied), answer(Buffer.alloc(0), { errorCode: 29 }), 'read_committed', 64, 'b1:9092');
  assert.deepEqual(denied.map((s) => s.out.error?.startsWith('Not authorized to read topic "orders"')), [true, true]);
});

test('serveWindow: with no value bytes kept, records carry sizes only', async () => {
  const rs = readings({ offset: 0n });
  await serveWindow(window(rs), answer(await data(0, 1)), 'read_committed', 0, 'b1:9092');
  const [r] = rs[0].out.records;
  assert.deepEqual([r.value!.length, r.valueSize], [0, 2]);
});
