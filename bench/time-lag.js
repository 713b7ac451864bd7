#!/usr/bin/env node
// Lag of 500 groups × 20 partitions in-process, with and without time lag (issue 13 item 8): the same
// data as the full bench's lag-500 scenario (25 topics × 20 partitions, group i on topic i mod 25 at
// offsets (i + partition) mod 21, 20 messages per partition over 6 hours). Runs alternate, after one
// untimed warm-up each; every Kafka request is counted by api (Fetch is what time lag adds).
// Writes its own section into docs/benchmarks.md between markers (the rest of the file is kept).
// Run after `npm run pretest` (uses out/): KAFKA_BOOTSTRAP=host:port node bench/time-lag.js [--runs N]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const core = require(path.join(root, 'out/src/core/index.js'));
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
    const filter = (g) => /^bench-lag-\d{4}$/.test(g.groupId);
    await bench.describeCluster(); // a warm client, as the extension's
    const sides = { plain: { ms: [], counts: [] }, timeLag: { ms: [], counts: [] } };
    let lagging = 0;
    for (let i = 0; i <= RUNS; i++) {
      for (const side of i % 2 ? ['timeLag', 'plain'] : ['plain', 'timeLag']) {
        counter.reset();
        const t = process.hrtime.bigint();
        const entries = await core.allGroupsLag(bench, { filter, timeLag: side === 'timeLag' });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        const counts = counter.take();
        if (entries.length !== GROUPS || entries.some((e) => e.error)) throw new Error(`${side}: ${entries.length} groups, errors: ${entries.filter((e) => e.error).length}`);
        if (side === 'timeLag') {
          lagging = entries.reduce((n, e) => n + e.lag.topics.reduce((k, t) => k + t.partitions.filter((p) => p.lag > 0n).length, 0), 0);
          const missing = entries.filter((e) => e.lag.timeLagMs === undefined || (e.lag.lag > 0n && !(e.lag.timeLagMs > 0)));
          if (missing.length) throw new Error(`time lag missing for ${missing.length} groups`);
        }
        if (i === 0) continue; // warm-up
        sides[side].ms.push(ms);
        sides[side].counts.push(counts);
      }
    }
    const result = {
      at: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
      runs: RUNS,
      lagging,
      plain: { ...stats(sides.plain.ms), requests: summarizeCounts(sides.plain.counts).perRun },
      timeLag: { ...stats(sides.timeLag.ms), requests: summarizeCounts(sides.timeLag.counts).perRun },
    };
    writeSection(result);
    log(`without time lag ${fmtMs(result.plain.median)} (${fmtCounts(result.plain.requests)}); with ${fmtMs(result.timeLag.median)} (${fmtCounts(result.timeLag.requests)}); ratio ${(result.timeLag.median / result.plain.median).toFixed(2)}×`);
  } finally {
    await Promise.allSettled([bench.close(), setup.close(), producer.disconnect(), admin.disconnect()]);
    if (broker) await broker.stop({ timeoutMs: 3000 }).catch(() => {});
  }
}

function writeSection(r) {
  const file = path.join(root, 'docs/benchmarks.md');
  const range_ = (s) => `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})`;
  const section = [
    START,
    '## Time lag: lag of 500 groups × 20 partitions with and without it (in-process)',
    '',
    `\`node bench/time-lag.js\` on ${r.at.slice(0, 10)}, ${r.machine}; ${r.runs} runs per side after a warm-up, alternating, on a warm client. Data as in lag-500: 25 topics × 20 partitions × ${M} messages over 6 hours, group i on topic i mod 25 at offsets (i + partition) mod ${M + 1} — ${r.lagging.toLocaleString('en-US')} lagging partitions, each needing its next record.`,
    '',
    '| | median (min – max) | requests per run |',
    '|---|---|---|',
    `| \`allGroupsLag\` | ${range_(r.plain)} | ${fmtCounts(r.plain.requests)} |`,
    `| \`allGroupsLag\` with \`timeLag: true\` | ${range_(r.timeLag)} | ${fmtCounts(r.timeLag.requests)} |`,
    '',
    `Ratio of the medians: **${(r.timeLag.median / r.plain.median).toFixed(2)}×** (the issue's bound: at most 2×). Fetch requests per run with one broker: one per round of reads — reads of the same partition at different offsets (here up to ${M + 1} groups' offsets per partition) cannot share one Fetch, so they go in successive requests to the leader (the number of distinct offsets on the busiest partition), never one per partition.`,
    END,
  ].join('\n');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

main().catch((e) => {
  console.error(`[bench] failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
