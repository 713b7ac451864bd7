/**
 * Reading records at an offset (records.ts) and lag in time / transaction-aware lag (timeLag.ts) on
 * the real broker: producer-set timestamps, a kafkajs transactional producer with committed, aborted
 * and still open transactions, and records of every awkward shape. One set-up for the whole file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Producer } from 'kafkajs';
import { Fixtures, brokers, bootstrap, unique } from '../support/fixtures';
import { runCli } from '../support/run';
import { KafkaClient, readRecords, groupLag, allGroupsLag, planFromCluster, validateResetInput, PartitionLag, GroupLag } from '../../src/core';
import { hasInvisible } from '../../src/core/display';

let fx: Fixtures;
let client: KafkaClient;
const T0 = Date.now() - 3_600_000; // an hour ago
const topic = unique('rec');
const txTopic = unique('rectx');
const shapes = unique('recshape');
const big = 200 * 1024;
const group = unique('recg');
let openTx: Producer;
let openTxn: Awaited<ReturnType<Producer['transaction']>>;
const requests: string[] = [];

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() }, { onRequest: (api) => requests.push(api) });
  // One after the other: concurrent first uses of the fixtures' admin connect it twice, and kafkajs
  // then leaves one socket open (the test process would never exit).
  await fx.createTopic(topic, 3);
  await fx.createTopic(txTopic, 3);
  await fx.createTopic(shapes, 2);
  // topic p0: 10 records one second apart from T0; p1: nothing committed; p2: caught up.
  await fx.produce(topic, 0, 10, (i) => T0 + i * 1000);
  await fx.produce(topic, 2, 3, (i) => T0 + i);
  // txTopic p0: committed txn (0,1 + marker 2), aborted txn (3,4 + marker 5).
  // p1: committed txn (0,1,2 + marker 3). p2: a transaction left open (0,1).
  const tx = fx.kafka.producer({ transactionalId: unique('txid'), idempotent: true, maxInFlightRequests: 1 });
  await tx.connect();
  const send = async (partition: number, n: number, commit: boolean) => {
    const t = await tx.transaction();
    await t.send({ topic: txTopic, messages: Array.from({ length: n }, (_, i) => ({ partition, value: `t${i}`, timestamp: String(T0 + 100 + i) })) });
    await (commit ? t.commit() : t.abort());
  };
  await send(0, 2, true);
  await send(0, 2, false);
  await send(1, 3, true);
  await tx.disconnect();
  // Open for the whole file (the broker would abort it after kafkajs's default 60 s).
  openTx = fx.kafka.producer({ transactionalId: unique('txopen'), idempotent: true, maxInFlightRequests: 1, transactionTimeout: 600_000 });
  await openTx.connect();
  openTxn = await openTx.transaction();
  await openTxn.send({ topic: txTopic, messages: [0, 1].map((i) => ({ partition: 2, value: `open${i}`, timestamp: String(T0 + 500 + i) })) });
  // shapes p0: JSON, binary, empty, null key + headers, oversized. p1: 300 small records in one batch.
  const p = fx.kafka.producer({ allowAutoTopicCreation: false });
  await p.connect();
  await p.send({
    topic: shapes,
    acks: -1,
    messages: [
      { partition: 0, key: 'k1', value: '{"id":1,"name":"ok"}', timestamp: String(T0) },
      { partition: 0, key: Buffer.from([0xff, 0x00, 0x1b]), value: Buffer.from([0x00, 0x01, 0x02, 0xfe]), timestamp: String(T0 + 1) },
      { partition: 0, key: 'empty', value: '', timestamp: String(T0 + 2) },
      { partition: 0, key: null, value: 'no key', headers: { trace: 'abc', dup: ['1', '2'] }, timestamp: String(T0 + 3) },
      { partition: 0, key: 'big', value: Buffer.alloc(big, 0x61), timestamp: String(T0 + 4) },
      { partition: 0, key: 'tomb', value: null, timestamp: String(T0 + 5) },
    ],
  });
  await p.send({ topic: shapes, acks: -1, messages: Array.from({ length: 300 }, (_, i) => ({ partition: 1, value: `small-${i}`, timestamp: String(T0 + i) })) });
  await p.disconnect();
  await fx.commit(group, [
    { topic, partition: 0, offset: 4 },
    { topic, partition: 2, offset: 3 },
    { topic: txTopic, partition: 0, offset: 2 },
    { topic: txTopic, partition: 1, offset: 3 },
    { topic: txTopic, partition: 2, offset: 0 },
  ]);
});

after(async () => {
  // Bounded: kafkajs retries an abort the broker no longer expects for a long time.
  await Promise.race([openTxn?.abort().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
  await openTx?.disconnect().catch(() => undefined);
  await client.close();
  await fx.close();
});

function row(lag: GroupLag, t: string, partition: number): PartitionLag {
  const r = lag.topics.find((x) => x.topic === t)?.partitions.find((x) => x.partition === partition);
  assert.ok(r, `${t}:${partition} in the lag`);
  return r;
}

test('time lag: nextTimestamp is the producer-set time of the record at the committed offset, timeLagMs now − it; 0 when caught up; null without a commit; maxima per topic and group', async () => {
  const before = Date.now();
  const lag = await groupLag(client, group, { timeLag: true });
  const after = Date.now();
  const p0 = row(lag, topic, 0);
  assert.equal(p0.lag, 6n);
  assert.equal(p0.nextTimestamp, T0 + 4000);
  assert.ok(p0.timeLagMs! >= before - (T0 + 4000) && p0.timeLagMs! <= after - (T0 + 4000), `timeLagMs ${p0.timeLagMs}`);
  assert.equal(p0.pendingRecords, 6);
  assert.equal(p0.note, undefined);
  assert.deepEqual([row(lag, topic, 1).nextTimestamp, row(lag, topic, 1).timeLagMs], [null, null]);
  assert.deepEqual([row(lag, topic, 2).nextTimestamp, row(lag, topic, 2).timeLagMs], [null, 0]);
  assert.equal(lag.topics.find((t) => t.topic === topic)!.timeLagMs, p0.timeLagMs);
  assert.ok(lag.timeLagMs! >= p0.timeLagMs!);
  // Without the option nothing is read and no field is set.
  requests.length = 0;
  const plain = await groupLag(client, group);
  assert.equal(requests.filter((a) => a === 'Fetch').length, 0);
  assert.equal(row(plain, topic, 0).timeLagMs, undefined);
  assert.equal(plain.timeLagMs, undefined);
});

test('transactions: markers and aborted records are not pending ("caught up: …"); an open transaction is reported as records waiting', async () => {
  const lag = await groupLag(client, group, { timeLag: true });
  const p0 = row(lag, txTopic, 0); // committed 2: marker, aborted ×2, abort marker
  assert.equal(p0.lag, 4n);
  assert.deepEqual([p0.pendingRecords, p0.transactionMarkers, p0.abortedRecords], [0, 2, 2]);
  assert.equal(p0.note, 'caught up: 2 transaction markers, 2 aborted records');
  assert.deepEqual([p0.nextTimestamp, p0.timeLagMs], [null, 0]);
  const p1 = row(lag, txTopic, 1);
  assert.equal(p1.lag, 1n);
  assert.equal(p1.pendingRecords, 0);
  assert.equal(p1.note, 'caught up: 1 transaction marker');
  const p2 = row(lag, txTopic, 2); // an open transaction of 2 records
  assert.equal(p2.lag, 2n);
  assert.equal(p2.openTransactionRecords, 2);
  assert.equal(p2.pendingRecords, 0);
  assert.equal(p2.note, 'waiting for open transactions: 2 records');
  assert.equal(p2.nextTimestamp, T0 + 500);
  // The whole-cluster path gives the same answer for this group.
  const all = await allGroupsLag(client, { timeLag: true, filter: (g) => g.groupId === group });
  assert.equal(row(all[0].lag!, txTopic, 0).note, p0.note);
  assert.equal(row(all[0].lag!, topic, 0).nextTimestamp, T0 + 4000);
});

test('read_committed leaves aborted records out, read_uncommitted shows them; markers are never records', async () => {
  const [committed] = await readRecords(client, [{ topic: txTopic, partition: 0, offset: 0n, count: 10 }]);
  assert.deepEqual(committed.records.map((r) => r.offset), [0n, 1n]);
  const [uncommitted] = await readRecords(client, [{ topic: txTopic, partition: 0, offset: 0n, count: 10 }], { isolation: 'read_uncommitted' });
  assert.deepEqual(uncommitted.records.map((r) => r.offset), [0n, 1n, 3n, 4n]);
  assert.equal(uncommitted.highWatermark, 6n);
});

test('records of every shape: JSON, binary, empty, null key with repeated headers, oversized (capped, real size kept), tombstone', async () => {
  requests.length = 0;
  const [r] = await readRecords(client, [{ topic: shapes, partition: 0, offset: 0n, count: 10 }], { maxValueBytes: 1024, partitionBytes: 4096 });
  assert.equal(r.error, undefined);
  assert.deepEqual(r.records.map((x) => x.offset), [0n, 1n, 2n, 3n, 4n, 5n]);
  const [json, bin, empty, nokey, large, tomb] = r.records;
  assert.equal(json.value!.toString(), '{"id":1,"name":"ok"}');
  assert.equal(json.timestamp, T0);
  assert.equal(json.timestampType, 'CreateTime');
  assert.deepEqual([...bin.key!], [0xff, 0x00, 0x1b]);
  assert.deepEqual([...bin.value!], [0x00, 0x01, 0x02, 0xfe]);
  assert.deepEqual([empty.value!.length, empty.valueSize], [0, 0]);
  assert.equal(nokey.key, null);
  assert.deepEqual(nokey.headers.map((h) => [h.key, h.value!.toString()]), [['trace', 'abc'], ['dup', '1'], ['dup', '2']]);
  assert.deepEqual([large.value!.length, large.valueSize], [1024, big]);
  assert.deepEqual([tomb.value, tomb.valueSize], [null, 0]);
  // All six came in one batch larger than 4 KiB: the broker sends a first batch whole (KIP-74) or we
  // ask once more with its exact size — never more.
  assert.ok(requests.filter((a) => a === 'Fetch').length <= 2);
});

test('a record in the middle of a large batch is read from the cut batch with a small limit; many partitions and offsets in one call', async () => {
  requests.length = 0;
  const reads = [
    { topic: shapes, partition: 1, offset: 5n },
    { topic: shapes, partition: 1, offset: 250n },
    { topic, partition: 0, offset: 9n },
    { topic, partition: 0, offset: 10n }, // log end: no record
  ];
  const out = await readRecords(client, reads, { partitionBytes: 1024 });
  assert.equal(out[0].records[0].value!.toString(), 'small-5');
  assert.equal(out[1].records[0].value!.toString(), 'small-250');
  assert.equal(out[2].records[0].timestamp, T0 + 9000);
  assert.deepEqual(out[3].records, []);
  assert.equal(out[3].error, undefined);
  assert.ok(requests.filter((a) => a === 'Fetch').length <= 6, `Fetch requests: ${requests.filter((a) => a === 'Fetch').length}`);
});

test('reads of one partition at several offsets share one Fetch from the lowest; each counts its own range of markers and aborted records', async () => {
  requests.length = 0;
  const out = await readRecords(client, [
    ...[8n, 2n, 6n].map((offset) => ({ topic, partition: 0, offset })),
    ...[0n, 2n, 3n].map((offset) => ({ topic: txTopic, partition: 0, offset, countTo: 6n })),
  ]);
  assert.deepEqual(out.slice(0, 3).map((r) => r.records[0].timestamp), [T0 + 8000, T0 + 2000, T0 + 6000]);
  assert.deepEqual(out.slice(3).map((r) => [r.records[0]?.offset, r.dataRecords, r.transactionMarkers, r.abortedRecords]), [
    [0n, 2, 2, 2],
    [undefined, 0, 2, 2],
    [undefined, 0, 1, 2],
  ]);
  assert.equal(requests.filter((a) => a === 'Fetch').length, 1);
});

test('errors are sentences naming topic, partition and broker: an offset past the log end, a partition that does not exist', async () => {
  const [past, missing, gone] = await readRecords(client, [
    { topic, partition: 0, offset: 99n },
    { topic, partition: 7, offset: 0n },
    { topic: unique('nosuch'), partition: 0, offset: 0n },
  ]);
  assert.match(past.error!, new RegExp(`^Offset 99 is out of range for "${topic}" partition 0 on broker [^ ]+:\\d+`));
  assert.match(missing.error!, new RegExp(`Partition 7 of topic "${topic}" does not exist \\(the topic has 3 partitions\\)`));
  assert.match(gone.error!, /^Topic "recshape|^Topic "nosuch.*" does not exist\.$/);
});

test('a read is cancelled by its AbortSignal', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(readRecords(client, [{ topic, partition: 0, offset: 0n }], { signal: ac.signal }), (e: Error & { kind?: string }) => e.kind === 'cancelled');
});

const B = () => ['--bootstrap', bootstrap()];

test('CLI lag: TIME-LAG and NOTE columns, the total in time; --json fields as named; --no-time-lag has none of them', async () => {
  const text = await runCli(['lag', ...B(), '--group', group]);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.match(lines[0], /^TOPIC +PARTITION +COMMITTED +LOG-END +LAG +TIME-LAG +CONSUMER +NOTE$/);
  assert.match(text.stdout, new RegExp(`${txTopic} +1 +3 +4 +1 +0s +- +caught up: 1 transaction marker`));
  assert.match(text.stdout, new RegExp(`${topic} +0 +4 +10 +6 +(\\d+m\\d\\ds|1h\\d\\dm) +-`));
  assert.match(text.stdout, /Total lag: 13 · (\d+m\d\ds|1h\d\dm) behind/);
  const json = JSON.parse((await runCli(['lag', ...B(), '--group', group, '--json'])).stdout);
  const t = json.topics.find((x: { topic: string }) => x.topic === topic);
  assert.equal(t.partitions[0].nextTimestamp, T0 + 4000);
  assert.equal(typeof t.partitions[0].timeLagMs, 'number');
  assert.equal(t.timeLagMs, t.partitions[0].timeLagMs);
  assert.ok(json.timeLagMs >= t.timeLagMs);
  const tx = json.topics.find((x: { topic: string }) => x.topic === txTopic).partitions;
  assert.deepEqual(tx[0], { partition: 0, committed: 2, logStart: 0, logEnd: 6, lag: 4, nextTimestamp: null, timeLagMs: 0, pendingRecords: 0, transactionMarkers: 2, abortedRecords: 2, note: 'caught up: 2 transaction markers, 2 aborted records' });
  assert.equal(tx[2].openTransactionRecords, 2);
  const plain = await runCli(['lag', ...B(), '--group', group, '--no-time-lag', '--json']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.doesNotMatch(plain.stdout, /timeLagMs|nextTimestamp|pendingRecords/);
  const all = await runCli(['lag', ...B(), '--all-groups']);
  assert.match(all.stdout, /^GROUP +STATE +LAG +TIME-LAG +TOPICS/);
});

test('CLI peek: next records of the group, or at an offset; JSON, binary, empty, no key, oversized; escaped text; exact --json; sentences for bad input', async () => {
  await fx.commit(group, [{ topic: shapes, partition: 0, offset: 0 }]);
  const text = await runCli(['peek', ...B(), '--group', group, '--topic', shapes, '--partition', '0', '--count', '6', '--max-bytes', '100']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^Group "${group}" on "${shapes}" partition 0: committed offset 0 · log end 6 · lag 6\n`));
  assert.match(text.stdout, /value {4}json, 20 bytes\n {2}\{\n {4}"id": 1,/);
  assert.match(text.stdout, /key {6}hex:ff001b\nvalue {4}hex, 4 bytes\n {2}000102fe/);
  assert.match(text.stdout, /key {6}empty\nvalue {4}\(empty\)/);
  assert.match(text.stdout, /key {6}\(none\)\nheaders {2}trace: abc\n {9}dup: 1\n {9}dup: 2\nvalue {4}utf8, 6 bytes/);
  assert.match(text.stdout, /value {4}utf8, 204,800 bytes \(first 100 shown\)\n {2}a{100}\n {2}…/);
  assert.match(text.stdout, /key {6}tomb\nvalue {4}\(none: a tombstone\)/);
  for (const line of text.stdout.split('\n')) assert.equal(hasInvisible(line), false, JSON.stringify(line));
  const json = JSON.parse((await runCli(['peek', ...B(), '--topic', shapes, '--partition', '0', '--offset', '1', '--count', '4', '--json', '--max-bytes', '10'])).stdout);
  assert.deepEqual([json.topic, json.partition, json.from, json.logEnd], [shapes, 0, 1, 6]);
  assert.deepEqual(json.records.map((r: { offset: number }) => r.offset), [1, 2, 3, 4]);
  assert.deepEqual(json.records[0].value, { encoding: 'hex', text: '000102fe', size: 4, truncated: false });
  assert.deepEqual(json.records[0].key, { encoding: 'hex', text: 'ff001b', size: 3, truncated: false });
  assert.equal(json.records[2].key, null);
  assert.deepEqual(json.records[3].value, { encoding: 'utf8', text: 'aaaaaaaaaa', size: big, truncated: true });
  assert.equal(json.records[0].time, new Date(T0 + 1).toISOString());
  const caughtUp = await runCli(['peek', ...B(), '--group', group, '--topic', txTopic, '--partition', '1']);
  assert.equal(caughtUp.code, 0, caughtUp.stderr);
  assert.match(caughtUp.stdout, /No record to read at or after offset 3 \(only 1 transaction marker or aborted record offset\): the group is caught up\./);
  for (const [args, message, code] of [
    [['--group', group, '--topic', topic, '--partition', '1'], /Group ".*" has no committed offset on ".*" partition 1: .*Use --offset/, 2],
    [['--topic', topic, '--partition', '0', '--offset', '99'], /Offset 99 is out of range for ".*" partition 0 on broker /, 2],
    [['--topic', topic, '--partition', '0'], /Give --group \(peek at its committed offset\) or --offset, not both\./, 2],
    [['--topic', topic, '--partition', '0', '--offset', '0', '--count', '0'], /--count must be a whole number from 1 to 1,000/, 2],
  ] as const) {
    const r = await runCli(['peek', ...B(), ...args]);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('reset plan rows carry targetTimestamp: the record at the target, null at the log end (engine, CLI table and --json)', async () => {
  const v = validateResetInput({ group, topic, partition: '0', messageOffset: '7' });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const plan = await planFromCluster(client, v.request, { targetTimestamps: true });
  assert.equal(plan.rows[0].targetTimestamp, T0 + 7000);
  const latest = await runCli(['reset', ...B(), '--group', group, '--topic', topic, '--partition', '0', '--to-latest', '--dry-run', '--json']);
  assert.equal(JSON.parse(latest.stdout).plan[0].targetTimestamp, null);
  const table = await runCli(['reset', ...B(), '--group', group, '--topic', topic, '--partition', '0', '--offset', '7', '--dry-run']);
  assert.match(table.stdout, new RegExp(`TARGET +TARGET TIME +LAG BEFORE → AFTER[\\s\\S]*7 +${new Date(T0 + 7000).toISOString().replace(/\.\d{3}Z$/, 'Z')} +6 → 3`));
  assert.equal((await planFromCluster(client, v.request)).rows[0].targetTimestamp, undefined);
});
