/**
 * What the tree's rows show (src/extension/tree/items.ts), checked as plain data without VS Code:
 * the contextValues the menus match on, the Retry click of an error row, the warning colour of a
 * group with lag and nobody consuming.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUPS_PER_PAGE, itemFor, moreItem, type ItemSource } from '../../src/extension/tree/items';
import { NodeCache } from '../../src/extension/tree/nodes';
import type { GroupModel } from '../../src/extension/tree/store';
import { md } from '../../src/extension/markdown';

const nodes = new NodeCache();
const groups = new Map<string, GroupModel>([
  ['idle', { listing: { groupId: 'idle', state: 'Empty', protocolType: 'consumer' }, lag: { groupId: 'idle', lag: 90n, topics: [] } }],
]);
const source = (o: Partial<ItemSource> = {}): ItemSource => ({
  clusterEntry: (id) => ({ id, name: 'Test', brokers: ['127.0.0.1:9092'] }),
  clusterCount: () => 2,
  implicit: () => false,
  clusterFailed: () => false,
  group: (_c, g) => groups.get(g),
  ...o,
});

test('the node cache returns one object per id, and a message keeps its identity with a new text', () => {
  assert.equal(nodes.group('c', 'g'), nodes.group('c', 'g'));
  const m = nodes.message('c', undefined, 'error', 'first');
  assert.equal(nodes.message('c', undefined, 'error', 'second'), m);
  assert.equal(m.text, 'second');
  assert.notEqual(nodes.cluster('a'), nodes.cluster('b'));
});

test('a cluster row: collapsed among several, expanded alone, red plug when it failed, contextValue per implicitness', () => {
  const el = nodes.cluster('c');
  assert.deepEqual(
    [itemFor(el, source()).collapsible, itemFor(el, source({ clusterCount: () => 1 })).collapsible],
    ['collapsed', 'expanded'],
  );
  assert.deepEqual(itemFor(el, source({ clusterFailed: () => true })).icon, { id: 'debug-disconnect', color: 'problemsErrorIcon.foreground' });
  assert.equal(itemFor(el, source()).contextValue, 'cluster');
  assert.equal(itemFor(el, source({ implicit: () => true })).contextValue, 'cluster:implicit');
  assert.equal(itemFor(el, source()).label, 'Test');
});

test('a group row: state contextValue, lag description, warning colour for lag without members; unknown group shows its id only', () => {
  const item = itemFor(nodes.group('c', 'idle'), source());
  assert.equal(item.contextValue, 'group:empty');
  assert.equal(item.description, 'lag 90 · empty');
  assert.equal(item.icon?.color, 'problemsWarningIcon.foreground');
  assert.equal(item.label, '90 · idle', 'the lag leads the label, where truncation cannot reach it');
  assert.equal(item.resourceUri, 'kafka-offsets-lag:/unconsumed', 'lag and nobody consuming: the label is coloured');
  assert.ok(typeof item.tooltip === 'object' && item.tooltip.markdown.includes('idle'));
  assert.deepEqual(itemFor(nodes.group('c', 'gone'), source()), { label: 'gone', id: nodes.group('c', 'gone').id, collapsible: 'collapsed' });
});

test('a group with a partition that has no commit says so on its row and in its tooltip, not only when expanded', () => {
  const partitions = [
    { topic: 'orders', partition: 0, committed: 40n, logStart: 0n, logEnd: 200n, lag: 160n },
    { topic: 'orders', partition: 1, committed: null, logStart: 0n, logEnd: 400n, lag: 0n },
  ];
  const g: GroupModel = {
    listing: { groupId: 'half', state: 'Empty', protocolType: 'consumer' },
    lag: { groupId: 'half', lag: 160n, topics: [{ topic: 'orders', lag: 160n, partitions }] },
  };
  const item = itemFor(nodes.group('c', 'half'), source({ group: () => g }));
  assert.equal(item.description, 'lag 160 · 1 without commit · empty');
  assert.ok(typeof item.tooltip === 'object' && /Without commit: 1 partition — not counted in the lag/.test(item.tooltip.markdown), JSON.stringify(item.tooltip));
  assert.match(String(item.accessibilityLabel), /1 without commit/);
  const committed = itemFor(nodes.group('c', 'idle'), source());
  assert.ok(typeof committed.tooltip === 'object' && !committed.tooltip.markdown.includes('Without commit'), 'no line when every partition has a commit');
});

test('an error row retries on click with itself as the argument; an info row has no command', () => {
  const err = nodes.message('c', 'g', 'error', 'Group "g": *denied*');
  const item = itemFor(err, source());
  assert.equal(item.contextValue, 'error');
  assert.deepEqual(item.command, { command: 'kafkaOffsets.refresh', title: 'Retry', arguments: [err] });
  assert.ok(typeof item.tooltip === 'object' && item.tooltip.markdown.startsWith(md('Group "g": *denied*')) && !item.tooltip.markdown.includes('*denied*'), 'the reason is Markdown-escaped');
  const info = itemFor(nodes.message('c', undefined, 'info', 'No consumer groups on this cluster'), source());
  assert.equal(info.contextValue, 'info');
  assert.equal(info.command, undefined);
  assert.equal(info.tooltip, 'No consumer groups on this cluster');
});

test('tree labels show a hostile group id or topic with its bidi and control characters as escapes', () => {
  const id = 'pay\u202egnp\u001b[31m\nx';
  const item = itemFor(nodes.group('c', id), source());
  assert.equal(item.label, 'pay\\u202egnp\\x1b[31m\\nx');
  assert.equal(itemFor(nodes.group('c', 'orders-consumer'), source()).label, 'orders-consumer', 'ordinary ids unchanged');
});

test('a long cluster\'s last row offers the next page of groups and says how many are not shown', () => {
  const nodes = new NodeCache();
  const more = moreItem(nodes.more('c1', 4500));
  assert.equal(more.label, `Show ${GROUPS_PER_PAGE} more groups`);
  assert.equal(more.description, '4,500 not shown · Filter Groups finds any');
  assert.deepEqual(more.command?.arguments, ['c1']);
  assert.equal(more.command?.command, 'kafkaOffsets.showMoreGroups');
  assert.equal(moreItem(nodes.more('c1', 7)).label, 'Show 7 more groups', 'never more than are left');
  assert.equal(nodes.more('c1', 7), nodes.more('c1', 3), 'one node per cluster, its count updated in place');
});
