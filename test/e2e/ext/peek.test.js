'use strict';
// "Show Next Messages" on a partition and a topic node: a read-only virtual document with the next
// records the group will read, from the real broker; nothing is committed by reading them. "Skip This
// Message" from that document goes through the reset path (preview, confirmation, Undo).
const assert = require('node:assert/strict');
const vscode = require('vscode');
const s = require('./support');

describe('Show Next Messages: the next records in a read-only document', function () {
  this.timeout(180_000);
  const topic = s.unique('peek-orders');

  before(async function () {
    this.timeout(120_000);
    await s.activate();
    await s.createTopics([{ topic, partitions: 2, messages: 20 }]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await s.closeAll();
    await s.resetSettings();
  });

  it('on a partition: the records from the committed offset, rendered; the offsets stay as they were', async () => {
    const group = s.unique('peek-group');
    await s.commit(group, [
      { topic, partition: 0, offset: 17 },
      { topic, partition: 1, offset: 20 },
    ]);
    const uri = await s.within(30_000, 'Show Next Messages', s.cmd('kafkaOffsets.showNextMessages', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 }));
    assert.equal(uri.scheme, 'kafka-offsets-records');
    const doc = await s.poll('the document to open', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
    const text = doc.getText();
    assert.match(text, new RegExp(`=== ${topic} partition 0 · committed offset 17 ===`));
    assert.deepEqual([...text.matchAll(/^offset (\d+) /gm)].map((m) => m[1]), ['17', '18', '19'], 'the three records left, in order');
    assert.match(text, /value {4}utf8, 3 bytes\n {2}m17/);
    assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString(), uri.toString(), 'shown in an editor');
    assert.deepEqual(await s.committed(group), { [`${topic}:0`]: '17', [`${topic}:1`]: '20' }, 'reading commits nothing');
  });

  it('on a topic: every partition of the group, a caught-up one said so', async () => {
    const group = s.unique('peek-group');
    await s.commit(group, [
      { topic, partition: 0, offset: 19 },
      { topic, partition: 1, offset: 20 },
    ]);
    await s.cmd('kafkaOffsets.refresh');
    await s.groupNode(group);
    const uri = await s.within(30_000, 'Show Next Messages', s.cmd('kafkaOffsets.showNextMessages', { clusterId: s.CLUSTER_ID, group, topic }));
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    assert.match(text, /partition 0 · committed offset 19 ===\noffset 19 /);
    assert.match(text, /partition 1 · committed offset 20 ===\nNothing to read: caught up \(log end 20\)\./);
  });

  it('Skip This Message from the document: preview, confirmation, committed offset + 1, Undo puts it back; refused without a commit or with nothing to skip', async () => {
    const group = s.unique('skip-group');
    await s.commit(group, [{ topic, partition: 0, offset: 5 }]);
    const uri = await s.within(30_000, 'Show Next Messages', s.cmd('kafkaOffsets.showNextMessages', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 }));
    const mark = s.modals.length;
    s.onModal(s.answerWith('Reset Offsets'));
    const running = s.cmd('kafkaOffsets.skipThisMessage', uri);
    const { rec } = await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    assert.ok(rec.qi.title.startsWith(`Skip the message at offset 5 of ${topic} partition 0 — preview on`), rec.qi.title);
    assert.ok(await s.within(60_000, 'the skip', running), 'applied');
    assert.match(s.modalsSince(mark).at(-1).message, new RegExp(`Reset group "${group}"`));
    assert.deepEqual(await s.committed(group), { [`${topic}:0`]: '6' }, 'past the message at 5, nothing else');
    s.onModal(s.answerWith('Undo Reset'));
    assert.ok(await s.within(60_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group })));
    assert.deepEqual(await s.committed(group), { [`${topic}:0`]: '5' });

    // Partition 1 has no commit, and a group at the log end has nothing to skip: said, nothing changed.
    const before = s.modals.length;
    assert.equal(await s.cmd('kafkaOffsets.skipThisMessage', { clusterId: s.CLUSTER_ID, group, topic, partition: 1 }), undefined);
    await s.commit(group, [{ topic, partition: 0, offset: 20 }]);
    assert.equal(await s.cmd('kafkaOffsets.skipThisMessage', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 }), undefined);
    assert.equal(s.modals.length, before, 'no confirmation was asked');
    assert.deepEqual(await s.committed(group), { [`${topic}:0`]: '20' });
  });
});
