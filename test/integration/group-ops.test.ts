/**
 * Whole-group operations on a real broker, one shared set-up: copy a group's offsets from another
 * group (`reset --from-group`): targets are the source's committed offsets clamped to the log, only the
 * partitions the source committed are planned (the others are listed and keep their offsets), one
 * snapshot, and undo puts the target group back exactly.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { runCli } from '../support/run';
import { KafkaClient } from '../../src/core';

const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-groupops-snap-'));
let fx: Fixtures;
let client: KafkaClient;
let A: string; // 3 partitions, 50 messages each
let B: string; // 1 partition, 50 messages
let src: string; // A/0=10, A/1=200 (past the log end), B/0=5
let dst: string; // A/0=30, A/2=7

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
  A = unique('opsA');
  B = unique('opsB');
  src = unique('opssrc');
  dst = unique('opsdst');
  await fx.createTopic(A, 3);
  await fx.createTopic(B, 1);
  for (let p = 0; p < 3; p++) await fx.produce(A, p, 50);
  await fx.produce(B, 0, 50);
  await fx.commit(src, [{ topic: A, partition: 0, offset: 10 }, { topic: A, partition: 1, offset: 200 }, { topic: B, partition: 0, offset: 5 }]);
  await fx.commit(dst, [{ topic: A, partition: 0, offset: 30 }, { topic: A, partition: 2, offset: 7 }]);
});
after(async () => {
  await client.close();
  await fx.close();
});

const cli = (args: string[]) => runCli(['--bootstrap', bootstrap(), ...args], { env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir }, timeoutMs: 120_000 });

async function committed(group: string): Promise<Record<string, string>> {
  const m = await client.committedOffsets(group, null);
  return Object.fromEntries([...m].filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]).sort());
}

test('copy from a group: its committed offsets, clamped; with --topic, partitions it never committed are listed and left alone', async () => {
  const all = await cli(['reset', '--group', dst, '--from-group', src, '--all-topics', '--dry-run', '--json']);
  assert.equal(all.code, 0, all.stderr);
  const doc = JSON.parse(all.stdout);
  assert.deepEqual(
    doc.plan.map((r: any) => [r.topic, r.partition, r.target, r.clamped]),
    [[A, 0, 10, null], [A, 1, 50, 'latest'], [B, 0, 5, null]],
    'every partition the source committed; 200 is past the log end (50)',
  );
  assert.deepEqual(doc.notCopied, []);

  const one = await cli(['reset', '--group', dst, '--from-group', src, '--topic', A, '--dry-run']);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, new RegExp(`Not copied \\(group "${src}" has no committed offset there; left as they are\\): ${A}/2`));
  assert.match(one.stdout, new RegExp(`copy the committed offsets of group "${src}" on ${A}`));
  assert.match(one.stdout, /--reset-offsets --from-file 'PLAN\.csv' --dry-run/, 'kafka-consumer-groups has no copy: its equivalent is a plan file');

  const self = await cli(['reset', '--group', dst, '--from-group', dst, '--all-topics', '--dry-run']);
  assert.equal(self.code, 2);
  assert.match(self.stderr, /cannot copy its own offsets/);
  const empty = await cli(['reset', '--group', dst, '--from-group', unique('opsnobody'), '--all-topics', '--dry-run']);
  assert.equal(empty.code, 2, empty.stderr);
  assert.match(empty.stderr, /has no committed offsets on the chosen partitions: nothing to copy/);
});

test('copy applied: the copied partitions change, the others keep theirs, the source is untouched; undo restores the target exactly', async () => {
  const before = await committed(dst);
  const srcBefore = await committed(src);
  const r = await cli(['reset', '--group', dst, '--from-group', src, '--all-topics', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await committed(dst), { [`${A}:0`]: '10', [`${A}:1`]: '50', [`${A}:2`]: '7', [`${B}:0`]: '5' });
  assert.deepEqual(await committed(src), srcBefore);
  const snapshot = /Snapshot for undo: (\S+\.json)/.exec(r.stderr + r.stdout)?.[1];
  assert.ok(snapshot, `the snapshot is named:\n${r.stderr}`);
  const undo = await cli(['undo', '--snapshot', snapshot!, '--yes']);
  assert.equal(undo.code, 0, undo.stderr);
  assert.deepEqual(await committed(dst), before, 'partitions without a commit before the copy have none again');
});

test('a several-group reset prints one undo for the batch; it restores every group of the batch', async () => {
  const before = { src: await committed(src), dst: await committed(dst) };
  const r = await cli(['reset', '--group', src, '--group', dst, '--all-topics', '--to-earliest', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(Object.values(await committed(src)), ['0', '0', '0'], 'the batch was applied');
  const line = /Undo the whole batch: kafka-offsets undo (.*)/.exec(r.stdout)?.[1];
  assert.ok(line, `one undo line for the batch:\n${r.stdout}`);
  const files = [...line!.matchAll(/--snapshot '([^']+)'/g)].map((m) => m[1]);
  assert.equal(files.length, 2, line);
  const u = await cli(['undo', ...files.flatMap((f) => ['--snapshot', f]), '--yes']);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual({ src: await committed(src), dst: await committed(dst) }, before);
  const twice = await cli(['undo', '--snapshot', files[0], '--snapshot', files[0], '--yes']);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /Two of the snapshots are of group/);
});

test('a several-group reset watches the batch once: a group whose offsets still move (a consumer with assign() committing) is refused and left untouched, the others are reset', async () => {
  const quiet = unique('opsquiet');
  const moving = unique('opsmoving');
  for (const g of [quiet, moving]) await fx.commit(g, [0, 1, 2].map((partition) => ({ topic: A, partition, offset: 20 })));
  const committer = fx.keepCommitting(moving, A, 1, 20);
  let offset: number;
  let r: Awaited<ReturnType<typeof cli>>;
  try {
    r = await cli(['reset', '--group', quiet, '--group', moving, '--topic', A, '--to-earliest', '--yes', '--json']);
  } finally {
    offset = await committer.stop();
  }
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  const status = Object.fromEntries(doc.groups.map((g: { group: string; status: string }) => [g.group, g.status]));
  assert.deepEqual(status, { [quiet]: 'applied', [moving]: 'refused' });
  assert.match(doc.groups.find((g: { group: string }) => g.group === moving).reason, new RegExp(`committed offsets moved in the last 3 s \\(${A}/1: \\d+ → \\d+\\)`));
  assert.deepEqual(Object.values(await committed(quiet)), ['0', '0', '0']);
  const after = await committed(moving);
  assert.deepEqual([after[`${A}:0`], after[`${A}:2`], after[`${A}:1`]], ['20', '20', String(offset)], "the moving group keeps its offsets and the consumer's last commit");
});
