/**
 * The kafka-offsets CLI as a user runs it (dist/cli.js in a child process) against the real broker:
 * exit codes, --json, confirmation rules, bad input that must change nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { runCli, runNode, CLI_PATH as CLI } from '../support/run';
import { KafkaClient, tpKey } from '../../src/core';

const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-cli-snap-'));
let fx: Fixtures;
let client: KafkaClient;
let topic: string;
let group: string;

function cli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return runCli(args, { timeoutMs: opts.timeoutMs, env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir, ...opts.env } });
}

async function committed(g = group, t = topic, n = 3) {
  const m = await client.committedOffsets(g, [{ topic: t, partitions: Array.from({ length: n }, (_, i) => i) }]);
  return Array.from({ length: n }, (_, i) => m.get(tpKey(t, i)) ?? null);
}

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
  topic = unique('cli');
  group = unique('clig');
  await fx.createTopic(topic, 3);
  for (let p = 0; p < 3; p++) await fx.produce(topic, p, 50, (i) => Date.UTC(2026, 0, 1) + i * 1000);
  await fx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
});
after(async () => {
  await client.close();
  await fx.close();
});

const B = () => ['--bootstrap', bootstrap()];

test('reset --json prints one document {group, topic, dryRun, plan, result} and exits 0', async () => {
  const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, '--partition', '1', '--offset', '7', '--yes', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.group, group);
  assert.equal(doc.topic, topic);
  assert.equal(doc.dryRun, false);
  assert.deepEqual(doc.plan, [{ topic, partition: 1, committed: 20, logStart: 0, logEnd: 50, target: 7, clamped: null, lagBefore: 30, lagAfter: 43, targetTimestamp: Date.UTC(2026, 0, 1) + 7000 }]);
  assert.equal(doc.result.rows[0].outcome, 'applied');
  assert.ok(fs.existsSync(doc.result.snapshotFile));
  assert.deepEqual(await committed(), [20n, 7n, 20n]);
  // Undo through the CLI restores it.
  const u = await cli(['undo', ...B(), '--snapshot', doc.result.snapshotFile, '--yes']);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('--dry-run shows the plan and commits nothing; negative numbers work in both spellings', async () => {
  for (const args of [['--shift-by', '-5'], ['--shift-by=-5'], ['--offset=-5']]) {
    const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, ...args, '--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.dryRun, true);
    assert.equal(doc.result, null);
    assert.deepEqual(doc.plan.map((p: any) => p.target), args[0].includes('shift') ? [15, 15, 15] : [0, 0, 0]);
  }
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test("the seed's JSON body is accepted verbatim with --request", async () => {
  const r = await cli(['reset', ...B(), '--group', group, '--request', JSON.stringify({ topic, partition: 0, message_offset: 10 }), '--dry-run', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).plan.map((p: any) => [p.partition, p.target]), [[0, 10]]);
});

test('without --yes and without a terminal, reset refuses (exit 2) and commits nothing', async () => {
  const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, '--to-earliest']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no terminal/);
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

// Bad input: each a clear message, exit 2, nothing committed.
const bad: Array<[string, string[], RegExp]> = [
  ['both offset and timestamp', ['--offset', '1', '--timestamp', '1700000000000'], /only one of/],
  ['neither offset nor timestamp', [], /Say where to reset to/],
  ['non-integer offset', ['--offset', '12.5'], /decimal whole number/],
  ['offset in exponent form', ['--offset', '1e3'], /decimal whole number/],
  ['hex offset', ['--offset', '0x10'], /decimal whole number/],
  ['empty offset', ['--offset', ''], /required/],
  ['negative timestamp', ['--timestamp', '-1'], /negative/],
  ['10-digit timestamp (seconds)', ['--timestamp', '1700000000'], /looks like seconds.*--allow-old-timestamp/],
  ['microsecond timestamp', ['--timestamp', '1700000000000000'], /micro- or nanoseconds/],
  ['partition < -1', ['--partition', '-2', '--offset', '1'], /Partition -2 is invalid/],
  ['partition "1.0"', ['--partition', '1.0', '--offset', '1'], /Partition must be/],
  ['partition ≥ count', ['--partition', '3', '--offset', '1'], /Partition 3 of topic .* 3 partitions/],
  ['unknown option', ['--offset', '1', '--topic-override'], /Unknown option --topic-override/],
  ['negative duration', ['--by-duration', '-PT1H'], /must not be signed/],
  ['offset beyond int64', ['--offset', '9223372036854775808'], /64-bit/],
];
for (const [name, args, message] of bad) {
  test(`bad input → exit 2, nothing committed: ${name}`, async () => {
    const r = await cli(['reset', ...B(), '--group', group, '--topic', topic, '--yes', ...args]);
    assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(await committed(), [20n, 20n, 20n]);
  });
}

test('bad input → exit 2: unknown topic, empty group id, malformed CSV, 2^53+1 as a JSON number', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['reset', ...B(), '--group', group, '--topic', unique('nope'), '--offset', '1', '--yes'], /does not exist/],
    [['reset', ...B(), '--group', '', '--topic', topic, '--offset', '1', '--yes'], /group id is required/],
    [['reset', ...B(), '--group', group, '--request', '{"topic":"' + topic + '","message_offset":9007199254740993}', '--yes'], /above 2\^53/],
    [['reset', ...B(), '--group', group, '--request', '{"topic":"' + topic + '","messageOffset":1}', '--yes'], /Unknown field "messageOffset"/],
  ];
  const csv = path.join(snapshotDir, 'bad.csv');
  fs.writeFileSync(csv, `${topic},0,5\n${topic},zero,5\n`);
  cases.push([['reset', ...B(), '--group', group, '--from-file', csv, '--yes'], /Line 2: partition must be/]);
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('CSV plan from export round-trips (BOM and CRLF tolerated)', async () => {
  const e = await cli(['export', ...B(), '--group', group]);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(e.stdout, `${topic},0,20\n${topic},1,20\n${topic},2,20\n`);
  const file = path.join(snapshotDir, 'plan.csv');
  fs.writeFileSync(file, '\uFEFF' + `${topic},0,3\r\n${topic},2,4\r\n`);
  const r = await cli(['reset', ...B(), '--group', group, '--from-file', file, '--yes', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await committed(), [3n, 20n, 4n]);
  await fx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
});

test('unreachable broker: exit 1 within 5 s with a sentence naming the broker', async () => {
  const r = await cli(['groups', '--bootstrap', '127.0.0.1:1']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Cannot reach the Kafka cluster at 127\.0\.0\.1:1 \(connection refused\)/);
  assert.ok(r.ms < 5000, `took ${r.ms} ms`);
});

test('a live Java consumer: refused (exit 1, names it); killed without leaving, --wait-empty waits out its session timeout and resets', async () => {
  const g = unique('javag');
  await fx.commit(g, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  const consumer = await harness.startJavaConsumer({ bootstrap: bootstrap(), group: g, topic, sessionTimeoutMs: 6000 });
  let killed = false;
  try {
    await consumer.waitUntilMember();
    const refused = await cli(['reset', ...B(), '--group', g, '--topic', topic, '--to-earliest', '--yes']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`Group "${g}" is Stable with 1 member: ${consumer.clientId}`));
    // The console consumer may commit its position when it starts; note what is there now.
    const before = await committed(g);
    await consumer.kill();
    killed = true;
    const waited = await cli(['reset', ...B(), '--group', g, '--topic', topic, '--to-earliest', '--yes', '--wait-empty', '30'], { timeoutMs: 60_000 });
    assert.equal(waited.code, 0, waited.stderr);
    assert.match(waited.stderr, /waiting up to 30 s/);
    assert.deepEqual(await committed(g), [0n, 0n, 0n], `before: ${before}`);
  } finally {
    if (!killed) await consumer.kill();
  }
});

test('an Empty group whose offsets still move (a consumer with assign() committing): reset --yes refuses (exit 1, offsets-moving), writes no snapshot, commits nothing', async () => {
  const g = unique('movingg');
  await fx.commit(g, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  // Such a consumer never joins the group (it stays Empty) but commits: play its commits.
  const committer = fx.keepCommitting(g, topic, 1, 20);
  let offset: number;
  const snapshotsBefore = fs.readdirSync(snapshotDir).length;
  try {
    assert.equal((await client.describeGroup(g)).state, 'Empty');
    const r = await cli(['reset', ...B(), '--group', g, '--topic', topic, '--to-earliest', '--yes', '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`Group "${g}" has no members, but its committed offsets moved in the last 3 s \\(${topic}/1: \\d+ → \\d+\\).*Nothing was changed\\.`));
    assert.equal(JSON.parse(r.stdout).error.kind, 'offsets-moving');
  } finally {
    offset = await committer.stop();
  }
  assert.equal(fs.readdirSync(snapshotDir).length, snapshotsBefore, 'no snapshot written');
  const after = await committed(g);
  assert.deepEqual([after[0], after[2]], [20n, 20n], 'the partitions nobody commits to are untouched');
  assert.equal(after[1], BigInt(offset), "partition 1 holds the consumer's last commit, not earliest");
});

test('--no-offsets-moving-check skips the watch: with a consumer committing, the reset is never refused as offsets-moving (it applies, or the engine finds the plan stale)', async () => {
  const g = unique('nowatch');
  await fx.commit(g, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  const committer = fx.keepCommitting(g, topic, 1, 20);
  try {
    const r = await cli(['reset', ...B(), '--group', g, '--topic', topic, '--to-earliest', '--yes', '--json', '--no-offsets-moving-check']);
    // Watched, these commits (one every 200 ms) would be seen within the 3 s window every time.
    if (r.code !== 0) assert.equal(JSON.parse(r.stdout).error.kind, 'stale-plan', r.stderr);
  } finally {
    await committer.stop();
  }
});

test('the bundled CLI runs without node_modules (as shipped): dist/cli.js copied elsewhere still talks to Kafka', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-standalone-'));
  const copy = path.join(dir, 'cli.js');
  fs.copyFileSync(CLI, copy);
  const r = await runNode([copy, 'lag', '--group', group, '--bootstrap', bootstrap(), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).group, group);
});

// More bad input, each with its own full argument list: exit 2, a clear sentence, nothing committed.
test('bad input table 2 → exit 2 with a sentence, nothing committed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-bad-'));
  const dup = path.join(dir, 'dup.csv');
  fs.writeFileSync(dup, `${topic},0,1\n${topic},0,2\n`);
  const other = path.join(dir, 'other.csv');
  fs.writeFileSync(other, `someone-else,${topic},0,1\nsomeone-else,${topic},1,1\n`);
  const r = (extra: string[]) => ['reset', ...B(), '--yes', ...extra];
  const T = ['--topic', topic];
  const cases: Array<[string, string[], RegExp]> = [
    // Group ids with spaces or control characters are valid in Kafka and usable here (hostile-core.test.ts).
    ['empty group', r(['--group', '', ...T, '--offset', '1']), /group id is required/],
    ['invalid topic name', r(['--group', group, '--topic', 'bad topic', '--offset', '1']), /not a valid Kafka topic name/],
    ['blank offset', r(['--group', group, ...T, '--offset', ' ']), /required/],
    ['timestamp in exponent form', r(['--group', group, ...T, '--timestamp', '1e12']), /decimal whole number/],
    ['fractional timestamp', r(['--group', group, ...T, '--timestamp', '1700000000000.5']), /decimal whole number/],
    ['non-numeric shift', r(['--group', group, ...T, '--shift-by', 'abc']), /decimal whole number/],
    ['month 13', r(['--group', group, ...T, '--to-datetime', '2026-13-01T00:00:00Z']), /not a real calendar/],
    ['duration in weeks', r(['--group', group, ...T, '--by-duration', 'P1W']), /not an ISO-8601 duration/],
    ['partition "abc"', r(['--group', group, ...T, '--partition', 'abc', '--offset', '1']), /Partition must be/],
    ['--wait-empty soon', r(['--group', group, ...T, '--to-earliest', '--wait-empty', 'soon']), /--wait-empty must be/],
    ['seed JSON with both values', r(['--group', group, '--request', JSON.stringify({ topic, partition: 0, message_offset: 1, timestamp: 1700000000000 })]), /not both/],
    ['seed JSON with a string partition', r(['--group', group, '--request', JSON.stringify({ topic, partition: 'x', message_offset: 1 })]), /Partition must be/],
    ['seed JSON that is an array', r(['--group', group, '--request', '[]']), /must be a JSON object/],
    ['seed JSON with a microsecond timestamp', r(['--group', group, '--request', JSON.stringify({ topic, timestamp: 1700000000000000 })]), /micro- or nanoseconds/],
    ['seed JSON plus --topic', r(['--group', group, '--topic', topic, '--request', JSON.stringify({ topic, message_offset: 1 })]), /do not also pass --topic/],
    ['CSV with a duplicate partition', r(['--group', group, '--from-file', dup]), /repeats/],
    ['CSV with rows only for another group', r(['--group', group, '--from-file', other]), /no rows for group ".*" \(it has rows for "someone-else"\)/],
    ['CSV file that does not exist', r(['--group', group, '--from-file', path.join(dir, 'nope.csv')]), /cannot read/],
    ['bootstrap that is not host:port', ['groups', '--bootstrap', 'nonsense'], /is not host:port/],
    ['two modes at once', r(['--group', group, ...T, '--to-earliest', '--to-latest']), /only one of/],
    ['request timeout below 100 ms', r(['--group', group, ...T, '--to-earliest', '--request-timeout-ms', '5']), /≥ 100/],
    ['unknown SASL mechanism', r(['--group', group, ...T, '--to-earliest', '--sasl-mechanism', 'gssapi', '--sasl-username', 'u']), /must be plain, scram-sha-256 or scram-sha-512/],
    ['SASL without the password variable', r(['--group', group, ...T, '--to-earliest', '--sasl-mechanism', 'plain', '--sasl-username', 'u', '--sasl-password-env', 'KO_UNSET_VARIABLE']), /KO_UNSET_VARIABLE, which is not set/],
    ['unknown command', ['resett', ...B()], /Unknown command "resett"/],
    ['flag given twice', r(['--group', group, ...T, '--offset', '1', '--offset', '2']), /given twice/],
  ];
  for (const [name, args, message] of cases) {
    const res = await cli(args);
    assert.equal(res.code, 2, `${name}: exit ${res.code}\n${res.stderr}`);
    assert.match(res.stderr, message, name);
    assert.doesNotMatch(res.stderr, /\n\s+at /, `${name}: no stack trace`);
  }
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('options before the command, --version, and a whole-group dry run that changes nothing', async () => {
  const v = await cli(['--version']);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^kafka-offsets \d+\.\d+\.\d+\n$/);
  const lag = await cli([...B(), 'lag', '--group', group, '--json']);
  assert.equal(lag.code, 0, lag.stderr);
  assert.equal(JSON.parse(lag.stdout).group, group);
  const before = await committed();
  const r = await cli([...B(), '--json', 'reset', '--group', group, '--all-topics', '--to-earliest', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).plan.map((p: { partition: number; target: number }) => [p.partition, p.target]), [[0, 0], [1, 0], [2, 0]]);
  assert.deepEqual(await committed(), before);
  const unknownGroup = await cli(['reset', ...B(), '--group', unique('nocommits'), '--all-topics', '--to-earliest', '--dry-run']);
  assert.equal(unknownGroup.code, 2, unknownGroup.stderr);
  assert.match(unknownGroup.stderr, /has no committed offsets .*--all-topics selects nothing/);
});

test('lag --all-groups --ndjson: one JSON line per group, the same entries as --json, with several coordinators batched', async () => {
  const extra = unique('clig-nd');
  await fx.commit(extra, [{ topic, partition: 1, offset: 7 }]);
  const json = await cli(['lag', '--all-groups', '--json', ...B()]);
  assert.equal(json.code, 0, json.stderr);
  const nd = await cli(['lag', '--all-groups', '--ndjson', ...B()]);
  assert.equal(nd.code, 0, nd.stderr);
  const lines = nd.stdout.trim().split('\n');
  const streamed = lines.map((l) => JSON.parse(l));
  // timeLagMs is "now" minus a record's time: the two runs read it a few hundred ms apart.
  const noClock = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'timeLagMs' ? undefined : v)));
  const byGroup = (xs: Array<{ group: string; lag?: number }>) => new Map(xs.map((x) => [x.group, noClock(x) as { group: string; lag?: number }]));
  const all = byGroup(JSON.parse(json.stdout));
  // Other test files share the broker: compare the groups this file made, and that no line is lost.
  assert.equal(streamed.length, all.size, 'one line per group');
  for (const g of [group, extra]) assert.deepEqual(byGroup(streamed).get(g), all.get(g), g);
  assert.equal(byGroup(streamed).get(extra)?.lag, 43);
});
