/**
 * KIP-848 groups (group.protocol=consumer, Kafka 4.x): the classic DescribeGroups that kafkajs speaks
 * shows them as Dead without members, so our pre-check cannot see the members; the broker's refusal of
 * the generation -1 commit is what protects them. An active one must be refused with nothing changed;
 * once empty it resets.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, bootstrap, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { KafkaClient, KafkaOffsetsError, applyPlan, planFromCluster, validateResetInput, tpKey, sleep } from '../../src/core';

let fx: Fixtures;
let client: KafkaClient;
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-848-'));

before(() => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: [bootstrap()] });
});
after(async () => {
  await client.close();
  await fx.close();
});

test('an active KIP-848 consumer group is refused by the broker and nothing changes; once empty it resets', async () => {
  const topic = unique('k848');
  const group = unique('k848g');
  await fx.createTopic(topic, 2);
  await fx.produce(topic, 0, 20);
  await fx.produce(topic, 1, 20);
  const consumer = await harness.startJavaConsumer({ bootstrap: bootstrap(), group, topic, groupProtocol: 'consumer', sessionTimeoutMs: 3000 });
  let killed = false;
  try {
    // Wait until the member is registered: the broker refuses our commit from then on.
    const v = validateResetInput({ group, topic, mode: 'earliest' });
    if (!v.ok) throw new Error('invalid');
    let refused: unknown;
    for (let i = 0; i < 60 && !refused; i++) {
      const plan = await planFromCluster(client, v.request);
      try {
        await applyPlan(client, plan, { snapshotDir });
      } catch (e) {
        refused = e;
        break;
      }
      await sleep(500);
    }
    assert.ok(refused instanceof KafkaOffsetsError && refused.kind === 'group-not-empty', `expected a refusal, got ${refused}`);
    assert.match((refused as Error).message, /KIP-848|joined/);
    // The refusal came from the broker (all partitions UNKNOWN_MEMBER_ID), not our pre-check:
    const desc = await client.describeGroup(group);
    assert.equal(desc.members.length, 0, 'classic DescribeGroups shows no members for a consumer-protocol group');
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
