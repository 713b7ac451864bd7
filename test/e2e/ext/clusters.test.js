'use strict';
// Clusters: unreachable ones show an error node in time without blocking the others; Test Connection;
// a SASL cluster added through "Kafka: Add Cluster" keeps its password in SecretStorage only.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const s = require('./support');

describe('Clusters: unreachable, test connection, SASL password in SecretStorage', function () {
  this.timeout(180_000);
  let api;
  let silent;

  before(async function () {
    this.timeout(60_000);
    api = await s.activate();
    silent = await s.silentServer();
  });

  after(async () => {
    s.onModal(undefined);
    await s.closeQuickInputs();
    await silent?.close();
    await s.closeAll();
    await s.resetSettings();
  });

  afterEach(() => s.closeQuickInputs());

  it('unreachable clusters get an error node with the reason and Retry, within the request deadline; the live one is not held up', async () => {
    await s.configure({
      extraClusters: [
        { name: 'Refused', brokers: ['127.0.0.1:1'] },
        { name: 'Silent', brokers: [silent.address] },
      ],
    });
    const deadlineMs = vscode.workspace.getConfiguration('kafkaOffsets').get('requestTimeoutMs');
    assert.equal(deadlineMs, 10_000, 'the default request deadline');
    const roots = await api.tree.getChildren();
    assert.deepEqual(roots.map((r) => s.label(api.tree.getTreeItem(r))), ['Test', 'Refused', 'Silent']);

    const timed = async (node) => {
      const t0 = Date.now();
      const kids = await api.tree.getChildren(node);
      return { kids, ms: Date.now() - t0 };
    };
    const [test, refused, hung] = await s.within(deadlineMs + 5_000, 'expanding the three clusters', Promise.all(roots.map(timed)));
    console.log(`      [timing] Test ${test.ms} ms, Refused ${refused.ms} ms, Silent ${hung.ms} ms`);

    assert.ok(test.kids.length > 0 && test.kids.every((k) => k.kind === 'group'), 'the live cluster lists its groups');
    assert.ok(test.ms < 5_000, `the live cluster answered in ${test.ms} ms, not held up by the silent one`);
    for (const [name, r] of [
      ['Refused', refused],
      ['Silent', hung],
    ]) {
      assert.equal(r.kids.length, 1, `${name}: one error node`);
      const item = api.tree.getTreeItem(r.kids[0]);
      assert.equal(item.contextValue, 'error', `${name}: error node`);
      assert.match(s.label(item), /Cannot reach|did not answer|unreachable|refused/i, `${name}: the reason: ${s.label(item)}`);
      assert.equal(item.command && item.command.command, 'kafkaOffsets.refresh', `${name}: clicking retries`);
      assert.ok(r.ms < deadlineMs, `${name}: error after ${r.ms} ms, the deadline is ${deadlineMs} ms`);
      const clusterItem = api.tree.getTreeItem(roots[name === 'Refused' ? 1 : 2]);
      assert.equal(clusterItem.iconPath && clusterItem.iconPath.id, 'debug-disconnect', `${name}: cluster icon shows the failure`);
    }
    assert.ok(api.log.recent().some((l) => l.startsWith('[error] Cluster "Silent": ')), 'the failure is in the output channel');

    // Retry (the error node's own command) asks again and comes back with the error, again in time.
    const t0 = Date.now();
    await s.within(deadlineMs + 5_000, 'Retry on the silent cluster', s.cmd(api.tree.getTreeItem(hung.kids[0]).command.command, ...api.tree.getTreeItem(hung.kids[0]).command.arguments));
    const again = await api.tree.getChildren(roots[2]);
    assert.equal(api.tree.getTreeItem(again[0]).contextValue, 'error');
    assert.ok(Date.now() - t0 < deadlineMs + 2_000, `retry took ${Date.now() - t0} ms`);
  });

  it('Reset Offset on a cluster that refuses connections: Retry / Edit Cluster / Show Output, and its collapsed row shows the failure', async () => {
    await s.configure({ extraClusters: [{ name: 'Refused', brokers: ['127.0.0.1:1'] }] });
    const roots = await api.tree.getChildren();
    const refused = roots[1];
    assert.notEqual(api.tree.getTreeItem(refused).iconPath.id, 'debug-disconnect', 'not marked before anything failed');
    const mark = api.log.recent().length;
    // The extension's notification, seen through the API object it shares with this suite.
    const shown = [];
    const original = vscode.window.showErrorMessage;
    vscode.window.showErrorMessage = (message, ...items) => {
      shown.push({ message, items });
      return Promise.resolve(undefined);
    };
    let r;
    try {
      r = await s.within(20_000, 'Reset Offset on Refused', s.cmd('kafkaOffsets.resetOffset', { clusterId: refused.clusterId }));
    } finally {
      vscode.window.showErrorMessage = original;
    }
    assert.equal(r, undefined, 'the wizard ends: nothing was reset');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0].message, /^Cannot reach cluster "Refused" \(127\.0\.0\.1:1\): /);
    assert.deepEqual(shown[0].items, ['Retry', 'Edit Cluster', 'Show Output'], 'the same ways on as Test Connection, and Retry');
    assert.ok(s.logSince(mark).some((l) => l.startsWith('[error] Cannot reach cluster "Refused" (127.0.0.1:1): ')), s.logSince(mark).join('\n'));
    // The row was never expanded: the failure the wizard met marks it.
    await s.poll('the collapsed Refused row to show the failure', () => api.tree.getTreeItem(refused).iconPath.id === 'debug-disconnect');
    assert.match(api.tree.getTreeItem(refused).tooltip.value, /Failed: /);
    assert.notEqual(api.tree.getTreeItem(roots[0]).iconPath.id, 'debug-disconnect', 'the live cluster is not marked');
  });

  it('Test Connection reports the broker count', async () => {
    await s.configure();
    const mark = api.log.recent().length;
    const r = await s.within(20_000, 'Test Connection', s.cmd('kafkaOffsets.testConnection', { clusterId: s.CLUSTER_ID }));
    assert.ok(r, 'a result');
    const described = await s.engineClient().describeCluster();
    assert.equal(r.brokers, described.brokers.length);
    assert.ok(s.logSince(mark).some((l) => /^\[info\] Connected to "Test": 1 brokers? \(/.test(l)), s.logSince(mark).join('\n'));
  });

  it('Add Cluster with SASL: the password goes to SecretStorage, never to settings or the log', async () => {
    await s.configure();
    const name = `Secure ${s.unique('sasl')}`;
    const readable = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
    let id;
    const password = `pw-${s.unique('secret')}-Zq9!`;
    const username = 'alice';
    try {
      const running = s.cmd('kafkaOffsets.addCluster');
      await s.enter(name);
      await s.enter(s.bootstrap());
      await s.choose((i) => i.tls === 'off', { what: 'Plaintext' });
      await s.choose((i) => i.mechanism === 'scram-sha-256', { what: 'SCRAM-SHA-256' });
      await s.enter(username);
      const box = await s.nextQuickInput('input');
      assert.equal(box.qi.password, true, 'the password box masks what is typed');
      await s.enter(password);
      await s.choose((i) => i.value === false, { what: 'Not protected' });
      const entry = await s.within(30_000, 'Add Cluster', running);
      assert.ok(entry, 'the cluster was saved');
      // A stable id of its own (readable start, random end), stored with the entry: the password
      // follows it, never the name.
      assert.match(entry.id, new RegExp(`^${readable}-[0-9a-f]{6}$`));
      id = entry.id;

      // SecretStorage has it, under the cluster's key.
      assert.equal(await api.services.getPassword(id), password);

      // Settings have the cluster, its mechanism and user — and no password anywhere.
      const inspected = vscode.workspace.getConfiguration('kafkaOffsets').inspect('clusters');
      const saved = (inspected.globalValue || []).find((c) => c.name === name);
      assert.deepEqual(saved, { id, name, brokers: [s.bootstrap()], sasl: { mechanism: 'scram-sha-256', username } });
      assert.ok(!JSON.stringify(inspected).includes(password), 'no password in the kafkaOffsets settings');
      // …nor in the settings files on disk. The setting is machine-scoped, so on a remote (code-server)
      // it lands in <user data>/Machine/settings.json; user settings are in <user data>/User/.
      const globalStorage = path.resolve(api.services.snapshotDir(id), '..', '..');
      const userData = path.resolve(globalStorage, '..', '..', '..');
      const files = ['User', 'Machine'].map((d) => path.join(userData, d, 'settings.json'));
      const read = () => files.filter((f) => fs.existsSync(f)).map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
      await s.poll(`one of ${files.join(', ')} to hold the new cluster`, () => read().some((x) => x.text.includes(name)));
      for (const x of read()) assert.ok(!x.text.includes(password), `no password in ${x.f}`);

      // Use it: the client reads the password (the test broker has no SASL, so this fails) — and the
      // failure, like every log line, never shows the password.
      await s.poll('the extension to see the new cluster', () => api.services.clusters().some((c) => c.id === id));
      const r = await s.within(30_000, 'Test Connection with SASL', s.cmd('kafkaOffsets.testConnection', { clusterId: id }));
      assert.equal(r, undefined, 'SASL against a plaintext listener fails');
      const log = api.log.recent();
      assert.ok(log.some((l) => l.includes(`Connection to "${name}" failed`)), log.slice(-5).join('\n'));
      const leaks = log.filter((l) => l.includes(password));
      assert.deepEqual(leaks, [], 'log lines containing the password');
    } finally {
      if (id) await api.services.deletePassword(id);
    }
  });
});
