import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResetInput, validateModeValue, parseSeedRequest, ResetInput } from '../../src/core/validate';
import { parseDateTime, parseDuration } from '../../src/core/time';
import { parseInt64 } from '../../src/core/numbers';

const NOW = Date.UTC(2026, 10, 24, 12);
const ok = (input: ResetInput) => {
  const v = validateResetInput(input, NOW);
  if (!v.ok) assert.fail(v.issues.map((i) => i.message).join(' | '));
  return v.request;
};
const issues = (input: ResetInput) => {
  const v = validateResetInput(input, NOW);
  assert.equal(v.ok, false, `expected ${JSON.stringify(input)} to be refused`);
  return v.ok ? [] : v.issues;
};

test('seed shape: partition defaults to -1; messageOffset and timestamp each alone', () => {
  assert.deepEqual(ok({ group: 'g', topic: 't', messageOffset: 10 }), { group: 'g', topic: 't', partition: -1, spec: { kind: 'offset', offset: 10n } });
  assert.deepEqual(ok({ group: 'g', topic: 't', partition: 0, timestamp: 1571812144000 }).spec, { kind: 'timestamp', timestamp: 1571812144000 });
  assert.equal(ok({ group: 'g', topic: 't', partition: '2', messageOffset: '5' }).partition, 2);
});

test('both or neither of messageOffset and timestamp is refused', () => {
  assert.match(issues({ group: 'g', topic: 't', messageOffset: 1, timestamp: 1571812144000 })[0].message, /not both/);
  assert.match(issues({ group: 'g', topic: 't' })[0].message, /exactly one/);
});

test('offsets keep int64 precision when given as strings, and refuse lossy JSON numbers', () => {
  assert.equal((ok({ group: 'g', topic: 't', messageOffset: '9007199254740993' }).spec as any).offset, 9007199254740993n);
  assert.match(issues({ group: 'g', topic: 't', messageOffset: 2 ** 53 + 2 })[0].message, /above 2\^53/);
  assert.match(issues({ group: 'g', topic: 't', messageOffset: '9223372036854775808' })[0].message, /64-bit/);
});

test('numbers are decimal integer literals only', () => {
  for (const bad of ['1e3', '0x10', '12.5', '', ' ', '1_000', '١٢', 'NaN', 'Infinity', '--5']) assert.equal(parseInt64(bad, 'x').ok, false, bad);
  for (const [good, v] of [['42', 42n], [' -5 ', -5n], ['+7', 7n], ['0', 0n]] as const) assert.deepEqual(parseInt64(good, 'x'), { ok: true, value: v });
});

test('timestamp unit checks: seconds warn (overridable), micro/nanoseconds refused, negatives refused', () => {
  const secs = issues({ group: 'g', topic: 't', timestamp: '1700000000' });
  assert.equal(secs[0].code, 'looks-like-seconds');
  assert.match(secs[0].message, /did you mean 1700000000000/);
  assert.equal((ok({ group: 'g', topic: 't', timestamp: '1700000000', allowOldTimestamp: true }).spec as any).timestamp, 1700000000);
  assert.match(issues({ group: 'g', topic: 't', timestamp: '1700000000000000' })[0].message, /micro- or nanoseconds/);
  assert.match(issues({ group: 'g', topic: 't', timestamp: -1 })[0].message, /negative/);
  // A near-future time is allowed (the seed says: latest).
  assert.ok(ok({ group: 'g', topic: 't', timestamp: NOW + 86_400_000 }));
});

test('partition: -1 or ≥ 0 integers only', () => {
  assert.match(issues({ group: 'g', topic: 't', partition: -2, messageOffset: 1 })[0].message, /-2 is invalid/);
  assert.match(issues({ group: 'g', topic: 't', partition: '1.0', messageOffset: 1 })[0].message, /Partition must be/);
  assert.match(issues({ group: 'g', topic: 't', partition: 1.5, messageOffset: 1 })[0].message, /Partition must be/);
});

test('group and topic names', () => {
  assert.match(issues({ group: '', topic: 't', messageOffset: 1 })[0].message, /required/);
  // Kafka accepts these (and a group that exists must be usable); groupIdWarning flags them instead.
  assert.ok(ok({ group: '   ', topic: 't', messageOffset: 1 }));
  assert.ok(ok({ group: ' g\u0007', topic: 't', messageOffset: 1 }));
  assert.ok(ok({ group: 'grüße-消费者', topic: 't', messageOffset: 1 }));
  assert.match(issues({ group: 'g', topic: 'bad topic', messageOffset: 1 })[0].message, /not a valid Kafka topic name/);
});

test('date-time needs a zone; offsets and Z resolve to the same instant', () => {
  assert.equal(parseDateTime('2026-11-24T10:00:00Z').ok && (parseDateTime('2026-11-24T10:00:00Z') as any).value, Date.UTC(2026, 10, 24, 10));
  assert.equal((parseDateTime('2026-11-24T11:30:00+01:30') as any).value, Date.UTC(2026, 10, 24, 10));
  assert.equal((parseDateTime('2026-11-24T10:00:00.123-00:00') as any).value, Date.UTC(2026, 10, 24, 10, 0, 0, 123));
  assert.match((parseDateTime('2026-11-24T10:00:00') as any).error, /no time zone/);
  assert.match((parseDateTime('2026-02-30T10:00:00Z') as any).error, /not a real calendar/);
  assert.equal(parseDateTime('yesterday').ok, false);
});

test('durations: days/hours/minutes/seconds, never signed', () => {
  assert.deepEqual(parseDuration('PT30M'), { ok: true, value: 1_800_000 });
  assert.deepEqual(parseDuration('P1DT2H'), { ok: true, value: 93_600_000 });
  assert.deepEqual(parseDuration('pt1.5s'), { ok: true, value: 1500 });
  for (const bad of ['-PT1H', '+PT1H', 'P', 'PT', '1H', 'P1W', 'P1M', 'PT1H30']) assert.equal(parseDuration(bad).ok, false, bad);
});

test('mode values validate as the user types', () => {
  assert.deepEqual(validateModeValue('shiftBy', '-5', NOW).spec, { kind: 'shiftBy', by: -5n });
  assert.match(validateModeValue('offset', 'abc', NOW).issue!.message, /decimal whole number/);
  assert.deepEqual(validateModeValue('earliest', undefined, NOW).spec, { kind: 'earliest' });
  assert.equal(validateModeValue('duration', 'PT1H', NOW).spec!.kind, 'duration');
});

test("the seed's JSON body, verbatim; unknown fields refused", () => {
  const r = parseSeedRequest('{"topic":"test","partition":0,"message_offset":10}', 'g');
  assert.ok(r.ok);
  assert.deepEqual(ok(r.ok ? r.input : {}), { group: 'g', topic: 'test', partition: 0, spec: { kind: 'offset', offset: 10n } });
  const t = parseSeedRequest('{"topic":"test","partition":0,"timestamp":1571812144000}', 'g');
  assert.equal(t.ok && (ok(t.input).spec as any).timestamp, 1571812144000);
  const bad = parseSeedRequest('{"topic":"test","messageOffset":10}', 'g');
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /Unknown field "messageOffset"/);
  assert.equal(parseSeedRequest('[1]', 'g').ok, false);
  assert.equal(parseSeedRequest('{', 'g').ok, false);
});
