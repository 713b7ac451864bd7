/**
 * The request bodies written in one buffer (src/core/kafka/bulkWire.ts) are byte for byte what
 * kafkajs's own encoders write for the same version and arguments, including a non-ASCII topic
 * name; versions not written there are left to kafkajs. The per-row builders of a reset keep
 * every field (they no longer spread), and kept topic:partition keys are the plain keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listOffsetsBody, offsetCommitBody, offsetFetchBody } from '../../src/core/kafka/bulkWire';
import { planRow } from '../../src/core/plan';
import { resultRow } from '../../src/core/reset';
import { tpKey } from '../../src/core/tp';

/* eslint-disable @typescript-eslint/no-var-requires */
const kafkajs = (api: string) => require(`kafkajs/src/protocol/requests/${api}`);

async function kafkajsBody(api: string, version: number, args: unknown): Promise<Buffer> {
  const { request } = kafkajs(api).protocol({ version })(args);
  return Buffer.from((await request.encode()).buffer);
}

const topics = [
  { topic: 'orders', partitions: [0, 2, 7] },
  { topic: 'zählung-ü', partitions: [5] },
];

test('ListOffsets v1–v3 bodies equal kafkajs; v0 is left to kafkajs', async () => {
  for (const ts of [-2, -1, 1_700_000_000_123]) {
    for (const version of [1, 2, 3]) {
      const args = { replicaId: -1, isolationLevel: 0, topics: topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((partition) => ({ partition, timestamp: String(ts) })) })) };
      assert.deepEqual(listOffsetsBody(version, 0, BigInt(ts), topics), await kafkajsBody('listOffsets', version, args), `v${version} at ${ts}`);
    }
  }
  assert.equal(listOffsetsBody(0, 0, -1n, topics), null);
});

test('OffsetFetch v1–v4 bodies equal kafkajs', async () => {
  for (const version of [1, 2, 3, 4]) {
    const args = { groupId: 'billing-ü', topics: topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((partition) => ({ partition })) })) };
    assert.deepEqual(offsetFetchBody(version, 'billing-ü', topics), await kafkajsBody('offsetFetch', version, args), `v${version}`);
  }
  assert.equal(offsetFetchBody(0, 'g', topics), null);
});

test('OffsetCommit v2–v5 bodies equal kafkajs (generation -1, no member, no metadata); v0–v1 are left to kafkajs', async () => {
  const offsets = topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((partition, i) => ({ partition, offset: [0n, 42n, 9_007_199_254_740_993n][i % 3] })) }));
  for (const version of [2, 3, 4, 5]) {
    const args = {
      groupId: 'billing',
      groupGenerationId: -1,
      memberId: '',
      retentionTime: -1,
      topics: offsets.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, offset: p.offset.toString() })) })),
    };
    assert.deepEqual(offsetCommitBody(version, 'billing', offsets), await kafkajsBody('offsetCommit', version, args), `v${version}`);
  }
  assert.equal(offsetCommitBody(1, 'g', offsets), null);
});

test('a plan row and its result keep every field, the error and the reason only when there is one', () => {
  const p = { topic: 't', partition: 3, logStart: 2n, logEnd: 10n, committed: 4n };
  const row = planRow(p, 2n, 'earliest');
  assert.deepEqual(row, { topic: 't', partition: 3, committed: 4n, logStart: 2n, logEnd: 10n, target: 2n, clamped: 'earliest', lagBefore: 6n, lagAfter: 8n });
  assert.equal(planRow({ ...p, committed: null }, 10n, null, 'no commit').error, 'no commit');
  assert.deepEqual(resultRow(row, 'applied', 2n), { ...row, outcome: 'applied', readBack: 2n });
  assert.deepEqual(resultRow(row, 'failed', 4n, 'UNKNOWN_MEMBER_ID'), { ...row, outcome: 'failed', readBack: 4n, reason: 'UNKNOWN_MEMBER_ID' });
  assert.ok(!('error' in row) && !('reason' in resultRow(row, 'applied', 2n)));
});

test('tpKey gives the same key as before, kept for valid partitions, made afresh for others', () => {
  assert.equal(tpKey('orders', 7), 'orders:7');
  assert.equal(tpKey('orders', 7), 'orders:7');
  for (const hostile of [-1, 1.5, 1e9, Number.NaN]) assert.equal(tpKey('t', hostile), `t:${hostile}`);
  // Past the bound (200,000 kept keys) it starts again and still answers right.
  for (let p = 0; p < 210_000; p++) tpKey(`bulk-${p % 3}`, p);
  assert.equal(tpKey('bulk-1', 209_998), 'bulk-1:209998');
  assert.equal(tpKey('orders', 7), 'orders:7');
});
