/**
 * Hostile input on a real broker, engine and CLI side (issue 11): everything that comes from the
 * cluster or a file is data, never a reason to fail the others.
 *
 * - A consumer whose own assignor names invalid topics (a space, an ESC) in its assignment: every
 *   other group keeps its lag; that group's bad topics are hidden with Kafka's reason.
 * - Group ids Kafka accepts but a careless tool refuses (leading/trailing spaces, control
 *   characters, 5,000 characters): describe, lag, reset and undo work on the exact bytes.
 * - A snapshot restored onto another cluster is refused unless the user says so (a second broker).
 * - A commit whose answer is lost is reported as unknown, with the snapshot and the undo command.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Consumer } from 'kafkajs';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { runCli, runNode, CLI_PATH } from '../support/run';
import { hostileAssignmentConsumer } from '../support/hostile';
import { FreezeProxy } from '../support/freeze-proxy';
import { startBroker, freePort, BrokerHandle } from '../support/brokers';
import { KafkaClient, allGroupsLag, groupLag, tpKey, listSnapshots } from '../../src/core';

const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-hostile-snap-'));
const TEST_TIMEOUT_MS = 180_000;
let fx: Fixtures;
let client: KafkaClient;
const consumers: Consumer[] = [];

function cli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return runCli(args, { timeoutMs: opts.timeoutMs ?? 60_000, env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir, ...opts.env } });
}
const B = () => ['--bootstrap', bootstrap()];

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
});
after(async () => {
  await Promise.allSettled(consumers.map((c) => c.disconnect()));
  other?.proxy.thaw();
  await other?.broker.stop({ timeoutMs: 10_000 });
  await other?.proxy.close();
  await client.close();
  await fx.close();
  fs.rmSync(snapshotDir, { recursive: true, force: true });
}, { timeout: 60_000 });

async function topicWithData(partitions = 2, messages = 30): Promise<string> {
  const topic = unique('ht');
  await fx.createTopic(topic, partitions);
  for (let p = 0; p < partitions; p++) await fx.produce(topic, p, messages);
  return topic;
}

async function committed(group: string, topic: string, n: number): Promise<Array<bigint | null>> {
  const m = await client.committedOffsets(group, [{ topic, partitions: Array.from({ length: n }, (_, i) => i) }]);
  return Array.from({ length: n }, (_, i) => m.get(tpKey(topic, i)) ?? null);
}

test('a member whose assignment names invalid topics (space, ESC) does not blank lag: others keep theirs, its bad topics are hidden with the reason', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const topic = await topicWithData();
  const calm = unique('hcalm');
  await fx.commit(calm, [0, 1].map((partition) => ({ topic, partition, offset: 10 })));
  const hostile = unique('hhost');
  const bad = ['bad topic', 'esc\u001b[31mtopic'];
  consumers.push(await hostileAssignmentConsumer({ brokers: brokers(), group: hostile, topic, extraTopics: bad }));
  const d = await client.describeGroup(hostile);
  assert.deepEqual([...new Set(d.members.flatMap((m) => m.assignment.map((a) => a.topic)))].sort(), [topic, ...bad].sort(), 'the broker stored the hostile assignment');

  // The engine: all groups at once, and the hostile group alone.
  const mine = (g: { groupId: string }) => g.groupId === calm || g.groupId === hostile;
  const all = await allGroupsLag(client, { filter: mine });
  const calmLag = all.find((e) => e.group.groupId === calm)!;
  assert.equal(calmLag.error, undefined);
  assert.equal(calmLag.lag!.lag, 40n);
  const hostileAll = all.find((e) => e.group.groupId === hostile)!;
  assert.equal(hostileAll.error, undefined, hostileAll.error);
  assert.deepEqual(hostileAll.lag!.topics.map((x) => x.topic), [topic]);
  assert.deepEqual(
    hostileAll.lag!.hiddenTopics!.map((h) => [h.topic, h.reason, h.error]).sort(),
    bad.map((b) => [b, 'error', 'INVALID_TOPIC_EXCEPTION']).sort(),
  );
  const one = await groupLag(client, hostile);
  assert.deepEqual(one, hostileAll.lag);

  // The CLI: lag --all-groups still prints every group (exit 0), lag --group of the hostile group works.
  const r = await cli(['lag', ...B(), '--all-groups', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as Array<{ group: string; lag?: number; error?: string; hiddenTopics?: Array<{ topic: string; error?: string }> }>;
  assert.equal(doc.find((e) => e.group === calm)?.lag, 40);
  assert.deepEqual(doc.find((e) => e.group === hostile)?.hiddenTopics?.map((h) => h.topic).sort(), [...bad].sort());
  const g = await cli(['lag', ...B(), '--group', hostile]);
  t.diagnostic(g.stdout);
  assert.equal(g.code, 0, g.stderr);
  assert.match(g.stdout, /INVALID_TOPIC_EXCEPTION/);
  assert.deepEqual(await committed(calm, topic, 2), [10n, 10n]);
});

test('group ids Kafka accepts — spaces around, control characters, 5,000 characters — work end to end in the CLI: groups, describe, lag, reset, undo', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const topic = await topicWithData(2, 30);
  const ids = [` ${unique('sp')} `, `${unique('ctl')}\u001b]0;pwned\u0007\r\n\u001b[31m`, `${unique('long')}-${'x'.repeat(5000)}`];
  for (const group of ids) await fx.commit(group, [0, 1].map((partition) => ({ topic, partition, offset: 10 })));
  const listed = JSON.parse((await cli(['groups', ...B(), '--json'])).stdout) as Array<{ groupId: string }>;
  for (const group of ids) {
    const name = JSON.stringify(group).slice(0, 40);
    assert.ok(listed.some((g) => g.groupId === group), `${name} listed exactly`);
    const d = await cli(['describe', ...B(), '--group', group, '--json']);
    assert.equal(d.code, 0, `${name}: ${d.stderr}`);
    assert.equal(JSON.parse(d.stdout).groupId, group);
    const l = await cli(['lag', ...B(), '--group', group, '--json']);
    assert.equal(l.code, 0, `${name}: ${l.stderr}`);
    assert.equal(JSON.parse(l.stdout).group, group);
    assert.equal(JSON.parse(l.stdout).lag, 40);
    const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, '--offset', '5', '--yes', '--json']);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.group, group);
    assert.deepEqual(doc.result.rows.map((x: { outcome: string }) => x.outcome), ['applied', 'applied']);
    assert.deepEqual(await committed(group, topic, 2), [5n, 5n], `${name}: reset on the exact id`);
    const u = await cli(['undo', ...B(), '--snapshot', doc.result.snapshotFile, '--yes']);
    assert.equal(u.code, 0, `${name}: ${u.stderr}`);
    assert.deepEqual(await committed(group, topic, 2), [10n, 10n], `${name}: undo on the exact id`);
  }
  // The trimmed id is another group: untouched by all of the above.
  assert.deepEqual(await committed(ids[0].trim(), topic, 2), [null, null]);
  const warned = await cli(['lag', ...B(), '--group', ids[0], '--json']);
  assert.match(warned.stderr, /starts or ends with whitespace/);
  t.diagnostic(warned.stderr.trim());
});

/** A second cluster of the test's own (its own cluster id), behind a proxy that can freeze it. */
let other: { broker: BrokerHandle; proxy: FreezeProxy; bootstrap: string } | undefined;
async function otherCluster() {
  if (!other) {
    const port = await freePort();
    const proxy = new FreezeProxy(port);
    await proxy.listen();
    const broker = await startBroker({ heap: '512m', port, extraProps: { 'advertised.listeners': `PLAINTEXT://127.0.0.1:${proxy.port}` } });
    other = { broker, proxy, bootstrap: `127.0.0.1:${proxy.port}` };
  }
  return other;
}

async function committedOn(bootstrapList: string, group: string, topic: string, n: number): Promise<Array<bigint | null>> {
  const c = new KafkaClient({ brokers: [bootstrapList] });
  try {
    const m = await c.committedOffsets(group, [{ topic, partitions: Array.from({ length: n }, (_, i) => i) }]);
    return Array.from({ length: n }, (_, i) => m.get(tpKey(topic, i)) ?? null);
  } finally {
    await c.close();
  }
}

test('undo refuses a snapshot taken on another cluster (by cluster id; by brokers for old snapshots), writes nothing, names both; --allow-other-cluster overrides', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const o = await otherCluster();
  const topic = await topicWithData(2, 30);
  const group = unique('hx');
  await fx.commit(group, [0, 1].map((partition) => ({ topic, partition, offset: 10 })));
  const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, '--offset', '3', '--yes', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const file = JSON.parse(r.stdout).result.snapshotFile as string;
  const recorded = JSON.parse(fs.readFileSync(file, 'utf8'));
  const here = await client.clusterIdentity();
  assert.equal(recorded.clusterId, here.clusterId, 'the snapshot records the cluster id');
  assert.ok(here.clusterId);

  // The same topic and group on the other cluster.
  const ofx = new Fixtures([o.bootstrap]);
  try {
    await ofx.createTopic(topic, 2, 1);
    for (let p = 0; p < 2; p++) await ofx.produce(topic, p, 30);
  } finally {
    await ofx.close();
  }
  const there = await new KafkaClient({ brokers: [o.bootstrap] }).clusterIdentity();
  assert.notEqual(there.clusterId, here.clusterId);

  const snapshotsBefore = listSnapshots(snapshotDir).length;
  for (const args of [['--yes'], ['--dry-run'], ['--yes', '--json']]) {
    const u = await cli(['undo', '--bootstrap', o.bootstrap, '--snapshot', file, ...args]);
    t.diagnostic(u.stderr.trim());
    assert.equal(u.code, 2, `${args.join(' ')}: ${u.stderr}`);
    assert.match(u.stderr, new RegExp(`Refusing to restore group "${group}": the snapshot was taken on cluster ${here.clusterId} .*cluster ${there.clusterId} at ${o.bootstrap.replace(/\./g, '\\.')} is another cluster.*--allow-other-cluster`));
  }
  assert.equal(listSnapshots(snapshotDir).length, snapshotsBefore, 'no new snapshot written');
  assert.deepEqual(await committedOn(o.bootstrap, group, topic, 2), [null, null], 'nothing committed on the other cluster');

  // An old snapshot (no cluster id) is compared by brokers: refused there, accepted here.
  const old = path.join(path.dirname(file), 'old-format.json');
  const { clusterId: _dropped, ...withoutId } = recorded;
  fs.writeFileSync(old, JSON.stringify(withoutId));
  const oldThere = await cli(['undo', '--bootstrap', o.bootstrap, '--snapshot', old, '--yes']);
  assert.equal(oldThere.code, 2, oldThere.stderr);
  assert.match(oldThere.stderr, /taken through .* none of which is a broker of cluster/);

  // Explicitly allowed: restored onto the other cluster, and the output names it.
  const forced = await cli(['undo', '--bootstrap', o.bootstrap, '--snapshot', file, '--yes', '--allow-other-cluster']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, new RegExp(`on cluster ${there.clusterId} at ${o.bootstrap.replace(/\./g, '\\.')}`));
  assert.match(forced.stderr, new RegExp(`restoring group "${group}" onto cluster .* anyway \\(--allow-other-cluster\\)`));
  assert.deepEqual(await committedOn(o.bootstrap, group, topic, 2), [10n, 10n]);

  // On its own cluster both the new and the old snapshot restore.
  const home = await cli(['undo', ...B(), '--snapshot', old, '--yes']);
  assert.equal(home.code, 0, home.stderr);
  assert.match(home.stdout, new RegExp(`on cluster ${here.clusterId} at `));
  assert.deepEqual(await committed(group, topic, 2), [10n, 10n]);
});

test('a commit whose answer is lost (broker frozen after receiving it) is reported UNKNOWN with exit 3, the snapshot and the undo command — never "NOT applied"; the printed undo works', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const o = await otherCluster();
  const topic = unique('hu');
  const group = unique('hug');
  const ofx = new Fixtures([o.bootstrap]);
  try {
    await ofx.createTopic(topic, 3, 1);
    for (let p = 0; p < 3; p++) await ofx.produce(topic, p, 30);
    await ofx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  } finally {
    await ofx.close();
  }
  const frozen = o.proxy.freezeAfterNextCommit();
  let r;
  try {
    r = await cli(['reset', '--bootstrap', o.bootstrap, '--group', group, '--topic', topic, '--offset', '7', '--yes', '--request-timeout-ms', '2000'], { timeoutMs: 90_000 });
  } finally {
    o.proxy.thaw();
  }
  await frozen;
  t.diagnostic(`exit ${r.code} after ${r.ms} ms\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /The outcome of 3 of 3 partitions is UNKNOWN: the commit was sent but its answer was lost/);
  assert.doesNotMatch(r.stdout + r.stderr, /NOT applied/);
  const snapshot = /Snapshot for undo: (.+\.json)/.exec(r.stderr)?.[1];
  assert.ok(snapshot && fs.existsSync(snapshot), r.stderr);
  assert.ok(r.stderr.includes(`The offsets before the reset are in ${snapshot}`));
  const undo = new RegExp(`to put them back: (kafka-offsets undo .+)$`, 'm').exec(r.stderr)?.[1];
  assert.ok(undo, r.stderr);
  // The commit did land: the broker stored it before the freeze.
  assert.deepEqual(await committedOn(o.bootstrap, group, topic, 3), [7n, 7n, 7n]);
  // The printed undo command, pasted into a shell as printed, puts the old offsets back.
  const u = await runNode(['-e', `require('node:child_process').execFileSync('bash', ['-c', process.argv[1]], { stdio: 'inherit' })`, `${undo.replace(/^kafka-offsets /, `'${process.execPath}' '${CLI_PATH}' `)} --yes`], {
    env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir },
  });
  assert.equal(u.code, 0, u.stderr + u.stdout);
  assert.deepEqual(await committedOn(o.bootstrap, group, topic, 3), [20n, 20n, 20n]);
});
