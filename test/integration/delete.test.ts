/**
 * delete-offsets and delete-group on the real broker: what is deleted is exactly what was planned,
 * undo puts it back exactly (recreating a deleted group), a group with a live member is refused by us
 * and — when our check is bypassed — by the broker itself (GROUP_SUBSCRIBED_TO_TOPIC, NON_EMPTY_GROUP).
 * Differential: Apache's `kafka-consumer-groups --delete-offsets` / `--delete` on a twin group leaves
 * the same end state as our CLI, including Apache's mix of a deletable and a missing group
 * (scenarios of DeleteOffsetsConsumerGroupCommandIntegrationTest and DeleteConsumerGroupsTest).
 * One topic pair for the whole file; each test uses its own groups.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { engineSuite } from '../support/suite';
import { bootstrap, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { runCli } from '../support/run';
import { applyDeleteGroup, applyDeleteOffsets, loadSnapshot, planDeleteGroup, planDeleteOffsets, undoSnapshot, KafkaOffsetsError } from '../../src/core';
import { KafkaCode } from '../../src/core/kafka/codes';

const suite = engineSuite('delete');
let A: string; // 3 partitions
let B: string; // 2 partitions

/** The same commits for every group: A/0=2, A/1=4, A/2=6, B/0=1, B/1=3. */
const COMMITS = () => [
  { topic: A, partition: 0, offset: 2 },
  { topic: A, partition: 1, offset: 4 },
  { topic: A, partition: 2, offset: 6 },
  { topic: B, partition: 0, offset: 1 },
  { topic: B, partition: 1, offset: 3 },
];

before(async () => {
  A = unique('delA');
  B = unique('delB');
  await suite.fx.createTopic(A, 3);
  await suite.fx.createTopic(B, 2);
  for (let p = 0; p < 3; p++) await suite.fx.produce(A, p, 8);
  for (let p = 0; p < 2; p++) await suite.fx.produce(B, p, 5);
});

async function newGroup(prefix: string): Promise<string> {
  const g = unique(prefix);
  await suite.fx.commit(g, COMMITS());
  return g;
}

/** Every committed offset of the group, "topic/partition=offset", with the topic names made generic. */
async function state(group: string): Promise<string[]> {
  const all = await suite.client.committedOffsets(group, null);
  return [...all]
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k.startsWith(A) ? 'A' : k.startsWith(B) ? 'B' : k}${k.slice(k.lastIndexOf(':'))}=${v}`)
    .sort();
}
const ALL = ['A:0=2', 'A:1=4', 'A:2=6', 'B:0=1', 'B:1=3'];

test('delete-offsets of a topic list: exactly the planned partitions go, the rest is untouched; undo restores exactly', async () => {
  const g = await newGroup('del-offsets');
  const plan = await planDeleteOffsets(suite.client, { group: g, topics: [{ topic: A, partitions: [0, 2] }] });
  assert.deepEqual(plan.rows.map((r) => [r.partition, r.committed, r.logEnd, r.lag]), [[0, 2n, 8n, 6n], [2, 6n, 8n, 2n]]);
  const result = await applyDeleteOffsets(suite.client, plan, { snapshotDir: suite.snapshotDir });
  assert.deepEqual(result.rows.map((r) => r.outcome), ['applied', 'applied']);
  assert.deepEqual(await state(g), ['A:1=4', 'B:0=1', 'B:1=3'], 'A/1 and topic B were not planned and keep their offsets');
  const snap = loadSnapshot(result.snapshotFile!);
  assert.deepEqual(snap.entries.map((e) => [e.partition, e.offset]), [[0, 2n], [2, 6n]]);
  const undone = await undoSnapshot(suite.client, snap, { snapshotDir: suite.snapshotDir });
  assert.ok(undone.rows.every((r) => r.outcome === 'applied'));
  assert.deepEqual(await state(g), ALL);
});

test('delete-group: the group and all its offsets go (it reads back Dead); undo recommits them, recreating it', async () => {
  const g = await newGroup('del-group');
  const plan = await planDeleteGroup(suite.client, g);
  assert.equal(plan.rows.length, 5);
  const result = await applyDeleteGroup(suite.client, plan, { snapshotDir: suite.snapshotDir });
  assert.equal(result.groupDeleted, true);
  assert.ok(result.rows.every((r) => r.outcome === 'applied'));
  assert.equal((await suite.client.describeGroup(g)).state, 'Dead');
  assert.deepEqual(await state(g), []);
  await assert.rejects(planDeleteGroup(suite.client, g), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found');
  await undoSnapshot(suite.client, loadSnapshot(result.snapshotFile!), { snapshotDir: suite.snapshotDir });
  assert.deepEqual(await state(g), ALL);
  assert.equal((await suite.client.describeGroup(g)).state, 'Empty');
});

test('a group with a live member: refused naming it, nothing deleted; the broker itself refuses too (GROUP_SUBSCRIBED_TO_TOPIC, NON_EMPTY_GROUP), as Apache\'s tool reports', async () => {
  const g = await newGroup('del-live');
  const consumer = await suite.fx.liveConsumer(g, A);
  try {
    // Our CLI refuses, naming the member; Apache's tool sends the request and the broker refuses it
    // (DeleteOffsetsConsumerGroupCommandIntegrationTest: stable group → GROUP_SUBSCRIBED_TO_TOPIC;
    // DeleteConsumerGroupsTest: non-empty group → NON_EMPTY_GROUP). Either way nothing changes.
    const cli = await runCli(['delete-offsets', '--bootstrap', bootstrap(), '--group', g, '--topic', A, '--yes', '--snapshot-dir', suite.snapshotDir]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /is Stable with 1 member: kafka-offsets-tests .*Nothing was deleted/);
    const apache = await harness.consumerGroupCommand(bootstrap(), ['--delete-offsets', '--group', g, '--topic', A]);
    assert.match(apache.stdout + apache.stderr, /GroupSubscribedToTopicException|GROUP_SUBSCRIBED_TO_TOPIC/);
    const apacheGroup = await harness.consumerGroupCommand(bootstrap(), ['--delete', '--group', g]);
    assert.match(apacheGroup.stdout + apacheGroup.stderr, /NON_EMPTY_GROUP|not empty/i);
    const all = JSON.parse((await runCli(['delete-group', '--bootstrap', bootstrap(), '--all-groups', '--dry-run', '--json'])).stdout);
    assert.equal(all.groups.find((x: { group: string }) => x.group === g)?.status, 'refused', '--all-groups lists the live group as refused');
    assert.deepEqual(await state(g), ALL);

    const plan = await planDeleteOffsets(suite.client, { group: g, topics: [{ topic: A }] });
    const refused = (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && /member.*kafka-offsets-tests/.test(e.message);
    await assert.rejects(applyDeleteOffsets(suite.client, plan, { snapshotDir: suite.snapshotDir }), refused);
    await assert.rejects(applyDeleteGroup(suite.client, await planDeleteGroup(suite.client, g), { snapshotDir: suite.snapshotDir }), refused);
    // Our check bypassed: the broker's own answers, which the engine words as sentences.
    const codes = await suite.client.deleteOffsets(g, [{ topic: A, partition: 0 }, { topic: B, partition: 0 }]);
    assert.deepEqual(codes.map((c) => [c.topic === A ? 'A' : 'B', c.errorCode]).sort(), [['A', KafkaCode.GROUP_SUBSCRIBED_TO_TOPIC], ['B', 0]], 'only the subscribed topic is kept');
    assert.equal(await suite.client.deleteGroup(g), KafkaCode.NON_EMPTY_GROUP);
    assert.deepEqual(await state(g), ['A:0=2', 'A:1=4', 'A:2=6', 'B:1=3']);
  } finally {
    await consumer.disconnect();
  }
  // Once the member has left (a graceful close), the same delete goes through.
  const cli = await runCli(['delete-offsets', '--bootstrap', bootstrap(), '--group', g, '--topic', A, '--yes', '--snapshot-dir', suite.snapshotDir]);
  assert.equal(cli.code, 0, `after the member left the delete goes through: ${cli.stderr}`);
});

test('differential: Apache\'s --delete-offsets and our delete-offsets leave twin groups in the same state', async () => {
  const [ours, theirs] = await Promise.all([newGroup('del-ours'), newGroup('del-theirs')]);
  const args = ['--topic', `${A}:0,2`, '--topic', B];
  const apache = await harness.consumerGroupCommand(bootstrap(), ['--delete-offsets', '--group', theirs, ...args]);
  assert.equal(apache.code, 0, apache.stderr);
  const cli = await runCli(['delete-offsets', '--bootstrap', bootstrap(), '--group', ours, ...args, '--yes', '--snapshot-dir', suite.snapshotDir]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(await state(ours), await state(theirs));
  assert.deepEqual(await state(ours), ['A:1=4']);
  // A missing group: Apache reports GROUP_ID_NOT_FOUND; we say it does not exist (exit 2). Neither creates it.
  const missing = unique('del-missing');
  const apacheMissing = await harness.consumerGroupCommand(bootstrap(), ['--delete-offsets', '--group', missing, '--topic', `${A}:0`]);
  assert.match(apacheMissing.stdout + apacheMissing.stderr, /GROUP_ID_NOT_FOUND|does not exist|not found/i);
  const cliMissing = await runCli(['delete-offsets', '--bootstrap', bootstrap(), '--group', missing, '--topic', `${A}:0`, '--yes']);
  assert.equal(cliMissing.code, 2);
  assert.match(cliMissing.stderr, /does not exist/);
});

test('differential: Apache\'s --delete and our delete-group, each with a deletable and a missing group', async () => {
  const [ours, theirs] = await Promise.all([newGroup('delg-ours'), newGroup('delg-theirs')]);
  const missing = unique('delg-missing');
  const apache = await harness.consumerGroupCommand(bootstrap(), ['--delete', '--group', theirs, '--group', missing]);
  assert.match(apache.stdout + apache.stderr, new RegExp(`${missing}.*could not be deleted`, 's'));
  const cli = await runCli(['delete-group', '--bootstrap', bootstrap(), '--group', ours, '--group', missing, '--yes', '--snapshot-dir', suite.snapshotDir]);
  assert.equal(cli.code, 1, 'a group not found is reported and the exit code says so');
  assert.match(cli.stdout, /Deleted: ".*delg-ours.*"\. Not found: ".*delg-missing.*"\./);
  for (const g of [ours, theirs]) {
    assert.equal((await suite.client.describeGroup(g)).state, 'Dead');
    assert.deepEqual(await state(g), []);
  }
  // Our undo line, pasted as printed, recreates the group.
  const line = /Undo \(recreates it\): kafka-offsets undo --bootstrap '([^']+)' --snapshot '([^']+)'/.exec(cli.stdout);
  assert.ok(line, cli.stdout);
  const undo = await runCli(['undo', '--bootstrap', line[1], '--snapshot', line[2], '--yes', '--snapshot-dir', suite.snapshotDir]);
  assert.equal(undo.code, 0, undo.stderr);
  assert.deepEqual(await state(ours), ALL);
});
