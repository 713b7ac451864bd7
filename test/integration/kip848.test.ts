/**
 * KIP-848 groups (group.protocol=consumer, Kafka 4.x): classic DescribeGroups (all kafkajs speaks)
 * shows them Dead without members, so the engine also sends ConsumerGroupDescribe (our own encoding).
 * An active one must be refused — by our pre-check and by the broker — and once empty it resets.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { KafkaClient, KafkaOffsetsError, applyPlan, planFromCluster, validateResetInput, tpKey, sleep } from '../../src/core';

let fx: Fixtures;
let client: KafkaClient;
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-848-'));

before(() => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
});
after(async () => {
  await client.close();
  await fx.close();
});

test('an active KIP-848 consumer group is seen with its members (ConsumerGroupDescribe), refused, and refused by the broker too; once empty it resets', async () => {
  const topic = unique('k848');
  const group = unique('k848g');
  await fx.createTopic(topic, 2);
  await fx.produce(topic, 0, 20);
  await fx.produce(topic, 1, 20);
  const consumer = await harness.startJavaConsumer({ bootstrap: bootstrap(), group, topic, groupProtocol: 'consumer', sessionTimeoutMs: 3000 });
  let killed = false;
  try {
    const v = validateResetInput({ group, topic, mode: 'earliest' });
    if (!v.ok) throw new Error('invalid');
    let desc = await client.describeGroup(group);
    for (let i = 0; i < 60 && desc.members.length === 0; i++) {
      await sleep(500);
      desc = await client.describeGroup(group);
    }
    assert.equal(desc.groupType, 'consumer');
    assert.equal(desc.state, 'Stable');
    assert.deepEqual(desc.members.map((m) => m.clientId), [consumer.clientId]);
    assert.deepEqual(desc.members[0].assignment.map((a) => a.partition).sort(), [0, 1]);
    const listed = (await client.listGroups()).find((g) => g.groupId === group);
    assert.equal(listed?.state, 'Stable');

    // Our pre-check refuses, naming the member…
    const plan = await planFromCluster(client, v.request);
    await assert.rejects(applyPlan(client, plan, { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(consumer.clientId));
    // …and the broker itself refuses the generation -1 commit on every partition (the safety net).
    const res = await client.commitOffsets(group, plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target })));
    assert.ok(res.every((r) => r.errorCode !== 0), JSON.stringify(res));

    await consumer.kill();
    killed = true;
    // After the broker-side session timeout (3 s) the group is empty and the reset applies.
    let applied = false;
    for (let i = 0; i < 40 && !applied; i++) {
      await sleep(500);
      try {
        const result = await applyPlan(client, await planFromCluster(client, v.request), { snapshotDir });
        applied = result.rows.every((r) => r.outcome === 'applied');
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError && e.kind === 'group-not-empty')) throw e;
      }
    }
    assert.ok(applied, 'reset did not apply after the consumer left');
    const committed = await client.committedOffsets(group, [{ topic, partitions: [0, 1] }]);
    assert.deepEqual([committed.get(tpKey(topic, 0)), committed.get(tpKey(topic, 1))], [0n, 0n]);
  } finally {
    if (!killed) await consumer.kill();
  }
});
