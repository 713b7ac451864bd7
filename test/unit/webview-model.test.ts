/**
 * The reset form's host-side logic without VS Code (src/extension/resetPanelModel.ts): form input →
 * the core's validated request, partition subsets, plan/result views with offsets as decimal strings,
 * and the preview's warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/extension/resetPanelModel';
import { planSummary } from '../../src/extension/planLabels';
import { resultCounts } from '../../src/core/planText';
import { planReset } from '../../src/core/plan';
import { KafkaOffsetsError } from '../../src/core/errors';
import type { GroupDescription, OffsetsSnapshot, PartitionOffsets, ResetRequest, ResultRow } from '../../src/core/types';
import type { FormInput } from '../../src/protocol';

const NOW = 1_750_000_000_000;
const form = (over: Partial<FormInput> = {}): FormInput => ({ topic: 'orders', partitions: 'all', mode: 'offset', value: '42', allowOldTimestamp: false, ...over });
const request = (over: Partial<FormInput> = {}) => {
  const r = m.formRequest(form(over), 'g', NOW);
  assert.ok(r.ok, `refused: ${r.ok ? '' : JSON.stringify(r.issues)}`);
  return r;
};
const issues = (over: Partial<FormInput>) => {
  const r = m.formRequest(form(over), 'g', NOW);
  assert.ok(!r.ok, 'expected a refusal');
  return r.issues;
};

// orders: 4 partitions. p0 50/10..100, p1 no commit, p2 20/5..20, p3 big offsets beyond 2^53.
const BIG = (1n << 60n) + 7n;
const parts: PartitionOffsets[] = [
  { topic: 'orders', partition: 0, logStart: 10n, logEnd: 100n, committed: 50n },
  { topic: 'orders', partition: 1, logStart: 0n, logEnd: 0n, committed: null },
  { topic: 'orders', partition: 2, logStart: 5n, logEnd: 20n, committed: 20n },
  { topic: 'orders', partition: 3, logStart: BIG - 100n, logEnd: BIG, committed: BIG - 10n },
];
const snapshot: OffsetsSnapshot = { partitions: parts, partitionCounts: new Map([['orders', 4]]), takenAt: NOW };
const plan = (req: ResetRequest) => planReset(req, snapshot);

test('form modes become the same core request the CLI and quick picks build', () => {
  assert.deepEqual(request().request, { group: 'g', topic: 'orders', partition: -1, spec: { kind: 'offset', offset: 42n } });
  assert.deepEqual(request({ mode: 'earliest', value: 'ignored' }).request.spec, { kind: 'earliest' });
  assert.deepEqual(request({ mode: 'latest', value: '' }).request.spec, { kind: 'latest' });
  assert.deepEqual(request({ mode: 'shiftBy', value: '-100' }).request.spec, { kind: 'shiftBy', by: -100n });
  assert.deepEqual(request({ mode: 'timestamp', value: '1700000000000' }).request.spec, { kind: 'timestamp', timestamp: 1_700_000_000_000 });
  assert.deepEqual(request({ mode: 'datetime', value: '2025-01-02T03:04:05+01:00' }).request.spec, { kind: 'datetime', iso: '2025-01-02T03:04:05+01:00', timestamp: Date.UTC(2025, 0, 2, 2, 4, 5) });
  assert.deepEqual(request({ mode: 'duration', value: 'pt30m' }).request.spec, { kind: 'duration', iso: 'PT30M', ms: 1_800_000 });
  assert.deepEqual(request({ value: '9223372036854775807' }).request.spec, { kind: 'offset', offset: 9223372036854775807n });
});

test('partitions: all → -1, one → that partition, several → -1 plus the subset', () => {
  assert.equal(request({ partitions: 'all' }).request.partition, -1);
  const one = request({ partitions: [3] });
  assert.equal(one.request.partition, 3);
  assert.equal(one.subset, undefined);
  const some = request({ partitions: [2, 0, 2] });
  assert.equal(some.request.partition, -1);
  assert.deepEqual(some.subset, [0, 2]);
  assert.deepEqual(issues({ partitions: [] }).map((i) => i.field), ['partitions']);
});

test('the seed JSON is accepted verbatim; unknown fields and bad JSON are refused on the value', () => {
  const r = request({ mode: 'seed', topic: '', partitions: 'all', value: '{"topic":"test","partition":0,"message_offset":10}' });
  assert.deepEqual(r.request, { group: 'g', topic: 'test', partition: 0, spec: { kind: 'offset', offset: 10n } });
  assert.equal(r.subset, undefined);
  assert.deepEqual(request({ mode: 'seed', value: '{"topic":"test","timestamp":1700000000000}' }).request, {
    group: 'g',
    topic: 'test',
    partition: -1,
    spec: { kind: 'timestamp', timestamp: 1_700_000_000_000 },
  });
  // The form's topic and partitions do not leak into a pasted request.
  assert.equal(request({ mode: 'seed', topic: 'orders', partitions: [1, 2], value: '{"topic":"t2","message_offset":"5"}' }).request.topic, 't2');
  assert.match(issues({ mode: 'seed', value: '{"topic":"t","messageOffset":10}' })[0].message, /Unknown field "messageOffset"/);
  assert.match(issues({ mode: 'seed', value: '{topic' })[0].message, /not valid JSON/);
  assert.equal(issues({ mode: 'seed', value: '{"topic":"t","message_offset":1,"timestamp":2}' })[0].field, 'value');
  assert.equal(issues({ mode: 'seed', value: '{"topic":"t","partition":-2,"message_offset":1}' })[0].field, 'partitions');
});

test('validation issues keep the core sentences; a seconds-looking timestamp can be overridden', () => {
  const [offset] = issues({ value: '1e3' });
  assert.deepEqual(offset.field, 'value');
  assert.match(offset.message, /decimal whole number/);
  assert.equal(issues({ topic: '' })[0].field, 'topic');
  const [secs] = issues({ mode: 'timestamp', value: '1700000000' });
  assert.equal(secs.code, 'looks-like-seconds');
  assert.equal(request({ mode: 'timestamp', value: '1700000000', allowOldTimestamp: true }).request.spec.kind, 'timestamp');
  assert.match(issues({ mode: 'datetime', value: '2025-01-02T03:04:05' })[0].message, /no time zone/);
});

test('restrictPlan keeps exactly the chosen partitions, refuses missing ones, and keeps a full subset whole', () => {
  const full = plan({ group: 'g', topic: 'orders', partition: -1, spec: { kind: 'earliest' } });
  const some = m.restrictPlan(full, [3, 0]);
  assert.deepEqual(some.plan.rows.map((r) => r.partition), [0, 3]);
  assert.deepEqual(some.plan.rows, full.rows.filter((r) => r.partition === 0 || r.partition === 3), 'rows unchanged, only filtered');
  assert.equal(some.plan.request, full.request);
  assert.deepEqual(some.subset, [0, 3]);
  assert.deepEqual(m.restrictPlan(full, undefined), { plan: full });
  assert.deepEqual(m.restrictPlan(full, [0, 1, 2, 3]), { plan: full });
  assert.throws(
    () => m.restrictPlan(full, [1, 7, 9]),
    (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'not-found' && /Partitions 7, 9 of topic "orders" do not exist: the topic has 4 partitions \(0–3\)/.test(e.message),
  );
});

test('views carry offsets as decimal strings, exact beyond 2^53', () => {
  const p = plan({ group: 'g', topic: 'orders', partition: -1, spec: { kind: 'offset', offset: 15n } });
  const rows = p.rows.map(m.planRowView);
  assert.deepEqual(rows[0], { topic: 'orders', partition: 0, committed: '50', logStart: '10', logEnd: '100', target: '15', clamped: null, lagBefore: '50', lagAfter: '85' });
  assert.equal(rows[1].committed, null);
  assert.equal(rows[1].lagBefore, null);
  assert.equal(rows[3].target, (BIG - 100n).toString());
  assert.equal(rows[3].clamped, 'earliest');
  const json = JSON.parse(JSON.stringify(rows));
  assert.deepEqual(json, rows, 'survives JSON (no bigint left)');
  const t = m.totalsView(p);
  assert.deepEqual(t, { partitions: 4, lagBefore: '60', lagAfter: '190', replayed: String(35n + 5n + 90n), skipped: '0', noCommit: 1, errors: 0 });
  const shift = m.planRowView(plan({ group: 'g', topic: 'orders', partition: 1, spec: { kind: 'shiftBy', by: 1n } }).rows[0]);
  assert.match(shift.error ?? '', /no committed offset/);
});

test('result views: outcome, read-back, and undo of a partition that had no commit', () => {
  const row = plan({ group: 'g', topic: 'orders', partition: 0, spec: { kind: 'earliest' } }).rows[0];
  const applied: ResultRow = { ...row, outcome: 'applied', readBack: 10n };
  assert.deepEqual(m.resultRowView(applied, 'reset'), { ...m.planRowView(row), outcome: 'applied', readBack: '10' });
  const deleted: ResultRow = { ...row, target: -1n, outcome: 'applied', readBack: null };
  assert.equal(m.resultRowView(deleted, 'undo').deleted, true);
  const failed: ResultRow = { ...row, outcome: 'failed', readBack: 50n, reason: 'UNKNOWN_MEMBER_ID: …' };
  assert.equal(m.resultRowView(failed, 'reset').reason, 'UNKNOWN_MEMBER_ID: …');
  assert.deepEqual(resultCounts({ group: 'g', rows: [applied, failed, { ...row, outcome: 'unknown', readBack: null }], snapshotFile: '/x/y.json', durationMs: 5 }), { applied: 1, failed: 1, unknown: 1 });
  assert.equal(m.baseName('/home/u/.config/Code/snap/2025_g.json'), '2025_g.json');
  assert.equal(m.baseName('C:\\snap\\2025_g.json'), '2025_g.json');
});

test('summary and warnings: members, clamps, partitions without a commit, nothing to change', () => {
  const p = plan({ group: 'g', topic: 'orders', partition: -1, spec: { kind: 'offset', offset: 15n } });
  assert.equal(planSummary(p), '4 partitions of orders · lag 60 → 190 · replays 130 messages · 1 partition without a commit yet');
  const r = m.restrictPlan(p, [0, 2]);
  assert.match(planSummary(r.plan, r.subset), /^2 partitions of orders \(0, 2\) · lag 50 → 90 · replays 40 messages$/);
  const stable: GroupDescription = {
    groupId: 'g',
    state: 'Stable',
    protocolType: 'consumer',
    protocol: 'range',
    members: [{ memberId: 'm1', clientId: 'billing-1', host: '/10.0.0.7', assignment: [] }],
    coordinator: { nodeId: 1, host: 'b', port: 9092 },
  };
  const w = m.previewWarnings(p, stable);
  assert.match(w[0], /Group "g" is Stable with 1 member \(billing-1 on \/10\.0\.0\.7\): stop its consumers/);
  assert.ok(w.some((x) => /1 partition clamped to the log start/.test(x)), w.join('\n'));
  assert.ok(w.some((x) => /1 partition clamped to the log end/.test(x)), w.join('\n'));
  assert.ok(w.some((x) => /1 partition has no committed offset yet/.test(x)), w.join('\n'));
  assert.deepEqual(m.previewWarnings(plan({ group: 'g', topic: 'orders', partition: 0, spec: { kind: 'offset', offset: 50n } }), { ...stable, state: 'Empty', members: [] }), [
    'Nothing would change: every target equals the committed offset.',
  ]);
  const shift = plan({ group: 'g', topic: 'orders', partition: -1, spec: { kind: 'shiftBy', by: -1n } });
  assert.ok(m.previewWarnings(shift, undefined).some((x) => /1 partition cannot be reset/.test(x)));
});

test('group info: the group topics with per-partition lag first, then other topics without internal ones', () => {
  const description: GroupDescription = {
    groupId: 'g',
    state: 'Empty',
    protocolType: 'consumer',
    protocol: '',
    members: [],
    coordinator: { nodeId: 1, host: 'b', port: 9092 },
  };
  const info = m.groupInfoView(
    description,
    {
      groupId: 'g',
      lag: 90n,
      topics: [
        {
          topic: 'orders',
          lag: 90n,
          partitions: [
            { topic: 'orders', partition: 0, logStart: 0n, logEnd: 100n, committed: 10n, lag: 90n },
            { topic: 'orders', partition: 1, logStart: 0n, logEnd: 5n, committed: null, lag: null },
          ],
        },
      ],
    },
    [
      { topic: '__consumer_offsets', partitions: 50 },
      { topic: 'audit', partitions: 3 },
      { topic: 'orders', partitions: 2 },
    ],
  );
  assert.deepEqual(info, {
    state: 'Empty',
    members: [],
    topics: [
      {
        topic: 'orders',
        partitions: 2,
        ofGroup: true,
        lag: '90',
        partitionLag: [
          { partition: 0, committed: '10', logEnd: '100', lag: '90' },
          { partition: 1, committed: null, logEnd: '5', lag: null },
        ],
      },
      { topic: 'audit', partitions: 3, ofGroup: false, lag: null, partitionLag: [] },
    ],
  });
});

test('savedTarget: cluster and group from a restored webview state, nothing from anything else', () => {
  assert.deepEqual(m.savedTarget({ v: 1, form: {}, target: { clusterId: 'c1', group: 'billing' } }), { clusterId: 'c1', group: 'billing' });
  for (const bad of [undefined, null, 'x', 1, {}, { target: null }, { target: 'c1' }, { target: { clusterId: 'c1' } }, { target: { clusterId: 1, group: 'g' } }, { target: { clusterId: '', group: 'g' } }, { target: { clusterId: 'c', group: '' } }, { target: { clusterId: 'c', group: 'g'.repeat(1001) } }])
    assert.equal(m.savedTarget(bad), undefined, JSON.stringify(bad));
});
