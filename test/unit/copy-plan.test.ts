/** Copy from another group, planned (pure): targets, clamps, partitions the source never committed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReset } from '../../src/core/plan';
import { validateResetInput } from '../../src/core/validate';
import type { OffsetsSnapshot, PartitionOffsets, ResetRequest } from '../../src/core/types';

const parts: PartitionOffsets[] = [
  { topic: 'a', partition: 0, logStart: 5n, logEnd: 100n, committed: 40n },
  { topic: 'a', partition: 1, logStart: 0n, logEnd: 50n, committed: null },
  { topic: 'a', partition: 2, logStart: 0n, logEnd: 30n, committed: 9n },
];
const snap = (source: Array<[string, bigint]>): OffsetsSnapshot => ({ partitions: parts, partitionCounts: new Map([['a', 3]]), takenAt: 0, sourceCommitted: new Map(source) });
const copy: ResetRequest = { group: 'dst', topic: 'a', partition: -1, spec: { kind: 'fromGroup', group: 'src' } };

test('a copy targets the source\'s committed offsets, clamped; partitions it never committed are listed, not planned', () => {
  const plan = planReset(copy, snap([['a:0', 1n], ['a:1', 70n]]));
  assert.deepEqual(plan.rows.map((r) => [r.partition, r.target, r.clamped, r.committed]), [[0, 5n, 'earliest', 40n], [1, 50n, 'latest', null]]);
  assert.deepEqual(plan.notCopied, [{ topic: 'a', partition: 2 }]);
  assert.deepEqual(planReset(copy, snap([])).rows, [], 'nothing committed by the source: nothing planned');
});

test('copy input: the source is a valid group id other than the target', () => {
  const ok = validateResetInput({ group: 'dst', allTopics: true, mode: 'fromGroup', value: 'src' });
  assert.ok(ok.ok && ok.request.spec.kind === 'fromGroup' && ok.request.spec.group === 'src');
  const self = validateResetInput({ group: 'dst', allTopics: true, mode: 'fromGroup', value: 'dst' });
  assert.ok(!self.ok && /cannot copy its own offsets/.test(self.issues[0].message));
  const none = validateResetInput({ group: 'dst', allTopics: true, mode: 'fromGroup', value: '' });
  assert.ok(!none.ok && /group to copy from/.test(none.issues[0].message));
});
