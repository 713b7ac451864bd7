/**
 * Hostile input, engine and CLI side, without a broker (issue 11): hand-made snapshot files, oversized
 * numbers and CSV files, planted reset locks, exact JSON offsets, group ids Kafka accepts, how an
 * unknown outcome and --ssl-insecure are reported. The real-broker half is
 * test/integration/hostile-core.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  parseSnapshot,
  loadSnapshot,
  MAX_SNAPSHOT_BYTES,
  parseInt64,
  parseCsvPlan,
  validateGroupId,
  groupIdWarning,
  snapshotMatchesCluster,
  clusterKey,
  KafkaOffsetsError,
  type Snapshot,
  type ResetResult,
} from '../../src/core';
import { staleReason, withGroupLock, processStartTime, MAX_HOLD_MS } from '../../src/core/lock';
import { stringifyExact, rowJson, lagJson, hiddenTopicNote, topicsCell } from '../../src/cli/format';
import { reportOutcome, insecureWarning, EXIT_OUTCOME_UNKNOWN } from '../../src/cli/outcome';

const snap = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'kafka-offsets-snapshot/1',
    group: 'billing',
    brokers: ['localhost:9092'],
    takenAt: '2026-11-24T10:00:00.000Z',
    reason: 'reset to earliest on orders',
    offsets: [
      { topic: 'orders', partition: 0, offset: '10' },
      { topic: 'orders', partition: 1, offset: null },
    ],
    ...over,
  });

function refused(text: string): string {
  try {
    parseSnapshot(text, 'f.json');
  } catch (e) {
    assert.ok(e instanceof KafkaOffsetsError);
    assert.equal(e.kind, 'validation'); // CLI exit 2
    return e.message;
  }
  assert.fail(`accepted: ${text.slice(0, 200)}`);
}

test('snapshot: a valid one loads exactly (offsets as bigint, null = no commit), clusterId kept', () => {
  const s = parseSnapshot(snap({ clusterId: 'AbC-123', offsets: [{ topic: 'orders', partition: 0, offset: '9223372036854775807' }] }), 'f.json');
  assert.equal(s.group, 'billing');
  assert.equal(s.clusterId, 'AbC-123');
  assert.equal(s.takenAt, Date.UTC(2026, 10, 24, 10));
  assert.deepEqual(s.entries, [{ topic: 'orders', partition: 0, offset: 9223372036854775807n }]);
  assert.deepEqual(parseSnapshot(snap(), 'f.json').entries[1], { topic: 'orders', partition: 1, offset: null });
});

test('snapshot: each thing no real snapshot has is one sentence naming it (exit 2), checked before anything is written', () => {
  assert.match(refused(snap({ takenAt: undefined })), /takenAt must be the date-time/);
  assert.match(refused(snap({ takenAt: 'yesterday' })), /takenAt must be the date-time.*"yesterday"/);
  assert.match(refused(snap({ takenAt: 1732442400000 })), /takenAt/);
  assert.match(refused(snap({ group: '' })), /group: Consumer group id is required/);
  assert.match(refused(snap({ group: 7 })), /group: the group is missing/);
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: '-1' }] })), /offset -1 is negative/);
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: '9223372036854775808' }] })), /does not fit in a 64-bit/);
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: 9007199254740993 }] })), /too large to be exact/);
  assert.match(
    refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: '1' }, { topic: 'orders', partition: 0, offset: '2' }] })),
    /offsets\[1\] repeats orders partition 0 \(first at offsets\[0\]\)/,
  );
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: '0', offset: '1' }] })), /partition must be a whole number/);
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: -1, offset: '1' }] })), /partition must be a whole number ≥ 0/);
  assert.match(refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: true }] })), /offset must be a decimal string or null, got boolean/);
  assert.match(refused(snap({ offsets: [{ topic: 'bad topic', partition: 0, offset: '1' }] })), /not a valid Kafka topic name/);
  assert.match(refused(snap({ offsets: [] })), /non-empty list/);
  assert.match(refused(snap({ offsets: ['x'] })), /offsets\[0\] is not an object/);
  assert.match(refused(snap({ brokers: 'localhost:9092' })), /brokers must be a list/);
  assert.match(refused('[1]'), /not a Kafka Offsets snapshot/);
  assert.match(refused('{"format":'), /Cannot read snapshot/);
});

test('snapshot: group ids Kafka accepts (spaces, control characters, 5,000 characters) are valid and kept byte for byte', () => {
  for (const group of [' billing ', 'g\u001b]0;pwned\u0007\r\n', 'é'.repeat(5000)]) assert.equal(parseSnapshot(snap({ group }), 'f.json').group, group);
});

test('snapshot: many errors give the first five and a count; a 50-million-digit offset is refused at once, not after a minute of CPU', () => {
  const offsets = Array.from({ length: 1000 }, (_, i) => ({ topic: 'orders', partition: i, offset: '-1' }));
  const m = refused(snap({ offsets }));
  assert.match(m, /and 995 more errors \(1000 in all\)/);
  assert.ok(m.length < 1000, `message of ${m.length} characters`);
  const huge = '9'.repeat(50_000_000);
  const t0 = Date.now();
  const big = refused(snap({ offsets: [{ topic: 'orders', partition: 0, offset: huge }] }));
  const ms = Date.now() - t0;
  assert.match(big, /50000000 characters long: not a 64-bit number/);
  assert.ok(big.length < 500, `message of ${big.length} characters`);
  assert.ok(ms < 30_000, `took ${ms} ms`); // a hang guard only: the quadratic BigInt parse took 64 s
});

test('snapshot file: one larger than any real snapshot is refused from its size, without reading it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-hostile-unit-'));
  try {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_SNAPSHOT_BYTES + 1); // sparse: no disk used
    assert.throws(() => loadSnapshot(file), /too large to be a Kafka Offsets snapshot/);
    const ok = path.join(dir, 'ok.json');
    fs.writeFileSync(ok, snap());
    assert.equal(loadSnapshot(ok).group, 'billing');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('numbers: lengths are checked before parsing; refusals never echo a huge input', () => {
  const r = parseInt64('1'.repeat(10_000_000), 'offset');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.error.length < 200 && /10000000 characters/.test(r.error));
  const bad = parseInt64('x'.repeat(100), 'offset');
  assert.ok(!bad.ok && bad.error.length < 200, !bad.ok ? bad.error : '');
  assert.deepEqual(parseInt64(' 000000000000000000000000042 ', 'offset'), { ok: true, value: 42n });
});

test('CSV: a million malformed lines give the first five errors and a count; a 95 MB line gives a short sentence', () => {
  const million = 'not,a,valid,line,at,all\n'.repeat(1_000_000);
  const r = parseCsvPlan(million);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.length, 6);
  assert.match(r.errors[5], /and 999995 more errors \(1000000 in all\)/);
  assert.ok(r.errors.join(' ').length < 2000);
  const line = parseCsvPlan(`orders,0,${'7'.repeat(95_000_000)}\n`);
  assert.ok(!line.ok && line.errors.join(' ').length < 300, !line.ok ? line.errors.join(' ').slice(0, 300) : '');
  const topic = parseCsvPlan(`${'t'.repeat(1_000_000)} x,0,1\n`);
  assert.ok(!topic.ok && topic.errors.join(' ').length < 300);
});

test('group ids: every non-empty id Kafka can store is valid; the odd ones get a warning, not a refusal', () => {
  for (const g of [' billing', 'billing ', '   ', 'g\u001b[2J', 'a\nb', 'x'.repeat(5000)]) assert.equal(validateGroupId(g), undefined, JSON.stringify(g).slice(0, 40));
  assert.match(validateGroupId('')!, /required/);
  assert.match(validateGroupId('x'.repeat(40_000))!, /40000 bytes long; Kafka stores at most 32767/);
  assert.equal(groupIdWarning(' billing'), "Group id ' billing' starts or ends with whitespace: Kafka treats it as a different group from 'billing'.");
  assert.match(groupIdWarning('g\u001b[2J')!, /control characters/);
  assert.ok(!groupIdWarning('g\u001b[2J')!.includes('\u001b'), 'the warning shows the id escaped');
  assert.match(groupIdWarning('g\u001b[2J')!, /\$'g\\x1b\[2J'/);
  assert.equal(groupIdWarning('billing'), undefined);
});

test('--json: offsets at or beyond 2^53 are printed exactly; a string that looks like the marker stays a string', () => {
  const big = 9007199254740993n; // 2^53 + 1: a JS number would print 9007199254740992
  const row = rowJson({ topic: 't', partition: 0, committed: big, logStart: 0n, logEnd: 9223372036854775807n, target: big, clamped: null, lagBefore: 9223372036854775807n - big, lagAfter: 0n });
  const text = stringifyExact({ plan: [row], group: '\u0000abc:5' });
  assert.match(text, /"committed": 9007199254740993,/);
  assert.match(text, /"logEnd": 9223372036854775807,/);
  assert.match(text, /"target": 9007199254740993,/);
  assert.equal(JSON.parse(text).group, '\u0000abc:5');
  assert.equal(JSON.parse(text).plan[0].lagAfter, 0);
  const lag = stringifyExact(lagJson({ groupId: 'g', lag: big, topics: [{ topic: 't', lag: big, partitions: [{ topic: 't', partition: 0, logStart: 0n, logEnd: big, committed: 0n, lag: big }] }] }));
  assert.match(lag, /"lag": 9007199254740993,/);
  assert.equal(stringifyExact({ small: 5, none: null }), '{\n  "small": 5,\n  "none": null\n}');
});

const identity = (clusterId: string | null, brokers = ['kafka-1:9092'], bootstrap = ['localhost:9092']) => ({ clusterId, brokers, bootstrap });
const snapOf = (over: Partial<Snapshot>): Snapshot => ({ group: 'g', brokers: ['localhost:9092'], takenAt: 0, reason: '', entries: [], ...over });

test('undo cluster check: by cluster id when recorded, else by brokers in common; the refusal names both sides', () => {
  assert.deepEqual(snapshotMatchesCluster(snapOf({ clusterId: 'A' }), identity('A', ['x:1'], ['elsewhere:1'])), { same: true });
  const other = snapshotMatchesCluster(snapOf({ clusterId: 'A' }), identity('B'));
  assert.ok(!other.same && /taken on cluster A .*cluster B at localhost:9092 is another cluster/.test(other.why), JSON.stringify(other));
  // Old snapshot (no id): a broker in common with the bootstrap list or the advertised brokers.
  assert.deepEqual(snapshotMatchesCluster(snapOf({}), identity('B')), { same: true });
  assert.deepEqual(snapshotMatchesCluster(snapOf({ brokers: ['KAFKA-1:9092'] }), identity('B', ['kafka-1:9092'], ['127.0.0.1:9092'])), { same: true });
  const old = snapshotMatchesCluster(snapOf({ brokers: ['prod:9092'] }), identity('B'));
  assert.ok(!old.same && /taken through prod:9092, none of which is a broker of cluster B/.test(old.why));
  assert.equal(snapshotMatchesCluster(snapOf({ brokers: [] }), identity('B')).same, false);
});

test('reset lock key: the cluster id, whatever the bootstrap string', () => {
  assert.equal(clusterKey(identity('A', ['k:1'], ['localhost:9092'])), clusterKey(identity('A', ['k:1'], ['127.0.0.1:9092'])));
  assert.notEqual(clusterKey(identity('A')), clusterKey(identity('B')));
});

test('lock staleness: a planted lock with a live unrelated pid and a future time is stale; a real holder is not', () => {
  const now = Date.now();
  const host = 'this-host';
  const live = (start: number | null) => ({ alive: () => true, startTime: () => start, host });
  const me = { pid: 4242, host, started: now - 60_000, since: now - 1000 };
  assert.equal(staleReason(me, 1000, now, live(now - 60_000)), null, 'its holder is running');
  assert.match(staleReason({ ...me, since: now + 24 * 3600_000 }, 0, now, live(now - 60_000))!, /in the future/);
  assert.match(staleReason({ ...me, started: undefined }, 0, now, live(now - 3600_000))!, /not the one that took the lock/);
  assert.match(staleReason({ ...me, started: now - 3600_000 }, 0, now, live(now - 60_000))!, /not the one/, 'pid reused by a later process');
  assert.match(staleReason(me, 0, now, { alive: () => false, startTime: () => null, host })!, /is gone/);
  assert.match(staleReason({ ...me, since: now - MAX_HOLD_MS - 1 }, 0, now, live(now - 60_000))!, /older than/);
  assert.equal(staleReason({ ...me, host: 'other-host' }, 0, now, live(null)), null, "another machine's holder ages out");
  assert.match(staleReason({ pid: 'x', since: now }, 0, now, live(null))!, /no valid process id/);
  assert.equal(staleReason(null, 100, now, live(null)), null, 'being written right now');
  assert.match(staleReason(null, 60_000, now, live(null))!, /unreadable/);
});

test('lock: a planted file (pid 1, alive but unrelated, time in the future) does not block a reset; a held lock does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-lock-'));
  const before = process.env.KAFKA_OFFSETS_LOCK_DIR;
  process.env.KAFKA_OFFSETS_LOCK_DIR = dir;
  try {
    let ran = false;
    await withGroupLock('cluster-id:X', 'g', async () => {
      const [file] = fs.readdirSync(dir);
      const mine = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      assert.equal(mine.pid, process.pid);
      if (processStartTime(process.pid) !== null) assert.ok(Math.abs(mine.started - processStartTime(process.pid)!) < 2000);
      // Same cluster and group from "another process" while held: refused.
      await assert.rejects(withGroupLock('cluster-id:X', 'g', async () => undefined), /Another reset of group "g" is in progress/);
      // Another cluster's lock is independent.
      await withGroupLock('cluster-id:Y', 'g', async () => undefined);
      fs.writeFileSync(path.join(dir, file), JSON.stringify({ pid: 1, host: os.hostname(), started: 0, since: Date.now() + 365 * 24 * 3600_000 }));
      ran = true;
    });
    assert.ok(ran);
    // The planted file (left behind: it was not ours to remove) is stale and taken over.
    assert.equal(fs.readdirSync(dir).length, 1);
    let again = false;
    await withGroupLock('cluster-id:X', 'g', async () => {
      again = true;
    });
    assert.ok(again);
  } finally {
    if (before === undefined) delete process.env.KAFKA_OFFSETS_LOCK_DIR;
    else process.env.KAFKA_OFFSETS_LOCK_DIR = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function outcome(outcomes: Array<'applied' | 'failed' | 'unknown'>) {
  const lines: string[] = [];
  const notes: string[] = [];
  const result: ResetResult = {
    group: 'billing',
    snapshotFile: '/snaps/2026_billing.json',
    durationMs: 5,
    rows: outcomes.map((outcome, partition) => ({ topic: 't', partition, committed: 1n, logStart: 0n, logEnd: 9n, target: 3n, clamped: null, lagBefore: 8n, lagAfter: 6n, outcome, readBack: null })),
  };
  const code = reportOutcome({ text: (s) => lines.push(s), note: (s) => notes.push(s) }, result, 'reset', { brokers: ['localhost:9092'] });
  return { code, text: lines.join('\n'), notes: notes.join('\n') };
}

test('an unknown outcome is reported as unknown (exit 3) with the snapshot and the undo command, never as "NOT applied"', () => {
  const u = outcome(['unknown', 'unknown', 'unknown']);
  assert.equal(u.code, EXIT_OUTCOME_UNKNOWN);
  assert.equal(EXIT_OUTCOME_UNKNOWN, 3);
  assert.match(u.notes, /outcome of 3 of 3 partitions is UNKNOWN/);
  assert.match(u.notes, /\/snaps\/2026_billing\.json/);
  assert.ok(u.notes.includes("kafka-offsets undo --bootstrap 'localhost:9092' --snapshot '/snaps/2026_billing.json'"), u.notes);
  assert.ok(u.notes.includes("kafka-offsets lag --bootstrap 'localhost:9092' --group 'billing'"), u.notes);
  assert.doesNotMatch(u.notes + u.text, /NOT applied/);
  const mixed = outcome(['applied', 'unknown', 'failed']);
  assert.equal(mixed.code, 3);
  assert.match(mixed.notes, /1 of 3 partitions is UNKNOWN.*\(1 applied, 1 failed\)/);
  const failed = outcome(['applied', 'failed']);
  assert.equal(failed.code, 1);
  assert.match(failed.text, /1 of 2 partitions NOT applied \(1 applied\)/);
  assert.equal(outcome(['applied']).code, 0);
});

test('--ssl-insecure warns on stderr, louder with SASL PLAIN', () => {
  assert.match(insecureWarning(undefined), /^WARNING: --ssl-insecure: the brokers' certificates are NOT checked/);
  assert.match(insecureWarning('plain'), /password itself is sent to whoever answers/);
  assert.match(insecureWarning('scram-sha-512'), /SASL credentials are sent to a server whose identity is not checked/);
});

test('hidden topics with any other Kafka error are named with the error (CLI)', () => {
  const h = { topic: 'bad topic', reason: 'error' as const, error: 'INVALID_TOPIC_EXCEPTION', committed: [], assignedTo: ['evil'] };
  assert.equal(hiddenTopicNote(h), 'Kafka cannot describe topic "bad topic" (INVALID_TOPIC_EXCEPTION); assigned to evil: its lag cannot be read and is not in the total.');
  assert.equal(topicsCell({ groupId: 'g', lag: 0n, topics: [], hiddenTopics: [h] }), 'bad topic (INVALID_TOPIC_EXCEPTION)');
  assert.deepEqual((lagJson({ groupId: 'g', lag: 0n, topics: [], hiddenTopics: [h] }).hiddenTopics as unknown[])[0], { topic: 'bad topic', reason: 'error', error: 'INVALID_TOPIC_EXCEPTION', assignedTo: ['evil'], committed: [] });
});
