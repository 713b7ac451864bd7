/**
 * delete-offsets and delete-group, the pure parts: the OffsetDelete and DeleteGroups bytes (requests
 * read back field by field, answers built by hand with per-partition and per-group error codes), the
 * plan rows and refusals, each partition's outcome, the sentences and the printed commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Encoder, Decoder } from '../../src/core/kafka/internals';
import { encodeOffsetDelete, decodeOffsetDelete, encodeDeleteGroups, decodeDeleteGroups } from '../../src/core/kafka/deleteWire';
import { groupRefusal, partitionRefusal } from '../../src/core/kafka/deleteErrors';
import { deletePartitions, deleteRows, deleteSummary, deleteRefusal, deleteOutcomes, movedSincePlan, staleError, kafkaDeleteCommand, type DeleteRow } from '../../src/core/deletePlan';
import { KafkaOffsetsError } from '../../src/core/errors';
import type { GroupDescription } from '../../src/core/types';
import { deleteTable, reportDelete, batchUndoLine } from '../../src/cli/deleteOutput';
import { deleteReason, snapshotUndoes } from '../../src/core/snapshotReason';

test('OffsetDelete request: group, then each topic once with its partitions in the order given', () => {
  const d = new Decoder(encodeOffsetDelete('g 1', [{ topic: 'a', partition: 2 }, { topic: 'b', partition: 0 }, { topic: 'a', partition: 0 }]));
  assert.equal(d.readString(), 'g 1');
  assert.deepEqual(d.readArray((t) => ({ topic: t.readString(), partitions: t.readArray((p) => p.readInt32()) })), [
    { topic: 'a', partitions: [2, 0] },
    { topic: 'b', partitions: [0] },
  ]);
});

test('OffsetDelete answer: the group error and every partition\'s own code (none lost to the first error)', () => {
  const raw = new Encoder()
    .writeInt16(0)
    .writeInt32(7) // throttle
    .writeArray([
      new Encoder().writeString('t').writeArray([new Encoder().writeInt32(0).writeInt16(0), new Encoder().writeInt32(1).writeInt16(86)]),
      new Encoder().writeString('u').writeArray([new Encoder().writeInt32(3).writeInt16(3)]),
    ]).buffer;
  assert.deepEqual(decodeOffsetDelete(raw), {
    errorCode: 0,
    partitions: [
      { topic: 't', partition: 0, errorCode: 0 },
      { topic: 't', partition: 1, errorCode: 86 },
      { topic: 'u', partition: 3, errorCode: 3 },
    ],
  });
  const missing = new Encoder().writeInt16(69).writeInt32(0).writeArray([]).buffer;
  assert.deepEqual(decodeOffsetDelete(missing), { errorCode: 69, partitions: [] });
});

test('DeleteGroups request and answer: one code per group', () => {
  const d = new Decoder(encodeDeleteGroups(['a', 'b']));
  assert.deepEqual(d.readArray((x) => x.readString()), ['a', 'b']);
  const raw = new Encoder().writeInt32(0).writeArray([new Encoder().writeString('a').writeInt16(0), new Encoder().writeString('b').writeInt16(68)]).buffer;
  assert.deepEqual(decodeDeleteGroups(raw), [{ groupId: 'a', errorCode: 0 }, { groupId: 'b', errorCode: 68 }]);
});

test('group refusals: each Kafka code its own kind and a sentence naming the group', () => {
  const cases: Array<[number, string, RegExp]> = [
    [68, 'group-not-empty', /group "g" is not empty \(NON_EMPTY_GROUP\).*Nothing was deleted/],
    [69, 'not-found', /Group "g" does not exist \(GROUP_ID_NOT_FOUND\)/],
    [30, 'authorization', /Not authorized on group "g".*Delete on the group/],
    [15, 'kafka', /GROUP_COORDINATOR_NOT_AVAILABLE/],
  ];
  for (const [code, kind, text] of cases) {
    const e = groupRefusal('g', code, 'delete it');
    assert.equal(e.kind, kind, `code ${code}`);
    assert.match(e.message, text);
  }
  assert.match(partitionRefusal('g', 't', 1, 86), /group "g" is subscribed to topic "t" \(GROUP_SUBSCRIBED_TO_TOPIC\).*"t" partition 1/);
  assert.match(partitionRefusal('g', 't', 9, 3), /"t" partition 9 does not exist/);
});

test('delete-offsets partitions: whole topics, lists, each checked against the topic; none is a validation error', () => {
  const counts = new Map([['a', 3], ['b', 1]]);
  assert.deepEqual(deletePartitions('g', [{ topic: 'a', partitions: [2, 0] }, { topic: 'b' }, { topic: 'a', partitions: [2] }], counts), [
    { topic: 'a', partition: 2 },
    { topic: 'a', partition: 0 },
    { topic: 'b', partition: 0 },
  ]);
  assert.deepEqual(deletePartitions('g', [{ topic: 'a' }], counts).map((p) => p.partition), [0, 1, 2]);
  assert.throws(() => deletePartitions('g', [{ topic: 'a', partitions: [3] }], counts), (e: KafkaOffsetsError) => e.kind === 'not-found' && /Partition 3 of topic "a".*3 partitions/.test(e.message));
  assert.throws(() => deletePartitions('g', [{ topic: 'zz' }], counts), (e: KafkaOffsetsError) => e.kind === 'not-found' && /Topic "zz" does not exist/.test(e.message));
  assert.throws(() => deletePartitions('g', [], counts), (e: KafkaOffsetsError) => e.kind === 'validation');
});

const rows: DeleteRow[] = deleteRows(
  [{ topic: 'a', partition: 0 }, { topic: 'a', partition: 1 }, { topic: 'gone', partition: 0 }],
  new Map([['a:0', 4n], ['a:1', null], ['gone:0', 7n]]),
  new Map([['a:0', 10n], ['a:1', 10n]]),
);

test('plan rows: lag now where there is a commit and a log end; a deleted topic keeps its row, lag unknown', () => {
  assert.deepEqual(rows, [
    { topic: 'a', partition: 0, committed: 4n, logEnd: 10n, lag: 6n },
    { topic: 'a', partition: 1, committed: null, logEnd: 10n, lag: null },
    { topic: 'gone', partition: 0, committed: 7n, logEnd: null, lag: null },
  ]);
  assert.equal(deleteSummary(rows), '2 partitions with committed offsets (lag 6), 1 without (nothing to delete there)');
  assert.equal(deleteSummary([rows[2]]), '1 partition with committed offsets');
});

const described = (over: Partial<GroupDescription>): GroupDescription => ({ groupId: 'g', state: 'Empty', protocolType: 'consumer', protocol: '', members: [], coordinator: { nodeId: 1, host: 'h', port: 1 }, ...over });

test('refusals: only an Empty (or not yet existing) consumer group; members are named; share and streams groups are pointed elsewhere', () => {
  assert.equal(deleteRefusal(described({}), 'offsets'), undefined);
  assert.equal(deleteRefusal(described({ state: 'Dead' }), 'group'), undefined);
  const live = deleteRefusal(described({ state: 'Stable', members: [{ memberId: 'm', clientId: 'billing-1', host: '/10.0.0.7', assignment: [] }] }), 'offsets');
  assert.equal(live?.kind, 'group-not-empty');
  assert.match(live!.message, /Group "g" is Stable with 1 member: billing-1 \(\/10\.0\.0\.7\).*Nothing was deleted/);
  assert.equal(deleteRefusal(described({ state: 'PreparingRebalance' }), 'group')?.kind, 'group-not-empty');
  assert.match(deleteRefusal(described({ groupType: 'share' }), 'group')!.message, /share group/);
  assert.match(deleteRefusal(described({ groupType: 'streams' }), 'group')!.message, /kafka-streams-groups --delete/);
  assert.equal(deleteRefusal(described({ groupType: 'streams' }), 'offsets'), undefined, 'a streams group holds committed offsets like any consumer group');
});

test('a preview that is no longer true is refused, naming what moved', () => {
  const now = new Map([['a:0', 9n], ['a:1', null], ['gone:0', 7n]]);
  const moved = movedSincePlan(rows, now);
  assert.deepEqual(moved.map((r) => `${r.topic}:${r.partition}`), ['a:0']);
  assert.match(staleError('g', moved, now).message, /changed since the preview \(a\/0: 4 → 9\).*Nothing was deleted/);
  assert.deepEqual(movedSincePlan(rows, new Map([['a:0', 4n], ['gone:0', 7n]])), []);
});

test('outcomes: gone on read-back = applied; a partition error = failed with its sentence; a lost answer is never "not applied"', () => {
  const two = [rows[0], rows[2]];
  const ok = deleteOutcomes('g', two, new Map([['a:0', 0], ['gone:0', 0]]), new Map());
  assert.deepEqual(ok.map((r) => r.outcome), ['applied', 'applied']);
  const subscribed = deleteOutcomes('g', two, new Map([['a:0', 86], ['gone:0', 0]]), new Map([['a:0', 4n]]));
  assert.deepEqual(subscribed.map((r) => r.outcome), ['failed', 'applied']);
  assert.match(subscribed[0].reason!, /GROUP_SUBSCRIBED_TO_TOPIC/);
  const lost = deleteOutcomes('g', two, undefined, new Map([['a:0', 4n]]), { write: new Error('Request timed out') });
  assert.deepEqual(lost.map((r) => r.outcome), ['unknown', 'applied']);
  assert.match(lost[0].reason!, /answer was lost \(Request timed out\); read back 4, but the delete may still land/);
  const unread = deleteOutcomes('g', two, new Map([['a:0', 0], ['gone:0', 0]]), undefined, { read: new Error('broker gone') });
  assert.deepEqual(unread.map((r) => r.outcome), ['unknown', 'unknown']);
  const again = deleteOutcomes('g', [rows[0]], new Map([['a:0', 0]]), new Map([['a:0', 5n]]));
  assert.equal(again[0].outcome, 'failed');
  assert.match(again[0].reason!, /still 5/);
});

test('the equivalent kafka-consumer-groups lines quote every value', () => {
  assert.equal(
    kafkaDeleteCommand(['h:9092'], { kind: 'offsets', group: "it's", topics: [{ topic: 'a', partitions: [0, 2] }, { topic: 'b' }] }),
    `kafka-consumer-groups.sh --bootstrap-server 'h:9092' --delete-offsets --group 'it'\\''s' --topic 'a:0,2' --topic 'b'`,
  );
  assert.equal(kafkaDeleteCommand(['h:1', 'h:2'], { kind: 'group', group: '$(x)' }), `kafka-consumer-groups.sh --bootstrap-server 'h:1,h:2' --delete --group '$(x)'`);
});

test('CLI: result table, exit codes (0 deleted, 1 not deleted, 3 unknown) and undo lines with quoted paths', () => {
  const texts: string[] = [];
  const notes: string[] = [];
  const out = { text: (s: string) => texts.push(s), note: (s: string) => notes.push(s) };
  const cfg = { brokers: ['h:9092'] };
  const file = "/tmp/snap dir/it's.json";
  const base = { kind: 'offsets' as const, group: 'g', snapshotFile: file, durationMs: 5 };
  assert.equal(reportDelete(out, { ...base, rows: deleteOutcomes('g', [rows[0]], new Map([['a:0', 0]]), new Map()) }, cfg), 0);
  assert.match(texts.at(-1)!, /Undo: kafka-offsets undo --bootstrap 'h:9092' --snapshot '\/tmp\/snap dir\/it'\\''s\.json'$/);
  assert.equal(reportDelete(out, { ...base, rows: deleteOutcomes('g', [rows[0]], new Map([['a:0', 86]]), new Map([['a:0', 4n]])) }, cfg), 1);
  assert.equal(reportDelete(out, { ...base, rows: deleteOutcomes('g', [rows[0]], undefined, undefined, { write: new Error('x') }) }, cfg), 3);
  assert.match(notes.at(-1)!, /UNKNOWN/);
  assert.equal(reportDelete(out, { kind: 'group', group: 'g', snapshotFile: null, durationMs: 1, rows: [], groupDeleted: true }, cfg), 0);
  assert.match(texts.at(-1)!, /had no committed offsets: nothing to undo/);
  assert.equal(reportDelete(out, { kind: 'group', group: 'g', snapshotFile: null, durationMs: 1, rows: [], groupDeleted: false }, cfg), 1);
  assert.equal(batchUndoLine(['/a b.json', '/c.json'], ['h:1']), `kafka-offsets undo --bootstrap 'h:1' --snapshot '/a b.json' --snapshot '/c.json'`);
  assert.match(deleteTable(rows), /gone\s+0\s+7\s+-\s+-\s+deleted/);
});

test('an undo knows a delete\'s snapshot from its reason; resets and undos are not deletes', () => {
  assert.equal(snapshotUndoes({ reason: deleteReason('the group') }), 'delete');
  assert.equal(snapshotUndoes({ reason: deleteReason('the share start offsets on t') }), 'delete');
  assert.equal(snapshotUndoes({ reason: 'reset to earliest on t' }), 'reset');
  assert.equal(snapshotUndoes({ reason: 'undo of the snapshot taken 2026-11-27T10:00:00.000Z' }), 'reset');
  assert.equal(snapshotUndoes({ reason: '' }), 'reset');
});
