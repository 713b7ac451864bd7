/**
 * Property-based tests (fast-check): for any request and any offsets snapshot, planning keeps every
 * target inside [log start, log end], plans only the selected partitions, and fails only with a
 * KafkaOffsetsError sentence; validation never throws, whatever it is given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planReset } from '../../src/core/plan';
import { validateResetInput } from '../../src/core/validate';
import { parseCsvPlan } from '../../src/core/csv';
import { KafkaOffsetsError } from '../../src/core/errors';
import type { OffsetsSnapshot, ResetSpec } from '../../src/core/types';

const offset = fc.bigInt({ min: 0n, max: 1n << 40n });

const snapshotArb = fc
  .array(fc.tuple(offset, fc.bigInt({ min: 0n, max: 1000n }), fc.option(fc.bigInt({ min: 0n, max: 1n << 41n }), { nil: null }), fc.option(offset, { nil: null })), { minLength: 1, maxLength: 12 })
  .map((parts) => {
    const partitions = parts.map(([start, len, committed], partition) => ({ topic: 't', partition, logStart: start, logEnd: start + len, committed }));
    const offsetsForTimestamp = new Map(parts.map(([start, len, , ts], partition) => [`t:${partition}`, ts === null ? null : start + (ts % (len + 1n))]));
    const s: OffsetsSnapshot = { partitions, partitionCounts: new Map([['t', parts.length]]), offsetsForTimestamp, takenAt: 1_700_000_000_000 };
    return s;
  });

const specArb: fc.Arbitrary<ResetSpec> = fc.oneof(
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((o) => ({ kind: 'offset' as const, offset: o })),
  fc.nat().map((t) => ({ kind: 'timestamp' as const, timestamp: t })),
  fc.constant({ kind: 'earliest' as const }),
  fc.constant({ kind: 'latest' as const }),
  fc.bigInt({ min: -(1n << 45n), max: 1n << 45n }).map((by) => ({ kind: 'shiftBy' as const, by })),
  fc.nat().map((ms) => ({ kind: 'duration' as const, iso: 'PT1S', ms })),
);

test('planning: every target within [S, E]; only the selected partitions; errors are sentences', () => {
  fc.assert(
    fc.property(snapshotArb, specArb, fc.integer({ min: -3, max: 14 }), (snap, spec, partition) => {
      const count = snap.partitionCounts.get('t')!;
      let plan;
      try {
        plan = planReset({ group: 'g', topic: 't', partition, spec }, snap);
      } catch (e) {
        assert.ok(e instanceof KafkaOffsetsError, `raw error: ${e}`);
        assert.ok(partition < -1 || partition >= count, `unexpected refusal: ${(e as Error).message}`);
        return;
      }
      const expected = partition === -1 ? count : 1;
      assert.equal(plan.rows.length, expected);
      if (partition !== -1) assert.equal(plan.rows[0].partition, partition);
      for (const r of plan.rows) {
        if (r.error) {
          assert.equal(spec.kind, 'shiftBy');
          assert.equal(r.committed, null);
          continue;
        }
        assert.ok(r.target >= r.logStart && r.target <= r.logEnd, `target ${r.target} outside [${r.logStart}, ${r.logEnd}]`);
        assert.equal(r.lagAfter, r.logEnd - r.target);
        assert.equal(r.lagBefore, r.committed === null ? null : r.logEnd - r.committed);
      }
    }),
    { numRuns: 2000 },
  );
});

test('validation never throws and either accepts or explains', () => {
  const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.bigInt(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.object());
  fc.assert(
    fc.property(
      fc.record({ group: anything, topic: anything, partition: anything, messageOffset: anything, timestamp: anything, mode: anything, value: anything }, { requiredKeys: [] }),
      (input) => {
        const v = validateResetInput(input as any);
        if (!v.ok) {
          assert.ok(v.issues.length > 0);
          for (const i of v.issues) assert.ok(typeof i.message === 'string' && i.message.length > 5);
        } else {
          assert.ok(v.request.partition >= -1);
        }
      },
    ),
    { numRuns: 3000 },
  );
});

test('CSV parsing never throws on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      const r = parseCsvPlan(text);
      if (r.ok) for (const row of r.rows) assert.ok(row.partition >= 0);
    }),
    { numRuns: 3000 },
  );
});
