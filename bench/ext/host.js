'use strict';
// Extension-host side of the VS Code figures of `npm run bench` (not part of `npm test`). Loaded as
// extensionTestsPath by bench/lib/vscode.js; VS Code calls run() and reports its outcome to the page.
// Env (set on code-server, inherited by the extension host):
//   BENCH_BOOTSTRAP      the bench's broker
//   BENCH_EXPECT_GROUPS  number of groups on it, named bench-lag-0000 …
//   BENCH_EXT_OUT        results file (JSON); BENCH_EXT_OUT.form-opened / .webview-done are the
//                        hand-over with the browser side, which measures the webview's paint.
const fs = require('fs');
const { performance } = require('perf_hooks');
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const epochNow = () => performance.timeOrigin + performance.now();

exports.run = async function run() {
  const outFile = process.env.BENCH_EXT_OUT;
  const out = { notes: [], refreshMs: [] };
  try {
    await measure(out, outFile);
  } catch (e) {
    out.error = e && e.message ? e.message : String(e);
  }
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
};

async function measure(out, outFile) {
  const expect = Number(process.env.BENCH_EXPECT_GROUPS);
  const ids = Array.from({ length: expect }, (_, i) => `bench-lag-${String(i).padStart(4, '0')}`);
  const ext = vscode.extensions.getExtension('kafka-offsets.kafka-offsets');
  if (!ext) throw new Error('extension kafka-offsets.kafka-offsets is not loaded');
  await vscode.workspace.getConfiguration('kafkaOffsets').update('clusters', [{ name: 'Bench', brokers: [process.env.BENCH_BOOTSTRAP] }], vscode.ConfigurationTarget.Global);

  // Let the freshly started workbench and extension host settle (built-in extensions activate at
  // start-up), as they have when a user opens the Kafka view.
  await sleep(2000);
  let api;
  if (ext.isActive) {
    out.notes.push('the extension was already active when the measurement started: activation not timed');
    api = ext.exports;
  } else {
    const t0 = performance.now();
    api = await ext.activate();
    out.activationMs = performance.now() - t0;
  }
  const tree = api.tree;
  const clusterId = api.services.clusters()[0].id;
  const state = () => {
    let loaded = 0;
    let errors = 0;
    for (const id of ids) {
      const g = tree.groupInfo(clusterId, id);
      if (g && g.lag) loaded++;
      if (g && g.error) errors++;
    }
    return { loaded, errors };
  };

  // First load: open the view; VS Code asks the tree for its children, which lists the groups and
  // reads the lag of all of them in the background.
  const t0 = performance.now();
  await vscode.commands.executeCommand('workbench.view.extension.kafkaOffsets');
  for (;;) {
    const s = state();
    if (s.loaded === expect) break;
    if (s.errors) throw new Error(`${s.errors} groups show an error instead of lag`);
    if (performance.now() - t0 > 120_000) throw new Error(`after 120 s only ${s.loaded} of ${expect} groups have lag`);
    await sleep(5);
  }
  await tree.idle();
  out.firstLoadMs = performance.now() - t0;

  // Refresh with the view open: the same as the view's refresh button.
  for (let i = 0; i < 5; i++) {
    const r0 = performance.now();
    await vscode.commands.executeCommand('kafkaOffsets.refresh');
    await tree.idle();
    const ms = performance.now() - r0;
    const s = state();
    if (s.loaded !== expect || s.errors) throw new Error(`after refresh ${i + 1}: ${s.loaded} of ${expect} groups with lag, ${s.errors} errors`);
    out.refreshMs.push(ms);
  }

  // Webview: open the reset form on a group; the browser side times its first paint.
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('kafkaOffsets.openResetForm')) {
    out.notes.push('no kafkaOffsets.openResetForm command: webview not measured');
    return;
  }
  const openedAt = epochNow();
  fs.writeFileSync(`${outFile}.form-opened`, String(openedAt));
  await vscode.commands.executeCommand('kafkaOffsets.openResetForm', tree.groupNode(clusterId, ids[0]));
  out.formCommandMs = epochNow() - openedAt;
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(`${outFile}.webview-done`) && Date.now() < deadline) await sleep(20);
}
