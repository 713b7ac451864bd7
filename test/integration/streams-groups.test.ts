/**
 * Streams groups (KIP-1071) against the real broker with a real Kafka Streams application
 * (group.protocol=streams, input → repartition → output): listed with their type, described with
 * StreamsGroupDescribe (topology, members, tasks), lag per input-topic partition, a reset refused
 * while the application runs, and — once it is closed — the same targets as Kafka's
 * kafka-streams-groups --reset-offsets --dry-run, applied and read back; delete-offsets of one input
 * partition (undone) and of the whole input topic, with the same end state as kafka-streams-groups --delete-offsets.
 * On Kafka 3.x (npm run test:compat) there are no streams groups: reported as not applicable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, unique } from '../support/fixtures';
import { engineSuite, until as suiteUntil, request } from '../support/suite';
import { groupClients, brokerHasShareGroups, parseResetDryRun, GroupClient } from '../support/groupTypes';
import { runCli } from '../support/run';
import { KafkaOffsetsError, applyDeleteOffsets, applyPlan, groupLag, planDeleteOffsets, planFromCluster, undoSnapshot, loadSnapshot, tpKey, ResetInput } from '../../src/core';

const suite = engineSuite('streams');
const { snapshotDir } = suite;
const T0 = Date.UTC(2026, 0, 1);

const until = (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) => suiteUntil(what, check, timeoutMs);

test('streams group: listed with its type, topology and tasks described, lag per input partition, reset refused while running, then the same targets as kafka-streams-groups, applied and undone', async (t) => {
  // Streams groups came with share groups' generation of APIs (Kafka 4.1+); on 3.x neither exists.
  if (!(await brokerHasShareGroups(suite.client))) {
    const d = await suite.client.describeGroup(unique('nostreams'));
    assert.equal(d.state, 'Dead');
    t.diagnostic('not applicable: this broker has no streams groups (Kafka 4.1+)');
    return;
  }
  const input = unique('sin');
  const output = unique('sout');
  const appId = unique('sapp');
  await suite.fx.createTopic(input, 2);
  await suite.fx.createTopic(output, 2);
  for (const p of [0, 1]) await suite.fx.produce(input, p, 20, (i) => T0 + i * 60_000);
  const app: GroupClient = await groupClients.startStreamsApp({ bootstrap: bootstrap(), appId, input, output });
  let closed = false;
  try {
    await app.waitForOutput('state RUNNING', { timeoutMs: 180_000 });
    // Processed everything: the application committed the input's log end.
    await until('the application to commit the input', async () => {
      const c = await suite.client.committedOffsets(appId, [{ topic: input, partitions: [0, 1] }]);
      return c.get(tpKey(input, 0)) === 20n && c.get(tpKey(input, 1)) === 20n;
    });
    const d = await suite.client.describeGroup(appId);
    assert.equal(d.groupType, 'streams');
    assert.equal(d.state, 'Stable');
    assert.deepEqual(d.members.map((m) => m.clientId.startsWith(app.clientId)), [true]);
    const repartition = `${appId}-rekey-repartition`;
    assert.deepEqual(
      d.subtopologies?.map((s) => [s.id, s.sourceTopics, s.repartitionSourceTopics, s.repartitionSinkTopics]),
      [
        ['0', [input], [], [repartition]],
        ['1', [], [repartition], []],
      ],
    );
    assert.deepEqual(d.members[0].activeTasks?.sort(), ['0_0', '0_1', '1_0', '1_1']);
    assert.ok(d.members[0].assignment.some((a) => a.topic === input && a.partition === 1), JSON.stringify(d.members[0].assignment));

    const listed = (await suite.client.listGroups()).find((g) => g.groupId === appId);
    assert.deepEqual(listed, { groupId: appId, state: 'Stable', protocolType: 'streams', groupType: 'streams' });
    const cliGroups = await runCli(['groups', '--bootstrap', bootstrap(), '--type', 'streams']);
    assert.equal(cliGroups.code, 0, cliGroups.stderr);
    assert.ok(cliGroups.stdout.split('\n').some((l) => l.split(/\s+/).join(' ') === `${appId} streams Stable streams`), cliGroups.stdout);
    const cliDescribe = await runCli(['describe', '--bootstrap', bootstrap(), '--group', appId]);
    assert.equal(cliDescribe.code, 0, cliDescribe.stderr);
    assert.match(cliDescribe.stdout, /\(streams group\): Stable/);
    assert.match(cliDescribe.stdout, /SUBTOPOLOGY\s+SOURCE TOPICS/);

    const lag = await groupLag(suite.client, appId);
    const inputLag = lag.topics.find((x) => x.topic === input);
    assert.deepEqual(inputLag?.partitions.map((p) => [p.partition, p.committed, p.logEnd, p.lag, !!p.owner]), [[0, 20n, 20n, 0n, true], [1, 20n, 20n, 0n, true]]);

    // A reset while the application runs is refused by our pre-check, naming the member.
    const toEarliest = request({ group: appId, topic: input, mode: 'earliest' });
    await assert.rejects(applyPlan(suite.client, await planFromCluster(suite.client, toEarliest), { snapshotDir }), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && e.message.includes(app.clientId));

    await app.close();
    closed = true;
    await until('the streams group to be empty', async () => (await suite.client.describeGroup(appId)).state === 'Empty', 60_000);

    // Differential: kafka-streams-groups --reset-offsets … --dry-run on the same state.
    const at = '2026-01-01T00:05:30.000';
    const modes: Array<[string[], ResetInput]> = [
      [['--input-topic', input, '--to-earliest'], { group: appId, topic: input, mode: 'earliest' }],
      [['--input-topic', `${input}:1`, '--shift-by', '-7'], { group: appId, topic: input, partition: '1', mode: 'shiftBy', value: '-7' }],
      [['--input-topic', input, '--to-datetime', at], { group: appId, topic: input, mode: 'datetime', value: `${at}Z` }],
      [['--input-topic', input, '--to-offset', '25'], { group: appId, topic: input, messageOffset: '25' }],
    ];
    for (const [flags, inputReq] of modes) {
      const tool = await groupClients.groupCommand('streams', bootstrap(), ['--group', appId, '--reset-offsets', ...flags, '--dry-run'], { timeoutMs: 120_000 });
      assert.equal(tool.code, 0, tool.stdout + tool.stderr);
      const ours = await planFromCluster(suite.client, request(inputReq));
      assert.deepEqual(new Map(ours.rows.map((r) => [tpKey(r.topic, r.partition), r.target])), parseResetDryRun(tool.stdout), `${flags.join(' ')}: ${tool.stdout}`);
    }
    // --all-input-topics: Kafka's tool takes the user input topics only, not the repartition topic.
    const all = await groupClients.groupCommand('streams', bootstrap(), ['--group', appId, '--reset-offsets', '--all-input-topics', '--to-earliest', '--dry-run'], { timeoutMs: 120_000 });
    assert.deepEqual([...parseResetDryRun(all.stdout).keys()].sort(), [tpKey(input, 0), tpKey(input, 1)], all.stdout);

    // Applied once empty (OffsetCommit generation -1, as Admin.alterStreamsGroupOffsets), read back, undone.
    const result = await applyPlan(suite.client, await planFromCluster(suite.client, request({ group: appId, topic: input, mode: 'datetime', value: `${at}Z` })), { snapshotDir });
    assert.deepEqual(result.rows.map((r) => [r.partition, r.outcome, r.readBack]), [[0, 'applied', 6n], [1, 'applied', 6n]]);
    const undone = await undoSnapshot(suite.client, loadSnapshot(result.snapshotFile), { snapshotDir });
    assert.ok(undone.rows.every((r) => r.outcome === 'applied'));
    const back = await suite.client.committedOffsets(appId, [{ topic: input, partitions: [0, 1] }]);
    assert.deepEqual([back.get(tpKey(input, 0)), back.get(tpKey(input, 1))], [20n, 20n]);

    // Delete-offsets (OffsetDelete) on an Empty streams group: ours on one input partition, read back and
    // undone; then the whole input topic by ours and by kafka-streams-groups --delete-offsets, same end state.
    const inputOffsets = async () => {
      const now = await suite.client.committedOffsets(appId, [{ topic: input, partitions: [0, 1] }]);
      return [now.get(tpKey(input, 0)) ?? null, now.get(tpKey(input, 1)) ?? null];
    };
    const deleted = await applyDeleteOffsets(suite.client, await planDeleteOffsets(suite.client, { group: appId, topics: [{ topic: input, partitions: [1] }] }), { snapshotDir });
    assert.deepEqual(deleted.rows.map((r) => [r.partition, r.outcome]), [[1, 'applied']]);
    assert.deepEqual(await inputOffsets(), [20n, null], 'only partition 1 lost its offset');
    assert.ok((await undoSnapshot(suite.client, loadSnapshot(deleted.snapshotFile!), { snapshotDir })).rows.every((r) => r.outcome === 'applied'));
    assert.deepEqual(await inputOffsets(), [20n, 20n], 'undo recommitted it');
    const whole = await applyDeleteOffsets(suite.client, await planDeleteOffsets(suite.client, { group: appId, topics: [{ topic: input }] }), { snapshotDir });
    assert.ok(whole.rows.length === 2 && whole.rows.every((r) => r.outcome === 'applied'));
    assert.deepEqual(await inputOffsets(), [null, null]);
    await undoSnapshot(suite.client, loadSnapshot(whole.snapshotFile!), { snapshotDir });
    const theirs = await groupClients.groupCommand('streams', bootstrap(), ['--group', appId, '--delete-offsets', '--input-topic', input], { timeoutMs: 120_000 });
    assert.equal(theirs.code, 0, theirs.stdout + theirs.stderr);
    assert.deepEqual(await inputOffsets(), [null, null], `kafka-streams-groups --delete-offsets gives the same end state: ${theirs.stdout}`);

    // The CLI's dry run prints the kafka-streams-groups equivalent.
    const dry = await runCli(['reset', '--bootstrap', bootstrap(), '--group', appId, '--topic', input, '--to-earliest', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Equivalent: kafka-streams-groups\.sh .* --reset-offsets --input-topic \S+ --to-earliest --dry-run/);
  } finally {
    if (!closed) await app.kill();
  }
});
