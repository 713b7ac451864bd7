#!/usr/bin/env node
// Lag of 500 groups × 20 partitions in-process, with and without time lag (issue 13 item 8): the same
// data as the full bench's lag-500 scenario (25 topics × 20 partitions, group i on topic i mod 25 at
// offsets (i + partition) mod 21, 20 messages per partition over 6 hours). Runs alternate, after one
// untimed warm-up each; every Kafka request is counted by api (Fetch is what time lag adds).
// Writes its own section into docs/benchmarks.md between markers (the rest of the file is kept).
// bench/run.js calls measureTimeLag after its lag-500 scenario, so a full run writes the section too.
// Run after `npm run pretest` (uses out/): KAFKA_BOOTSTRAP=host:port node bench/time-lag.js [--runs N]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const { createTopics, produceAll, commitLagGroups } = require('./lib/scenarios');
const { stats, fmtMs, makeCounter, summarizeCounts, fmtCounts } = require('./lib/stats');
const { range, pad, HOUR, log } = require('./lib/config');

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const GROUPS = 500;
const M = 20;
const START = '<!-- time-lag:start -->';
const END = '<!-- time-lag:end -->';

async function main() {
  const core = require(path.join(root, 'out/src/core/index.js'));
  const harness = process.env.KAFKA_BOOTSTRAP ? null : require(path.join(root, 'test/support/broker.js'));
  const broker = harness ? await harness.startBroker() : null;
  const bootstrap = process.env.KAFKA_BOOTSTRAP || broker.bootstrap;
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'bench-time-lag-setup', logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const setup = new core.KafkaClient({ brokers: [bootstrap], requestTimeoutMs: 60_000 });
  const counter = makeCounter();
  const bench = new core.KafkaClient({ brokers: [bootstrap], clientId: 'kafka-offsets-bench' }, { onRequest: counter.onRequest });
  try {
    await admin.connect();
    await producer.connect();
    const topics = range(25).map((i) => ({ topic: `bench-lag-t${pad(i, 2)}`, partitions: 20 }));
    const existing = new Set(await admin.listTopics());
    const fresh = topics.filter((t) => !existing.has(t.topic));
    if (fresh.length) {
      await createTopics(admin, setup, fresh);
      await produceAll(producer, fresh, M, Date.now() - 6 * HOUR);
    }
    await commitLagGroups(setup, core, 0, GROUPS, M);
    log(`${GROUPS} groups on ${topics.length} topics × 20 partitions ready`);
    await bench.describeCluster(); // a warm client, as the extension's
    const result = await measureTimeLag({ core, bench, counter, runs: RUNS });
    writeSection(result);
  } finally {
    await Promise.allSettled([bench.close(), setup.close(), producer.disconnect(), admin.disconnect()]);
    if (broker) await broker.stop({ timeoutMs: 3000 }).catch(() => {});
  }
}

/**
 * Lag of the 500 lag groups with and without time lag, alternating, after one untimed warm-up each;
 * wall and CPU time (the process's user + system) per run, and every request counted. Also called by
 * bench/run.js once its lag-500 data is in place.
 */
async function measureTimeLag({ core, bench, counter, runs }) {
  const filter = (g) => /^bench-lag-\d{4}$/.test(g.groupId);
  const sides = { plain: { ms: [], cpu: [], counts: [] }, timeLag: { ms: [], cpu: [], counts: [] } };
  let lagging = 0;
  for (let i = 0; i <= runs; i++) {
    for (const side of i % 2 ? ['timeLag', 'plain'] : ['plain', 'timeLag']) {
      counter.reset();
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      const entries = await core.allGroupsLag(bench, { filter, timeLag: side === 'timeLag' });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const used = process.cpuUsage(cpu);
      const counts = counter.take();
      if (entries.length !== GROUPS || entries.some((e) => e.error)) throw new Error(`${side}: ${entries.length} groups, errors: ${entries.filter((e) => e.error).length}`);
      if (side === 'timeLag') {
        lagging = entries.reduce((n, e) => n + e.lag.topics.reduce((k, t) => k + t.partitions.filter((p) => p.lag > 0n).length, 0), 0);
        const missing = entries.filter((e) => e.lag.timeLagMs === undefined || (e.lag.lag > 0n && !(e.lag.timeLagMs > 0)));
        if (missing.length) throw new Error(`time lag missing for ${missing.length} groups`);
      }
      if (i === 0) continue; // warm-up
      sides[side].ms.push(ms);
      sides[side].cpu.push((used.user + used.system) / 1000);
      sides[side].counts.push(counts);
    }
  }
  const side = (x) => ({ ...stats(x.ms), cpu: stats(x.cpu).median, requests: summarizeCounts(x.counts).perRun });
  const r = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
    runs,
    lagging,
    plain: side(sides.plain),
    timeLag: side(sides.timeLag),
  };
  log(`time lag: without ${fmtMs(r.plain.median)} (CPU ${fmtMs(r.plain.cpu)}; ${fmtCounts(r.plain.requests)}); with ${fmtMs(r.timeLag.median)} (CPU ${fmtMs(r.timeLag.cpu)}; ${fmtCounts(r.timeLag.requests)}); ratio ${(r.timeLag.median / r.plain.median).toFixed(2)}×, CPU ${(r.timeLag.cpu / r.plain.cpu).toFixed(2)}×`);
  return r;
}

/** The time-lag section of docs/benchmarks.md, markers included. */
function timeLagSection(r) {
  const range_ = (s) => `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})`;
  return [
    START,
    '## Time lag: lag of 500 groups × 20 partitions with and without it (in-process)',
    '',
    `On ${r.at.slice(0, 10)}, ${r.machine}; ${r.runs} runs per side after a warm-up, alternating, on a warm client (\`node bench/time-lag.js\`, or a full \`npm run bench\` after its lag-500 scenario). Data as in lag-500: 25 topics × 20 partitions × ${M} messages over 6 hours, group i on topic i mod 25 at offsets (i + partition) mod ${M + 1} — ${r.lagging.toLocaleString('en-US')} lagging partitions, each needing its next record.`,
    '',
    '| | wall: median (min – max) | CPU of the process (median) | requests per run |',
    '|---|---|---|---|',
    `| \`allGroupsLag\` | ${range_(r.plain)} | ${fmtMs(r.plain.cpu)} | ${fmtCounts(r.plain.requests)} |`,
    `| \`allGroupsLag\` with \`timeLag: true\` | ${range_(r.timeLag)} | ${fmtMs(r.timeLag.cpu)} | ${fmtCounts(r.timeLag.requests)} |`,
    '',
    `Ratio of the medians: **${(r.timeLag.median / r.plain.median).toFixed(2)}×** wall, **${(r.timeLag.cpu / r.plain.cpu).toFixed(2)}×** CPU (the issue's bound: at most 2×). One Fetch per leader: the reads of one partition at different offsets (here up to ${M + 1} groups' offsets per partition) share one Fetch from the lowest of them and are all served from the batches it returns; only reads further apart than one answer covers go into further requests. The wall time of a shared 2-core machine depends on its load (above); the CPU time less so. Before reads were shared (until 2026-11-27), each distinct offset of a partition cost a Fetch of its own: 20 Fetch per run and 8.4× (208 ms → 1,755 ms).`,
    END,
  ].join('\n');
}

function writeSection(r) {
  const file = path.join(root, 'docs/benchmarks.md');
  const section = timeLagSection(r);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

/** The section as docs/benchmarks.md has it now ('' when absent): a full run without a new one keeps it. */
function keptTimeLagSection() {
  const file = path.join(root, 'docs/benchmarks.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  return a >= 0 && b > a ? text.slice(a, b + END.length) : '';
}

module.exports = { measureTimeLag, timeLagSection, keptTimeLagSection };

if (require.main === module)
  main().catch((e) => {
    console.error(`[bench] failed: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
