'use strict';
// Extension-host side of the tree-at-scale figure of `npm run bench -- --scale` (issue 18; not part
// of `npm test`). Loaded as extensionTestsPath by bench/lib/treeScale.js, which drives the page.
// Env (set on code-server, inherited by the extension host):
//   BENCH_BOOTSTRAP       the broker
//   BENCH_EXPECT_GROUPS   number of groups on it, named BENCH_GROUP_PREFIX + i padded to 6 digits
//   BENCH_EXT_OUT         results file (JSON); BENCH_EXT_OUT.<mark> files are the hand-over with the
//                         page side: view-opened (epoch ms) → the page times the first group rows;
//                         filter-asked (epoch ms) → the page times the filter's input box, closes it.
const fs = require('fs');
const { performance } = require('perf_hooks');
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const epochNow = () => performance.timeOrigin + performance.now();

exports.run = async function run() {
  const outFile = process.env.BENCH_EXT_OUT;
  const out = { notes: [] };
  try {
    await measure(out, outFile);
  } catch (e) {
    out.error = e && e.message ? e.message : String(e);
  }
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
};

/** The longest the extension host's event loop was blocked while `fn` ran (a 10 ms ticker's worst lateness). */
async function withLoopWatch(fn) {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const cpu0 = process.cpuUsage();
  try {
    const value = await fn();
    const cpu = process.cpuUsage(cpu0);
    return { value, worstLoopDelayMs: worst, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** Dev aid: BENCH_CPU_PROFILE=file profiles the extension host during `fn` (node:inspector); `suffix` names a later one. */
async function profiled(fn, suffix = '') {
  const file = suffix !== null && process.env.BENCH_CPU_PROFILE && process.env.BENCH_CPU_PROFILE + suffix;
  if (!file) return fn();
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (m, p) => new Promise((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

async function measure(out, outFile) {
  const expect = Number(process.env.BENCH_EXPECT_GROUPS);
  const prefix = process.env.BENCH_GROUP_PREFIX;
  const ids = Array.from({ length: expect }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
  const ext = vscode.extensions.getExtension('kafka-offsets.kafka-offsets');
  if (!ext) throw new Error('extension kafka-offsets.kafka-offsets is not loaded');
  const config = vscode.workspace.getConfiguration('kafkaOffsets');
  await config.update('clusters', [{ name: 'Scale', brokers: [process.env.BENCH_BOOTSTRAP] }], vscode.ConfigurationTarget.Global);
  out.autoRefreshSeconds = config.get('autoRefreshSeconds');
  await sleep(2000);
  const api = await ext.activate();
  const tree = api.tree;
  const clusterId = api.services.clusters()[0].id;
  // Groups whose lag was read (the tree's own event; looking up 5,000 groups in a loop would cost the host).
  const wanted = new Set(ids);
  const sampled = new Set();
  tree.onDidSample((e) => wanted.has(e.groupId) && tree.groupInfo(clusterId, e.groupId)?.lag && sampled.add(e.groupId));
  const withLag = () => sampled.size;

  // Open the view: with one cluster, its row is expanded at once, so VS Code asks for its groups.
  const load = await profiled(() => withLoopWatch(async () => {
    const t0 = performance.now();
    fs.writeFileSync(`${outFile}.view-opened`, String(epochNow()));
    await vscode.commands.executeCommand('workbench.view.extension.kafkaOffsets');
    let filterAsked = false;
    for (;;) {
      const n = withLag();
      // While lag is still loading: ask for the filter's input box; the page times it and closes it.
      if (!filterAsked && n > 0 && n < expect) {
        filterAsked = true;
        fs.writeFileSync(`${outFile}.filter-asked`, String(epochNow()));
        out.filterAskedWithLag = n;
        void vscode.commands.executeCommand('kafkaOffsets.filterGroups');
      }
      if (n === expect) break;
      if (performance.now() - t0 > 300_000) throw new Error(`after 300 s only ${n} of ${expect} groups have lag`);
      await sleep(10);
    }
    out.allLagMs = performance.now() - t0;
    await tree.idle();
    if (!filterAsked) out.notes.push('every group had its lag before the filter could be asked');
  }));
  out.load = { worstLoopDelayMs: load.worstLoopDelayMs, cpuMs: load.cpuMs };
  const errors = ids.filter((id) => tree.groupInfo(clusterId, id)?.error).length;
  if (errors) throw new Error(`${errors} groups show an error instead of lag`);
  // Let the page finish with the filter box before refreshing.
  const until = Date.now() + 20_000;
  while (!fs.existsSync(`${outFile}.filter-done`) && Date.now() < until) await sleep(20);

  // What auto-refresh costs: the same reload it runs every autoRefreshSeconds while the view is visible.
  out.refresh = [];
  for (let i = 0; i < 3; i++) {
    const r = await profiled(() => withLoopWatch(async () => {
      const t0 = performance.now();
      await vscode.commands.executeCommand('kafkaOffsets.refresh');
      await tree.idle();
      return performance.now() - t0;
    }), i === 1 ? '.refresh2' : null);
    out.refresh.push({ ms: r.value, cpuMs: r.cpuMs, worstLoopDelayMs: r.worstLoopDelayMs });
  }
}
