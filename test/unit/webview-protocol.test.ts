/**
 * The reset form's message guard (src/extension/protocolGuard.ts): every message from the webview is
 * untrusted. Valid messages pass (as fresh objects holding only the checked fields); malformed and
 * unknown ones are dropped and logged with a reason, never with their payload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptWebviewMessage, checkWebviewMessage, MAX_TOPIC_LENGTH, MAX_VALUE_LENGTH } from '../../src/extension/protocolGuard';
import type { FormInput, WebviewToHost } from '../../src/protocol';

const input = (over: Partial<Record<keyof FormInput, unknown>> = {}): Record<string, unknown> => ({
  topic: 'orders',
  partitions: 'all',
  mode: 'offset',
  value: '42',
  allowOldTimestamp: false,
  ...over,
});

const show = (raw: unknown): string => {
  try {
    return JSON.stringify(raw, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 200) ?? String(raw);
  } catch {
    return String(raw);
  }
};

const ok = (raw: unknown): WebviewToHost => {
  const r = checkWebviewMessage(raw);
  assert.ok(r.ok, `expected ${show(raw)} to be accepted, got ${r.ok ? '' : r.reason}`);
  return r.message;
};
const refused = (raw: unknown, reason?: RegExp): void => {
  const r = checkWebviewMessage(raw);
  assert.equal(r.ok, false, `expected ${show(raw)} to be refused`);
  if (reason && !r.ok) assert.match(r.reason, reason);
};

test('every message type, well formed, is accepted', () => {
  assert.deepEqual(ok({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(ok({ type: 'showOutput' }), { type: 'showOutput' });
  assert.deepEqual(ok({ type: 'undo', requestId: 'a1' }), { type: 'undo', requestId: 'a1' });
  assert.deepEqual(ok({ type: 'reloadGroup', requestId: 'r-2' }), { type: 'reloadGroup', requestId: 'r-2' });
  assert.deepEqual(ok({ type: 'reset', requestId: 'x', planId: 'lq3-1' }), { type: 'reset', requestId: 'x', planId: 'lq3-1' });
  assert.deepEqual(ok({ type: 'copyCommand', requestId: 'c_1', planId: 'p' }), { type: 'copyCommand', requestId: 'c_1', planId: 'p' });
  assert.deepEqual(ok({ type: 'preview', requestId: 'p1', input: input() }), { type: 'preview', requestId: 'p1', input: input() });
});

test('preview: every mode, partition subsets (sorted), the seed JSON and an empty value', () => {
  for (const mode of ['offset', 'timestamp', 'datetime', 'duration', 'earliest', 'latest', 'shiftBy', 'seed']) ok({ type: 'preview', requestId: 'p', input: input({ mode }) });
  const m = ok({ type: 'preview', requestId: 'p', input: input({ partitions: [5, 0, 2] }) });
  assert.deepEqual(m.type === 'preview' && m.input.partitions, [0, 2, 5]);
  ok({ type: 'preview', requestId: 'p', input: input({ mode: 'seed', topic: '', value: '{"topic":"t","partition":0,"message_offset":"10"}' }) });
  ok({ type: 'preview', requestId: 'p', input: input({ mode: 'earliest', value: '' }) });
  ok({ type: 'preview', requestId: 'p', input: input({ allowOldTimestamp: true }) });
  // Content is the core validator's business, not the guard's: a bad offset or topic name passes here.
  ok({ type: 'preview', requestId: 'p', input: input({ value: '1e3', topic: 'bad name!' }) });
});

test('the accepted message is a fresh object: later changes to the raw one do not leak in', () => {
  const raw = { type: 'preview', requestId: 'p', input: input({ partitions: [1, 2] }) };
  const m = ok(raw);
  (raw.input.partitions as number[]).push(99);
  raw.input.topic = 'changed';
  assert.deepEqual(m.type === 'preview' && m.input, input({ partitions: [1, 2] }));
});

test('not an object, no type, unknown type', () => {
  for (const raw of [undefined, null, 42, 'ready', true, [], [{ type: 'ready' }]]) refused(raw, /not an object/);
  refused({}, /no message type/);
  refused({ type: 7 }, /no message type/);
  refused({ type: 'applyOffsets', requestId: 'a' }, /unknown message type "applyOffsets"/);
  refused({ type: '__proto__' }, /unknown message type/);
  refused({ type: 'toString' }, /unknown message type/);
  refused(Object.assign(Object.create({ polluted: true }), { type: 'ready' }), /not an object/);
});

test('unknown or missing fields are refused', () => {
  refused({ type: 'ready', extra: 1 }, /unknown field "extra"/);
  refused({ type: 'undo' }, /lacks requestId/);
  refused({ type: 'reset', requestId: 'a' }, /lacks planId/);
  refused({ type: 'undo', requestId: 'a', snapshotFile: '/etc/passwd' }, /unknown field "snapshotFile"/);
  refused({ type: 'reset', requestId: 'a', planId: 'b', plan: { rows: [] } }, /unknown field "plan"/);
  refused({ type: 'preview', requestId: 'p' }, /lacks input/);
  refused({ type: 'preview', requestId: 'p', input: { ...input(), group: 'other-group' } }, /unknown field "group"/);
  const { mode: _m, ...noMode } = input();
  refused({ type: 'preview', requestId: 'p', input: noMode }, /lacks mode/);
});

test('request ids: strings of 1–64 plain characters', () => {
  for (const id of ['', 'a'.repeat(65), 'has space', 'ü', '<script>', 1, null, {}, ['a']]) refused({ type: 'undo', requestId: id }, /requestId/);
  refused({ type: 'reset', requestId: 'a', planId: '../x' }, /planId/);
  ok({ type: 'undo', requestId: 'a'.repeat(64) });
});

test('preview input: types and lengths', () => {
  const bad = (over: Record<string, unknown>, reason: RegExp) => refused({ type: 'preview', requestId: 'p', input: input(over) }, reason);
  bad({ topic: 42 }, /topic must be a string/);
  bad({ topic: 'x'.repeat(MAX_TOPIC_LENGTH + 1) }, /topic is longer/);
  bad({ mode: 'csv' }, /not a known mode/);
  bad({ mode: 'constructor' }, /not a known mode/);
  bad({ mode: 1 }, /not a known mode/);
  bad({ value: 42 }, /value must be a string/);
  bad({ value: 10n }, /value must be a string/);
  bad({ value: 'x'.repeat(MAX_VALUE_LENGTH + 1) }, /value is longer/);
  bad({ allowOldTimestamp: 'yes' }, /allowOldTimestamp/);
  bad({ partitions: 'some' }, /partitions/);
  bad({ partitions: -1 }, /partitions/);
  bad({ partitions: [] }, /empty list/);
  bad({ partitions: [-1] }, /whole numbers/);
  bad({ partitions: [1.5] }, /whole numbers/);
  bad({ partitions: ['1'] }, /whole numbers/);
  bad({ partitions: [2 ** 31] }, /whole numbers/);
  bad({ partitions: [Number.NaN] }, /whole numbers/);
  bad({ partitions: [1, 1] }, /twice/);
  bad({ partitions: new Array(100_001).fill(0).map((_, i) => i) }, /more than/);
  refused({ type: 'preview', requestId: 'p', input: 'offset 42' }, /input must be an object/);
  refused({ type: 'preview', requestId: 'p', input: [input()] }, /input must be an object/);
});

test('acceptWebviewMessage logs a refusal with its reason (not the payload) and returns undefined', () => {
  const lines: string[] = [];
  const log = { warn: (m: string) => lines.push(m) };
  assert.deepEqual(acceptWebviewMessage({ type: 'ready' }, log), { type: 'ready' });
  assert.equal(lines.length, 0);
  const secret = 'x'.repeat(5000);
  assert.equal(acceptWebviewMessage({ type: 'preview', requestId: 'p', input: input({ value: secret + secret + secret }) }, log), undefined);
  assert.equal(acceptWebviewMessage({ type: `evil\n${'y'.repeat(500)}` }, log), undefined);
  assert.equal(lines.length, 2);
  for (const l of lines) {
    assert.match(l, /^Reset form: ignored a malformed message from the webview \(/);
    assert.ok(l.length < 200, `log line too long: ${l.length}`);
    assert.ok(!l.includes('\n'));
  }
});

test('a message whose fields throw on access is refused, not thrown', () => {
  const lines: string[] = [];
  const raw = new Proxy({ type: 'ready' }, { ownKeys: () => { throw new Error('boom'); } });
  assert.equal(acceptWebviewMessage(raw, { warn: (m) => lines.push(m) }), undefined);
  assert.equal(lines.length, 1);
});
