'use strict';
// "Kafka: Reset Offset" from the command palette and from a tree node: quick picks driven through the
// workbench, the modal confirmation answered through the Prompter, and the result checked on the broker
// with the engine — exactly the planned partitions change, everything else stays as it was.
const assert = require('node:assert/strict');
const s = require('./support');

describe('Reset Offset: palette and context-menu flow', function () {
  this.timeout(180_000);
  let api;
  const topic = s.unique('palette-orders');
  const other = s.unique('palette-other');
  const key = (t, p) => `${t}:${p}`;

  /** A fresh group with committed offsets on both topics, and a bystander group on the same topic. */
  async function fixtureGroups() {
    const group = s.unique('palette-group');
    const bystander = s.unique('palette-bystander');
    await s.commit(group, [
      { topic, partition: 0, offset: 40 },
      { topic, partition: 1, offset: 50 },
      { topic, partition: 2, offset: 60 },
      { topic: other, partition: 0, offset: 5 },
    ]);
    await s.commit(bystander, [0, 1, 2].map((partition) => ({ topic, partition, offset: 70 })));
    return { group, bystander };
  }

  const initial = () => ({ [key(topic, 0)]: '40', [key(topic, 1)]: '50', [key(topic, 2)]: '60', [key(other, 0)]: '5' });
  const bystanderInitial = () => ({ [key(topic, 0)]: '70', [key(topic, 1)]: '70', [key(topic, 2)]: '70' });

  s.fileHooks(async (a) => {
    api = a;
    await s.createTopics([
      { topic, partitions: 3, messages: 100 },
      { topic: other, partitions: 1, messages: 20 },
    ]);
  });

  it('from the palette: group → topic → partition → offset → preview → confirm changes that one partition', async () => {
    const { group, bystander } = await fixtureGroups();
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(s.answerWith('Reset Offsets'));

    // The tree has read the group's lag: the group picker shows it next to the state.
    await s.groupNode(group);
    await s.poll('the tree to know the lag of the group', () => api.tree.groupInfo(s.CLUSTER_ID, group)?.lag);
    const running = s.cmd('kafkaOffsets.resetOffset'); // no argument: as from the command palette
    const steps = [];
    const step = (rec) => steps.push(`${rec.qi.step}/${rec.qi.totalSteps}`);
    const { rec: groupPick, item: groupItem } = await s.choose((i) => i.groupId === group, { what: `group ${group}`, filter: group });
    step(groupPick);
    assert.equal(groupItem.description, 'empty · lag 165', 'state and the lag the tree read (60 + 50 + 40 + 15)');
    step((await s.choose((i) => i.topic === topic, { what: `topic ${topic}` })).rec);
    step((await s.choose((i) => i.partition === 1, { what: 'partition p1' })).rec);
    step((await s.choose((i) => i.mode === 'offset', { what: 'mode Offset' })).rec);
    step(await s.enter('10'));
    const { rec: preview } = await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    step(preview);
    // The only cluster is picked for the user: the counter starts at 1, not "(2/7)".
    assert.deepEqual(steps, ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    const result = await s.within(60_000, 'the reset command', running);

    // The preview showed the plan row: committed → target, and when the message at the target was written.
    const rows = preview.qi.items.filter((i) => !i.action && i.kind !== -1).map((i) => `${i.label}: ${i.description} (${i.detail})`);
    assert.equal(rows.length > 0 && rows.at(-1).replace(/ · restarts at [^)]+/, ''), 'p1: 50 → 10 (lag 50 → 90)', `the preview's plan rows: ${rows.join(' | ')}`);
    assert.match(rows.at(-1), / · restarts at .+\)$/, 'where consumption restarts, in local time');

    // One confirmation naming cluster, group, topic, partition and the lag change.
    const asked = s.modalsSince(modalMark);
    assert.equal(asked.length, 1, `one modal: ${asked.map((m) => m.message).join(' / ')}`);
    assert.equal(asked[0].message, `Reset group "${group}" on cluster "Test"?`);
    assert.match(asked[0].detail, new RegExp(`Topic: ${topic} — partition 1`));
    assert.match(asked[0].detail, /Lag: 50 → 90/);

    assert.ok(result, 'the command resolves with the result');
    assert.deepEqual(
      result.rows.map((r) => [r.topic, r.partition, String(r.committed), String(r.target), r.outcome, String(r.readBack)]),
      [[topic, 1, '50', '10', 'applied', '10']],
    );

    // On the broker: p1 moved, nothing else did (this group's other partitions and topic, the bystander).
    assert.deepEqual(await s.committed(group), { ...initial(), [key(topic, 1)]: '10' });
    assert.deepEqual(await s.committed(bystander), bystanderInitial());

    // The output channel has the plan and the reset, before → after per partition.
    const log = s.logSince(mark).join('\n');
    assert.match(log, new RegExp(`Plan: group "${group}" on Test \\(${s.bootstrap().replace(/\./g, '\\.')}\\)`));
    assert.ok(log.includes(`${topic}/1: committed 50 → target 10`), `plan line in the log:\n${log}`);
    assert.match(log, new RegExp(`Reset of group "${group}" on Test: .* — 1 applied, 0 failed, 0 unknown in `));
    assert.ok(log.includes(`  ${topic}/1: 50 → 10 applied`), `before → after line in the log:\n${log}`);
    assert.match(log, /Snapshot of the previous offsets: .+\.json/);
  });

  it('from a partition node (context menu): only mode and preview are asked', async () => {
    const { group, bystander } = await fixtureGroups();
    await s.cmd('kafkaOffsets.refresh');
    const node = await s.groupNode(group);
    const topics = await api.tree.getChildren(node);
    const topicNode = topics.find((t) => t.topic === topic);
    const p2 = (await api.tree.getChildren(topicNode)).find((p) => p.partition === 2);
    assert.ok(p2, 'partition node p2');
    assert.equal(api.tree.getTreeItem(p2).contextValue, 'partition');
    s.onModal(s.answerWith('Reset Offsets'));

    const running = s.cmd('kafkaOffsets.resetOffset', p2);
    await s.choose((i) => i.mode === 'latest', { what: 'mode Latest' });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    const result = await s.within(60_000, 'the reset command', running);
    assert.deepEqual(result.rows.map((r) => [r.partition, String(r.readBack)]), [[2, '100']]);
    assert.deepEqual(await s.committed(group), { ...initial(), [key(topic, 2)]: '100' });
    assert.deepEqual(await s.committed(bystander), bystanderInitial());

    // The tree shows the new offset without a manual refresh.
    await s.poll('the tree to show p2 at the log end', async () => {
      await api.tree.idle();
      return (await s.childLines(topicNode)).includes('p2 100 / 100 · lag 0');
    });
  });

  it('all partitions of a topic, shift by -15: every partition of that topic, nothing else', async () => {
    const { group, bystander } = await fixtureGroups();
    s.onModal(s.answerWith('Reset Offsets'));
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic });
    const { rec } = await s.choose((i) => i.partition === -1, { what: 'All partitions' });
    assert.equal(rec.qi.items.filter((i) => typeof i.partition === 'number' && i.partition >= 0).length, 3, 'one item per partition');
    await s.choose((i) => i.mode === 'shiftBy', { what: 'mode Shift by' });
    await s.enter('-15');
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 3 partitions…" item' });
    const result = await s.within(60_000, 'the reset command', running);
    assert.equal(result.rows.filter((r) => r.outcome === 'applied').length, 3);
    assert.deepEqual(await s.committed(group), { [key(topic, 0)]: '25', [key(topic, 1)]: '35', [key(topic, 2)]: '45', [key(other, 0)]: '5' });
    assert.deepEqual(await s.committed(bystander), bystanderInitial());
  });

  it('Cancel in the confirmation changes nothing', async () => {
    const { group } = await fixtureGroups();
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(() => undefined); // Cancel
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 });
    await s.choose((i) => i.mode === 'earliest', { what: 'mode Earliest' });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    assert.equal(await s.within(60_000, 'the reset command', running), undefined);
    assert.equal(s.modalsSince(modalMark).length, 1, 'the confirmation was asked');
    assert.deepEqual(await s.committed(group), initial());
    assert.ok(s.logSince(mark).some((l) => l.includes(`Reset of group "${group}" on Test cancelled: nothing changed.`)), s.logSince(mark).join('\n'));
  });

  it('the value is checked by the core validator: an error keeps the box open, a 10-digit timestamp asks "seconds?"', async () => {
    const { group } = await fixtureGroups();
    const modalMark = s.modals.length;
    s.onModal(() => undefined); // Cancel at the confirmation
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 });
    await s.choose((i) => i.mode === 'timestamp', { what: 'mode Timestamp (ms)' });

    // Not a number: Enter is refused with the validator's message, the box stays open.
    const box = await s.nextQuickInput('input');
    box.qi.value = 'yesterday';
    await s.cmd('workbench.action.acceptSelectedQuickOpenItem');
    const error = await s.poll('an error message in the input box', () => {
      const m = box.qi.validationMessage;
      return m && typeof m === 'object' && m.severity === 3 /* Error */ ? m : undefined;
    });
    assert.ok(error.message.length > 0);
    assert.equal(box.closed, false, 'the box stays open on an invalid value');

    // Seconds instead of milliseconds: never taken silently, the user is asked which unit was meant.
    box.used = false;
    await s.enter('1700000000');
    const { rec } = await s.choose((i) => i.value === '1700000000000', { what: '"Use 1700000000 as seconds"' });
    assert.match(rec.qi.placeholder, /1700000000 looks like seconds, not milliseconds/);
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    assert.equal(await s.within(60_000, 'the cancelled command', running), undefined);
    const asked = s.modalsSince(modalMark);
    assert.equal(asked.length, 1);
    assert.ok(asked[0].detail.includes('2023-11-14T22:13:20'), `the confirmation names the timestamp in ms:\n${asked[0].detail}`);
    assert.deepEqual(await s.committed(group), initial());
  });

  it('Escape in the middle of the flow changes nothing and asks nothing', async () => {
    const { group } = await fixtureGroups();
    const modalMark = s.modals.length;
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic, partition: 0 });
    await s.nextQuickInput('pick');
    await s.escape();
    assert.equal(await s.within(30_000, 'the cancelled command', running), undefined);
    assert.equal(s.modalsSince(modalMark).length, 0, 'no confirmation asked');
    assert.deepEqual(await s.committed(group), initial());
  });
});
