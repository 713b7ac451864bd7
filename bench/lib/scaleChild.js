'use strict';
/**
 * One in-process scale measurement in a process of its own, so its peak RSS is the engine's alone:
 * a warm KafkaClient (connected, one untimed run), then `runs` timed runs of one job with its
 * requests counted by API. Prints one JSON line: { times, requests, firstMs, maxRssMb, count }.
 *
 *   node bench/lib/scaleChild.js '{"root": "...", "bootstrap": "...", "job": "groups"|"lag"|"reset", "runs": 3, ...}'
 */
const path = require('node:path');
const { makeCounter, summarizeCounts } = require('./stats');

async function main() {
  // '@file': the arguments in a file (a 10,000-partition reset's offsets do not fit one argument).
  const raw = process.argv[2];
  const a = JSON.parse(raw.startsWith('@') ? require('node:fs').readFileSync(raw.slice(1), 'utf8') : raw);
  const core = require(path.join(a.root, 'out/src/core/index.js'));
  const counter = makeCounter();
  const client = new core.KafkaClient({ brokers: [a.bootstrap], clientId: 'kafka-offsets-bench-scale', requestTimeoutMs: 120_000 }, { onRequest: counter.onRequest });
  const setup = new core.KafkaClient({ brokers: [a.bootstrap], clientId: 'kafka-offsets-bench-setup', requestTimeoutMs: 120_000 });
  let firstMs = null;
  const jobs = {
    groups: async () => (await client.listGroups()).length,
    lag: async (t0) => {
      let n = 0;
      // With time lag, as `kafka-offsets lag` reads it by default (the CLI rows beside it).
      const entries = await core.allGroupsLag(client, {
        timeLag: true,
        onGroup: () => {
          if (n++ === 0 && firstMs === null) firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
        },
      });
      const bad = entries.filter((e) => e.error).length;
      if (bad) throw new Error(`${bad} groups with errors`);
      return entries.length;
    },
    reset: async () => {
      const v = core.validateResetInput({ group: a.group, topics: a.topics, mode: 'earliest' });
      if (!v.ok) throw new Error(JSON.stringify(v.issues));
      const res = await core.applyPlan(client, await core.planFromCluster(client, v.request), { snapshotDir: a.snapshotDir });
      if (res.rows.some((r) => r.outcome !== 'applied')) throw new Error('not every partition applied');
      return res.rows.length;
    },
  };
  const before = async () => {
    // A reset starts from the same offsets every run (restored by a separate client, not counted).
    if (a.job === 'reset') {
      const res = await setup.commitOffsets(a.group, a.restore.map((r) => ({ ...r, offset: BigInt(r.offset) })));
      if (res.some((r) => r.errorCode !== 0)) throw new Error('restoring offsets failed');
    }
  };
  const times = [];
  const counts = [];
  let count = 0;
  for (let i = 0; i <= a.runs; i++) {
    await before();
    counter.reset();
    firstMs = null;
    const t0 = process.hrtime.bigint();
    count = await jobs[a.job](t0);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = counter.take();
    if (i === 0) continue; // warm-up
    times.push(ms);
    counts.push(c);
  }
  await Promise.all([client.close(), setup.close()]);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ times, requests: summarizeCounts(counts), firstMs, maxRssMb, count }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`scale child failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
