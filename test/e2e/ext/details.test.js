'use strict';
// "Show Group Details": the group's lag over time and catch-up status. The real webview script loads
// under its CSP and says `ready`; every sample of the group (the panel's Refresh, the tree's refresh)
// posts fresh details; offsets moved on the broker between two samples show as "catching up"; a
// malformed message from the webview is dropped by the guard and logged, never acted on.
const assert = require('node:assert/strict');
const s = require('./support');

const VIEW_TYPE = 'kafkaOffsets.groupDetails';

describe('Show Group Details: lag over time and catch-up status', function () {
  this.timeout(180_000);
  const topic = s.unique('details-orders');

  before(async function () {
    this.timeout(120_000);
    await s.activate();
    await s.createTopics([{ topic, partitions: 2, messages: 500 }]);
  });

  after(async () => {
    for (const w of s.webviews) if (!w.disposed && w.viewType === VIEW_TYPE) w.panel.dispose();
    await s.closeAll();
    await s.resetSettings();
  });

  async function open(group) {
    const before = s.webviews.length;
    await s.within(30_000, 'Show Group Details', s.cmd('kafkaOffsets.showGroupDetails', { clusterId: s.CLUSTER_ID, group }));
    return s.poll(`a ${VIEW_TYPE} panel for ${group}`, () => s.webviews.slice(before).find((w) => w.viewType === VIEW_TYPE && w.panel.title.includes(group)), { timeoutMs: 10_000 });
  }

  it('loads under its CSP, says ready, and shows a first sample; a refresh after progress says catching up', async () => {
    const group = s.unique('details-group');
    await s.commit(group, [
      { topic, partition: 0, offset: 0 },
      { topic, partition: 1, offset: 0 },
    ]);
    const panel = await open(group);
    assert.equal(panel.panel.title, `Group Details: ${group}`);
    await s.poll(() => `the real webview to post "ready" (received: ${JSON.stringify(panel.received)})`, () => panel.received.some((m) => m && m.type === 'ready'), { timeoutMs: 30_000 });
    const first = await s.posted(panel, (m) => m.type === 'details' && m.details.series.length >= 1, 'details with a first sample');
    assert.equal(first.details.lag, '1000');
    assert.equal(first.details.group, group);

    // The consumer "commits" 300 per partition, then the webview asks for a refresh.
    await s.commit(group, [
      { topic, partition: 0, offset: 300 },
      { topic, partition: 1, offset: 300 },
    ]);
    const from = panel.posted.length;
    s.deliver(panel, { type: 'refresh', requestId: 'r1' });
    const answer = await s.posted(panel, (m) => m.type === 'details' && m.requestId === 'r1', 'the answer to refresh r1', { from });
    const d = answer.details;
    assert.equal(d.lag, '400');
    assert.equal(d.statusKind, 'catching-up', JSON.stringify(d));
    assert.match(d.status, /^catching up \(~\d+ (s|min)\)$/);
    assert.ok(d.series.length >= 2, `two samples or more: ${JSON.stringify(d.series)}`);
    assert.deepEqual(d.topics.map((t) => [t.topic, t.lag]), [[topic, '400']]);

    // The tree's own refresh of the group is a sample too, and reaches the open panel.
    const beforeTree = panel.posted.length;
    await s.cmd('kafkaOffsets.refresh', { kind: 'group', id: 'details-test', clusterId: s.CLUSTER_ID, groupId: group });
    await s.posted(panel, (m) => m.type === 'details' && m.details.series.length > d.series.length, 'details after the tree\'s refresh', { from: beforeTree });
  });

  it('a malformed message is dropped and logged; opening again reveals the same panel', async () => {
    const group = s.unique('details-group');
    await s.commit(group, [{ topic, partition: 0, offset: 10 }]);
    const panel = await open(group);
    await s.posted(panel, (m) => m.type === 'details' && m.details.series.length >= 1, 'details with a first sample');
    const mark = s.api.log.recent().length;
    const from = panel.posted.length;
    s.deliver(panel, { type: 'refresh', requestId: '../../etc', extra: true });
    await s.poll('the guard to log the dropped message', () => s.logSince(mark).some((l) => /Group Details: ignored a malformed message/.test(l)));
    assert.equal(panel.posted.slice(from).length, 0, 'nothing answered');
    const before = s.webviews.length;
    await s.cmd('kafkaOffsets.showGroupDetails', { clusterId: s.CLUSTER_ID, group });
    assert.equal(s.webviews.length, before, 'no second panel');
  });
});
