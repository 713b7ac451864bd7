/**
 * The form's topic search (src/webview/form.ts, shown by view/inputs.ts): a cluster with many topics gets a search box
 * that narrows the Topic list and never drops the chosen topic; a short list has no box.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F as V, Form, GROUP, init } from './webview-fixtures';
import type { GroupInfo } from '../../src/protocol';

function many(n: number): GroupInfo {
  const extra = Array.from({ length: n }, (_, i) => ({ topic: `events-${String(i).padStart(3, '0')}`, partitions: 1, ofGroup: false, lag: null, partitionLag: [] }));
  return { ...GROUP, topics: [...GROUP.topics, ...extra] };
}

test('topic search: the list keeps the topics containing the text (any case) and the chosen one', () => {
  const f = Form.fresh();
  f.host(init(), { type: 'group', info: many(120) });
  f.send({ type: 'topic', topic: 'orders' });
  f.send({ type: 'topicSearch', text: 'EVENTS-11' });
  const shown = V.searchedTopics(f.model).map((t) => t.topic);
  assert.deepEqual(shown, ['orders', 'events-110', 'events-111', 'events-112', 'events-113', 'events-114', 'events-115', 'events-116', 'events-117', 'events-118', 'events-119']);
  f.send({ type: 'topicSearch', text: '' });
  assert.equal(V.searchedTopics(f.model).length, 122, 'cleared: every topic again');
  f.send({ type: 'topicSearch', text: 'zzz' });
  assert.deepEqual(V.searchedTopics(f.model).map((t) => t.topic), ['orders'], 'no match: only the chosen topic stays');
});

test('topic search: below the threshold there is no search and nothing is filtered', () => {
  const f = Form.fresh();
  f.host(init(), { type: 'group', info: GROUP });
  f.send({ type: 'topicSearch', text: 'orders' });
  assert.ok(GROUP.topics.length < V.TOPIC_SEARCH_FROM);
  assert.equal(V.searchedTopics(f.model).length, GROUP.topics.length);
});
