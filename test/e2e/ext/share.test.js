'use strict';
// A share group (KIP-932) reset from the tree, with a real Java KafkaShareConsumer
// (test/support/groupClients.js): the group's topic offers Reset and Delete Share Offsets; the reset
// is refused while the consumer is a member ("Wait until empty"), applied once it stops (share-partition
// start offsets read back), undone from its snapshot; deleting the topic's share offsets is previewed,
// confirmed, read back and undone too. On a broker without share groups (Kafka 3.x) it says so loudly.
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

const groupClients = require(path.join(s.REPO, 'test/support/groupClients.js'));

describe('Share groups: reset and delete share offsets from the tree', function () {
  this.timeout(300_000);
  let api;
  let client;
  let hasShareGroups = false;
  const topic = s.unique('share-topic');
  const group = s.unique('share-group');

  s.fileHooks(async (a) => {
    api = a;
    client = s.engineClient();
    hasShareGroups = await shareGroupsSupported();
    if (!hasShareGroups) return;
    await s.createTopics([{ topic, partitions: 2, messages: 10 }]);
  });

  async function shareGroupsSupported() {
    try {
      await s.core.readShareStartOffsets(client, 'probe', null);
      return true;
    } catch (e) {
      if (/does not support share groups/.test(String(e && e.message))) return false;
      throw e;
    }
  }

  /** { "topic:partition": "start offset" | null } of the group. */
  async function starts() {
    const m = await s.core.readShareStartOffsets(client, group, null);
    return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.startOffset === null ? null : String(v.startOffset)]));
  }

  async function topicNode() {
    const g = await s.groupNode(group);
    const kids = await api.tree.getChildren(g);
    const node = kids.find((k) => k.kind === 'topic' && k.topic === topic);
    assert.ok(node, `topic ${topic} under share group ${group}`);
    return node;
  }

  it('reset from the topic node: refused with the consumer in the group, applied after it stops, read back and undone; Delete Share Offsets too', async function () {
    if (!hasShareGroups) {
      console.log('      !!! NOT APPLICABLE: this broker has no share groups (Kafka 4.1+); the share-group reset is not tested here');
      this.skip();
    }
    const consumer = await groupClients.startShareConsumer({ bootstrap: s.bootstrap(), group, topic, autoOffsetReset: 'earliest' });
    let stopped = false;
    try {
      // Member, with start offsets on both partitions (the broker says the share lag is 0).
      await s.poll('the share consumer to read everything', async () => {
        const m = await s.core.readShareStartOffsets(client, group, null);
        return [0, 1].every((p) => m.get(`${topic}:${p}`)?.lag === 0n && m.get(`${topic}:${p}`)?.startOffset !== null);
      }, { timeoutMs: 90_000, intervalMs: 500 });
      const before = await starts();

      const node = await topicNode();
      const item = api.tree.getTreeItem(node);
      assert.equal(item.contextValue, 'topic:share', 'a share group\'s topic matches the Delete Share Offsets menu');

      // The reset from the topic node: shift-by is not offered; latest.
      const mark = api.log.recent().length;
      const modalMark = s.modals.length;
      s.onModal(async (message, _detail, buttons) => {
        if (buttons.includes('Wait until empty')) {
          // The user stops the share consumer, then waits: a graceful close leaves the group at once.
          await consumer.close();
          stopped = true;
          return 'Wait until empty';
        }
        return s.answerWith('Reset Offsets')(message, _detail, buttons);
      });
      const running = s.cmd('kafkaOffsets.resetOffset', node);
      await s.choose((i) => i.partition === -1, { what: 'All partitions (2)' });
      const modes = (await s.choose((i) => i.mode === 'latest', { what: 'mode Latest' })).rec.qi;
      assert.ok(!modes.items.some((i) => i.mode === 'shiftBy'), `shift-by is not offered for a share group: ${modes.items.map((i) => i.mode).join(', ')}`);
      assert.match(modes.placeholder, /not offered for share groups/);
      await s.choose((i) => i.action === 'apply', { what: 'the "Reset 2 partitions…" item' });
      const reset = await s.within(120_000, 'the share reset', running);

      const asked = s.modalsSince(modalMark);
      assert.equal(asked.length, 2, asked.map((m) => m.message).join(' / '));
      assert.equal(asked[0].message, `Group "${group}" on Test still has 1 member: it cannot be reset while consumers are in it`);
      assert.ok(asked[0].detail.includes(consumer.clientId), asked[0].detail);
      assert.equal(asked[1].message, `Reset share group "${group}" on cluster "Test"?`);
      assert.match(asked[1].detail, /share-partition start offsets/);
      assert.ok(reset, 'reset applied');
      assert.deepEqual(reset.rows.map((r) => [r.partition, r.outcome, String(r.readBack)]), [[0, 'applied', '10'], [1, 'applied', '10']]);
      assert.deepEqual(await starts(), { [`${topic}:0`]: '10', [`${topic}:1`]: '10' });
      const log = s.logSince(mark);
      assert.ok(log.some((l) => l.includes(`Reset of group "${group}" on Test: `) && l.includes('2 applied, 0 failed, 0 unknown')), log.join('\n'));
      assert.ok(log.some((l) => l.startsWith('[info] Snapshot of the previous offsets: ')), log.join('\n'));

      // Undo from the group: back to the start offsets from before.
      const undoMark = s.modals.length;
      s.onModal(s.answerWith('Undo Reset'));
      const undo = await s.within(60_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group }));
      assert.ok(undo, 'undo applied');
      const undoAsked = s.modalsSince(undoMark);
      assert.match(undoAsked[0].detail, /share start offsets/);
      assert.ok(undoAsked[0].detail.includes(`${topic}/0: 10 → ${before[`${topic}:0`]}`), undoAsked[0].detail);
      assert.deepEqual(await starts(), before);

      // Delete Share Offsets from the topic node: previewed, confirmed, gone; its undo puts them back.
      const delMark = s.modals.length;
      s.onModal(s.answerWith('Delete Share Offsets'));
      const deleting = s.cmd('kafkaOffsets.deleteShareOffsets', await topicNode());
      await s.choose((i) => i.go === true, { what: 'the "Delete the share offsets of 2 partitions…" item' });
      const deleted = await s.within(60_000, 'the delete', deleting);
      assert.ok(deleted, 'delete applied');
      assert.equal(s.modalsSince(delMark)[0].message, `Delete the share offsets of group "${group}" on topic "${topic}" (cluster "Test")?`);
      assert.deepEqual(deleted.rows.map((r) => r.outcome), ['applied', 'applied']);
      assert.deepEqual(await starts(), {});
      const undoDelMark = s.modals.length;
      s.onModal(s.answerWith('Undo Delete'));
      assert.ok(await s.within(60_000, 'the undo of the delete', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group })));
      assert.equal(s.modalsSince(undoDelMark)[0].message, `Undo the delete of the share start offsets on ${topic} (group "${group}", cluster "Test")?`);
      assert.deepEqual(await starts(), before);
    } finally {
      if (!stopped) await consumer.close().catch(() => undefined);
    }
  });
});
