/**
 * Share groups (KIP-932) against the real broker with a real KafkaShareConsumer: listed with their
 * type, described with ShareGroupDescribe, start offsets and lag from DescribeShareGroupOffsets,
 * reset with AlterShareGroupOffsets — refused while the consumer is a member, the same targets as
 * Kafka's kafka-share-groups --reset-offsets --dry-run once empty, snapshot, read-back and undo.
 * On Kafka 3.x (npm run test:compat) there are no share groups: the test checks the product says so
 * in a sentence, and reports the rest as not applicable.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, unique } from '../support/fixtures';
import { engineSuite, until as suiteUntil, request } from '../support/suite';
import { groupClients, brokerHasShareGroups, parseResetDryRun, GroupClient } from '../support/groupTypes';
import { runCli } from '../support/run';
import {
  KafkaOffsetsError,
  groupLag,
  readShareStartOffsets,
  planShareReset,
  applyShareReset,
  undoSnapshot,
  loadSnapshot,
  tpKey,
  ResetInput,
} from '../../src/core';

const suite = engineSuite('share');
const { snapshotDir } = suite;
const T0 = Date.UTC(2026, 0, 1);

const until = (what: string, check: () => Promise<boolean>, timeoutMs = 90_000) => suiteUntil(what, check, timeoutMs);

test('share group: listed with its type, described, lagged, reset refused with a member, then the same targets as kafka-share-groups, applied, read back and undone', async (t) => {
  if (!(await brokerHasShareGroups(suite.client))) {
    // Kafka 3.x: no share groups. The listing still works and the share APIs answer with a sentence.
    assert.ok(Array.isArray(await suite.client.listGroups()));
    await assert.rejects(readShareStartOffsets(suite.client, 'g', null), (e: unknown) => e instanceof KafkaOffsetsError && /does not support share groups/.test(e.message));
    t.diagnostic('not applicable: this broker has no share groups (Kafka 4.1+)');
    return;
  }
  const topic = unique('share');
  const group = unique('shareg');
  await suite.fx.createTopic(topic, 2);
  for (const p of [0, 1]) await suite.fx.produce(topic, p, 30, (i) => T0 + i * 60_000);
  const consumer: GroupClient = await groupClients.startShareConsumer({ bootstrap: bootstrap(), group, topic, autoOffsetReset: 'earliest' });
  let closed = false;
  try {
    // Member, and it acknowledged what it read: the broker's share lag drops to 0. (The start offset
    // it reports is the share coordinator's persisted one, which may lag behind.)
    await until('the share consumer to consume everything', async () => {
      const starts = await readShareStartOffsets(suite.client, group, null);
      return [0, 1].every((p) => starts.get(tpKey(topic, p))?.lag === 0n && starts.get(tpKey(topic, p))?.startOffset !== null);
    });
    const d = await suite.client.describeGroup(group);
    assert.equal(d.groupType, 'share');
    assert.equal(d.state, 'Stable');
    assert.deepEqual(d.members.map((m) => m.clientId), [consumer.clientId]);
    assert.deepEqual(d.members[0].assignment.map((a) => `${a.topic}/${a.partition}`).sort(), [`${topic}/0`, `${topic}/1`]);

    const listed = (await suite.client.listGroups()).find((g) => g.groupId === group);
    assert.deepEqual(listed, { groupId: group, state: 'Stable', protocolType: 'share', groupType: 'share' });
    const cliGroups = await runCli(['groups', '--bootstrap', bootstrap(), '--type', 'share']);
    assert.equal(cliGroups.code, 0, cliGroups.stderr);
    assert.match(cliGroups.stdout, /GROUP\s+TYPE\s+STATE/);
    assert.ok(cliGroups.stdout.split('\n').some((l) => l.split(/\s+/).join(' ') === `${group} share Stable share`), cliGroups.stdout);

    const lag = await groupLag(suite.client, group);
    assert.deepEqual(lag.topics.map((x) => x.partitions.map((p) => [p.partition, p.committed !== null, p.logEnd, p.lag])), [[[0, true, 30n, 0n], [1, true, 30n, 0n]]]);

    // A reset while the consumer is a member is refused, naming it; nothing changes.
    const toEarliest = request({ group, topic, mode: 'earliest' });
    const plan = await planShareReset(suite.client, toEarliest);
    assert.deepEqual(plan.rows.map((r) => [r.partition, r.target]), [[0, 0n], [1, 0n]]);
    await assert.rejects(applyShareReset(suite.client, plan, { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(consumer.clientId));

    await consumer.close();
    closed = true;
    await until('the share group to be empty', async () => (await suite.client.describeGroup(group)).state === 'Empty', 30_000);

    // Differential: kafka-share-groups --reset-offsets … --dry-run on the same state, three modes.
    const at = '2026-01-01T00:10:30.000';
    const modes: Array<[string[], ResetInput]> = [
      [['--to-earliest'], { group, topic, mode: 'earliest' }],
      [['--to-latest'], { group, topic, mode: 'latest' }],
      [['--to-datetime', at], { group, topic, mode: 'datetime', value: `${at}Z` }],
    ];
    for (const [flags, input] of modes) {
      const tool = await groupClients.groupCommand('share', bootstrap(), ['--group', group, '--reset-offsets', '--topic', topic, ...flags, '--dry-run'], { timeoutMs: 120_000 });
      assert.equal(tool.code, 0, tool.stdout + tool.stderr);
      const theirs = parseResetDryRun(tool.stdout);
      const ours = await planShareReset(suite.client, request(input));
      assert.deepEqual(new Map(ours.rows.map((r) => [tpKey(r.topic, r.partition), r.target])), theirs, `${flags.join(' ')}: ${tool.stdout}`);
    }
    // datetime between records: the first record at or after 00:10:30 is offset 11 (one a minute).
    assert.deepEqual((await planShareReset(suite.client, request({ group, topic, mode: 'datetime', value: `${at}Z` }))).rows.map((r) => r.target), [11n, 11n]);

    // Applied once empty (to the date-time: offset 11): snapshot first, then read back.
    const startOf = async () => {
      const m = await readShareStartOffsets(suite.client, group, null);
      return [0, 1].map((p) => m.get(tpKey(topic, p))?.startOffset ?? null);
    };
    const before = await startOf();
    const result = await applyShareReset(suite.client, await planShareReset(suite.client, request({ group, topic, mode: 'datetime', value: `${at}Z` })), { snapshotDir });
    assert.deepEqual(result.rows.map((r) => [r.partition, r.outcome, r.readBack]), [[0, 'applied', 11n], [1, 'applied', 11n]]);
    const snap = loadSnapshot(result.snapshotFile);
    assert.equal(snap.groupType, 'share');
    assert.deepEqual(snap.entries.map((e) => e.offset), before);
    assert.deepEqual(await startOf(), [11n, 11n]);

    // Undo (through the shared undoSnapshot, which sees the snapshot is a share group's).
    const undone = await undoSnapshot(suite.client, snap, { snapshotDir });
    assert.ok(undone.rows.every((r) => r.outcome === 'applied'), JSON.stringify(undone.rows, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    assert.deepEqual(await startOf(), before);

    // A topic the share group never read: no start offsets before, so undo gives that back by deleting
    // the topic's share offsets (DeleteShareGroupOffsets, per topic).
    const fresh = unique('share2');
    await suite.fx.createTopic(fresh, 2);
    await suite.fx.produce(fresh, 0, 5);
    const freshPlan = await planShareReset(suite.client, request({ group, topic: fresh, mode: 'latest' }));
    assert.deepEqual(freshPlan.rows.map((r) => [r.partition, r.committed, r.target]), [[0, null, 5n], [1, null, 0n]]);
    const freshResult = await applyShareReset(suite.client, freshPlan, { snapshotDir });
    assert.ok(freshResult.rows.every((r) => r.outcome === 'applied'));
    const freshUndo = await undoSnapshot(suite.client, loadSnapshot(freshResult.snapshotFile), { snapshotDir });
    assert.deepEqual(freshUndo.rows.map((r) => [r.partition, r.outcome, r.readBack]), [[0, 'applied', null], [1, 'applied', null]]);
    const afterDelete = await readShareStartOffsets(suite.client, group, [{ topic: fresh, partition: 0 }, { topic: fresh, partition: 1 }]);
    assert.deepEqual([0, 1].map((p) => afterDelete.get(tpKey(fresh, p))?.startOffset ?? null), [null, null]);
    assert.deepEqual(await startOf(), before, 'the other topic is untouched');

    // The CLI goes the same way: dry run names the start offsets and the equivalent kafka-share-groups line.
    const dry = await runCli(['reset', '--bootstrap', bootstrap(), '--group', group, '--topic', topic, '--to-earliest', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Share group ".*" on .*: reset to earliest/);
    assert.match(dry.stdout, /kafka-share-groups\.sh .* --reset-offsets --topic \S+ --to-earliest --dry-run/);
    assert.deepEqual(await startOf(), before);
    // Applied through the reset session (no watch for a share group), then undone by the CLI.
    const applied = await runCli(['reset', '--bootstrap', bootstrap(), '--group', group, '--topic', topic, '--to-datetime', `${at}Z`, '--yes', '--json', '--snapshot-dir', snapshotDir]);
    assert.equal(applied.code, 0, applied.stderr);
    const doc = JSON.parse(applied.stdout);
    assert.deepEqual(doc.result.rows.map((r: { outcome: string }) => r.outcome), ['applied', 'applied']);
    assert.deepEqual(await startOf(), [11n, 11n]);
    const cliUndo = await runCli(['undo', '--bootstrap', bootstrap(), '--snapshot', doc.result.snapshotFile, '--yes', '--snapshot-dir', snapshotDir]);
    assert.equal(cliUndo.code, 0, cliUndo.stderr);
    assert.deepEqual(await startOf(), before);
  } finally {
    if (!closed) await consumer.kill();
  }
});
