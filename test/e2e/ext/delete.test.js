'use strict';
// The deleting and copying commands of the Consumer Groups view, from their tree nodes:
//  - "Delete Committed Offsets…" on a topic and on a partition: previewed, confirmed, only the planned
//    partitions lose their offsets; Undo puts them back exactly;
//  - "Delete Group…": the group goes (Dead, no offsets); Undo recommits its offsets, recreating it; with a
//    consumer in it, "Wait until empty" then a fresh preview;
//  - "Copy Offsets From…": another group's committed offsets become this group's (clamped), then Undo.
const assert = require('node:assert/strict');
const s = require('./support');

describe('Delete Committed Offsets, Delete Group and Copy Offsets From from the tree', function () {
  this.timeout(240_000);
  let api;
  const topic = s.unique('del-orders');
  const other = s.unique('del-other');

  s.fileHooks(async (a) => {
    api = a;
    await s.createTopics([
      { topic, partitions: 3, messages: 30 },
      { topic: other, partitions: 1, messages: 10 },
    ]);
  });

  const COMMITS = () => [
    { topic, partition: 0, offset: 5 },
    { topic, partition: 1, offset: 6 },
    { topic, partition: 2, offset: 7 },
    { topic: other, partition: 0, offset: 3 },
  ];
  const ALL = () => ({ [`${other}:0`]: '3', [`${topic}:0`]: '5', [`${topic}:1`]: '6', [`${topic}:2`]: '7' });

  /** The group's topic node (and its partition nodes), as the context menu receives them. */
  async function topicNode(group) {
    const kids = await api.tree.getChildren(await s.groupNode(group));
    const node = kids.find((k) => k.topic === topic);
    assert.ok(node, `topic ${topic} under group ${group}`);
    assert.equal(api.tree.getTreeItem(node).contextValue, 'topic', 'the menu "viewItem =~ /^(topic|partition)$/" matches it');
    return node;
  }

  /** Undo Last Reset on the group; `what` is the change its confirmation must name. */
  async function undo(group, what) {
    const mark = s.modals.length;
    s.onModal(s.answerWith(what === 'reset' ? 'Undo Reset' : 'Undo Delete'));
    assert.ok(await s.within(60_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group })));
    const expected = what === 'reset' ? `Undo the reset of group "${group}" on cluster "Test"?` : `Undo the ${what} (group "${group}", cluster "Test")?`;
    assert.equal(s.modalsSince(mark)[0].message, expected);
  }

  it('Delete Committed Offsets… on a topic, then on one partition: only those go; Undo restores exactly', async () => {
    const group = s.unique('del-offsets');
    await s.commit(group, COMMITS());
    const node = await topicNode(group);

    const mark = s.modals.length;
    s.onModal(s.answerWith('Delete Offsets'));
    const running = s.cmd('kafkaOffsets.deleteOffsets', node);
    const { rec } = await s.choose((i) => i.go === true, { what: 'the "Delete the committed offsets of 3 partitions…" item' });
    assert.ok(rec.qi.items.some((i) => i.label === `${topic}/0: 5 (lag 25) → none`), rec.qi.items.map((i) => i.label).join(' | '));
    const result = await s.within(60_000, 'the delete', running);
    assert.ok(result, 'delete applied');
    assert.deepEqual(result.rows.map((r) => r.outcome), ['applied', 'applied', 'applied']);
    assert.equal(s.modalsSince(mark)[0].message, `Delete the committed offsets of group "${group}" on ${topic} (cluster "Test")?`);
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '3' }, 'the other topic keeps its offset');
    await undo(group, `delete of the committed offsets on ${topic}`);
    assert.deepEqual(await s.committed(group), ALL());

    // One partition, from its own node.
    const partition = (await api.tree.getChildren(await topicNode(group))).find((p) => p.partition === 1);
    assert.ok(partition, 'partition node 1');
    s.onModal(s.answerWith('Delete Offsets'));
    const one = s.cmd('kafkaOffsets.deleteOffsets', partition);
    await s.choose((i) => i.go === true, { what: 'the "Delete the committed offsets of 1 partition…" item' });
    assert.ok(await s.within(60_000, 'the delete of one partition', one));
    const after = ALL();
    delete after[`${topic}:1`];
    assert.deepEqual(await s.committed(group), after);
    await undo(group, `delete of the committed offsets on ${topic} partition 1`);
    assert.deepEqual(await s.committed(group), ALL());
  });

  it('Delete Group…: the group and its offsets go; Undo recreates it with the same offsets', async () => {
    const group = s.unique('del-group');
    await s.commit(group, COMMITS());
    const node = await s.groupNode(group);
    const mark = s.modals.length;
    s.onModal(s.answerWith('Delete Group'));
    const running = s.cmd('kafkaOffsets.deleteGroup', node);
    await s.choose((i) => i.go === true, { what: 'the "Delete group … and the committed offsets of 4 partitions…" item' });
    const result = await s.within(60_000, 'the group delete', running);
    assert.ok(result && result.groupDeleted, 'group deleted');
    assert.equal(s.modalsSince(mark)[0].message, `Delete group "${group}" on cluster "Test"?`);
    const client = s.engineClient();
    assert.equal((await client.describeGroup(group)).state, 'Dead');
    assert.deepEqual(await s.committed(group), {});
    const shown = s.notifications.length;
    await undo(group, 'delete of the group');
    // Undoing that undo deletes the group's offsets again: the button says so.
    const restored = await s.poll('the undo\'s notification', () => s.notifications.slice(shown).find((n) => /^Restored 4 partitions of group/.test(n.message)));
    assert.deepEqual(restored.items, ['Redo Delete', 'Show Output']);
    assert.deepEqual(await s.committed(group), ALL());
    assert.equal((await client.describeGroup(group)).state, 'Empty');
  });

  it('Delete Group… on a group with a consumer: the modal names it and offers Wait until empty; once it timed out, a fresh preview, then deleted', async () => {
    const group = s.unique('del-wait');
    const consumer = await s.startConsumer({ group, topic, sessionTimeoutMs: 3000 });
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(async (message) => {
      if (/still has 1 member: its offsets cannot be deleted/.test(message)) {
        await consumer.kill(); // killed, not closed: a member until its 3 s session timeout
        return 'Wait until empty';
      }
      return /^Delete group /.test(message) ? 'Delete Group' : undefined;
    });
    const running = s.cmd('kafkaOffsets.deleteGroup', await s.groupNode(group));
    await s.choose((i) => i.go === true, { what: 'the "Delete group …" item, after the wait', timeoutMs: 90_000 });
    const result = await s.within(90_000, 'the delete after waiting', running);
    const asked = s.modalsSince(modalMark);
    assert.deepEqual(asked.map((m) => m.answer), ['Wait until empty', 'Delete Group'], asked.map((m) => m.message).join(' / '));
    assert.equal(asked[0].message, `Group "${group}" on Test still has 1 member: its offsets cannot be deleted while consumers are in it`);
    assert.ok(asked[0].detail.includes(consumer.clientId), asked[0].detail);
    assert.ok(result && result.groupDeleted, 'deleted once empty');
    assert.equal((await s.engineClient().describeGroup(group)).state, 'Dead');
    const log = s.logSince(mark);
    assert.ok(log.some((l) => l.includes(`Group "${group}" is now Empty with no members.`)), log.join('\n'));
  });

  it('Copy Offsets From…: the source group\'s committed offsets, clamped, become this group\'s; Undo restores', async () => {
    const source = s.unique('copy-source');
    const target = s.unique('copy-target');
    await s.commit(source, [{ topic, partition: 0, offset: 12 }, { topic, partition: 2, offset: 40 }]);
    await s.commit(target, COMMITS());
    await s.groupNode(source); // listed, so the picker offers it
    const mark = s.modals.length;
    s.onModal(s.answerWith('Reset Offsets'));
    const running = s.cmd('kafkaOffsets.copyOffsets', await s.groupNode(target));
    await s.choose((i) => i.groupId === source, { what: `group ${source}`, filter: source });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 2 partitions…" item' });
    assert.ok(await s.within(90_000, 'the copy', running), 'copy applied');
    assert.match(s.modalsSince(mark).at(-1).message, new RegExp(`Reset group "${target}"`));
    assert.deepEqual(await s.committed(target), { [`${other}:0`]: '3', [`${topic}:0`]: '12', [`${topic}:1`]: '6', [`${topic}:2`]: '30' }, 'p2 clamped to the log end (30); p1 and the other topic untouched');
    const shown = s.notifications.length;
    await undo(target, 'reset');
    const restored = await s.poll('the undo\'s notification', () => s.notifications.slice(shown).find((n) => /^Restored \d+ partitions of group/.test(n.message)));
    assert.deepEqual(restored.items, ['Redo Reset', 'Show Output']);
    assert.deepEqual(await s.committed(target), ALL());
  });
});
