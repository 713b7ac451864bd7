/**
 * Topics a group consumes that the cluster does not describe to us (deleted, or no Describe ACL):
 * how lag assembles them, and how the CLI and the tree word them. Pure: no broker (the real-broker
 * case is in test/integration/secure.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroupLag } from '../../src/core/lag';
import type { GroupDescription } from '../../src/core/types';
import { hiddenTopicNote, topicsCell, lagJson } from '../../src/cli/format';
import { hiddenTopicView } from '../../src/extension/groupLabels';

const description = (assignment: Array<{ topic: string; partition: number }>): GroupDescription => ({
  groupId: 'g',
  state: 'Stable',
  protocolType: 'consumer',
  protocol: 'range',
  coordinator: { nodeId: 1, host: 'h', port: 9092 },
  members: [{ memberId: 'm-1', clientId: 'svc-1', host: '/10.0.0.1', assignment }],
});

test('an assigned topic we may not describe is hidden (not in the lag), a visible one is counted', () => {
  const d = description([
    { topic: 'orders', partition: 0 },
    { topic: 'secret', partition: 0 },
    { topic: 'secret', partition: 1 },
  ]);
  const committed = new Map<string, bigint | null>([['orders:0', 5n]]);
  const lag = buildGroupLag(d, committed, new Map([['orders', 1]]), new Map([['orders:0', 0n]]), new Map([['orders:0', 12n]]), new Map([['secret', 'unauthorized' as const]]));
  assert.equal(lag.lag, 7n);
  assert.deepEqual(lag.topics.map((t) => t.topic), ['orders']);
  assert.deepEqual(lag.hiddenTopics, [{ topic: 'secret', reason: 'unauthorized', committed: [], assignedTo: ['svc-1'] }]);
});

test('committed offsets of a deleted topic are kept, sorted by partition; null offsets are not offsets', () => {
  const committed = new Map<string, bigint | null>([
    ['gone:2', 30n],
    ['gone:0', 10n],
    ['gone:1', null],
  ]);
  const lag = buildGroupLag(description([]), committed, new Map(), new Map(), new Map(), new Map([['gone', 'deleted' as const]]));
  assert.deepEqual(lag.topics, []);
  assert.equal(lag.lag, 0n);
  assert.deepEqual(lag.hiddenTopics, [{ topic: 'gone', reason: 'deleted', committed: [{ partition: 0, offset: 10n }, { partition: 2, offset: 30n }], assignedTo: [] }]);
});

test('no hidden topics: the field is absent (JSON output unchanged for the common case)', () => {
  const lag = buildGroupLag(description([{ topic: 'orders', partition: 0 }]), new Map(), new Map([['orders', 1]]), new Map(), new Map());
  assert.equal('hiddenTopics' in lag, false);
  assert.equal('hiddenTopics' in lagJson(lag), false);
});

test('CLI: one sentence per hidden topic naming topic, reason, members and offsets; the all-groups cell marks it', () => {
  const unauthorized = { topic: 'secret', reason: 'unauthorized' as const, committed: [], assignedTo: ['svc-1', 'svc-2'] };
  assert.equal(hiddenTopicNote(unauthorized), 'Not authorized to describe topic "secret" (needs Describe on the topic); assigned to svc-1, svc-2: its lag cannot be read and is not in the total.');
  const deleted = { topic: 'gone', reason: 'deleted' as const, committed: [{ partition: 0, offset: 1200n }], assignedTo: [] };
  assert.equal(hiddenTopicNote(deleted), 'Topic "gone" does not exist (deleted?); committed p0=1,200: its lag cannot be read and is not in the total.');
  assert.equal(topicsCell({ groupId: 'g', lag: 0n, topics: [{ topic: 'orders', lag: 0n, partitions: [] }], hiddenTopics: [unauthorized, deleted] }), 'orders secret (not authorized) gone (deleted)');
  const json = lagJson({ groupId: 'g', lag: 0n, topics: [], hiddenTopics: [deleted] });
  assert.deepEqual(json.hiddenTopics, [{ topic: 'gone', reason: 'deleted', assignedTo: [], committed: [{ partition: 0, offset: 1200 }] }]);
});

test('tree: label, description and a tooltip that explains (Markdown-escaped names)', () => {
  const v = hiddenTopicView({ topic: 'secret_*x', reason: 'unauthorized', committed: [{ partition: 3, offset: 7n }], assignedTo: ['svc_1'] });
  assert.equal(v.label, 'secret_*x');
  assert.equal(v.description, 'not authorized to describe · lag unknown');
  assert.match(v.tooltip, /^You are not authorized to describe topic secret\\_\\\*x \(needs Describe on the topic\)/);
  assert.match(v.tooltip, /Assigned to: svc\\_1/);
  assert.match(v.tooltip, /Committed offsets: p3 = 7/);
  assert.equal(hiddenTopicView({ topic: 'gone', reason: 'deleted', committed: [], assignedTo: [] }).description, 'does not exist · lag unknown');
});
