'use strict';
/**
 * Where a cold whole-process reset of 1,000 partitions spends its time (issue 18 §3): this script is
 * one whole process doing what `kafka-offsets reset --to-earliest --yes` does, step by step, on the
 * compiled engine (out/src/core), each step timed. Prints one JSON line of { step: ms }.
 *
 *   node bench/lib/resetBreakdown.js '{"root": "...", "bootstrap": "...", "group": "...", "topic": "...", "snapshotDir": "..."}'
 *
 * The steps of applyPlan are told apart by the calls it makes (wrapped on the client): the pre-check
 * (describe), the stale-preview check (OffsetFetch), the snapshot (two files written and fsynced),
 * the commit, the read-back.
 */
const { performance } = require('node:perf_hooks');
const startedAt = performance.now(); // ms since the process started: Node's own start-up
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const a = JSON.parse(process.argv[2]);
  const steps = { 'node start-up (to the first line of the script)': startedAt };
  let t = performance.now();
  const step = (name) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - t);
    t = now;
  };
  const core = require(path.join(a.root, 'out/src/core/index.js'));
  step('loading the engine (out/, file by file; the CLI bundle instead: see the start-up rows)');
  const client = new core.KafkaClient({ brokers: [a.bootstrap], clientId: 'kafka-offsets-bench-breakdown' });
  // Time spent in fsync, whatever calls it (the snapshot's two files).
  let fsyncMs = 0;
  const fsync = fs.fsyncSync;
  fs.fsyncSync = (fd) => {
    const s = performance.now();
    try {
      return fsync(fd);
    } finally {
      fsyncMs += performance.now() - s;
    }
  };
  // applyPlan's own steps, by the client calls that end them.
  const seen = [];
  for (const m of ['describeGroup', 'committedOffsets', 'commitOffsets', 'clusterIdentity']) {
    const orig = client[m].bind(client);
    client[m] = async (...args) => {
      const s = performance.now();
      try {
        return await orig(...args);
      } finally {
        seen.push({ m, s, e: performance.now() });
      }
    };
  }
  try {
    await client.describeCluster();
    step('connecting (TCP, ApiVersions, Metadata)');
    await client.describeGroup(a.group);
    step("the group's type (FindCoordinator, DescribeGroups)");
    const v = core.validateResetInput({ group: a.group, topics: [a.topic], mode: 'earliest' });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const plan0 = await core.planFromCluster(client, v.request);
    step('plan (Metadata, OffsetFetch, ListOffsets ×2)');
    const plan = await core.addTargetTimestamps(client, plan0);
    step('TARGET TIME of each row (Fetch of the record at the target)');
    seen.length = 0;
    const a0 = performance.now();
    const res = await core.applyPlan(client, plan, { snapshotDir: a.snapshotDir });
    const a1 = performance.now();
    if (res.rows.some((r) => r.outcome !== 'applied')) throw new Error('not every partition applied');
    // Split applyPlan at its calls: [identity] [pre-check describe] [stale check OffsetFetch] snapshot [commit] [read-back OffsetFetch].
    const find = (m, i = 0) => seen.filter((x) => x.m === m)[i];
    const pre = find('describeGroup');
    const stale = find('committedOffsets', 0);
    const commit = find('commitOffsets');
    const back = find('committedOffsets', 1);
    steps['apply: cluster id and lock'] = pre.s - a0;
    steps['apply: no-members pre-check (DescribeGroups)'] = pre.e - pre.s;
    steps['apply: stale-preview check (OffsetFetch)'] = stale.e - stale.s;
    steps['apply: snapshot written (JSON + CSV)'] = commit.s - stale.e;
    steps['apply: of which fsync'] = fsyncMs;
    steps['apply: commit (OffsetCommit)'] = commit.e - commit.s;
    steps['apply: read-back (OffsetFetch)'] = back.e - back.s;
    steps['apply: the rest'] = a1 - back.e + (back.s - commit.e);
    t = performance.now();
  } finally {
    await client.close();
  }
  step('closing the connection');
  steps.total = performance.now();
  process.stdout.write(JSON.stringify(steps) + '\n');
}

main().catch((e) => {
  process.stderr.write(`reset breakdown failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
