'use strict';
// "Kafka: Undo Last Reset": every reset leaves a snapshot; undo restores it exactly (including
// partitions that had no committed offset before: their offset is deleted again).
const assert = require('node:assert/strict');
const s = require('./support');

describe('Undo Last Reset', function () {
  this.timeout(180_000);
  let api;
  const topic = s.unique('undo-orders');
  const other = s.unique('undo-other');

  s.fileHooks(async (a) => {
    api = a;
    await s.createTopics([
      { topic, partitions: 3, messages: 100 },
      { topic: other, partitions: 1, messages: 20 },
    ]);
  });

  it('restores the offsets from before the reset, byte for byte, after its own confirmation', async () => {
    const group = s.unique('undo-group');
    await s.commit(group, [
      { topic, partition: 0, offset: 40 },
      { topic, partition: 1, offset: 50 },
      { topic: other, partition: 0, offset: 7 },
    ]);
    const before = await s.committed(group);
    assert.deepEqual(before, { [`${other}:0`]: '7', [`${topic}:0`]: '40', [`${topic}:1`]: '50' });

    // The reset: every partition of the topic (p2 had no commit) to earliest.
    s.onModal(s.answerWith('Reset Offsets'));
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic, partition: -1 });
    await s.choose((i) => i.mode === 'earliest', { what: 'mode Earliest' });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 3 partitions…" item' });
    const reset = await s.within(60_000, 'the reset', running);
    assert.ok(reset, 'reset applied');
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '7', [`${topic}:0`]: '0', [`${topic}:1`]: '0', [`${topic}:2`]: '0' });

    // The undo, from the group (as its context menu does).
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(s.answerWith('Undo Reset'));
    const undo = await s.within(60_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group }));
    const asked = s.modalsSince(modalMark);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, `Undo the reset of group "${group}" on cluster "Test"?`);
    assert.ok(asked[0].detail.includes(`${topic}/0: 0 → 40`), asked[0].detail);
    assert.ok(asked[0].detail.includes(`${topic}/2: 0 → none (offset deleted)`), asked[0].detail);

    assert.ok(undo, 'undo applied');
    assert.equal(undo.rows.filter((r) => r.outcome === 'applied').length, 3, JSON.stringify(undo.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    assert.deepEqual(await s.committed(group), before, 'exactly the offsets from before the reset');

    const log = s.logSince(mark);
    assert.ok(log.some((l) => l.includes(`Undo of group "${group}" on Test: `) && l.includes('3 applied, 0 failed, 0 unknown')), log.join('\n'));
    assert.ok(log.some((l) => l.includes(`  ${topic}/0: 0 → 40 applied`)), log.join('\n'));
  });

  it('the undo itself can be undone (it saved the offsets it replaced)', async () => {
    const group = s.unique('undo-twice');
    await s.commit(group, [{ topic: other, partition: 0, offset: 3 }]);
    s.onModal(s.answerWith('Reset Offsets'));
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic: other, partition: 0 });
    await s.choose((i) => i.mode === 'latest', { what: 'mode Latest' });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    assert.ok(await s.within(60_000, 'the reset', running));
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '20' });

    s.onModal(s.answerWith('Undo Reset'));
    assert.ok(await s.within(60_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group })));
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '3' });
    assert.ok(await s.within(60_000, 'the undo of the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group })));
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '20' });
  });

  it('a group that was never reset has nothing to undo; nothing is asked or changed', async () => {
    const group = s.unique('undo-none');
    await s.commit(group, [{ topic: other, partition: 0, offset: 11 }]);
    const modalMark = s.modals.length;
    s.onModal(s.answerWith('Undo Reset'));
    const r = await s.within(30_000, 'the undo', s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, group }));
    assert.equal(r, undefined);
    assert.equal(s.modalsSince(modalMark).length, 0);
    assert.deepEqual(await s.committed(group), { [`${other}:0`]: '11' });
  });

  it('a snapshot path from outside the cluster\'s snapshot folder is refused with a readable error', async () => {
    const mark = api.log.recent().length;
    const r = await s.cmd('kafkaOffsets.undoLastReset', { clusterId: s.CLUSTER_ID, snapshotFile: '/etc/passwd' });
    assert.equal(r, undefined);
    assert.ok(s.logSince(mark).some((l) => /^\[error\] .*\/etc\/passwd is not a snapshot of cluster "Test"/.test(l)), s.logSince(mark).join('\n'));
  });
});
