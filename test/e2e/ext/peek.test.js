'use strict';
// "Show Next Messages" on a partition and a topic node: a read-only virtual document with the next
// records the group will read, from the real broker; nothing is committed by reading them.
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
});
