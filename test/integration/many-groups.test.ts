/**
 * Reading many groups at once against the real broker (issue 18): coordinators found with one
 * batched FindCoordinator (v4, KIP-699) instead of one request per group, offsets read in OffsetFetch
 * batches, and allGroupsLag handing out each entry through onGroup. Counts requests, never time.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Fixtures, brokers, unique } from '../support/fixtures';
import { KafkaClient, KafkaOffsetsError, allGroupsLag, tpKey } from '../../src/core';

const GROUPS = 30;
let fx: Fixtures;
let topic: string;
let groups: string[];

before(async () => {
  fx = new Fixtures();
  topic = unique('many');
  await fx.createTopic(topic, 2);
  await fx.produce(topic, 0, 10);
  await fx.produce(topic, 1, 10);
  groups = Array.from({ length: GROUPS }, (_, i) => `${unique('many-g')}-${i}`);
  for (const [i, g] of groups.entries()) await fx.commit(g, [{ topic, partition: i % 2, offset: i % 10 }]);
});
after(async () => {
  await fx.close();
});

function counted() {
  const counts: Record<string, number> = {};
  const client = new KafkaClient({ brokers: brokers() }, { onRequest: (api) => void (counts[api] = (counts[api] ?? 0) + 1) });
  return { client, counts };
}

test('a fresh client reads the offsets of 30 groups (and one that does not exist) with one FindCoordinator and one OffsetFetch', async () => {
  const { client, counts } = counted();
  try {
    await client.describeCluster();
    const nobody = unique('many-none');
    const res = await client.committedOffsetsOfGroups([...groups, nobody]);
    for (const [i, g] of groups.entries()) {
      const m = res.get(g);
      assert.ok(m instanceof Map, `${g}: ${m instanceof KafkaOffsetsError ? m.message : m}`);
      assert.equal(m.get(tpKey(topic, i % 2)), BigInt(i % 10), g);
    }
    const none = res.get(nobody);
    assert.ok(none instanceof Map && none.size === 0, 'a group without offsets has none');
    assert.equal(counts.FindCoordinator, 1, JSON.stringify(counts));
    assert.equal(counts.GroupCoordinator ?? 0, 0, `no per-group lookup: ${JSON.stringify(counts)}`);
    assert.equal(counts.OffsetFetch, 1, JSON.stringify(counts));
  } finally {
    await client.close();
  }
});

test('allGroupsLag hands out every entry through onGroup, each once, with the same lag it returns', async () => {
  const { client } = counted();
  try {
    const seen: string[] = [];
    const entries = await allGroupsLag(client, { filter: (g) => groups.includes(g.groupId), onGroup: (e) => seen.push(e.group.groupId) });
    assert.deepEqual([...seen].sort(), [...groups].sort());
    for (const [i, g] of groups.entries()) {
      const e = entries.find((x) => x.group.groupId === g);
      assert.equal(e?.lag?.lag, BigInt(10 - (i % 10)), g);
    }
  } finally {
    await client.close();
  }
});

test('listGroups is one ListGroups and no DescribeGroups on Kafka 4 (types in the listing), with the states and types describing gives', async () => {
  const { client, counts } = counted();
  try {
    await client.describeCluster();
    const listed = (await client.listGroups()).filter((g) => groups.includes(g.groupId));
    const kafka4 = !(process.env.KAFKA_VERSION ?? '4').startsWith('3.');
    if (kafka4) assert.deepEqual({ ListGroups: counts.ListGroups, DescribeGroups: counts.DescribeGroups ?? 0 }, { ListGroups: 1, DescribeGroups: 0 }, JSON.stringify(counts));
    const described = (await client.describeAllGroups()).filter((g) => groups.includes(g.groupId));
    assert.equal(listed.length, GROUPS);
    assert.deepEqual(
      listed.map((g) => [g.groupId, g.state, g.protocolType, g.groupType ?? 'classic']),
      described.map((d) => [d.groupId, d.state, d.protocolType, d.groupType ?? 'classic']),
    );
    assert.ok(listed.every((g) => g.state === 'Empty'), JSON.stringify(listed.slice(0, 3)));
  } finally {
    await client.close();
  }
});

test('describeGroups of listed groups (the tree, batch by batch): as describing them all says, in the order given, and no DescribeGroups for a classic group listed Empty', async () => {
  const { client, counts } = counted();
  try {
    await client.describeCluster();
    const listed = (await client.listGroups()).filter((g) => groups.includes(g.groupId)).reverse();
    const before = counts.DescribeGroups ?? 0;
    const some = await client.describeGroups(listed);
    const kafka4 = !(process.env.KAFKA_VERSION ?? '4').startsWith('3.');
    // On Kafka 4 the listing says "classic, Empty": nothing to ask. Older listings do not say the type: described.
    if (kafka4) assert.equal((counts.DescribeGroups ?? 0) - before, 0, JSON.stringify(counts));
    const all = new Map((await client.describeAllGroups()).map((d) => [d.groupId, d]));
    const shape = (d: { groupId: string; state: string; protocolType: string; protocol: string; members: unknown[]; coordinator: { nodeId: number } }) => [d.groupId, d.state, d.protocolType, d.protocol, d.members.length, d.coordinator.nodeId];
    assert.deepEqual(some.map(shape), listed.map((g) => shape(all.get(g.groupId)!)));
    // The oracle: each group asked on its own (a real DescribeGroups) describes it the same way.
    const one = await Promise.all(listed.map((g) => client.describeGroup(g.groupId)));
    assert.deepEqual(some.map(shape), one.map(shape));
  } finally {
    await client.close();
  }
});
