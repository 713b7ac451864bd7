/**
 * Targets edited by hand (the form's preview table) and the form's topic scopes, host side: the core
 * parses and clamps an override like any target, refuses one for a partition the request does not plan,
 * and the form's input (all topics, several topics, edited targets) becomes the core request the CLI
 * would build; the protocol guard checks the new fields' shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReset } from '../../src/core/plan';
import { parseOverrides } from '../../src/core/overrides';
import { validateResetInput } from '../../src/core/validate';
import { kafkaConsumerGroupsCommand } from '../../src/core/equivalent';
import { describeSpec } from '../../src/core/reset';
import { KafkaOffsetsError } from '../../src/core/errors';
import * as m from '../../src/extension/resetPanelModel';
import { checkWebviewMessage } from '../../src/extension/protocolGuard';
import type { OffsetsSnapshot, PartitionOffsets, ResetRequest } from '../../src/core/types';
import type { FormInput } from '../../src/protocol';

const parts: PartitionOffsets[] = [
  { topic: 'a', partition: 0, logStart: 0n, logEnd: 100n, committed: 40n },
  { topic: 'a', partition: 1, logStart: 10n, logEnd: 50n, committed: null },
  { topic: 'b', partition: 0, logStart: 5n, logEnd: 20n, committed: 7n },
];
const snap: OffsetsSnapshot = { partitions: parts, partitionCounts: new Map([['a', 2], ['b', 1]]), takenAt: 1_700_000_000_000 };
const request = (over: Partial<ResetRequest>): ResetRequest => ({ group: 'g', topic: '', partition: -1, spec: { kind: 'earliest' }, topics: [{ topic: 'a' }, { topic: 'b' }], ...over });
const input = (over: Partial<FormInput>): FormInput => ({ topic: '', partitions: 'all', mode: 'earliest', value: '', allowOldTimestamp: false, ...over });

test('an edited target replaces the mode\'s target of that partition only, clamped to its log like any target', () => {
  const plan = planReset(request({ overrides: [{ topic: 'a', partition: 0, offset: 70n }, { topic: 'b', partition: 0, offset: 999n }] }), snap);
  const by = Object.fromEntries(plan.rows.map((r) => [`${r.topic}/${r.partition}`, r]));
  assert.deepEqual([by['a/0'].target, by['a/0'].clamped, by['a/0'].overridden, by['a/0'].lagAfter], [70n, null, true, 30n]);
  assert.deepEqual([by['b/0'].target, by['b/0'].clamped, by['b/0'].overridden], [20n, 'latest', true], 'past the log end: clamped there');
  assert.deepEqual([by['a/1'].target, by['a/1'].overridden], [10n, undefined], 'the others keep the mode\'s target');
  const low = planReset(request({ overrides: [{ topic: 'a', partition: 1, offset: -5n }] }), snap).rows.find((r) => r.topic === 'a' && r.partition === 1)!;
  assert.deepEqual([low.target, low.clamped], [10n, 'earliest'], 'below the log start (negative too): clamped to it');
});

test('an edited target settles a partition shift-by cannot plan; one for a partition not planned is refused', () => {
  const shift = planReset(request({ spec: { kind: 'shiftBy', by: 1n }, topics: [{ topic: 'a' }], overrides: [{ topic: 'a', partition: 1, offset: 20n }] }), snap);
  assert.deepEqual(shift.rows.map((r) => [r.partition, r.target, r.error]), [[0, 41n, undefined], [1, 20n, undefined]]);
  assert.throws(
    () => planReset(request({ topics: [{ topic: 'a' }], overrides: [{ topic: 'b', partition: 0, offset: 1n }] }), snap),
    (e: unknown) => e instanceof KafkaOffsetsError && /"b" partition 0, which this reset does not plan/.test(e.message),
  );
});

test('overrides are parsed strictly: decimal int64 offsets, partition numbers, topic names, no duplicates', () => {
  assert.deepEqual(parseOverrides([{ topic: 'a', partition: 0, offset: '9223372036854775807' }]), { ok: true, value: [{ topic: 'a', partition: 0, offset: 9223372036854775807n }] });
  for (const [bad, why] of [
    [[{ topic: 'a', partition: 0, offset: '1e3' }], /decimal whole number/],
    [[{ topic: 'a', partition: 0, offset: '9223372036854775808' }], /64-bit/],
    [[{ topic: 'a', partition: -1, offset: '1' }], /partition number/],
    [[{ topic: 'a b', partition: 0, offset: '1' }], /Edited target/],
    [[{ topic: 'a', partition: 0, offset: '1' }, { topic: 'a', partition: 0, offset: '2' }], /two edited targets/],
    ['nope', /must be a list/],
  ] as const) {
    const r = parseOverrides(bad);
    assert.ok(!r.ok && why.test(r.error), `${JSON.stringify(bad)}: ${JSON.stringify(r)}`);
  }
  const v = validateResetInput({ group: 'g', topic: 'a', mode: 'earliest', overrides: [{ topic: 'a', partition: 0, offset: 'x' }] });
  assert.ok(!v.ok && v.issues[0].field === 'value');
});

test('the equivalent command of a plan with edited targets is a --from-file plan; the description names the edits', () => {
  const plan = planReset(request({ overrides: [{ topic: 'a', partition: 0, offset: 70n }] }), snap);
  const cmd = kafkaConsumerGroupsCommand(['k:9092'], plan);
  assert.match(cmd, /--reset-offsets --from-file 'PLAN\.csv' --dry-run$/);
  assert.doesNotMatch(cmd, /--topic|--to-earliest/);
  assert.match(describeSpec(plan), /reset to earliest on a, b; edited by hand: a\/0 → 70/);
});

test('the form\'s scopes become the core\'s: all topics, several topics, one topic with partitions', () => {
  const all = m.formRequest(input({ allTopics: true }), 'g');
  assert.ok(all.ok && all.request.allTopics === true && !all.request.topics);
  const several = m.formRequest(input({ topics: ['b', 'a'] }), 'g');
  assert.ok(several.ok);
  assert.deepEqual(several.ok && several.request.topics, [{ topic: 'b' }, { topic: 'a' }]);
  const edited = m.formRequest(input({ allTopics: true, overrides: [{ topic: 'a', partition: 0, offset: '5' }] }), 'g');
  assert.deepEqual(edited.ok && edited.request.overrides, [{ topic: 'a', partition: 0, offset: 5n }]);
  const chosen = m.formRequest(input({ allTopics: true, partitions: [0, 1] }), 'g');
  assert.ok(!chosen.ok && chosen.issues[0].field === 'partitions' && /one topic only/.test(chosen.issues[0].message));
  const both = m.formRequest(input({ allTopics: true, topic: 'a' }), 'g');
  assert.ok(!both.ok && /either all topics or the topics/.test(both.issues[0].message));
});

test('a chosen subset drops no edited target silently', () => {
  const full = planReset({ group: 'g', topic: 'a', partition: -1, spec: { kind: 'earliest' }, overrides: [{ topic: 'a', partition: 1, offset: 20n }] }, snap);
  assert.throws(() => m.restrictPlan(full, [0]), /partition 1, which is not among the chosen partitions/);
});

test('protocol guard: allTopics, topics and overrides are checked for shape; other fields stay refused', () => {
  const msg = (i: Record<string, unknown>) => checkWebviewMessage({ type: 'preview', requestId: 'r1', input: { ...input({}), ...i } });
  const ok = msg({ allTopics: true, overrides: [{ topic: 'a', partition: 0, offset: '5' }] });
  assert.ok(ok.ok && ok.message.type === 'preview' && ok.message.input.allTopics === true && ok.message.input.overrides?.[0].offset === '5');
  assert.ok(msg({ topics: ['a', 'b'] }).ok);
  for (const bad of [
    { allTopics: 'yes' },
    { topics: [] },
    { topics: ['a', 'a'] },
    { topics: [1] },
    { overrides: {} },
    { overrides: [{ topic: 'a', partition: 0 }] },
    { overrides: [{ topic: 'a', partition: 0, offset: 5 }] },
    { overrides: [{ topic: 'a', partition: 0.5, offset: '5' }] },
    { overrides: [{ topic: 'a', partition: 0, offset: '5', extra: 1 }] },
    { targets: [] },
  ]) assert.ok(!msg(bad).ok, JSON.stringify(bad));
});
