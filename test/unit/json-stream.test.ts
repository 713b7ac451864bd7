/**
 * The streamed JSON array of `lag --all-groups --json` (src/cli/jsonStream.ts): the same bytes as the
 * whole-document printing it replaced, the sink's back-pressure honoured, and a failure part-way
 * still ending in one valid document. No broker: the writer only sees values and a sink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { JsonArrayWriter, JsonLinesWriter, writeJsonArray, type TextSink } from '../../src/cli/jsonStream';
import { stringifyExact, lagJson } from '../../src/cli/format';
import { reportedInJson } from '../../src/cli/failure';
import { terminalSafeJson } from '../../src/core/display';
import { KafkaOffsetsError, type GroupLag } from '../../src/core';

/** A sink that keeps what it is given; `full` makes every write ask the writer to wait for 'drain'. */
class Sink extends EventEmitter implements TextSink {
  chunks: string[] = [];
  full = false;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return !this.full;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** What `lag --all-groups --json` printed before streaming: one document of the whole array (Output.data). */
const wholeDocument = (all: unknown[]) => terminalSafeJson(stringifyExact(all)) + '\n';

const lagOf = (groupId: string, over: Partial<GroupLag> = {}): GroupLag => ({
  groupId,
  lag: 7n,
  topics: [{ topic: 't', lag: 7n, partitions: [{ topic: 't', partition: 0, logStart: 0n, logEnd: 9n, committed: 2n, lag: 7n, timeLagMs: 1200, nextTimestamp: 1_700_000_000_000 }] }],
  ...over,
});

// Hostile and awkward values: a bigint beyond 2^53 (printed digit for digit), control, C1, bidi and
// separator characters in ids, an empty topic list, a group that failed, nested empties.
const big = 2n ** 63n - 1n;
const EVIL = 'evil\u001b[2J\r\n\u009b\u202e\u2028"\\';
const ELEMENTS: unknown[] = [
  { group: 'a', state: 'Empty', ...lagJson(lagOf('a')) },
  { group: EVIL, state: 'Stable', ...lagJson(lagOf(EVIL, { lag: big, topics: [{ topic: 'x', lag: big, partitions: [{ topic: 'x', partition: 3, logStart: 0n, logEnd: big, committed: 0n, lag: big }] }] })) },
  { group: 'none', state: 'Empty', ...lagJson(lagOf('none', { lag: 0n, topics: [] })) },
  { group: 'bad', state: 'Dead', error: 'Kafka refused OffsetFetch for group "bad": NOT_COORDINATOR' },
  { nested: [[], {}, [null, true, 1.5, -0, ''], { deep: { deeper: [big, -big] } }] },
];

test('element by element gives byte for byte the document the whole array gave, however the text is split', () => {
  for (const flushAt of [1, 100, 64 * 1024]) {
    for (const n of [0, 1, 2, ELEMENTS.length]) {
      const sink = new Sink();
      const doc = new JsonArrayWriter(sink, flushAt);
      for (const v of ELEMENTS.slice(0, n)) assert.equal(doc.add(v), undefined, 'a sink that never fills never makes the writer wait');
      assert.equal(doc.end(), undefined);
      assert.equal(sink.text, wholeDocument(ELEMENTS.slice(0, n)), `flushAt ${flushAt}, ${n} elements`);
    }
  }
  // The exact bigint survives (not rounded), and nothing terminal-active is printed raw.
  const text = wholeDocument(ELEMENTS);
  assert.match(text, /"lag": 9223372036854775807,/);
  assert.doesNotMatch(text, /[\u001b\u009b\u202e\u2028\r]/);
  assert.equal((JSON.parse(text) as Array<{ group?: string }>)[1].group, EVIL);
});

test('text is written in pieces, not one write per element and not all at the end', () => {
  const sink = new Sink();
  const doc = new JsonArrayWriter(sink, 2000);
  for (let i = 0; i < 200; i++) doc.add({ group: `g${i}`, state: 'Empty', ...lagJson(lagOf(`g${i}`)) });
  const before = sink.chunks.length;
  assert.ok(before > 10 && before < 200, `${before} writes for 200 elements of ~400 bytes, 2,000 bytes a piece`);
  assert.ok(sink.chunks.every((c) => c.length < 2000 + 1000), 'no piece holds much more than one flush');
  doc.end();
  assert.equal(sink.chunks.length, before + 1);
});

test('a full sink makes add() and end() wait for drain; a closed sink does not hang the writer', async () => {
  const sink = new Sink();
  sink.full = true;
  const doc = new JsonArrayWriter(sink, 1);
  const wait = doc.add({ group: 'a' });
  assert.ok(wait instanceof Promise, 'the writer says to wait when the sink is full');
  let drained = false;
  void wait.then(() => (drained = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(drained, false, 'not before the drain');
  sink.emit('drain');
  await wait;
  assert.equal(sink.listenerCount('drain') + sink.listenerCount('close') + sink.listenerCount('error'), 0, 'no listener left behind');
  const last = doc.end();
  assert.ok(last instanceof Promise);
  sink.emit('close');
  await last;
  assert.deepEqual(JSON.parse(sink.text), [{ group: 'a' }]);
  // NDJSON: one line per element, each written at once, the same wait.
  const lines = new JsonLinesWriter(sink);
  sink.chunks = [];
  const w = lines.add({ group: 'b', lag: big });
  assert.ok(w instanceof Promise);
  assert.equal(sink.text, '{"group":"b","lag":9223372036854775807}\n');
  sink.emit('error');
  await w;
});

test('a failure part-way ends the array with its {error}; before the first element nothing is written', async () => {
  const sink = new Sink();
  const boom = new KafkaOffsetsError('unreachable', 'Cannot reach broker 127.0.0.1:1 (connection refused).');
  await assert.rejects(
    writeJsonArray(new JsonArrayWriter(sink), async (add) => {
      await add({ group: 'a' });
      await add({ group: 'b', error: 'a group of its own failing is an element, not the end' });
      throw boom;
    }),
    (e) => e === boom,
  );
  assert.deepEqual(JSON.parse(sink.text), [{ group: 'a' }, { group: 'b', error: 'a group of its own failing is an element, not the end' }, { error: { kind: 'unreachable', message: boom.message } }]);
  assert.equal(reportedInJson(boom), true, 'main.ts prints no second document');

  const early = new KafkaOffsetsError('timeout', 'DescribeGroups timed out.');
  const quiet = new Sink();
  await assert.rejects(
    writeJsonArray(new JsonArrayWriter(quiet), async () => {
      throw early;
    }),
    (e) => e === early,
  );
  assert.equal(quiet.text, '', 'main.ts prints the error document alone, as before');
  assert.equal(reportedInJson(early), false);

  const ok = new Sink();
  await writeJsonArray(new JsonArrayWriter(ok), async () => {});
  assert.equal(ok.text, '[]\n');
});

test('stringifyExact: the fast path and the bigint path print the same text', () => {
  const v = { a: [1, 'x\u2028', null, { b: 2 }], c: -0 };
  const withBig = { ...v, z: 1n };
  assert.equal(stringifyExact(v), JSON.stringify(v, null, 2));
  assert.equal(stringifyExact(withBig), JSON.stringify({ ...v, z: 1 }, null, 2));
  assert.equal(stringifyExact(v, 0), JSON.stringify(v));
});
