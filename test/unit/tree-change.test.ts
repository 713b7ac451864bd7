/**
 * The tree's change markers (src/extension/tree/changeMark.ts): lag up/down since the last refresh, from
 * the two newest samples of a group's history, on the group row's label (after the compact lag), in
 * its tooltip and accessibility label, on topic rows; and the store's row state, which must change when
 * a marker appears or goes (else VS Code keeps showing a stale arrow). Plain data, no VS Code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeArrow, changeTooltipLine, changeWords, lagChange } from '../../src/extension/tree/changeMark';
import { groupLabel } from '../../src/extension/tree/lagMark';
import { itemFor, type ItemSource } from '../../src/extension/tree/items';
import { NodeCache } from '../../src/extension/tree/nodes';
import { shownState, topicScope, type GroupModel } from '../../src/extension/tree/model';
import { recordSample, sampleOf } from '../../src/core/catchUp';
import type { GroupLag } from '../../src/core/types';

/** A group's lag: topic → [committed, logEnd] per partition (committed null = no commit). */
function lagOf(groupId: string, topics: Record<string, Array<[number | null, number]>>): GroupLag {
  const tls = Object.entries(topics).map(([topic, ps]) => {
    const partitions = ps.map(([c, end], partition) => ({
      topic,
      partition,
      committed: c === null ? null : BigInt(c),
      logStart: 0n,
      logEnd: BigInt(end),
      lag: c === null ? null : BigInt(end - c),
    }));
    const known = partitions.filter((p) => p.lag !== null);
    return { topic, partitions, lag: known.length ? known.reduce((s, p) => s + p.lag!, 0n) : null };
  });
  const known = tls.filter((t) => t.lag !== null);
  return { groupId, topics: tls, lag: known.length ? known.reduce((s, t) => s + t.lag!, 0n) : null };
}

/** A group read at each of `reads` (seconds), its lag being the last read's: what the store keeps. */
function groupRead(groupId: string, reads: Array<[number, Record<string, Array<[number | null, number]>>]>): GroupModel {
  const g: GroupModel = { listing: { groupId, state: 'Empty', protocolType: 'consumer' }, description: { groupId, state: 'Empty', protocolType: 'consumer', protocol: '', members: [], coordinator: { nodeId: 1, host: 'h', port: 9092 } } };
  for (const [at, topics] of reads) {
    g.lag = lagOf(groupId, topics);
    g.history = recordSample(g.history ?? [], sampleOf(g.lag, at * 1000));
  }
  return g;
}

const nodes = new NodeCache();
const source = (g: GroupModel): ItemSource => ({
  clusterEntry: (id) => ({ id, name: 'Test', brokers: ['127.0.0.1:9092'] }),
  clusterCount: () => 1,
  implicit: () => false,
  clusterFailed: () => false,
  group: () => g,
});

test('lag up or down between the two newest samples, with both figures and the time between the reads', () => {
  const g = groupRead('g', [
    [0, { t: [[0, 500]] }],
    [10, { t: [[100, 2_000]] }],
    [20, { t: [[880, 3_000]] }],
  ]);
  // 1,900 → 2,120: the newest two only (the first sample does not count).
  assert.deepEqual(lagChange(g.history), { before: 1_900n, after: 2_120n, overMs: 10_000 });
  assert.equal(changeArrow(lagChange(g.history)!), '↑220');
  const down = lagChange(groupRead('g', [[0, { t: [[0, 5_000]] }], [12, { t: [[3_700, 5_000]] }]]).history)!;
  assert.equal(changeArrow(down), '↓3.7K', 'compact, rounded down like the lag');
  assert.equal(changeTooltipLine(down), 'Since the last refresh (12 s earlier): lag −3,700 (5,000 → 1,300)');
  assert.equal(changeWords(down), 'lag down 3,700 since the last refresh');
  assert.equal(changeWords(lagChange(g.history)!), 'lag up 220 since the last refresh');
});

test('no marker: one sample only, the same lag, or no commit on either side', () => {
  assert.equal(lagChange(undefined), undefined);
  assert.equal(lagChange(groupRead('g', [[0, { t: [[1, 9]] }]]).history), undefined, 'a first read has nothing to compare with');
  // Both moved by the same amount: lag unchanged, nothing to mark (the catch-up status speaks of rates).
  assert.equal(lagChange(groupRead('g', [[0, { t: [[1, 9]] }], [10, { t: [[11, 19]] }]]).history), undefined);
  assert.equal(lagChange(groupRead('g', [[0, { t: [[null, 9]] }], [10, { t: [[4, 9]] }]]).history), undefined, 'first commit: lag appears, it did not move');
});

test('a topic\'s marker counts its own partitions only', () => {
  const g = groupRead('g', [
    [0, { orders: [[0, 10], [0, 10]], audit: [[5, 5]] }],
    [10, { orders: [[0, 30], [0, 10]], audit: [[5, 8]] }],
  ]);
  assert.equal(changeArrow(lagChange(g.history)!), '↑23', 'the group: both topics');
  assert.equal(changeArrow(lagChange(g.history, topicScope('orders', [{ partition: 0 }, { partition: 1 }]))!), '↑20');
  assert.equal(changeArrow(lagChange(g.history, topicScope('audit', [{ partition: 0 }]))!), '↑3');
});

test('the group row leads with the lag and its marker, so a 300 px side bar cuts the id, never them; tooltip and screen reader say it in full', () => {
  assert.equal(groupLabel('…billing', 2_120n, '↑220'), '2.1K ↑220 · …billing');
  assert.equal(groupLabel('…billing', 0n, '↓1.2K'), '0 ↓1.2K · …billing', 'just caught up: the 0 says where it landed');
  assert.equal(groupLabel('…billing', 0n), '…billing', 'no lag and no change: the id alone, as before');
  assert.equal(groupLabel('…billing', 7n), '7 · …billing');

  const g = groupRead('payments-billing', [
    [0, { t: [[0, 500]] }],
    [10, { t: [[100, 2_000]] }],
  ]);
  const item = itemFor(nodes.group('c', 'payments-billing'), source(g));
  assert.equal(item.label, '1.9K ↑1.4K · payments-billing');
  assert.match(typeof item.tooltip === 'object' ? item.tooltip.markdown : '', /Since the last refresh \(10 s earlier\): lag \+1,400 \(500 → 1,900\)$/);
  assert.match(String(item.accessibilityLabel), /, lag up 1,400 since the last refresh$/);
  assert.match(String(item.description), /^lag 1,900\b/, 'the description keeps the exact lag first');

  const steady = groupRead('steady', [[0, { t: [[0, 500]] }], [10, { t: [[0, 500]] }]]);
  const still = itemFor(nodes.group('c', 'steady'), source(steady));
  assert.equal(still.label, '500 · steady');
  assert.doesNotMatch(typeof still.tooltip === 'object' ? still.tooltip.markdown : '', /Since the last refresh/);
});

test('a topic row shows its own marker right after its lag', () => {
  const g = groupRead('g', [
    [0, { orders: [[0, 10]], audit: [[5, 5]] }],
    [10, { orders: [[0, 30]], audit: [[5, 5]] }],
  ]);
  const orders = itemFor(nodes.topic('c', 'g', 'orders'), source(g));
  assert.equal(orders.description, 'lag 30 · ↑20 · 1 partition');
  const audit = itemFor(nodes.topic('c', 'g', 'audit'), source(g));
  assert.equal(audit.description, 'lag 0 · 1 partition', 'no change on this topic: no marker');
});

test('the row state the store compares changes when a marker goes away, so the row is redrawn without it', () => {
  const g = groupRead('g', [
    [0, { t: [[0, 10]] }],
    [10, { t: [[0, 30]] }],
  ]);
  const withMarker = shownState(g);
  // A third read with the same offsets: lag, offsets and catch-up words unchanged, the marker gone.
  g.history = recordSample(g.history!, sampleOf(g.lag!, 20_000));
  const without = shownState(g);
  assert.notEqual(without, withMarker);
  assert.equal(itemFor(nodes.group('c', 'g'), source(g)).label, '30 · g');
});

test('a group with members whose commits stalled over the window gets the error mark; once they move again, none', () => {
  const member = { memberId: 'm', clientId: 'c', host: 'h', assignment: [{ topic: 't', partition: 0 }] };
  const g = groupRead('stuck', [
    [0, { t: [[10, 100]] }],
    [20, { t: [[10, 110]] }],
    [40, { t: [[10, 120]] }],
  ]);
  g.description = { ...g.description!, state: 'Stable', members: [member] as never };
  g.listing = { ...g.listing, state: 'Stable' };
  assert.equal(itemFor(nodes.group('c', 'stuck'), source(g)).resourceUri, 'kafka-offsets-lag:/stalled');
  g.lag = lagOf('stuck', { t: [[125, 130]] });
  g.history = recordSample(g.history!, sampleOf(g.lag, 60_000));
  assert.equal(itemFor(nodes.group('c', 'stuck'), source(g)).resourceUri, undefined, 'commits moved: catching up, no mark');
});
