/**
 * Lag in time in the tree (items + tree/timeLagView): "42 min behind" right after the lag in group,
 * topic and partition rows, the next record's time and the transaction note in a partition's tooltip,
 * and nothing extra when caught up or without a commit. Plain data, no VS Code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemFor, type ItemSource } from '../../src/extension/tree/items';
import { NodeCache } from '../../src/extension/tree/nodes';
import type { GroupModel } from '../../src/extension/tree/store';
import type { GroupLag } from '../../src/core/types';

const NEXT = Date.UTC(2026, 10, 27, 12, 0, 0);
const lag: GroupLag = {
  groupId: 'g',
  lag: 2_176n,
  timeLagMs: 42 * 60_000 + 10_000,
  topics: [
    {
      topic: 'orders',
      lag: 2_176n,
      timeLagMs: 42 * 60_000 + 10_000,
      partitions: [
        { topic: 'orders', partition: 0, logStart: 0n, logEnd: 3_000n, committed: 825n, lag: 2_175n, nextTimestamp: NEXT, timeLagMs: 42 * 60_000 + 10_000, pendingRecords: undefined },
        { topic: 'orders', partition: 1, logStart: 0n, logEnd: 11n, committed: 10n, lag: 1n, nextTimestamp: null, timeLagMs: 0, pendingRecords: 0, transactionMarkers: 1, abortedRecords: 0, note: 'caught up: 1 transaction marker' },
        { topic: 'orders', partition: 2, logStart: 0n, logEnd: 5n, committed: null, lag: null, nextTimestamp: null, timeLagMs: null },
      ],
    },
  ],
};
const g: GroupModel = { listing: { groupId: 'g', state: 'Empty', protocolType: 'consumer' }, lag };
const source: ItemSource = {
  clusterEntry: (id) => ({ id, name: 'Test', brokers: ['127.0.0.1:9092'] }),
  clusterCount: () => 1,
  implicit: () => false,
  clusterFailed: () => false,
  group: () => g,
};
const nodes = new NodeCache();

test('group and topic rows: the lag first, then how far behind in time', () => {
  assert.match(itemFor(nodes.group('c', 'g'), source).description!, /^lag 2,176 · 42 min behind · /);
  assert.match(itemFor(nodes.topic('c', 'g', 'orders'), source).description!, /^lag 2,176 · 42 min behind · 3 partitions/);
});

test('partition rows and tooltips: time behind, the next record\'s time, the transaction note', () => {
  const p0 = itemFor(nodes.partition('c', 'g', 'orders', 0), source);
  assert.equal(p0.description, '825 / 3,000 · lag 2,175 · 42 min behind');
  assert.match((p0.tooltip as { markdown: string }).markdown, /Next record: 2026-11-27T12:00:00\.000Z \(42 min behind\)/);
  const p1 = itemFor(nodes.partition('c', 'g', 'orders', 1), source);
  assert.equal(p1.description, '10 / 11 · lag 1 · caught up: 1 transaction marker', 'lag 1 forever, explained');
  const tip1 = (p1.tooltip as { markdown: string }).markdown;
  assert.match(tip1, /Next record: none yet \(caught up\)/);
  assert.match(tip1, /Records still to read: 0/);
  assert.match(tip1, /Transactions: caught up: 1 transaction marker/);
  const p2 = itemFor(nodes.partition('c', 'g', 'orders', 2), source);
  assert.equal(p2.description, 'no commit');
  assert.doesNotMatch((p2.tooltip as { markdown: string }).markdown, /Next record/);
});

test('lag read without time lag (older engine answer): rows as before, nothing invented', () => {
  const plain: GroupModel = { listing: g.listing, lag: { groupId: 'g', lag: 5n, topics: [{ topic: 't', lag: 5n, partitions: [{ topic: 't', partition: 0, logStart: 0n, logEnd: 5n, committed: 0n, lag: 5n }] }] } };
  const src = { ...source, group: () => plain };
  assert.equal(itemFor(nodes.partition('c', 'g', 't', 0), src).description, '0 / 5 · lag 5');
  assert.doesNotMatch((itemFor(nodes.partition('c', 'g', 't', 0), src).tooltip as { markdown: string }).markdown, /Next record/);
  assert.doesNotMatch(itemFor(nodes.group('c', 'g'), src).description!, /behind/);
});
