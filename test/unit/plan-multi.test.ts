/**
 * Planning across topics (pure): several topics, partition lists, all of the group's committed
 * partitions, to-current — one plan whose rows are exactly what each topic alone would give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReset, selectPartitions } from '../../src/core/plan';
import { validateResetInput, parseTopicSelection } from '../../src/core/validate';
import { kafkaConsumerGroupsCommand } from '../../src/core/equivalent';
import { describeSpec } from '../../src/core/reset';
import type { OffsetsSnapshot, PartitionOffsets, ResetRequest, ResetSpec, TopicSelection } from '../../src/core/types';
import { KafkaOffsetsError } from '../../src/core/errors';
import { parseDateTime } from '../../src/core/time';

// "a": 3 partitions, "b": 2 partitions. a/1 and b/1 were never committed.
const parts: PartitionOffsets[] = [
  { topic: 'a', partition: 0, logStart: 0n, logEnd: 100n, committed: 40n },
  { topic: 'a', partition: 1, logStart: 10n, logEnd: 50n, committed: null },
  { topic: 'a', partition: 2, logStart: 0n, logEnd: 30n, committed: 30n },
  { topic: 'b', partition: 0, logStart: 5n, logEnd: 20n, committed: 7n },
  { topic: 'b', partition: 1, logStart: 0n, logEnd: 9n, committed: null },
];
const counts = new Map([['a', 3], ['b', 2]]);
const snap = (over: Partial<OffsetsSnapshot> = {}): OffsetsSnapshot => ({ partitions: parts, partitionCounts: counts, takenAt: 1_700_000_000_000, ...over });
const committedOnes = parts.filter((p) => p.committed !== null).map((p) => ({ topic: p.topic, partition: p.partition }));
const multi = (spec: ResetSpec, topics: TopicSelection[]): ResetRequest => ({ group: 'g', topic: '', partition: -1, spec, topics });
const one = (spec: ResetSpec, topic: string, partition = -1): ResetRequest => ({ group: 'g', topic, partition, spec });
const rows = (r: ResetRequest, s = snap()) => planReset(r, s).rows.map((x) => `${x.topic}/${x.partition}=${x.target}`);

test('several topics make one plan, sorted by topic then partition, each row as that topic alone gives it', () => {
  for (const spec of [{ kind: 'earliest' }, { kind: 'latest' }, { kind: 'offset', offset: 8n }] as ResetSpec[]) {
    const together = rows(multi(spec, [{ topic: 'b' }, { topic: 'a' }]));
    assert.deepEqual(together, [...rows(one(spec, 'a')), ...rows(one(spec, 'b'))]);
  }
  assert.deepEqual(rows(multi({ kind: 'offset', offset: 8n }, [{ topic: 'a' }, { topic: 'b' }])), ['a/0=8', 'a/1=10', 'a/2=8', 'b/0=8', 'b/1=8']);
});

test('partition lists per topic select exactly those partitions; a partition named twice is planned once', () => {
  const r = multi({ kind: 'earliest' }, [{ topic: 'a', partitions: [2, 0] }, { topic: 'b', partitions: [1] }, { topic: 'a', partitions: [0] }]);
  assert.deepEqual(rows(r), ['a/0=0', 'a/2=0', 'b/1=0']);
  // A whole topic next to a list of another.
  assert.deepEqual(rows(multi({ kind: 'latest' }, [{ topic: 'a', partitions: [1] }, { topic: 'b' }])), ['a/1=50', 'b/0=20', 'b/1=9']);
});

test('a partition or topic that does not exist is refused by name, with the partition count', () => {
  assert.throws(() => selectPartitions(multi({ kind: 'earliest' }, [{ topic: 'a' }, { topic: 'b', partitions: [0, 2] }]), counts), (e: unknown) => {
    assert.ok(e instanceof KafkaOffsetsError);
    assert.match(e.message, /Partition 2 of topic "b" does not exist: the topic has 2 partitions \(0–1\)/);
    return true;
  });
  assert.throws(() => selectPartitions(multi({ kind: 'earliest' }, [{ topic: 'a' }, { topic: 'zz' }]), counts), /Topic "zz" does not exist/);
});

test('all topics = every partition the group committed (never-committed partitions are not planned, as Kafka)', () => {
  const r: ResetRequest = { group: 'g', topic: '', partition: -1, spec: { kind: 'earliest' }, allTopics: true };
  assert.deepEqual(rows(r, snap({ committedPartitions: committedOnes })), ['a/0=0', 'a/2=0', 'b/0=5']);
  // Shift-by over all topics works: every selected partition has a commit.
  const shift = planReset({ ...r, spec: { kind: 'shiftBy', by: -5n } }, snap({ committedPartitions: committedOnes }));
  assert.deepEqual(shift.rows.map((x) => [x.topic, x.partition, x.target, x.clamped, x.error]), [['a', 0, 35n, null, undefined], ['a', 2, 25n, null, undefined], ['b', 0, 5n, 'earliest', undefined]]);
  // A group with no committed offsets: an empty plan, not an error (there is nothing to reset).
  assert.deepEqual(rows(r, snap({ committedPartitions: [] })), []);
  // Without the committed partitions read, planning refuses rather than guessing.
  assert.throws(() => planReset(r, snap()), /committed offsets of group "g" were not read/);
});

test('to-current keeps each committed offset as it is (even outside the log) and takes the log end where none', () => {
  const outside: PartitionOffsets[] = [...parts.slice(0, 4), { topic: 'b', partition: 1, logStart: 0n, logEnd: 9n, committed: 12n }];
  const plan = planReset(multi({ kind: 'current' }, [{ topic: 'a' }, { topic: 'b' }]), snap({ partitions: outside }));
  assert.deepEqual(plan.rows.map((x) => [`${x.topic}/${x.partition}`, x.target, x.clamped]), [
    ['a/0', 40n, null],
    ['a/1', 50n, null],
    ['a/2', 30n, null],
    ['b/0', 7n, null],
    ['b/1', 12n, null],
  ]);
});

test('validation: --topic syntax, several topics or all topics, and what cannot be combined', () => {
  assert.deepEqual(parseTopicSelection('orders'), { ok: true, value: { topic: 'orders' } });
  assert.deepEqual(parseTopicSelection('orders:5,0,2'), { ok: true, value: { topic: 'orders', partitions: [0, 2, 5] } });
  for (const bad of ['orders:', 'orders:1,,2', 'orders:-1', 'orders:x', 'orders:1.5', ':1', 'bad topic:1'])
    assert.equal(parseTopicSelection(bad).ok, false, bad);

  const v = validateResetInput({ group: 'g', topics: ['a', 'b:1'], mode: 'earliest' });
  assert.ok(v.ok);
  assert.deepEqual(v.request.topics, [{ topic: 'a' }, { topic: 'b', partitions: [1] }]);
  assert.equal(v.request.topic, '');
  const single = validateResetInput({ group: 'g', topics: ['a:0,2'], mode: 'current' });
  assert.ok(single.ok);
  assert.equal(single.request.topic, 'a');
  assert.deepEqual(single.request.spec, { kind: 'current' });
  const all = validateResetInput({ group: 'g', allTopics: true, mode: 'latest' });
  assert.ok(all.ok);
  assert.equal(all.request.allTopics, true);

  const refused = (input: Parameters<typeof validateResetInput>[0]) => {
    const r = validateResetInput(input);
    assert.equal(r.ok, false, JSON.stringify(input));
    return r.ok ? '' : r.issues.map((i) => i.message).join(' ');
  };
  assert.match(refused({ group: 'g', allTopics: true, topic: 'a', mode: 'latest' }), /either all topics or the topics/);
  assert.match(refused({ group: 'g', allTopics: true, partition: '1', mode: 'latest' }), /cannot be chosen with all topics/);
  assert.match(refused({ group: 'g', topics: ['a', 'b'], partition: '1', mode: 'latest' }), /partitions per topic/);
  assert.match(refused({ group: 'g', topics: [], mode: 'latest' }), /at least one topic/);
  assert.match(refused({ group: 'g', topics: ['a', 'b:x'], mode: 'latest' }), /not a partition number/);
  // The seed's single topic is still required when nothing else names the scope.
  assert.ok(refused({ group: 'g', mode: 'latest' }).length > 0);
});

test('the equivalent kafka-consumer-groups command names every topic, partition lists, --all-topics, --to-current', () => {
  const plan = planReset(multi({ kind: 'current' }, [{ topic: 'a', partitions: [0, 2] }, { topic: 'b' }]), snap());
  assert.equal(kafkaConsumerGroupsCommand(['k:9092'], plan), "kafka-consumer-groups.sh --bootstrap-server 'k:9092' --group 'g' --reset-offsets --topic 'a:0,2' --topic 'b' --to-current --dry-run");
  const all = planReset({ group: 'g', topic: '', partition: -1, spec: { kind: 'earliest' }, allTopics: true }, snap({ committedPartitions: committedOnes }));
  assert.equal(kafkaConsumerGroupsCommand(['k:9092'], all), "kafka-consumer-groups.sh --bootstrap-server 'k:9092' --group 'g' --reset-offsets --all-topics --to-earliest --dry-run");
  assert.equal(describeSpec(all), 'reset to earliest on all topics');
  assert.equal(describeSpec(plan), 'reset to the current offsets on a partitions 0, 2, b');
  // The seed's single-topic form is printed exactly as before.
  assert.equal(kafkaConsumerGroupsCommand(['k:9092'], planReset(one({ kind: 'latest' }, 'a', 1), snap())), "kafka-consumer-groups.sh --bootstrap-server 'k:9092' --group 'g' --reset-offsets --topic 'a:1' --to-latest --dry-run");
});

test('a date-time without a zone: refused by default, read in UTC (as kafka-consumer-groups) when the caller says so, and the zone is stated', () => {
  assert.equal(parseDateTime('2026-01-15T10:00:00').ok, false);
  assert.deepEqual(parseDateTime('2026-01-15T10:00:00', 'utc'), { ok: true, value: Date.UTC(2026, 0, 15, 10), zone: 'UTC' });
  assert.deepEqual(parseDateTime('2026-01-15T10:00:00.250', 'utc'), { ok: true, value: Date.UTC(2026, 0, 15, 10, 0, 0, 250), zone: 'UTC' });
  // A zone in the input wins; nothing to state.
  assert.deepEqual(parseDateTime('2026-01-15T10:00:00+01:00', 'utc'), { ok: true, value: Date.UTC(2026, 0, 15, 9) });
  const v = validateResetInput({ group: 'g', topic: 'a', mode: 'datetime', value: '2026-01-15T10:00:00.000', zonelessDateTime: 'utc' }, Date.UTC(2026, 5, 1));
  assert.ok(v.ok);
  assert.deepEqual(v.request.spec, { kind: 'datetime', iso: '2026-01-15T10:00:00.000', timestamp: Date.UTC(2026, 0, 15, 10), zone: 'UTC' });
  assert.match(describeSpec(planReset(v.request, snap({ offsetsForTimestamp: new Map(parts.map((p) => [`${p.topic}:${p.partition}`, null])) }))), /reset to 2026-01-15T10:00:00.000 \(UTC: 2026-01-15T10:00:00.000Z\) on a/);
});
