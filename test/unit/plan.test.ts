import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReset, planTotals } from '../../src/core/plan';
import type { OffsetsSnapshot, PartitionOffsets, ResetRequest, ResetSpec } from '../../src/core/types';
import { KafkaOffsetsError } from '../../src/core/errors';

// Topic "t" with 3 partitions: p0 S=10 E=100 committed 50; p1 S=0 E=0 (empty) no commit; p2 S=5 E=20 committed 20.
const parts: PartitionOffsets[] = [
  { topic: 't', partition: 0, logStart: 10n, logEnd: 100n, committed: 50n },
  { topic: 't', partition: 1, logStart: 0n, logEnd: 0n, committed: null },
  { topic: 't', partition: 2, logStart: 5n, logEnd: 20n, committed: 20n },
];
const snap = (over: Partial<OffsetsSnapshot> = {}): OffsetsSnapshot => ({
  partitions: parts,
  partitionCounts: new Map([['t', 3]]),
  takenAt: 1_700_000_000_000,
  ...over,
});
const req = (spec: ResetSpec, partition = -1): ResetRequest => ({ group: 'g', topic: 't', partition, spec });
const targets = (spec: ResetSpec, s = snap(), partition = -1) =>
  planReset(req(spec, partition), s).rows.map((r) => [r.partition, r.target, r.clamped]);

test('message offset inside the range is kept; o == E is kept with lag 0', () => {
  assert.deepEqual(targets({ kind: 'offset', offset: 20n }, snap(), 0), [[0, 20n, null]]);
  const plan = planReset(req({ kind: 'offset', offset: 100n }, 0), snap());
  assert.equal(plan.rows[0].target, 100n);
  assert.equal(plan.rows[0].clamped, null);
  assert.equal(plan.rows[0].lagAfter, 0n);
});

test('message offset below log start clamps to earliest, above log end to latest, negatives included', () => {
  assert.deepEqual(targets({ kind: 'offset', offset: 3n }), [[0, 10n, 'earliest'], [1, 0n, 'latest'], [2, 5n, 'earliest']]);
  assert.deepEqual(targets({ kind: 'offset', offset: 101n }), [[0, 100n, 'latest'], [1, 0n, 'latest'], [2, 20n, 'latest']]);
  assert.deepEqual(targets({ kind: 'offset', offset: -5n }, snap(), 0), [[0, 10n, 'earliest']]);
  assert.deepEqual(targets({ kind: 'offset', offset: (1n << 62n) }, snap(), 0), [[0, 100n, 'latest']]);
});

test('empty partition (S == E): every offset ends at that single position', () => {
  assert.deepEqual(targets({ kind: 'offset', offset: 0n }, snap(), 1), [[1, 0n, null]]);
  assert.deepEqual(targets({ kind: 'earliest' }, snap(), 1), [[1, 0n, null]]);
});

test('earliest / latest are S / E', () => {
  assert.deepEqual(targets({ kind: 'earliest' }), [[0, 10n, null], [1, 0n, null], [2, 5n, null]]);
  assert.deepEqual(targets({ kind: 'latest' }), [[0, 100n, null], [1, 0n, null], [2, 20n, null]]);
});

test('shift-by moves from the committed offset and clamps; no commit is an error for that partition', () => {
  const plan = planReset(req({ kind: 'shiftBy', by: -45n }), snap());
  assert.deepEqual(plan.rows.map((r) => [r.partition, r.target, r.clamped, !!r.error]), [
    [0, 10n, 'earliest', false],
    [1, 0n, null, true],
    [2, 5n, 'earliest', false],
  ]);
  assert.match(plan.rows[1].error!, /no committed offset/);
  assert.deepEqual(targets({ kind: 'shiftBy', by: 1000n }, snap(), 0), [[0, 100n, 'latest']]);
  assert.deepEqual(targets({ kind: 'shiftBy', by: 7n }, snap(), 0), [[0, 57n, null]]);
});

test('timestamp: found offset kept, none found = log end (clamped latest)', () => {
  const offsetsForTimestamp = new Map<string, bigint | null>([['t:0', 42n], ['t:1', null], ['t:2', 5n]]);
  assert.deepEqual(targets({ kind: 'timestamp', timestamp: 1_600_000_000_000 }, snap({ offsetsForTimestamp })), [
    [0, 42n, null],
    [1, 0n, 'latest'],
    [2, 5n, null],
  ]);
});

test('duration resolves against the snapshot clock', () => {
  const plan = planReset(req({ kind: 'duration', iso: 'PT1H', ms: 3_600_000 }, 0), snap({ offsetsForTimestamp: new Map([['t:0', 60n]]) }));
  assert.equal(plan.resolvedTimestamp, 1_700_000_000_000 - 3_600_000);
  assert.equal(plan.rows[0].target, 60n);
});

test('lag before is null without a commit; lag after is E - target', () => {
  const plan = planReset(req({ kind: 'earliest' }), snap());
  assert.deepEqual(plan.rows.map((r) => [r.lagBefore, r.lagAfter]), [[50n, 90n], [null, 0n], [0n, 15n]]);
  const totals = planTotals(plan);
  assert.equal(totals.lagBefore, 50n);
  assert.equal(totals.lagAfter, 105n);
  assert.equal(totals.replayed, 40n + 15n);
  assert.equal(totals.noCommit, 1);
});

test('one partition plans only that partition; -1 plans all', () => {
  assert.equal(planReset(req({ kind: 'earliest' }, 2), snap()).rows.length, 1);
  assert.equal(planReset(req({ kind: 'earliest' }, -1), snap()).rows.length, 3);
});

test('partition beyond the count and unknown topic are not-found errors naming them', () => {
  assert.throws(() => planReset(req({ kind: 'earliest' }, 3), snap()), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found' && /Partition 3 of topic "t".*3 partitions \(0–2\)/.test(e.message));
  assert.throws(
    () => planReset({ group: 'g', topic: 'nope', partition: -1, spec: { kind: 'earliest' } }, snap()),
    (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found' && /"nope"/.test(e.message),
  );
});

test('CSV plan: each row clamped; rows for unknown partitions are errors', () => {
  const plan = planReset(
    { group: 'g', topic: '', partition: -1, spec: { kind: 'csv', rows: [{ topic: 't', partition: 2, offset: 7n }, { topic: 't', partition: 0, offset: 1000n }] } },
    snap(),
  );
  assert.deepEqual(plan.rows.map((r) => [r.partition, r.target, r.clamped]), [[0, 100n, 'latest'], [2, 7n, null]]);
  assert.throws(() => planReset({ group: 'g', topic: '', partition: -1, spec: { kind: 'csv', rows: [{ topic: 't', partition: 9, offset: 1n }] } }, snap()), /Partition 9/);
});
