/**
 * Time-lag reads kept between lag reads (timeLagCache.ts): a partition is read again only when its
 * committed offset or log end moved, or the entry is older than the TTL; failed and empty reads are
 * never kept. addTimeLag runs over a stand-in engine port that records which reads it was asked for
 * (the reads themselves are covered against a real broker in test/integration/records.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addTimeLag } from '../../src/core/timeLag';
import { TimeLagCache } from '../../src/core/timeLagCache';
import type { GroupLag } from '../../src/core/types';
import type { PartitionRecords, RecordRead } from '../../src/core/kafka/records';
import type { KafkaEngine } from '../../src/core/kafka/port';

const NOW = 10_000_000;

function lagOf(committed: bigint, logEnd: bigint): GroupLag {
  return { groupId: 'g', lag: logEnd - committed, topics: [{ topic: 't', lag: logEnd - committed, partitions: [{ topic: 't', partition: 0, logStart: 0n, logEnd, committed, lag: logEnd - committed }] }] } as GroupLag;
}

function engine(asked: RecordRead[][], o: { error?: string } = {}): KafkaEngine {
  return {
    async readRecords(reads: RecordRead[]): Promise<PartitionRecords[]> {
      asked.push(reads);
      return reads.map((r) => ({
        topic: r.topic, partition: r.partition, offset: r.offset, broker: 'b:1', highWatermark: 1000n, lastStableOffset: 1000n, logStartOffset: 0n, readTo: r.offset + 1n,
        records: o.error ? [] : [{ offset: r.offset, timestamp: NOW - 60_000, timestampType: 'CreateTime', key: null, keySize: 0, headers: [], value: null, valueSize: 0 }],
        transactionMarkers: 0, abortedRecords: 0, dataRecords: r.countTo !== undefined ? Number(r.countTo - r.offset) : undefined,
        ...(o.error ? { error: o.error } : {}),
      }));
    },
  } as unknown as KafkaEngine;
}

test('addTimeLag with a cache: an unmoved partition is not read again; a new commit or a new log end is', async () => {
  const asked: RecordRead[][] = [];
  const cache = new TimeLagCache();
  const client = engine(asked);
  const first = lagOf(5n, 1000n);
  await addTimeLag(client, [first], { now: () => NOW, timeLagCache: cache });
  const again = lagOf(5n, 1000n);
  await addTimeLag(client, [again], { now: () => NOW + 1000, timeLagCache: cache });
  assert.deepEqual(asked.map((a) => a.length), [1, 0]);
  // The reused read gives the same next record; the time behind follows the clock.
  assert.deepEqual([again.topics[0].partitions[0].nextTimestamp, again.timeLagMs], [NOW - 60_000, 61_000]);
  await addTimeLag(client, [lagOf(6n, 1000n)], { now: () => NOW, timeLagCache: cache });
  await addTimeLag(client, [lagOf(5n, 1001n)], { now: () => NOW, timeLagCache: cache });
  assert.deepEqual(asked.map((a) => a.map((r) => r.offset)), [[5n], [], [6n], [5n]]);
});

test('TimeLagCache: failed and empty reads are not kept; entries expire after the TTL; the oldest go first past the limit', async () => {
  const asked: RecordRead[][] = [];
  const cache = new TimeLagCache(2, 1000, () => clock);
  let clock = 0;
  await addTimeLag(engine(asked, { error: 'Not authorized to read topic "t".' }), [lagOf(5n, 1000n)], { now: () => NOW, timeLagCache: cache });
  assert.equal(cache.size, 0);
  const client = engine(asked);
  await addTimeLag(client, [lagOf(5n, 1000n)], { now: () => NOW, timeLagCache: cache });
  clock = 1001;
  await addTimeLag(client, [lagOf(5n, 1000n)], { now: () => NOW, timeLagCache: cache });
  assert.deepEqual(asked.map((a) => a.length), [1, 1, 1]);
  for (const offset of [6n, 7n]) await addTimeLag(client, [lagOf(offset, 1000n)], { now: () => NOW, timeLagCache: cache });
  assert.equal(cache.size, 2);
  await addTimeLag(client, [lagOf(7n, 1000n)], { now: () => NOW, timeLagCache: cache });
  await addTimeLag(client, [lagOf(5n, 1000n)], { now: () => NOW, timeLagCache: cache });
  assert.deepEqual(asked.slice(3).map((a) => a.map((r) => r.offset)), [[6n], [7n], [], [5n]]);
});
