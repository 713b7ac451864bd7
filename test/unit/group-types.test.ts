/**
 * Kafka 4 group types, pure parts: the bytes our own encodings write and read (ListGroups v5,
 * DescribeShareGroupOffsets v1, AlterShareGroupOffsets v0) checked against Kafka's message schemas
 * by hand, state and type words, the streams task → partition mapping, the CLI's --type filter and
 * the equivalent command lines. The same encodings run against the real broker in
 * test/integration/share-groups.test.ts and streams-groups.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listGroupsTyped, describeShareGroupOffsets, alterShareGroupOffsets } from '../../src/core/kafka/groupTypesWire';
import { normalizeGroupState, typeOfListed, fromStreamsGroup, fromShareGroup } from '../../src/core/kafka/groupTypes';
import { Encoder } from '../../src/core/kafka/internals';
import { parseTypeFilter, describeLines } from '../../src/cli/groupTypes';
import { kafkaShareGroupsCommand, kafkaStreamsGroupsCommand, KafkaOffsetsError, validateResetInput, planReset } from '../../src/core';

/** A broker stand-in at the byte level: records the request body, answers with the given response bytes. */
function byteBroker(apiKey: number, maxVersion: number, response: Buffer) {
  const sent: Array<{ apiKey: number; apiVersion: number; body: Buffer }> = [];
  const broker = {
    isConnected: () => true,
    versions: { [apiKey]: { minVersion: 0, maxVersion } },
    connectionPool: {
      async send({ request, response: r }: any) {
        const e = await request.encode();
        sent.push({ apiKey: request.apiKey, apiVersion: request.apiVersion, body: e.buffer });
        return r.parse(await r.decode(response));
      },
    },
  } as any;
  return { broker, sent };
}

const bytes = (e: any): Buffer => Buffer.from(e.buffer);
const int64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(v);
  return b;
};

test('ListGroups v5 asks with empty states and the types filter, and reads each group\'s state and type', async () => {
  const response = new Encoder()
    .writeUVarInt(0) // response header tagged fields
    .writeInt32(0) // throttle
    .writeInt16(0)
    .writeUVarIntArray([new Encoder().writeUVarIntString('orders').writeUVarIntString('share').writeUVarIntString('Stable').writeUVarIntString('share').writeUVarInt(0)])
    .writeUVarInt(0);
  const { broker, sent } = byteBroker(16, 5, bytes(response));
  const res = await listGroupsTyped(broker, ['share']);
  assert.deepEqual(res, { version: 5, errorCode: 0, groups: [{ groupId: 'orders', protocolType: 'share', state: 'Stable', type: 'share' }] });
  // header tag byte, states [] (compact length 1), types ["share"], body tag byte
  assert.deepEqual([...sent[0].body], [0, 1, 2, 6, ...Buffer.from('share'), 0]);
  assert.equal(sent[0].apiVersion, 5);
});

test('ListGroups is not sent by us on a broker older than v3 (kafkajs\'s own path serves it)', async () => {
  const { broker, sent } = byteBroker(16, 2, Buffer.alloc(0));
  assert.equal(await listGroupsTyped(broker), null);
  assert.equal(sent.length, 0);
});

test('DescribeShareGroupOffsets v1: null topics ask for everything; start offset, lag and errors are read per partition', async () => {
  const partition = (p: number, start: bigint, lag: bigint, code: number) =>
    new Encoder().writeInt32(p).writeBuffer(int64(start)).writeInt32(0).writeBuffer(int64(lag)).writeInt16(code).writeUVarIntString(null).writeUVarInt(0);
  const response = new Encoder()
    .writeUVarInt(0)
    .writeInt32(0)
    .writeUVarIntArray([
      new Encoder()
        .writeUVarIntString('g')
        .writeUVarIntArray([new Encoder().writeUVarIntString('t').writeBuffer(Buffer.alloc(16)).writeUVarIntArray([partition(0, 5n, 7n, 0), partition(1, -1n, -1n, 0)]).writeUVarInt(0)])
        .writeInt16(0)
        .writeUVarIntString(null)
        .writeUVarInt(0),
    ])
    .writeUVarInt(0);
  const { broker, sent } = byteBroker(90, 1, bytes(response));
  const res = await describeShareGroupOffsets(broker, 'g', null);
  assert.deepEqual(res, {
    errorCode: 0,
    errorMessage: null,
    partitions: [
      { topic: 't', partition: 0, startOffset: 5n, lag: 7n, errorCode: 0, errorMessage: null },
      { topic: 't', partition: 1, startOffset: -1n, lag: -1n, errorCode: 0, errorMessage: null },
    ],
  });
  // header tag, groups [ {"g", topics null (0), tag} ], tag
  assert.deepEqual([...sent[0].body], [0, 2, 2, 'g'.charCodeAt(0), 0, 0, 0]);
});

test('AlterShareGroupOffsets v0 writes each partition with a 64-bit start offset, grouped by topic', async () => {
  const response = new Encoder().writeUVarInt(0).writeInt32(0).writeInt16(0).writeUVarIntString(null).writeUVarIntArray([]).writeUVarInt(0);
  const { broker, sent } = byteBroker(91, 0, bytes(response));
  await alterShareGroupOffsets(broker, 'g', [
    { topic: 't', partition: 0, offset: 2n ** 40n },
    { topic: 't', partition: 3, offset: 0n },
  ]);
  const expected = [0, 2, 'g'.charCodeAt(0), 2, 2, 't'.charCodeAt(0), 3, 0, 0, 0, 0, ...int64(2n ** 40n), 0, 0, 0, 0, 3, ...int64(0n), 0, 0, 0];
  assert.deepEqual([...sent[0].body], expected);
});

test('state words from every group API in one spelling; listed types from v5 or the protocol type', () => {
  assert.equal(normalizeGroupState('stable'), 'Stable');
  assert.equal(normalizeGroupState('NOT_READY'), 'NotReady');
  assert.equal(normalizeGroupState('NotReady'), 'NotReady');
  assert.equal(normalizeGroupState('Assigning'), 'Assigning');
  assert.equal(normalizeGroupState('bogus'), 'Unknown');
  assert.equal(typeOfListed({ protocolType: 'consumer', type: 'consumer' }), 'consumer');
  assert.equal(typeOfListed({ protocolType: 'streams', type: '' }), 'streams');
  assert.equal(typeOfListed({ protocolType: 'consumer', type: '' }), '');
  assert.equal(typeOfListed({ protocolType: '', type: 'Classic' }), 'classic');
});

test('a streams member reads the task\'s partition of every source topic of its subtopology; a share member its assignment', () => {
  const coordinator = { nodeId: 1, host: 'h', port: 9092 };
  const d = fromStreamsGroup(
    {
      errorCode: 0,
      errorMessage: null,
      groupId: 'app',
      state: 'Stable',
      groupEpoch: 3,
      subtopologies: [
        { id: '0', sourceTopics: ['in'], repartitionSinkTopics: ['app-r'], stateChangelogTopics: [], repartitionSourceTopics: [] },
        { id: '1', sourceTopics: [], repartitionSinkTopics: [], stateChangelogTopics: ['app-c'], repartitionSourceTopics: ['app-r'] },
      ],
      members: [{ memberId: 'm', clientId: 'c', clientHost: '/10.0.0.1', processId: 'p', activeTasks: [{ subtopology: '0', partitions: [1] }, { subtopology: '1', partitions: [0, 1] }], standbyTasks: [], warmupTasks: [] }],
    },
    coordinator,
  );
  assert.equal(d.groupType, 'streams');
  assert.equal(d.members[0].host, '10.0.0.1');
  assert.deepEqual(d.members[0].activeTasks, ['0_1', '1_0', '1_1']);
  assert.deepEqual(d.members[0].assignment.map((a) => `${a.topic}/${a.partition}`), ['in/1', 'app-r/0', 'app-r/1']);
  assert.ok(describeLines(d).some((l) => /SUBTOPOLOGY/.test(l) && /app-c/.test(l)));

  const s = fromShareGroup(
    { errorCode: 0, errorMessage: null, groupId: 'q', state: 'Empty', groupEpoch: 1, assignor: 'simple', members: [{ memberId: 'm', clientId: 'c', clientHost: '/h', subscribedTopics: ['t'], assignment: [{ topic: 't', partitions: [0, 2] }] }] },
    coordinator,
  );
  assert.deepEqual([s.groupType, s.state, s.members[0].assignment.map((a) => a.partition)], ['share', 'Empty', [0, 2]]);
});

test('--type takes Kafka\'s type names, comma-separated, and refuses anything else in a sentence', () => {
  assert.deepEqual([...(parseTypeFilter('share, Streams') ?? [])], ['share', 'streams']);
  assert.equal(parseTypeFilter(undefined), undefined);
  assert.throws(() => parseTypeFilter('queue'), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'validation' && /classic, consumer, share, streams/.test(e.message));
  assert.throws(() => parseTypeFilter(''), KafkaOffsetsError);
});

test('equivalent kafka-share-groups / kafka-streams-groups lines are built from quoted fields', () => {
  const v = validateResetInput({ group: "g'$(x)", topic: 't', partition: '1', mode: 'earliest' });
  if (!v.ok) throw new Error('invalid');
  const plan = planReset(v.request, { partitions: [{ topic: 't', partition: 1, logStart: 0n, logEnd: 9n, committed: 4n }], partitionCounts: new Map([['t', 2]]), takenAt: 0 });
  assert.equal(kafkaShareGroupsCommand(['b:9092'], plan), `kafka-share-groups.sh --bootstrap-server 'b:9092' --group 'g'\\''$(x)' --reset-offsets --topic 't:1' --to-earliest --dry-run`);
  assert.equal(kafkaStreamsGroupsCommand(['b:9092'], plan), `kafka-streams-groups.sh --bootstrap-server 'b:9092' --group 'g'\\''$(x)' --reset-offsets --input-topic 't:1' --to-earliest --dry-run`);
});
