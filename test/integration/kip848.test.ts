/**
 * KIP-848 groups (group.protocol=consumer, Kafka 4.x): classic DescribeGroups (all kafkajs speaks)
 * shows them Dead without members, so the engine also sends ConsumerGroupDescribe (our own encoding).
 * An active one must be refused — by our pre-check and by the broker — and once empty it resets.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, unique } from '../support/fixtures';
import { engineSuite } from '../support/suite';
import { harness } from '../support/harness';
import { KafkaOffsetsError, applyPlan, planFromCluster, validateResetInput, tpKey, sleep, applyDeleteGroup, planDeleteGroup } from '../../src/core';
import { KafkaCode } from '../../src/core/kafka/codes';

const suite = engineSuite('848');
const { snapshotDir } = suite;

test('an active KIP-848 consumer group is seen with its members (ConsumerGroupDescribe), refused, and refused by the broker too; once empty it resets', async () => {
  const topic = unique('k848');
  const group = unique('k848g');
  await suite.fx.createTopic(topic, 2);
  await suite.fx.produce(topic, 0, 20);
  await suite.fx.produce(topic, 1, 20);
  const consumer = await harness.startJavaConsumer({ bootstrap: bootstrap(), group, topic, groupProtocol: 'consumer', sessionTimeoutMs: 3000 });
  let killed = false;
  try {
    const v = validateResetInput({ group, topic, mode: 'earliest' });
    if (!v.ok) throw new Error('invalid');
    let desc = await suite.client.describeGroup(group);
    // Up to 90 s for the consumer to join: a JVM starting on a loaded 2-core machine is slow (a hang still fails).
    for (let i = 0; i < 180 && desc.members.length === 0; i++) {
      await sleep(500);
      desc = await suite.client.describeGroup(group);
    }
    assert.equal(desc.groupType, 'consumer');
    assert.equal(desc.state, 'Stable');
    assert.deepEqual(desc.members.map((m) => m.clientId), [consumer.clientId]);
    assert.deepEqual(desc.members[0].assignment.map((a) => a.partition).sort(), [0, 1]);
    const listed = (await suite.client.listGroups()).find((g) => g.groupId === group);
    assert.equal(listed?.state, 'Stable');

    // Our pre-check refuses, naming the member…
    const plan = await planFromCluster(suite.client, v.request);
    await assert.rejects(applyPlan(suite.client, plan, { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(consumer.clientId));
    // …and the broker itself refuses the generation -1 commit on every partition (the safety net).
    const res = await suite.client.commitOffsets(group, plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target })));
    assert.ok(res.every((r) => r.errorCode !== 0), JSON.stringify(res));
    // Deleting is refused the same way (as Apache's delete tests do for both protocols): by our check,
    // naming the member, and by the broker (GROUP_SUBSCRIBED_TO_TOPIC per partition, NON_EMPTY_GROUP).
    await assert.rejects(applyDeleteGroup(suite.client, await planDeleteGroup(suite.client, group), { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(consumer.clientId));
    assert.deepEqual((await suite.client.deleteOffsets(group, [{ topic, partition: 0 }])).map((r) => r.errorCode), [KafkaCode.GROUP_SUBSCRIBED_TO_TOPIC]);
    assert.equal(await suite.client.deleteGroup(group), KafkaCode.NON_EMPTY_GROUP);

    await consumer.kill();
    killed = true;
    // After the broker-side session timeout (3 s) the group is empty and the reset applies.
    let applied = false;
    for (let i = 0; i < 40 && !applied; i++) {
      await sleep(500);
      try {
        const result = await applyPlan(suite.client, await planFromCluster(suite.client, v.request), { snapshotDir });
        applied = result.rows.every((r) => r.outcome === 'applied');
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError && e.kind === 'group-not-empty')) throw e;
      }
    }
    assert.ok(applied, 'reset did not apply after the consumer left');
    const committed = await suite.client.committedOffsets(group, [{ topic, partitions: [0, 1] }]);
    assert.deepEqual([committed.get(tpKey(topic, 0)), committed.get(tpKey(topic, 1))], [0n, 0n]);
  } finally {
    if (!killed) await consumer.kill();
  }
});
