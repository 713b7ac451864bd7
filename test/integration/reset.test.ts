/**
 * The reset engine against the real broker started by scripts/test.js: every edge of the contract
 * that depends on what Kafka actually stores.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { bootstrap, brokers, unique } from '../support/fixtures';
import { engineSuite, request as suiteRequest } from '../support/suite';
import { harness } from '../support/harness';
import { KafkaClient, KafkaOffsetsError, applyPlan, planFromCluster, undoSnapshot, loadSnapshot, ResetInput, groupLag, allGroupsLag, tpKey, detectActiveConsumption, waitUntilEmpty } from '../../src/core';

const suite = engineSuite('snap');
const { snapshotDir } = suite;
const T0 = Date.UTC(2026, 0, 1); // messages at T0 + i seconds

const request = (input: ResetInput) => suiteRequest(input, Date.UTC(2026, 10, 24));

async function committed(group: string, topic: string, partitions: number) {
  const m = await suite.client.committedOffsets(group, [{ topic, partitions: Array.from({ length: partitions }, (_, i) => i) }]);
  return Array.from({ length: partitions }, (_, i) => m.get(tpKey(topic, i)) ?? null);
}

/** topic with `partitions` partitions of `count` messages each, message i at T0 + i s; group committed at `at`. */
async function setup(partitions = 3, count = 100, at: number | null = 50) {
  const topic = unique('t');
  const group = unique('g');
  await suite.fx.createTopic(topic, partitions);
  for (let p = 0; p < partitions; p++) await suite.fx.produce(topic, p, count, (i) => T0 + i * 1000);
  if (at !== null) await suite.fx.commit(group, Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: at })));
  return { topic, group };
}

async function reset(input: ResetInput) {
  const plan = await planFromCluster(suite.client, request(input));
  return { plan, result: await applyPlan(suite.client, plan, { snapshotDir }) };
}

test("the seed's first example: {topic, partition 0, message_offset 10} changes only partition 0", async () => {
  const { topic, group } = await setup();
  const { result } = await reset({ group, topic, partition: 0, messageOffset: 10 });
  assert.deepEqual(result.rows.map((r) => [r.partition, r.target, r.outcome]), [[0, 10n, 'applied']]);
  assert.deepEqual(await committed(group, topic, 3), [10n, 50n, 50n]);
});

test("the seed's second example: {topic, partition 0, timestamp} resets to the first message at or after it", async () => {
  const { topic, group } = await setup();
  const { result } = await reset({ group, topic, partition: 0, timestamp: T0 + 30_000 });
  assert.equal(result.rows[0].target, 30n);
  assert.deepEqual(await committed(group, topic, 3), [30n, 50n, 50n]);
});

test('partition -1 resets every partition, including one without a committed offset', async () => {
  const { topic, group } = await setup(3, 100, null);
  await suite.fx.commit(group, [{ topic, partition: 1, offset: 70 }]);
  const { plan } = await reset({ group, topic, partition: -1, messageOffset: 20 });
  assert.deepEqual(plan.rows.map((r) => [r.partition, r.committed, r.lagBefore]), [[0, null, null], [1, 70n, 30n], [2, null, null]]);
  assert.deepEqual(await committed(group, topic, 3), [20n, 20n, 20n]);
});

test('offset below log start (after deleteRecords) clamps to log start; above log end to log end; equal kept', async () => {
  const { topic, group } = await setup(3, 100, 50);
  await suite.fx.deleteRecordsBefore(topic, 0, 40);
  const below = await reset({ group, topic, partition: 0, messageOffset: 5 });
  assert.deepEqual([below.plan.rows[0].logStart, below.plan.rows[0].target, below.plan.rows[0].clamped], [40n, 40n, 'earliest']);
  const above = await reset({ group, topic, partition: 1, messageOffset: 1_000_000 });
  assert.deepEqual([above.plan.rows[0].target, above.plan.rows[0].clamped], [100n, 'latest']);
  const equal = await reset({ group, topic, partition: 2, messageOffset: 100 });
  assert.deepEqual([equal.plan.rows[0].target, equal.plan.rows[0].clamped, equal.plan.rows[0].lagAfter], [100n, null, 0n]);
  assert.deepEqual(await committed(group, topic, 3), [40n, 100n, 100n]);
});

test('timestamp before the first message, after the last, between two, and exactly on one', async () => {
  const { topic, group } = await setup(1, 100, 50);
  const cases: Array<[number, bigint]> = [
    [T0 - 60_000, 0n],
    [T0 + 99_000 + 1, 100n],
    [T0 + 10_500, 11n],
    [T0 + 42_000, 42n],
  ];
  for (const [ts, expected] of cases) {
    const { result } = await reset({ group, topic, partition: 0, timestamp: ts });
    assert.equal(result.rows[0].target, expected, `timestamp ${ts}`);
    assert.deepEqual(await committed(group, topic, 1), [expected]);
  }
});

test('other topics and partitions of the group keep their offsets exactly', async () => {
  const { topic, group } = await setup(3, 100, 50);
  const other = unique('other');
  await suite.fx.createTopic(other, 2);
  await suite.fx.produce(other, 0, 10);
  await suite.fx.commit(group, [{ topic: other, partition: 0, offset: 7 }, { topic: other, partition: 1, offset: 0 }]);
  const before = await suite.client.committedOffsets(group, null);
  await reset({ group, topic, partition: 1, mode: 'earliest' });
  const afterMap = await suite.client.committedOffsets(group, null);
  for (const [k, v] of before) if (k !== tpKey(topic, 1)) assert.equal(afterMap.get(k), v, k);
  assert.equal(afterMap.get(tpKey(topic, 1)), 0n);
});

test('an empty topic resets to 0 in every mode', async () => {
  const topic = unique('empty');
  const group = unique('g');
  await suite.fx.createTopic(topic, 2);
  for (const input of [{ mode: 'latest' }, { messageOffset: 99 }, { timestamp: T0 }] as ResetInput[]) {
    const { result } = await reset({ group, topic, ...input });
    assert.deepEqual(result.rows.map((r) => [r.target, r.outcome]), [[0n, 'applied'], [0n, 'applied']]);
  }
});

test('a new group (Dead: never existed) can be reset, and then has exactly those offsets', async () => {
  const { topic } = await setup(2, 10, null);
  const group = unique('new');
  const d = await suite.client.describeGroup(group);
  assert.equal(d.state, 'Dead');
  await reset({ group, topic, mode: 'latest' });
  assert.deepEqual(await committed(group, topic, 2), [10n, 10n]);
});

test('shift-by, earliest/latest, date-time and duration commit what the plan shows', async () => {
  const { topic, group } = await setup(2, 100, 50);
  assert.deepEqual((await reset({ group, topic, mode: 'shiftBy', value: '-20' })).result.rows.map((r) => r.target), [30n, 30n]);
  assert.deepEqual((await reset({ group, topic, mode: 'earliest' })).result.rows.map((r) => r.target), [0n, 0n]);
  assert.deepEqual((await reset({ group, topic, mode: 'datetime', value: new Date(T0 + 77_000).toISOString() })).result.rows.map((r) => r.target), [77n, 77n]);
  // Duration: back from now, all messages are older → the log end.
  assert.deepEqual((await reset({ group, topic, mode: 'duration', value: 'PT1M' })).result.rows.map((r) => r.target), [100n, 100n]);
  assert.deepEqual(await committed(group, topic, 2), [100n, 100n]);
});

test('unknown topic and partition beyond the count are not-found errors, nothing committed', async () => {
  const { topic, group } = await setup(2, 10, 5);
  await assert.rejects(planFromCluster(suite.client, request({ group, topic: unique('missing'), messageOffset: 1 })), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found' && /does not exist/.test(e.message));
  await assert.rejects(planFromCluster(suite.client, request({ group, topic, partition: 2, messageOffset: 1 })), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found' && /2 partitions/.test(e.message));
  assert.deepEqual(await committed(group, topic, 2), [5n, 5n]);
});

test('a group with a live consumer is refused and nothing changes; after a graceful close it resets at once', async () => {
  const { topic, group } = await setup(2, 10, 5);
  // A real Java consumer: on a graceful close (SIGTERM) it commits its position and leaves the group.
  const consumer = await harness.startJavaConsumer({ bootstrap: bootstrap(), group, topic, sessionTimeoutMs: 30_000 });
  let closed = false;
  try {
    await consumer.waitUntilMember();
    const plan = await planFromCluster(suite.client, request({ group, topic, mode: 'earliest' }));
    await assert.rejects(applyPlan(suite.client, plan, { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(consumer.clientId));
    // The consumer itself may auto-commit its position (5 or 10); our target (0) must not be there.
    assert.ok((await committed(group, topic, 2)).every((o) => o !== 0n));
    await consumer.close();
    closed = true;
    // Session timeout is 30 s: succeeding now proves the graceful close left the group at once.
    const t0 = Date.now();
    const { result } = await reset({ group, topic, mode: 'earliest' });
    assert.ok(Date.now() - t0 < 15_000);
    assert.ok(result.rows.every((r) => r.outcome === 'applied'));
    assert.deepEqual(await committed(group, topic, 2), [0n, 0n]);
  } finally {
    if (!closed) await consumer.kill();
  }
});

test('a consumer that joins after the pre-check is refused by the broker itself (generation -1 commit), nothing changes', async () => {
  const { topic, group } = await setup(2, 10, 5);
  const plan = await planFromCluster(suite.client, request({ group, topic, mode: 'earliest' }));
  const consumer = await suite.fx.liveConsumer(group, topic);
  try {
    // Send the engine's own commit directly, as if the pre-check had passed a moment earlier.
    const res = await suite.client.commitOffsets(group, plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target })));
    assert.ok(res.every((r) => r.errorCode !== 0), `broker accepted a commit on a live group: ${JSON.stringify(res)}`);
    await assert.rejects(applyPlan(suite.client, plan, { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty');
    assert.deepEqual(await committed(group, topic, 2), [5n, 5n]);
  } finally {
    await consumer.disconnect();
  }
});

test('undo restores exactly, including partitions that had no committed offset', async () => {
  const { topic, group } = await setup(3, 100, null);
  await suite.fx.commit(group, [{ topic, partition: 0, offset: 33 }, { topic, partition: 2, offset: 66 }]);
  const { result } = await reset({ group, topic, mode: 'latest' });
  assert.deepEqual(await committed(group, topic, 3), [100n, 100n, 100n]);
  const snap = loadSnapshot(result.snapshotFile);
  assert.deepEqual(snap.entries.map((e) => e.offset), [33n, null, 66n]);
  assert.ok(fs.existsSync(result.snapshotFile.replace(/\.json$/, '.csv')));
  const undo = await undoSnapshot(suite.client, snap, { snapshotDir });
  assert.ok(undo.rows.every((r) => r.outcome === 'applied'), JSON.stringify(undo.rows.map((r) => [r.partition, r.outcome, r.reason])));
  assert.deepEqual(await committed(group, topic, 3), [33n, null, 66n]);
});

test('a plan whose committed offsets moved since the preview is refused (concurrent reset or consumer)', async () => {
  const { topic, group } = await setup(1, 100, 50);
  const plan = await planFromCluster(suite.client, request({ group, topic, mode: 'earliest' }));
  await suite.fx.commit(group, [{ topic, partition: 0, offset: 60 }]);
  await assert.rejects(applyPlan(suite.client, plan, { snapshotDir }), /changed since the preview/);
  assert.deepEqual(await committed(group, topic, 1), [60n]);
});

test('lag: log end minus committed per partition; no commit is "none", not 0', async () => {
  const { topic, group } = await setup(3, 100, null);
  await suite.fx.commit(group, [{ topic, partition: 0, offset: 90 }, { topic, partition: 1, offset: 100 }]);
  const lag = await groupLag(suite.client, group);
  const t = lag.topics.find((x) => x.topic === topic)!;
  assert.deepEqual(t.partitions.map((p) => [p.partition, p.committed, p.lag]), [[0, 90n, 10n], [1, 100n, 0n], [2, null, null]]);
  assert.equal(t.lag, 10n);
});

test('"Empty but still consumed": commits by a manual-assignment consumer are detected, a quiet group is not', async () => {
  const { topic, group } = await setup(2, 100, 10);
  assert.deepEqual(await detectActiveConsumption(suite.client, group, { windowMs: 1000 }), []);
  // A consumer with assign() never joins the group (it stays Empty) but commits: simulate its commits.
  const committer = suite.fx.keepCommitting(group, topic, 0, 10);
  try {
    assert.equal((await suite.client.describeGroup(group)).state, 'Empty');
    const moved = await detectActiveConsumption(suite.client, group, { windowMs: 1000 });
    assert.deepEqual(moved.map((m) => [m.topic, m.partition]), [[topic, 0]]);
  } finally {
    await committer.stop();
  }
});

test('wait until empty reports the members on each poll and can be cancelled', async () => {
  const { topic, group } = await setup(1, 10, 5);
  const consumer = await suite.fx.liveConsumer(group, topic);
  try {
    const controller = new AbortController();
    const polls: string[][] = [];
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 1200);
    await assert.rejects(
      waitUntilEmpty(suite.client, group, { timeoutMs: 60_000, pollMs: 300, signal: controller.signal, onPoll: (d) => polls.push(d.members.map((m) => m.clientId)) }),
      (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'cancelled',
    );
    assert.ok(Date.now() - t0 < 5000, 'cancellation was not prompt');
    assert.ok(polls.length >= 2);
    assert.ok(polls.every((p) => p.includes('kafka-offsets-tests')));
    // With a deadline instead: rejects as not empty, naming the member.
    await assert.rejects(waitUntilEmpty(suite.client, group, { timeoutMs: 700, pollMs: 200 }), /still has members after waiting 1 s.*kafka-offsets-tests/);
  } finally {
    await consumer.disconnect();
  }
});

test('topicVisibility: partition counts of existing topics and "deleted" for a missing one, without failing the others', async () => {
  const { topic } = await setup(3, 1, null);
  const gone = unique('gone');
  const v = await suite.client.topicVisibility([topic, gone]);
  assert.deepEqual([...v].sort(), [[gone, 'deleted'], [topic, 3]].sort());
});

test('allGroupsLag: the same lag as groupLag per group; given descriptions, it sends no ListGroups/DescribeGroups', async () => {
  const a = await setup(3, 40, 10);
  const b = await setup(2, 30, null);
  await suite.fx.commit(b.group, [{ topic: b.topic, partition: 1, offset: 25 }]);
  const mine = (g: { groupId: string }) => g.groupId === a.group || g.groupId === b.group;
  const all = await allGroupsLag(suite.client, { filter: mine });
  assert.deepEqual(all.map((e) => e.group.groupId).sort(), [a.group, b.group].sort());
  for (const e of all) assert.deepEqual(e.lag, await groupLag(suite.client, e.group.groupId), e.group.groupId);
  assert.equal(all.find((e) => e.group.groupId === a.group)!.lag!.lag, 90n);
  assert.deepEqual(all.find((e) => e.group.groupId === b.group)!.lag!.topics[0].partitions.map((p) => p.lag), [null, 5n]);

  const apis: string[] = [];
  const counting = new KafkaClient({ brokers: brokers() }, { onRequest: (api) => apis.push(api) });
  try {
    const descriptions = [await suite.client.describeGroup(a.group), await suite.client.describeGroup(b.group)];
    const again = await allGroupsLag(counting, { descriptions });
    assert.deepEqual(again.map((e) => e.lag), all.map((e) => e.lag));
    assert.ok(!apis.includes('ListGroups') && !apis.includes('DescribeGroups'), `requests: ${apis.join(', ')}`);
    // Committed offsets of all groups in one OffsetFetch (v8) per coordinator, not one per group.
    const coordinators = new Set(descriptions.map((d) => d.coordinator.nodeId)).size;
    const fetches = apis.filter((x) => x === 'OffsetFetch').length;
    assert.ok(fetches <= coordinators, `${fetches} OffsetFetch requests for ${descriptions.length} groups on ${coordinators} coordinator(s)`);
  } finally {
    await counting.close();
  }
});

test('committedOffsetsOfGroups (OffsetFetch v8, many groups per request) equals committedOffsets per group, also for a group without offsets', async () => {
  const a = await setup(3, 20, 7);
  const b = await setup(2, 20, null);
  await suite.fx.commit(b.group, [{ topic: b.topic, partition: 0, offset: 3 }]);
  const none = unique('g-none');
  const many = await suite.client.committedOffsetsOfGroups([a.group, b.group, none]);
  assert.deepEqual([...many.keys()].sort(), [a.group, b.group, none].sort());
  for (const g of [a.group, b.group, none]) assert.deepEqual(many.get(g), await suite.client.committedOffsets(g, null), g);
  assert.deepEqual(many.get(none), new Map());
});

