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
import { runCli } from '../support/run';
import { hostileAssignmentConsumer } from '../support/hostile';
import { KafkaClient, allGroupsLag, groupLag, tpKey } from '../../src/core';

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
