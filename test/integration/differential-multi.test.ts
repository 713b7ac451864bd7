/**
 * Differential tests of the whole-group and several-group forms: for the same broker state, Apache
 * Kafka's `kafka-consumer-groups --reset-offsets --dry-run` and our CLI (`--dry-run --json`) must plan
 * the same target for every (group, topic, partition) — no more, no fewer. The scenarios are those of
 * Apache's ResetConsumerGroupOffsetTest that use --all-topics, several --topic, topic:partition lists,
 * several --group, --all-groups, --to-current and the multi-group export/import plan, on our own data.
 * Then what only we do: a refused group left untouched while the others are reset, one snapshot per
 * group, and undo of a reset across topics.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { runCli } from '../support/run';
import { KafkaClient, loadSnapshot, tpKey } from '../../src/core';

const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-multi-snap-'));
let fx: Fixtures;
let client: KafkaClient;
let A: string; // 3 partitions
let B: string; // 2 partitions
let g1: string; // A/0=10, A/1=20, B/0=5 committed; A/2 and B/1 never
let g2: string; // B/1=3 only
const COUNT = 60;
// One message a minute, ending ~10 minutes ago.
const BASE = Date.now() - (COUNT + 10) * 60_000;
const G1 = () => [{ topic: A, partition: 0, offset: 10 }, { topic: A, partition: 1, offset: 20 }, { topic: B, partition: 0, offset: 5 }];

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
  A = unique('multiA');
  B = unique('multiB');
  g1 = unique('multig1');
  g2 = unique('multig2');
  await fx.createTopic(A, 3);
  await fx.createTopic(B, 2);
  for (let p = 0; p < 3; p++) await fx.produce(A, p, COUNT - p * 10, (i) => BASE + i * 60_000);
  for (let p = 0; p < 2; p++) await fx.produce(B, p, COUNT - p * 20, (i) => BASE + i * 60_000 + 30_000);
  await fx.commit(g1, G1());
  await fx.commit(g2, [{ topic: B, partition: 1, offset: 3 }]);
});
after(async () => {
  await client.close();
  await fx.close();
});

type Targets = Record<string, string>; // "group/topic/partition" → offset

/** Apache's dry-run tables (one per group: GROUP TOPIC PARTITION NEW-OFFSET), read as a token stream. */
function parseKafkaPlans(stdout: string): Targets {
  const tokens = stdout.split(/\s+/).filter(Boolean);
  const out: Targets = {};
  for (let i = 0; i + 3 < tokens.length; i++) {
    const [g, t, p, o] = tokens.slice(i, i + 4);
    // Aligned on a row only when the last two of four tokens are numbers and the first two are not.
    if (/^\d+$/.test(p) && /^\d+$/.test(o) && !/^\d+$/.test(g) && !/^\d+$/.test(t) && t !== 'TOPIC') {
      out[`${g}/${t}/${p}`] = o;
      i += 3;
    }
  }
  return out;
}

async function theirs(args: string[], env: Record<string, string> = {}): Promise<{ targets: Targets; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env); // the JVM inherits it (TZ)
  try {
    const r = await harness.consumerGroupCommand(bootstrap(), ['--reset-offsets', '--dry-run', ...args]);
    assert.equal(r.code, 0, `kafka-consumer-groups ${args.join(' ')} failed: ${r.stderr}`);
    return { targets: parseKafkaPlans(r.stdout), stdout: r.stdout, stderr: r.stderr };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(['--bootstrap', bootstrap(), ...args], { env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir, ...env }, timeoutMs: 120_000 });
}

/** Our dry run's targets, from the one-group or the several-group JSON document. */
async function ours(args: string[], env: Record<string, string> = {}, expectCode = 0): Promise<{ targets: Targets; doc: any }> {
  const r = await cli(['reset', ...args, '--dry-run', '--json'], env);
  assert.equal(r.code, expectCode, `kafka-offsets reset ${args.join(' ')}: exit ${r.code}\n${r.stderr}\n${r.stdout}`);
  const doc = JSON.parse(r.stdout);
  const targets: Targets = {};
  for (const g of doc.groups ?? [{ group: doc.group, plan: doc.plan }]) for (const row of g.plan ?? []) targets[`${g.group}/${row.topic}/${row.partition}`] = String(row.target);
  return { targets, doc };
}

/** Apache's flags → ours (the only spelling that differs is --to-offset). */
const ourArgs = (args: string[]) => args.map((a) => (a === '--to-offset' ? '--offset' : a));

async function same(args: string[], env: Record<string, string> = {}): Promise<Targets> {
  const [a, b] = [await theirs(args, env), await ours(ourArgs(args), env)];
  assert.ok(Object.keys(a.targets).length > 0, `could not read Kafka's plan:\n${a.stdout}`);
  assert.deepEqual(b.targets, a.targets, args.join(' '));
  return b.targets;
}

const one = () => ['--group', g1];
const both = () => ['--group', g1, '--group', g2];

test('--all-topics: every committed partition of the group, in each mode (testResetOffsetsTo*/Shift*/ByDuration with --all-topics)', async () => {
  const modes = [['--to-offset', '15'], ['--to-earliest'], ['--to-latest'], ['--to-current'], ['--shift-by', '7'], ['--shift-by', '-150'], ['--shift-by', '150'], ['--by-duration', 'PT30M'], ['--by-duration', 'P1D']];
  for (const mode of modes) {
    const t = await same([...one(), '--all-topics', ...mode]);
    assert.deepEqual(Object.keys(t).sort(), [`${g1}/${A}/0`, `${g1}/${A}/1`, `${g1}/${B}/0`].sort(), mode.join(' '));
  }
});

test('several --topic and topic:partition lists (testResetOffsetsToEarliestOnTopics / OnTopicsAndPartitions / OnOneTopicAndPartition)', async () => {
  await same([...one(), '--topic', A, '--topic', B, '--to-earliest']);
  await same([...one(), '--topic', `${A}:1`, '--topic', `${B}:1`, '--to-earliest']);
  await same([...one(), '--topic', `${A}:0,2`, '--to-offset', '25']);
  await same([...one(), '--topic', `${A}:2`, '--topic', B, '--to-latest']);
});

test('--to-current on partitions never committed takes the log end, as Kafka', async () => {
  const t = await same([...one(), '--topic', A, '--topic', B, '--to-current']);
  assert.equal(t[`${g1}/${A}/0`], '10');
  assert.equal(t[`${g1}/${A}/2`], String(COUNT - 20));
});

test('several --group (testResetOffsetsExistingTopicSelectedGroups, AllTopics for selected groups)', async () => {
  await same([...both(), '--topic', A, '--to-offset', '12']);
  const t = await same([...both(), '--all-topics', '--to-offset', '2']);
  assert.deepEqual(Object.keys(t).filter((k) => k.startsWith(`${g2}/`)), [`${g2}/${B}/1`]);
});

test('--all-groups with --topic and with --all-topics (testResetOffsetsExistingTopicAllGroups, AllTopicsAllGroups)', async () => {
  const t = await same(['--all-groups', '--topic', B, '--to-offset', '4']);
  for (const k of [`${g1}/${B}/0`, `${g1}/${B}/1`, `${g2}/${B}/0`, `${g2}/${B}/1`]) assert.equal(t[k], '4', k);
  await same(['--all-groups', '--all-topics', '--to-latest']);
});

test('--to-datetime without a zone is read as UTC whatever the machine zone, as Kafka (testResetOffsetsToLocalDateTime)', async () => {
  const at = new Date(BASE + 25 * 60_000 + 1).toISOString().replace('Z', ''); // 2026-…T…:…:….mmm
  for (const TZ of ['Asia/Tokyo', 'America/New_York']) {
    const t = await same([...one(), '--all-topics', '--to-datetime', at], { TZ });
    assert.equal(t[`${g1}/${A}/0`], '26', TZ);
  }
  const { doc } = await ours([...one(), '--all-topics', '--to-datetime', at], { TZ: 'Asia/Tokyo' });
  assert.equal(doc.group, g1);
  const text = await cli(['reset', ...one(), '--all-topics', '--to-datetime', at, '--dry-run']);
  assert.match(text.stdout, /\(UTC: \d{4}-\d\d-\d\dT/, 'the preview states the zone used');
  // A date-time with a zone agrees too (testResetOffsetsToZonedDateTime).
  await same([...one(), '--all-topics', '--to-datetime', new Date(BASE + 25 * 60_000 + 1).toISOString().replace('Z', '+00:00')]);
});

test('export/import plan across groups (testResetOffsetsExportImportPlan and …SingleGroupArg)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-multi-plan-'));
  const exportArgs = [...both(), '--all-topics', '--to-offset', '2'];
  const r = await harness.consumerGroupCommand(bootstrap(), ['--reset-offsets', '--dry-run', '--export', ...exportArgs]);
  assert.equal(r.code, 0, r.stderr);
  const mine = await cli(['reset', ...ourArgs(exportArgs), '--export']);
  assert.equal(mine.code, 0, mine.stderr);
  const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter((l) => /^[^,]+,[^,]+,\d+,\d+$/.test(l)).sort();
  assert.deepEqual(lines(mine.stdout), lines(r.stdout), 'the same multi-group CSV plan');
  assert.equal(lines(mine.stdout).length, 4);
  const file = path.join(dir, 'plan.csv');
  fs.writeFileSync(file, mine.stdout);
  // Several --group importing one file; one --group taking its own rows; our CLI also takes the groups from the file.
  await same([...both(), '--all-topics', '--from-file', file]);
  const single = await same([...one(), '--all-topics', '--from-file', file]);
  assert.deepEqual(Object.keys(single).every((k) => k.startsWith(`${g1}/`)), true);
  const fromFile = await ours(['--from-file', file]);
  assert.deepEqual(fromFile.targets, (await theirs([...both(), '--all-topics', '--from-file', file])).targets);
});

test('several groups with one not empty: it is refused and left untouched, the others are reset; one snapshot each; exit 1', async () => {
  const live = unique('multilive');
  await fx.commit(live, [{ topic: A, partition: 0, offset: 9 }]);
  const consumer = await fx.liveConsumer(live, A);
  try {
    const kafka = await theirs(['--group', g2, '--group', live, '--all-topics', '--to-earliest']);
    assert.match(kafka.stderr + kafka.stdout, new RegExp(`group '${live}' is inactive`));
    const plan = await ours(['--group', g2, '--group', live, '--all-topics', '--to-earliest'], {}, 1);
    assert.deepEqual(plan.targets, kafka.targets, 'the same plan for the group that may be reset');
    assert.deepEqual(plan.doc.groups.map((g: any) => [g.group, g.status]), [[g2, 'planned'], [live, 'refused']]);
    assert.ok(plan.doc.groups[1].members.length >= 1);

    const before = new Set(fs.readdirSync(snapshotDir));
    const r = await cli(['reset', '--group', g2, '--group', live, '--all-topics', '--to-earliest', '--yes']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`Changed: "${g2}"\\. Refused \\(not empty, left untouched\\): "${live}"\\.`));
    const g2After = await client.committedOffsets(g2, null);
    assert.equal(g2After.get(tpKey(B, 1)), 0n);
    const liveAfter = await client.committedOffsets(live, null);
    assert.equal(liveAfter.get(tpKey(A, 0)), 9n, 'the refused group keeps its offsets');
    const snaps = fs.readdirSync(snapshotDir).filter((f) => !before.has(f) && f.endsWith('.json'));
    assert.equal(snaps.length, 1, `one snapshot, for ${g2} only: ${snaps}`);
    assert.equal(loadSnapshot(path.join(snapshotDir, snaps[0])).group, g2);
  } finally {
    await consumer.disconnect();
  }
});

test('a reset across topics is one plan, one snapshot and one commit; undo restores every partition, deleting the offsets that were not there', async () => {
  const before = new Set(fs.readdirSync(snapshotDir));
  const r = await cli(['reset', ...one(), '--topic', A, '--topic', `${B}:0,1`, '--to-latest', '--yes', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.result.rows.length, 5);
  assert.ok(doc.result.rows.every((x: any) => x.outcome === 'applied'));
  const snaps = fs.readdirSync(snapshotDir).filter((f) => !before.has(f) && f.endsWith('.json'));
  assert.deepEqual(snaps.map((f) => path.join(snapshotDir, f)), [doc.result.snapshotFile]);
  const snap = loadSnapshot(doc.result.snapshotFile);
  assert.equal(snap.entries.length, 5);
  const now = await client.committedOffsets(g1, null);
  assert.equal(now.get(tpKey(A, 2)), BigInt(COUNT - 20));
  assert.equal(now.get(tpKey(B, 1)), BigInt(COUNT - 20));

  const u = await cli(['undo', '--snapshot', doc.result.snapshotFile, '--yes']);
  assert.equal(u.code, 0, u.stderr);
  const back = await client.committedOffsets(g1, null);
  assert.deepEqual(
    Object.fromEntries([...back].filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)])),
    Object.fromEntries(G1().map((o) => [tpKey(o.topic, o.partition), String(o.offset)])),
  );
});
