'use strict';
// The extension's contributions and the Consumer Groups tree against the real broker: the groups the
// broker has, with the lag the engine computes, states, members and per-partition lines.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const s = require('./support');

describe('Consumer Groups tree', function () {
  this.timeout(180_000);
  let api;
  const topic = s.unique('tree-orders');
  const liveTopic = s.unique('tree-live');
  const lagging = s.unique('tree-lagging');
  const live = s.unique('tree-live-group');
  let consumer;

  before(async function () {
    this.timeout(240_000);
    s.bootstrap(); // fails loudly without KAFKA_TEST_BOOTSTRAP
    api = await s.activate();
    await s.createTopics([
      { topic, partitions: 3, messages: 100 },
      { topic: liveTopic, partitions: 1, messages: 10 },
    ]);
    await s.commit(lagging, [
      { topic, partition: 0, offset: 40 },
      { topic, partition: 1, offset: 50 },
    ]);
    consumer = await s.startConsumer({ group: live, topic: liveTopic });
    await s.cmd('kafkaOffsets.refresh');
  });

  after(async () => {
    s.onModal(undefined);
    await s.closeAll();
    await s.resetSettings();
  });

  afterEach(() => s.closeQuickInputs());

  it('activates on demand only (no "*" activation) and registers every command', async () => {
    const ext = vscode.extensions.getExtension('kafka-offsets.kafka-offsets');
    // Views and commands activate it implicitly; the one explicit event restores Reset forms after a reload.
    assert.deepEqual(ext.packageJSON.activationEvents, ['onWebviewPanel:kafkaOffsets.resetForm'], 'activationEvents');
    assert.equal(s.activeBeforeFirstActivate, false, 'the extension was already active before the first test activated it');
    const all = await vscode.commands.getCommands(true);
    const ids = ['resetOffset', 'openResetForm', 'refresh', 'addCluster', 'editCluster', 'removeCluster', 'testConnection', 'undoLastReset', 'exportOffsets', 'importPlan', 'showOutput'];
    const missing = ids.map((id) => `kafkaOffsets.${id}`).filter((id) => !all.includes(id));
    assert.deepEqual(missing, [], 'commands not registered');
  });

  it('shows the configured cluster with its brokers', async () => {
    const roots = await api.tree.getChildren();
    assert.equal(roots.length, 1, 'one cluster configured');
    const item = api.tree.getTreeItem(roots[0]);
    assert.equal(s.label(item), 'Test');
    assert.equal(item.contextValue, 'cluster');
    assert.match(String(item.description), new RegExp(s.bootstrap().replace(/[.]/g, '\\.')));
  });

  it("lists exactly the broker's groups", async () => {
    await s.groupNode(lagging);
    await s.groupNode(live);
    const client = s.engineClient();
    // Groups of other tests may come and go (an empty group without offsets is deleted by the broker):
    // compare a fresh listing of both until they agree, and show the difference if they never do.
    let diff;
    await s.poll(() => `the tree to list the broker's groups (${diff})`, async () => {
      await s.cmd('kafkaOffsets.refresh');
      const inTree = new Set((await api.tree.getChildren(await s.clusterNode())).map((n) => n.groupId));
      const fromBroker = new Set((await client.listGroups()).map((g) => g.groupId));
      const missing = [...fromBroker].filter((g) => !inTree.has(g));
      const extra = [...inTree].filter((g) => !fromBroker.has(g));
      diff = `missing in the tree: [${missing.join(', ')}], not on the broker: [${extra.join(', ')}]`;
      return missing.length === 0 && extra.length === 0 && inTree.has(lagging) && inTree.has(live);
    }, { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('a group with offsets and no members: lag, state, warning icon, topic and partition lines', async () => {
    const node = await s.groupNode(lagging);
    // The group's tooltip comes on hover (resolveTreeItem), as VS Code asks for it.
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    // The engine's own lag of the group is what the tree must show.
    const lag = await s.core.groupLag(s.engineClient(), lagging);
    assert.equal(lag.lag, 110n, 'engine lag (60 + 50; p2 has no commit)');
    // Lag in time right after the lag: the fixture's records were produced seconds ago (issue 13).
    assert.match(String(item.description), /^lag 110 · \d+ (s|min) behind · 1 without commit · empty$/, 'p2 has no commit: said on the group row');
    assert.match(item.tooltip.value, /Without commit: 1 partition/);
    assert.equal(item.contextValue, 'group:empty');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon, 'state icon');
    assert.equal(item.iconPath.color && item.iconPath.color.id, 'problemsWarningIcon.foreground', 'lag without members is highlighted');
    assert.match(item.tooltip.value, /State: Empty/);

    const topics = await api.tree.getChildren(node);
    const [topicLine] = await s.childLines(node);
    assert.match(topicLine, new RegExp(`^${topic} lag 110 · \\d+ (s|min) behind · 3 partitions · 1 without commit$`));
    assert.equal(api.tree.getTreeItem(topics[0]).contextValue, 'topic');
    const parts = await api.tree.getChildren(topics[0]);
    const lines = await s.childLines(topics[0]);
    assert.deepEqual(lines.map((l) => l.replace(/ · \d+ (s|min) behind$/, '')), ['p0 40 / 100 · lag 60', 'p1 50 / 100 · lag 50', 'p2 no commit']);
    assert.match(lines[0], / · \d+ (s|min) behind$/);
    assert.match(api.tree.getTreeItem(parts[0]).tooltip.value, /Next record: \d{4}-\d\d-\d\dT/);
    assert.deepEqual(parts.map((p) => api.tree.getTreeItem(p).contextValue), ['partition', 'partition', 'partition']);
  });

  it('a group with a live consumer: stable, one member named in the tooltip, its owner on the partition', async () => {
    const node = await s.groupNode(live);
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    assert.equal(item.contextValue, 'group:stable');
    // Until the consumer's first commit its partition has none, which the row says.
    assert.match(String(item.description), /^(lag \d+( · \d+ (s|min) behind)?( · 1 without commit)?|no commit) · 1 member$/);
    assert.ok(item.tooltip.value.includes(consumer.clientId), `tooltip names ${consumer.clientId}:\n${item.tooltip.value}`);
    const [t] = await api.tree.getChildren(node);
    const [p0] = await api.tree.getChildren(t);
    assert.ok(api.tree.getTreeItem(p0).tooltip.value.includes(consumer.clientId), 'partition tooltip names its owner');
  });

  it('Refresh picks up a commit made elsewhere', async () => {
    const group = s.unique('tree-refresh');
    await s.commit(group, [{ topic, partition: 0, offset: 10 }]);
    await s.cmd('kafkaOffsets.refresh');
    const node = await s.groupNode(group);
    const noTime = (d) => String(d).replace(/ · \d+ (s|min) behind/, '');
    assert.equal(noTime(api.tree.getTreeItem(node).description), 'lag 90 · 2 without commit · empty');
    await s.commit(group, [{ topic, partition: 2, offset: 99 }]);
    await s.cmd('kafkaOffsets.refresh');
    await s.poll(() => `the tree to show the new commit (shows "${api.tree.getTreeItem(node).description}")`, async () => {
      await api.tree.idle();
      return noTime(api.tree.getTreeItem(node).description) === 'lag 91 · 1 without commit · empty';
    });
    const [t] = await api.tree.getChildren(node);
    assert.deepEqual((await s.childLines(t)).map(noTime), ['p0 10 / 100 · lag 90', 'p1 no commit', 'p2 99 / 100 · lag 1']);
  });

  it('the group filter hides groups and says so', async () => {
    try {
      await s.configure({ settings: { groupFilter: lagging } });
      const cluster = await s.clusterNode();
      await s.poll('the filter to apply', async () => {
        const ids = (await api.tree.getChildren(cluster)).map((n) => n.groupId);
        return ids.length === 1 && ids[0] === lagging;
      });
      await s.configure({ settings: { groupFilter: `${s.unique('nothing-matches')}` } });
      await s.poll('an info node saying the filter hides everything', async () => {
        const kids = await api.tree.getChildren(cluster);
        return kids.length === 1 && api.tree.getTreeItem(kids[0]).contextValue === 'info' && /No group matches the filter/.test(s.label(api.tree.getTreeItem(kids[0])));
      });
    } finally {
      await vscode.workspace.getConfiguration('kafkaOffsets').update('groupFilter', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('filter by topic name, sort by lag and "only groups with lag" from the view title, and the view says what it shows', async () => {
    const caughtUp = s.unique('tree-caught-up');
    await s.commit(caughtUp, [0, 1, 2].map((partition) => ({ topic, partition, offset: 100 })));
    const cfg = () => vscode.workspace.getConfiguration('kafkaOffsets');
    try {
      // The topic's name, not any group's id: the groups that committed on it are shown.
      await s.configure({ settings: { groupFilter: topic } });
      await s.cmd('kafkaOffsets.refresh');
      const cluster = await s.clusterNode();
      const shown = async () => {
        await api.tree.idle();
        return (await api.tree.getChildren(cluster)).map((n) => n.groupId);
      };
      let ids;
      await s.poll(() => `the topic filter to show ${lagging} and ${caughtUp} (shows ${JSON.stringify(ids)})`, async () => {
        ids = await shown();
        return ids.includes(lagging) && ids.includes(caughtUp) && !ids.includes(live);
      });
      const total = (await s.engineClient().listGroups()).length;
      assert.match(String(api.tree.description()), new RegExp(`^${ids.length} of [\\d,]+ groups · filter: ${topic}$`));
      assert.ok(ids.length < total, `${ids.length} of ${total}`);

      await s.cmd('kafkaOffsets.sortGroupsByLag');
      assert.equal(cfg().get('groupSort'), 'lag', 'the title action saves the sort');
      await s.poll(() => `largest lag first (shows ${JSON.stringify(ids)})`, async () => {
        ids = await shown();
        return ids[0] === lagging && ids.at(-1) === caughtUp;
      });
      const lags = ids.map((g) => api.tree.groupInfo(s.CLUSTER_ID, g)?.lag?.lag ?? -1n);
      assert.deepEqual([...lags].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)), lags, `lags in descending order: ${lags.join(', ')}`);

      await s.cmd('kafkaOffsets.showOnlyGroupsWithLag');
      await s.poll(() => `only groups with lag (shows ${JSON.stringify(ids)})`, async () => {
        ids = await shown();
        return ids.includes(lagging) && !ids.includes(caughtUp);
      });
      assert.match(String(api.tree.description()), new RegExp(`^${ids.length} of [\\d,]+ groups · filter: ${topic} · with lag · by lag$`));

      await s.cmd('kafkaOffsets.showAllGroups');
      await s.cmd('kafkaOffsets.sortGroupsByName');
      await s.poll('all groups of the filter again, by name', async () => {
        ids = await shown();
        return ids.includes(caughtUp) && ids.join('\n') === [...ids].sort((a, b) => a.localeCompare(b)).join('\n');
      });
      assert.equal(cfg().get('onlyGroupsWithLag'), false);
    } finally {
      await s.resetSettings();
      await s.configure();
    }
  });
  it('sort by time lag from the title\'s "Sort Groups…" pick, and lag ↑/↓ since the last refresh on group and topic rows', async () => {
    // A slow topic whose next record is two hours old, with a small lag; a busy one with a large lag of
    // fresh records: by lag the busy group leads, by time lag the slow one.
    const slowTopic = s.unique('tree-slow');
    const busyTopic = s.unique('tree-busy');
    const old = s.unique('tree-old-record');
    const fresh = s.unique('tree-big-fresh');
    await s.createTopics([
      { topic: slowTopic, partitions: 1, messages: 5, timestamp: Date.now() - 2 * 3_600_000 },
      { topic: busyTopic, partitions: 1, messages: 300 },
    ]);
    await s.produce(slowTopic, 0, 20);
    await s.commit(old, [{ topic: slowTopic, partition: 0, offset: 3 }]); // lag 22, next record 2 h old
    await s.commit(fresh, [{ topic: busyTopic, partition: 0, offset: 0 }]); // lag 300, seconds old
    const cfg = () => vscode.workspace.getConfiguration('kafkaOffsets');
    try {
      // Refreshes only when this test asks, so "since the last refresh" is the test's own.
      await s.configure({ settings: { groupFilter: `${slowTopic}, ${busyTopic}`, autoRefreshSeconds: 0 } });
      await s.cmd('kafkaOffsets.refresh');
      const cluster = await s.clusterNode();
      let ids;
      const shown = async () => {
        await api.tree.idle();
        return (ids = (await api.tree.getChildren(cluster)).map((n) => n.groupId));
      };
      await s.poll(() => `both groups with their lag (shows ${JSON.stringify(ids)})`, async () => {
        const got = await shown();
        return got.length === 2 && [old, fresh].every((g) => typeof api.tree.groupInfo(s.CLUSTER_ID, g)?.lag?.timeLagMs === 'number');
      });
      const behind = (g) => api.tree.groupInfo(s.CLUSTER_ID, g).lag.timeLagMs;
      assert.ok(behind(old) > 3_600_000 && behind(fresh) < 3_600_000, `time lag: ${old} ${behind(old)} ms, ${fresh} ${behind(fresh)} ms`);

      const picking = s.cmd('kafkaOffsets.sortGroups');
      const { rec } = await s.choose((i) => i.sort === 'timeLag', { what: 'Sort by time lag' });
      await picking;
      assert.deepEqual(rec.qi.items.map((i) => [i.sort, i.description ?? '']), [['name', 'current'], ['lag', ''], ['timeLag', '']], 'name was the current sort');
      assert.equal(cfg().get('groupSort'), 'timeLag', 'the pick saves the sort');
      await s.poll(() => `longest behind first (shows ${JSON.stringify(ids)})`, async () => JSON.stringify(await shown()) === JSON.stringify([old, fresh]));
      assert.match(String(api.tree.description()), /^2 of [\d,]+ groups · filter: .* · by time lag$/);
      await s.cmd('kafkaOffsets.sortGroupsByLag');
      await s.poll(() => `largest lag first (shows ${JSON.stringify(ids)})`, async () => JSON.stringify(await shown()) === JSON.stringify([fresh, old]));

      // Seven more records on the busy topic: its group's lag went up 7 since the last refresh.
      const kids = await api.tree.getChildren(cluster);
      const nodeOf = (g) => kids.find((n) => n.groupId === g);
      const labelOf = (g) => s.label(api.tree.getTreeItem(nodeOf(g)));
      assert.doesNotMatch(labelOf(fresh), /[↑↓]/, 'no marker before anything changed');
      await s.produce(busyTopic, 0, 7);
      await s.cmd('kafkaOffsets.refresh');
      await api.tree.idle();
      await s.poll(() => `${fresh} to read "307 ↑7 · …" (reads "${labelOf(fresh)}")`, async () => /^307 ↑7 · /.test(labelOf(fresh)));
      assert.match(labelOf(old), /^22 · /, 'the unchanged group has no marker');
      const item = api.tree.resolveTreeItem(api.tree.getTreeItem(nodeOf(fresh)), nodeOf(fresh));
      assert.match(item.tooltip.value, /Since the last refresh \(\d+ (s|min) earlier\): lag \+7 \(300 → 307\)/);
      assert.match(item.accessibilityInformation.label, /lag up 7 since the last refresh/);
      const topicLines = await s.childLines(nodeOf(fresh));
      assert.equal(topicLines.length, 1);
      assert.match(topicLines[0], new RegExp(`^${busyTopic} lag 307 · ↑7 · `), 'the topic row: the marker right after its lag');
      // One more refresh with nothing new: the marker goes.
      await s.cmd('kafkaOffsets.refresh');
      await api.tree.idle();
      await s.poll(() => `${fresh}'s marker to go (reads "${labelOf(fresh)}")`, async () => /^307 · /.test(labelOf(fresh)));
    } finally {
      await s.resetSettings();
      await s.configure();
    }
  });
});
