'use strict';
// Extension-host side of bench/tree-300.js (not part of `npm test`): loaded as extensionTestsPath, it
// opens the Kafka view, says so (BENCH_TREE_OUT.ready), and notes the wall-clock moment every one of
// the BENCH_TREE_GROUPS groups named BENCH_TREE_PREFIX<nnn> has its lag in the tree's store. The page
// side clicks the collapsed cluster and times the rows on screen; the two share the machine's clock.
// It says when all have lag (BENCH_TREE_OUT.all), ends when the page side is done (.browser-done: the
// view goes blank once this module returns) and writes BENCH_TREE_OUT (JSON).
const fs = require('fs');
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

exports.run = async function run() {
  const outFile = process.env.BENCH_TREE_OUT;
  const out = {};
  try {
    await measure(out, outFile);
  } catch (e) {
    out.error = e && e.message ? e.message : String(e);
  }
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
};

async function measure(out, outFile) {
  const count = Number(process.env.BENCH_TREE_GROUPS);
  const prefix = process.env.BENCH_TREE_PREFIX;
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  const ext = vscode.extensions.getExtension('kafka-offsets.kafka-offsets');
  if (!ext) throw new Error('extension kafka-offsets.kafka-offsets is not loaded');
  const api = await ext.activate();
  const cluster = api.services.clusters().find((c) => c.name === 'Bench');
  if (!cluster) throw new Error(`no "Bench" cluster among ${api.services.clusters().map((c) => c.name).join(', ')}`);
  const withLag = () => ids.reduce((n, id) => n + (api.tree.groupInfo(cluster.id, id)?.lag ? 1 : 0), 0);
  const deadline = Date.now() + 240_000;

  // Every lag read is a sample: check on each one (no polling loop competing with the tree for the host).
  let done;
  const all = new Promise((resolve) => (done = resolve));
  const sub = api.tree.onDidSample(() => {
    if (out.allLagAt === undefined && withLag() === count) {
      out.allLagAt = Date.now();
      done();
    }
  });
  try {
    await vscode.commands.executeCommand('workbench.view.extension.kafkaOffsets');
    if (withLag() !== 0) out.notes = ['groups had lag before the cluster was expanded'];
    fs.writeFileSync(`${outFile}.ready`, String(Date.now()));
    await Promise.race([all, sleep(Math.max(0, deadline - Date.now()))]);
    if (out.allLagAt === undefined) throw new Error(`after 240 s only ${withLag()} of ${count} groups have lag`);
    fs.writeFileSync(`${outFile}.all`, String(out.allLagAt));
    const errors = ids.filter((id) => api.tree.groupInfo(cluster.id, id)?.error);
    if (errors.length) throw new Error(`${errors.length} groups show an error instead of lag`);
  } finally {
    sub.dispose();
  }
  while (!fs.existsSync(`${outFile}.browser-done`) && Date.now() < deadline) await sleep(50);
}
