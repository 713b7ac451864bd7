#!/usr/bin/env node
'use strict';
/**
 * Benchmarks against Apache Kafka's own kafka-consumer-groups (issue 6).
 *
 *   npm run bench                full run, writes docs/benchmarks.md (+ .json, scaling PNG)
 *   npm run bench -- --quick     small run (< 2 min), writes docs/benchmarks-quick.md instead
 *   options: --runs N (runs per side), --no-ext (skip the VS Code figures of a full run)
 *
 * What it does: builds (node scripts/build.js --tests: dist/cli.js and the compiled core in out/),
 * starts its own single-node broker with the test harness, creates the scenarios (topics, messages
 * with timestamps spread over 6 hours, committed offsets written with the engine's own
 * KafkaClient.commitOffsets), then per scenario runs both tools as whole processes, alternating
 * ours / Apache's, plus our engine in-process on one warm KafkaClient with its requests counted.
 * Every child process has a timeout, the whole run has a watchdog, and the broker is always stopped.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync, spawnSync } = require('node:child_process');
const { runProc, timed, withTimeout, killAll } = require('./lib/proc');
const { scalingSvg, svgToPng } = require('./lib/chart');

const ROOT = path.resolve(__dirname, '..');
const ARGV = process.argv.slice(2);
const QUICK = ARGV.includes('--quick');
const runsArg = ARGV.indexOf('--runs');
const RUNS_OVERRIDE = runsArg >= 0 ? Number(ARGV[runsArg + 1]) : undefined;

const CFG = QUICK
  ? {
      runs: 1, // per side, per scenario (whole processes)
      inProcessRuns: 3,
      scaleRuns: 1,
      partitionScale: [10, 1000],
      groupScale: [10, 500],
      messagesPerPartition: 10,
      fastFlagsVariant: false,
      extension: false,
      watchdogMs: 170_000,
    }
  : {
      runs: 7,
      inProcessRuns: 10,
      scaleRuns: 5,
      partitionScale: [10, 100, 1000, 5000],
      groupScale: [10, 100, 500, 2000],
      messagesPerPartition: 20,
      fastFlagsVariant: true,
      extension: !ARGV.includes('--no-ext'),
      watchdogMs: 90 * 60_000,
    };
if (RUNS_OVERRIDE) CFG.runs = RUNS_OVERRIDE;

const DOCS = path.join(ROOT, 'docs');
const OUT_MD = path.join(DOCS, QUICK ? 'benchmarks-quick.md' : 'benchmarks.md');
const OUT_JSON = path.join(DOCS, QUICK ? 'benchmarks-quick.json' : 'benchmarks.json');
const OUT_PNG = path.join(DOCS, QUICK ? 'benchmarks-quick-scaling.png' : 'benchmarks-scaling.png');

const CGC = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
/**
 * JVM options of bin/kafka-consumer-groups.sh → kafka-run-class.sh when the user sets nothing:
 * KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_JMX_OPTS defaults, verbatim.
 */
const SCRIPT_JVM = [
  '-Xmx256M',
  '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true',
  '-Dcom.sun.management.jmxremote=true', '-Dcom.sun.management.jmxremote.authenticate=false', '-Dcom.sun.management.jmxremote.ssl=false',
];
/** What test/support/broker.js's runKafkaTool uses for tools (tuned for start-up, not what users run). */
const HARNESS_JVM = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];

const TIMEOUT = { build: 300_000, reset: 180_000, lag: 300_000, setup: 180_000, ext: 300_000 };
const HOUR = 3600_000;

const t0 = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`, ...a);
const range = (n) => Array.from({ length: n }, (_, i) => i);
const pad = (n, w) => String(n).padStart(w, '0');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Statistics

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return null;
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return { n, median, min: v[0], max: v[n - 1], values };
}
const fmtMs = (ms) => (ms === undefined || ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
const fmtStat = (s) => (s ? `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})` : '—');
const ratio = (a, b) => (a && b ? a.median / b.median : null);
const fmtRatio = (r) => (r === null ? '—' : `${r.toFixed(2)}×`);
const fmtCounts = (c) => Object.entries(c).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ') || '—';

// ---------------------------------------------------------------------------------------------
// Main

let broker = null;
let exiting = false;
/** @type {{root: string, dev: string, prod: {dir?: string, error?: string, vsix?: any}}} */
let builds;
const CLI = () => path.join(builds.dev, 'dist/cli.js');

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`[bench] watchdog: the whole run took longer than ${CFG.watchdogMs / 1000} s; stopping everything.`);
    killAll();
    process.exit(3); // the harness's exit handler SIGKILLs the broker
  }, CFG.watchdogMs);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      if (exiting) return;
      exiting = true;
      console.error(`[bench] ${sig}: stopping`);
      killAll();
      await Promise.race([broker?.stop({ timeoutMs: 5000 }), sleep(8000)]).catch(() => {});
      process.exit(130);
    });
  }

  log(`${QUICK ? 'quick' : 'full'} run: ${CFG.runs} runs per side, ${CFG.inProcessRuns} in-process runs; partitions ${CFG.partitionScale.join('/')}, groups ${CFG.groupScale.join('/')}`);
  const loadStart = os.loadavg();

  // 1. Build: dist/cli.js (what users run) and out/ (the compiled core the in-process runs load).
  const build = await runProc(process.execPath, ['scripts/build.js', '--tests'], { cwd: ROOT, timeoutMs: TIMEOUT.build });
  if (build.code !== 0) throw new Error(`build failed (${build.timedOut ? 'timed out' : `exit ${build.code}`}):\n${build.stdout}${build.stderr}`);
  log(`built in ${build.ms.toFixed(0)} ms`);
  const core = require(path.join(ROOT, 'out/src/core/index.js'));
  const harness = require(path.join(ROOT, 'test/support/broker.js'));
  const { Kafka, logLevel, Partitioners } = require('kafkajs');

  const machine = machineInfo(harness);
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-snapshots-'));
  // Other people rebuild dist/ while they work: the bench runs its own copies of what it just built
  // (the CLI and the dev extension), and builds a production copy (minified, packaged as a vsix).
  builds = prepareBuilds();
  // Temp dirs go even when the run is interrupted (the finally below covers the normal way out).
  process.on('exit', () => {
    for (const d of [snapshotDir, builds.root]) fs.rmSync(d, { recursive: true, force: true });
  });
  log(`copies: dev ${builds.dev}, production ${builds.prod.dir ?? `failed: ${builds.prod.error}`}`);
  const results = { quick: QUICK, config: CFG, startedAt: new Date().toISOString(), machine, scenarios: {}, scaling: { partitions: [], groups: [] } };

  // 2. Broker.
  broker = await withTimeout(harness.startBroker(), 150_000, 'starting the broker');
  const bootstrap = broker.bootstrap;
  results.broker = { bootstrap, props: readProps(path.join(broker.dataDir, 'server.properties')), jvm: ['-Xmx768m', '-XX:+ExitOnOutOfMemoryError'] };
  log(`broker up on ${bootstrap}`);
  const javaBase = (flags) => [...flags, `-Dlog4j2.configurationFile=${path.join(path.dirname(broker.jarsDir), 'log4j2-tools.properties')}`, '-cp', path.join(broker.jarsDir, '*'), CGC];

  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'bench-setup', logLevel: logLevel.NOTHING, requestTimeout: 60_000, retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 3000 } });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  // setup: restores committed offsets between runs (never counted); bench: the measured warm client.
  const setup = new core.KafkaClient({ brokers: [bootstrap], clientId: 'kafka-offsets-bench-setup', requestTimeoutMs: 60_000 });
  const counter = makeCounter();
  const bench = new core.KafkaClient({ brokers: [bootstrap], clientId: 'kafka-offsets-bench' }, { onRequest: counter.onRequest });

  try {
    await withTimeout(Promise.all([admin.connect(), producer.connect()]), 60_000, 'connecting kafkajs');
    const M = CFG.messagesPerPartition;
    const firstTs = Date.now() - 6 * HOUR;
    const datetime = new Date(firstTs + 3 * HOUR).toISOString(); // half of every partition's messages are after it
    results.data = { messagesPerPartition: M, firstTimestamp: new Date(firstTs).toISOString(), spanHours: 6, datetime };

    // 3. Topics, readiness, messages.
    const topics = [
      ...range(25).map((i) => ({ topic: `bench-lag-t${pad(i, 2)}`, partitions: 20 })),
      { topic: 'bench-p1000', partitions: 1000 },
      ...range(10).map((i) => ({ topic: `bench-multi-${pad(i, 2)}`, partitions: 100 })),
      ...CFG.partitionScale.filter((n) => n !== 1000).map((n) => ({ topic: `bench-scale-p${n}`, partitions: n })),
    ];
    const setupTimes = {};
    setupTimes.topics = (await timed(() => createTopics(admin, setup, topics))).ms;
    log(`${topics.length} topics, ${topics.reduce((s, t) => s + t.partitions, 0).toLocaleString('en-US')} partitions created and answering ListOffsets (${(setupTimes.topics / 1000).toFixed(1)} s)`);
    setupTimes.produce = (await timed(() => produceAll(producer, topics, M, firstTs))).ms;
    log(`${(topics.reduce((s, t) => s + t.partitions, 0) * M).toLocaleString('en-US')} messages produced (${(setupTimes.produce / 1000).toFixed(1)} s)`);
    results.setup = setupTimes;

    const ctx = { core, setup, bench, counter, bootstrap, snapshotDir, javaBase, results };

    // Warm the page cache for both tools (jars, node_modules), untimed.
    assertOk(await runProc('node', [CLI(), 'groups', '--bootstrap', bootstrap], { cwd: ROOT, timeoutMs: 60_000 }), 'ours (warm-up)');
    assertOk(await runProc('java', [...javaBase(SCRIPT_JVM), '--bootstrap-server', bootstrap, '--list'], { cwd: ROOT, timeoutMs: 60_000 }), 'Apache (warm-up)');
    await bench.describeCluster(); // the in-process client connects once, like the extension's cached client
    results.scenarios.startup = await measureStartup(ctx, CFG.runs);

    // 4. Lag of all groups, growing the number of groups: 10, 100, 500 (the scenario), 2,000.
    let groups = 0;
    for (const target of [...CFG.groupScale].sort((a, b) => a - b)) {
      await withTimeout(commitLagGroups(setup, core, groups, target, M), TIMEOUT.setup, 'committing lag groups');
      groups = target;
      const isScenario = target === 500;
      const r = await measureLag(ctx, {
        id: isScenario ? 'lag-500' : `lag-scale-${target}`,
        title: `Lag of all groups: ${target.toLocaleString('en-US')} groups, each with committed offsets on one of 25 topics × 20 partitions`,
        short: `lag of ${target.toLocaleString('en-US')} groups × 20 partitions`,
        groups: target,
        runs: isScenario ? CFG.runs : CFG.scaleRuns,
        inProcessRuns: CFG.inProcessRuns,
        harnessVariant: isScenario && CFG.fastFlagsVariant,
      });
      if (isScenario) results.scenarios['lag-500'] = r;
      results.scaling.groups.push({ x: target, ours: r.ours, theirs: r.theirs, inProcess: r.inProcess, requests: r.requests.perRun });
      if (isScenario && CFG.extension) {
        results.extension = await measureExtension(ctx, target).catch((e) => {
          log(`extension figures not measured: ${e.message}`);
          return { error: e.message };
        });
      }
    }

    // 5. Resets.
    const initialFor = (topicsOf, value) => topicsOf.flatMap(({ topic, partitions }) => range(partitions).map((partition) => ({ topic, partition, offset: BigInt(value) })));
    const p1000 = [{ topic: 'bench-p1000', partitions: 1000 }];
    const multi = range(10).map((i) => ({ topic: `bench-multi-${pad(i, 2)}`, partitions: 100 }));
    const csvFile = path.join(snapshotDir, 'plan-10-topics.csv');
    fs.writeFileSync(csvFile, initialFor(multi, 3).map((r) => `${r.topic},${r.partition},${r.offset}`).join('\n') + '\n');

    const resetScenarios = [
      {
        id: 'reset-datetime-1000',
        title: 'Reset 1 group × 1 topic × 1,000 partitions to a date-time',
        short: 'reset 1,000 partitions to a date-time',
        group: 'bench-reset-datetime',
        layout: p1000,
        initial: M - 2,
        ours: ['--topic', 'bench-p1000', '--to-datetime', datetime],
        theirs: ['--topic', 'bench-p1000', '--to-datetime', datetime],
        input: { topic: 'bench-p1000', mode: 'datetime', value: datetime },
        specs: 3,
        harnessVariant: CFG.fastFlagsVariant,
      },
      {
        id: 'reset-offset-1000',
        title: 'Reset 1 group × 1 topic × 1,000 partitions to an offset',
        short: 'reset 1,000 partitions to an offset',
        group: 'bench-reset-offset',
        layout: p1000,
        initial: M - 2,
        ours: ['--topic', 'bench-p1000', '--offset', '3'],
        theirs: ['--topic', 'bench-p1000', '--to-offset', '3'],
        input: { topic: 'bench-p1000', messageOffset: '3' },
        specs: 2,
      },
      {
        id: 'reset-10-topics',
        title: 'Reset 1 group × 10 topics × 100 partitions to an offset (ours: a CSV plan via --from-file; theirs: --all-topics --to-offset)',
        short: 'reset 10 topics × 100 partitions to an offset',
        group: 'bench-reset-10-topics',
        layout: multi,
        initial: M - 2,
        ours: ['--from-file', csvFile],
        theirs: ['--all-topics', '--to-offset', '3'],
        input: { mode: 'csv', value: fs.readFileSync(csvFile, 'utf8') },
        specs: 2,
      },
    ];
    for (const sc of resetScenarios) {
      const r = await measureReset(ctx, { ...sc, initialOffsets: initialFor(sc.layout, sc.initial), runs: CFG.runs, inProcessRuns: CFG.inProcessRuns });
      results.scenarios[sc.id] = r;
    }
    for (const n of CFG.partitionScale) {
      let r;
      if (n === 1000) r = results.scenarios['reset-datetime-1000'];
      else {
        const layout = [{ topic: `bench-scale-p${n}`, partitions: n }];
        r = await measureReset(ctx, {
          id: `reset-scale-${n}`,
          title: `Reset 1 group × 1 topic × ${n.toLocaleString('en-US')} partitions to a date-time`,
          short: `reset ${n.toLocaleString('en-US')} partitions to a date-time`,
          group: `bench-scale-p${n}`,
          layout,
          initial: M - 2,
          initialOffsets: initialFor(layout, M - 2),
          ours: ['--topic', layout[0].topic, '--to-datetime', datetime],
          theirs: ['--topic', layout[0].topic, '--to-datetime', datetime],
          input: { topic: layout[0].topic, mode: 'datetime', value: datetime },
          specs: 3,
          runs: CFG.scaleRuns,
          inProcessRuns: CFG.inProcessRuns,
        });
      }
      results.scaling.partitions.push({ x: n, ours: r.ours, theirs: r.theirs, inProcess: r.inProcess, requests: r.requests.perRun });
    }
    results.bundle = bundleSizes(builds);
  } finally {
    await Promise.allSettled([bench.close(), setup.close(), producer.disconnect(), admin.disconnect()]);
    if (broker) {
      // A throw-away broker: SIGTERM, SIGKILL after 3 s rather than waiting out a controlled shutdown.
      await broker.stop({ timeoutMs: 3000 }).catch(() => {});
      log('broker stopped');
    }
    fs.rmSync(snapshotDir, { recursive: true, force: true });
    fs.rmSync(builds.root, { recursive: true, force: true });
  }

  results.loadavg = { start: loadStart, end: os.loadavg() };
  results.finishedAt = new Date().toISOString();
  results.durationS = (Date.now() - t0) / 1000;

  // 6. Chart and report.
  fs.mkdirSync(DOCS, { recursive: true });
  const subtitle = `${QUICK ? 'quick run (bench --quick)' : 'full run'}, ${machine.cpus} × ${machine.cpuModel}, Kafka ${machine.kafka}, ${results.finishedAt.slice(0, 10)}`;
  try {
    await svgToPng(scalingSvg({ partitions: results.scaling.partitions, groups: results.scaling.groups, subtitle }), OUT_PNG);
    results.chart = path.basename(OUT_PNG);
  } catch (e) {
    results.chartError = e.message;
    log(`chart not rendered: ${e.message}`);
  }
  fs.writeFileSync(OUT_JSON, JSON.stringify(results, (k, v) => (typeof v === 'bigint' ? v.toString() : k === 'values' ? v.map((x) => +x.toFixed(1)) : v), 2) + '\n');
  fs.writeFileSync(OUT_MD, report(results));
  clearTimeout(watchdog);
  log(`wrote ${path.relative(ROOT, OUT_MD)}, ${path.relative(ROOT, OUT_JSON)}${results.chart ? `, ${path.relative(ROOT, OUT_PNG)}` : ''} in ${results.durationS.toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// Scenario data

async function createTopics(admin, client, topics) {
  // Few topics per call: one CreateTopics of many thousand partitions may outlast the admin timeout.
  const batches = [];
  let cur = [];
  let size = 0;
  for (const t of topics) {
    if (size + t.partitions > 3000 && cur.length) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(t);
    size += t.partitions;
  }
  if (cur.length) batches.push(cur);
  for (const b of batches) {
    try {
      await withTimeout(
        admin.createTopics({ topics: b.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: 1 })), waitForLeaders: true, timeout: 120_000 }),
        TIMEOUT.setup,
        `creating ${b.map((t) => t.topic).join(', ')}`,
      );
    } catch (e) {
      // kafkajs's wait for leaders gives up at the first UNKNOWN_TOPIC_OR_PARTITION, which a large
      // topic answers for seconds after CreateTopics succeeded (5,000 partitions: ~12 s here, while
      // the broker creates the logs). Wait until the broker lists the topics, then poll below.
      if (!/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/i.test(String(e.message))) throw e;
      log(`kafkajs's wait for leaders gave up (${e.message}); waiting for the broker to list the topics`);
      const until = Date.now() + TIMEOUT.setup;
      for (;;) {
        const existing = new Set(await admin.listTopics());
        if (b.every((t) => existing.has(t.topic))) break;
        if (Date.now() > until) throw new Error(`topics ${b.map((t) => t.topic).join(', ')} not listed ${TIMEOUT.setup / 1000} s after their creation`);
        await sleep(500);
      }
    }
  }
  // Leaders known to the metadata is not yet "answers": poll until every partition answers ListOffsets.
  const parts = topics.flatMap((t) => range(t.partitions).map((partition) => ({ topic: t.topic, partition })));
  const deadline = Date.now() + TIMEOUT.setup;
  for (;;) {
    try {
      await client.listOffsets(parts, -1);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`partitions still not answering ListOffsets: ${e.message}`);
      await sleep(500);
    }
  }
}

/** M messages per partition, timestamps evenly spread over 6 hours starting at firstTs. */
async function produceAll(producer, topics, M, firstTs) {
  const step = Math.floor((6 * HOUR) / M);
  for (const { topic, partitions } of topics) {
    let messages = [];
    const flush = async () => {
      if (!messages.length) return;
      await withTimeout(producer.send({ topic, messages, acks: 1 }), TIMEOUT.setup, `producing to ${topic}`);
      messages = [];
    };
    for (let p = 0; p < partitions; p++) {
      for (let i = 0; i < M; i++) messages.push({ partition: p, value: `m${i}`, timestamp: String(firstTs + i * step) });
      if (messages.length >= 20_000) await flush();
    }
    await flush();
  }
}

/** Lag groups [from, to): group i commits all 20 partitions of topic i mod 25, at offsets 0..M. */
async function commitLagGroups(client, core, from, to, M) {
  await core.mapLimit(range(to - from).map((k) => from + k), 16, async (i) => {
    const topic = `bench-lag-t${pad(i % 25, 2)}`;
    const offsets = range(20).map((partition) => ({ topic, partition, offset: BigInt((i + partition) % (M + 1)) }));
    const res = await client.commitOffsets(lagGroupId(i), offsets);
    const bad = res.filter((r) => r.errorCode !== 0);
    if (bad.length) throw new Error(`setup commit of ${lagGroupId(i)} failed: error ${bad[0].errorCode}`);
  });
}
const lagGroupId = (i) => `bench-lag-${pad(i, 4)}`;

// ---------------------------------------------------------------------------------------------
// Measurements

/** Requests per api (and their summed round-trip time) from ClientOptions.onRequest. */
function makeCounter() {
  let counts = {};
  let ms = {};
  return {
    onRequest: (api, _broker, durationMs) => {
      counts[api] = (counts[api] || 0) + 1;
      ms[api] = (ms[api] || 0) + (durationMs || 0);
    },
    reset() {
      counts = {};
      ms = {};
    },
    take() {
      const c = { counts, ms };
      counts = {};
      ms = {};
      return c;
    },
  };
}

/** Counts of several runs: the common value if they agree, else min–max per api; median summed ms per api. */
function summarizeCounts(list) {
  const apis = [...new Set(list.flatMap((c) => Object.keys(c.counts)))].sort();
  const perRun = {};
  const msPerRun = {};
  let stable = true;
  for (const a of apis) {
    const v = list.map((c) => c.counts[a] || 0);
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    if (lo !== hi) stable = false;
    perRun[a] = lo === hi ? lo : `${lo}–${hi}`;
    msPerRun[a] = +stats(list.map((c) => c.ms[a] || 0)).median.toFixed(1);
  }
  return { perRun, msPerRun, stable };
}

async function restore(ctx, sc) {
  const res = await ctx.setup.commitOffsets(sc.group, sc.initialOffsets);
  if (res.some((r) => r.errorCode !== 0)) throw new Error(`restoring the initial offsets of ${sc.group} failed`);
}

function assertOk(r, what) {
  if (r.code !== 0) throw new Error(`${what} ${r.timedOut ? 'timed out' : `exited with ${r.code ?? r.signal}`}:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-1500)}`);
}

/**
 * Both tools as whole processes, sc.runs times each, alternating who goes first (and Apache with the
 * harness JVM flags last when sc.harnessVariant); `before` runs ahead of every process.
 */
async function alternateSides(sc, sides, before = async () => {}) {
  const times = { ours: [], theirs: [], theirsHarness: [] };
  const cpu = { ours: [], theirs: [], theirsHarness: [] };
  for (let i = 0; i < sc.runs; i++) {
    const order = i % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
    if (sc.harnessVariant) order.push('theirsHarness');
    for (const side of order) {
      await before();
      const r = side === 'theirsHarness' ? await sides.theirs(i, HARNESS_JVM) : await sides[side](i);
      times[side].push(r.ms);
      if (r.cpuMs !== undefined) cpu[side].push(r.cpuMs);
    }
  }
  return { times, cpu };
}

/**
 * Our engine in-process on the warm client, as the extension runs it: one untimed warm-up, then
 * sc.inProcessRuns timed runs with their requests counted. `check` runs outside the timing.
 */
async function inProcessRuns(ctx, sc, run, check, before = async () => {}) {
  const inProc = [];
  const countList = [];
  for (let i = 0; i <= sc.inProcessRuns; i++) {
    await before();
    ctx.counter.reset();
    const { ms, value } = await timed(run);
    const counts = ctx.counter.take();
    check(value);
    if (i === 0) continue;
    inProc.push(ms);
    countList.push(counts);
  }
  return { inProc, countList };
}

/** Cold: a new client, i.e. what one CLI invocation sends (connection, metadata, coordinator lookup). */
async function coldRun(ctx, run) {
  const cold = makeCounter();
  const client = new ctx.core.KafkaClient({ brokers: [ctx.bootstrap], clientId: 'kafka-offsets-bench-cold' }, { onRequest: cold.onRequest });
  try {
    const { ms } = await timed(() => run(client));
    return { ms, requests: cold.take().counts };
  } finally {
    await client.close();
  }
}

/** The measured fields every Kafka scenario reports, and its log line. */
function measured(sc, head, { times, cpu, load, inProc, countList, cold, checks }) {
  const out = {
    ...head,
    ours: stats(times.ours),
    theirs: stats(times.theirs),
    theirsHarness: times.theirsHarness.length ? stats(times.theirsHarness) : undefined,
    cpu: { ours: stats(cpu.ours), theirs: stats(cpu.theirs), theirsHarness: stats(cpu.theirsHarness) },
    load: [load, os.loadavg()[0]],
    inProcess: stats(inProc),
    requests: summarizeCounts(countList),
    cold,
    checks,
  };
  log(`${sc.id}: ours ${fmtMs(out.ours.median)}, Apache ${fmtMs(out.theirs.median)}, in-process ${fmtMs(out.inProcess.median)}; requests ${fmtCounts(out.requests.perRun)}`);
  return out;
}

/** Start-up alone, no Kafka: `kafka-offsets --help` vs `ConsumerGroupCommand --version`. */
async function measureStartup(ctx, runs) {
  const load = os.loadavg()[0];
  const checked = async (side, proc) => {
    const r = await proc;
    assertOk(r, `${side} start-up`);
    return r;
  };
  const { times, cpu } = await alternateSides({ runs }, {
    ours: () => checked('ours', runProc('node', [CLI(), '--help'], { cwd: ROOT, timeoutMs: 60_000, cpu: true })),
    theirs: () => checked('theirs', runProc('java', [...ctx.javaBase(SCRIPT_JVM), '--version'], { cwd: ROOT, timeoutMs: 60_000, cpu: true })),
  });
  const out = {
    title: 'Start-up only, no Kafka request (ours `--help`, Apache `--version`)',
    short: 'start-up only (no Kafka)',
    kind: 'startup',
    oursCommand: 'node dist/cli.js --help',
    theirsCommand: `${CGC} --version`,
    ours: stats(times.ours),
    theirs: stats(times.theirs),
    cpu: { ours: stats(cpu.ours), theirs: stats(cpu.theirs) },
    load: [load, os.loadavg()[0]],
  };
  log(`startup: ours ${fmtMs(out.ours.median)}, Apache ${fmtMs(out.theirs.median)}`);
  return out;
}

async function measureReset(ctx, sc) {
  const { core, setup, bench, bootstrap, snapshotDir, javaBase } = ctx;
  log(`${sc.id}: ${sc.runs} runs per side${sc.harnessVariant ? ' (+ Apache with the harness JVM flags)' : ''}, ${sc.inProcessRuns} in-process`);
  const topicsOf = sc.layout.map((l) => ({ topic: l.topic, partitions: range(l.partitions) }));
  const expected = sc.layout.reduce((s, l) => s + l.partitions, 0);
  const load = os.loadavg()[0];
  /** @type {Map<string,string> | undefined} topic:partition → target, from our first run */
  let targets;
  const checks = [];
  const sides = {
    ours: async (i) => {
      const r = await runProc('node', [CLI(), 'reset', '--bootstrap', bootstrap, '--group', sc.group, ...sc.ours, '--yes', '--json', '--snapshot-dir', snapshotDir], { cwd: ROOT, timeoutMs: TIMEOUT.reset, cpu: true });
      assertOk(r, `ours (${sc.id}, run ${i + 1})`);
      const doc = JSON.parse(r.stdout);
      const rows = doc.result?.rows ?? [];
      if (rows.length !== expected || rows.some((x) => x.outcome !== 'applied')) throw new Error(`ours (${sc.id}): ${rows.length} rows, ${rows.filter((x) => x.outcome !== 'applied').length} not applied`);
      if (!targets) {
        targets = new Map(rows.map((x) => [`${x.topic}:${x.partition}`, String(x.target)]));
        checks.push(`ours: ${rows.length} partitions applied and read back`);
      }
      return r;
    },
    theirs: async (i, flags = SCRIPT_JVM) => {
      const r = await runProc('java', [...javaBase(flags), '--bootstrap-server', bootstrap, '--group', sc.group, ...sc.theirs, '--reset-offsets', '--execute'], { cwd: ROOT, timeoutMs: TIMEOUT.reset, cpu: true });
      assertOk(r, `Apache (${sc.id}, run ${i + 1})`);
      if (i === 0 && targets && flags === SCRIPT_JVM) {
        // Same work on both sides: Apache's tool must leave exactly the offsets ours committed.
        const committed = await setup.committedOffsets(sc.group, topicsOf);
        const diff = [...targets].filter(([k, v]) => String(committed.get(k)) !== v);
        if (diff.length) throw new Error(`Apache's tool committed other offsets than ours on ${diff.length} partitions, e.g. ${diff[0][0]}: ours ${diff[0][1]}, theirs ${committed.get(diff[0][0])}`);
        checks.push(`Apache: committed the same ${targets.size} offsets as ours`);
      }
      return r;
    },
  };
  const { times, cpu } = await alternateSides(sc, sides, () => restore(ctx, sc));

  const v = core.validateResetInput({ group: sc.group, ...sc.input });
  if (!v.ok) throw new Error(`${sc.id}: ${JSON.stringify(v.issues)}`);
  const reset = async (client) => core.applyPlan(client, await core.planFromCluster(client, v.request), { snapshotDir });
  const { inProc, countList } = await inProcessRuns(
    ctx,
    sc,
    () => reset(bench),
    (res) => {
      if (res.rows.length !== expected || res.rows.some((x) => x.outcome !== 'applied')) throw new Error(`in-process (${sc.id}): not every partition applied`);
    },
    () => restore(ctx, sc),
  );
  await restore(ctx, sc);
  const cold = await coldRun(ctx, reset);
  const head = {
    title: sc.title,
    short: sc.short,
    kind: 'reset',
    partitions: expected,
    topics: sc.layout.length,
    specs: sc.specs,
    oursCommand: `node dist/cli.js reset --bootstrap B --group ${sc.group} ${sc.ours.map((a) => (a.includes('/') ? path.basename(a) : a)).join(' ')} --yes --json --snapshot-dir DIR`,
    theirsCommand: `${CGC} --bootstrap-server B --group ${sc.group} ${sc.theirs.join(' ')} --reset-offsets --execute`,
  };
  return measured(sc, head, { times, cpu, load, inProc, countList, cold, checks });
}

async function measureLag(ctx, sc) {
  const { core, bench, bootstrap, javaBase } = ctx;
  log(`${sc.id}: ${sc.runs} runs per side, ${sc.inProcessRuns} in-process`);
  const load = os.loadavg()[0];
  let oursTotals;
  const checks = [];
  const sides = {
    ours: async (i) => {
      const r = await runProc('node', [CLI(), 'lag', '--all-groups', '--json', '--bootstrap', bootstrap], { cwd: ROOT, timeoutMs: TIMEOUT.lag, cpu: true });
      assertOk(r, `ours (${sc.id}, run ${i + 1})`);
      const doc = JSON.parse(r.stdout);
      if (doc.length !== sc.groups || doc.some((g) => g.error)) throw new Error(`ours (${sc.id}): ${doc.length} groups, ${doc.filter((g) => g.error).length} with errors`);
      if (!oursTotals) {
        oursTotals = new Map(doc.map((g) => [g.group, g.lag]));
        checks.push(`ours: ${doc.length} groups with lag`);
      }
      return r;
    },
    theirs: async (i, flags = SCRIPT_JVM) => {
      const r = await runProc('java', [...javaBase(flags), '--bootstrap-server', bootstrap, '--describe', '--all-groups'], { cwd: ROOT, timeoutMs: TIMEOUT.lag, cpu: true });
      assertOk(r, `Apache (${sc.id}, run ${i + 1})`);
      if (i === 0 && flags === SCRIPT_JVM) {
        const totals = new Map();
        for (const line of r.stdout.split('\n')) {
          const c = line.trim().split(/\s+/);
          if (c.length >= 6 && /^\d+$/.test(c[2]) && c[0].startsWith('bench-lag-')) totals.set(c[0], (totals.get(c[0]) ?? 0) + (/^\d+$/.test(c[5]) ? Number(c[5]) : 0));
        }
        if (totals.size !== sc.groups) throw new Error(`Apache (${sc.id}) described ${totals.size} groups, expected ${sc.groups}`);
        if (oursTotals) {
          const diff = [...totals].filter(([g, l]) => oursTotals.get(g) !== l);
          if (diff.length) throw new Error(`lag differs on ${diff.length} groups, e.g. ${diff[0][0]}: Apache ${diff[0][1]}, ours ${oursTotals.get(diff[0][0])}`);
          checks.push(`Apache: the same ${totals.size} groups with the same total lag per group as ours`);
        }
      }
      return r;
    },
  };
  const { times, cpu } = await alternateSides(sc, sides);
  const { inProc, countList } = await inProcessRuns(
    ctx,
    sc,
    () => core.allGroupsLag(bench),
    (value) => {
      if (value.length !== sc.groups || value.some((e) => e.error)) throw new Error(`in-process (${sc.id}): ${value.length} groups`);
    },
  );
  const cold = await coldRun(ctx, (client) => core.allGroupsLag(client));
  const head = {
    title: sc.title,
    short: sc.short,
    kind: 'lag',
    groups: sc.groups,
    partitions: sc.groups * 20,
    oursCommand: 'node dist/cli.js lag --all-groups --json --bootstrap B',
    theirsCommand: `${CGC} --bootstrap-server B --describe --all-groups`,
  };
  return measured(sc, head, { times, cpu, load, inProc, countList, cold, checks });
}

/**
 * The builds the bench runs: `dev` = a copy of what `node scripts/build.js --tests` just wrote to dist/
 * (with the manifest and media, so it loads as an extension); `prod` = the sources copied and built
 * with `scripts/build.js --production`, then packaged with vsce (for the vsix size).
 */
function prepareBuilds() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-builds-'));
  const dev = path.join(root, 'dev');
  const manifest = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];
  fs.mkdirSync(dev);
  for (const f of manifest) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(dev, f));
  for (const d of ['dist', 'media']) if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(dev, d), { recursive: true });
  // The bundles require kafkajs's internals by computed paths (src/core/kafka/internals.ts), which
  // esbuild leaves to run time: they need node_modules beside them.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dev, 'node_modules'));
  const prod = { dir: path.join(root, 'prod') };
  try {
    fs.mkdirSync(prod.dir);
    for (const f of [...manifest, 'tsconfig.json']) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(prod.dir, f));
    for (const d of ['src', 'scripts', 'media']) if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(prod.dir, d), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(prod.dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.js', '--production'], { cwd: prod.dir, stdio: 'pipe', timeout: TIMEOUT.build });
    const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
    if (fs.existsSync(vsce)) {
      try {
        const file = path.join(root, 'kafka-offsets.vsix');
        const said = execFileSync(vsce, ['package', '--no-dependencies', '--out', file], { cwd: prod.dir, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
        prod.vsix = { bytes: fs.statSync(file).size, files: Number(/\((\d+) files?/.exec(said)?.[1]) || undefined };
      } catch (e) {
        prod.vsix = { error: `vsce package failed: ${String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}` };
      }
    } else prod.vsix = { error: 'no @vscode/vsce in node_modules' };
  } catch (e) {
    return { root, dev, prod: { error: `production build failed: ${String(e.stderr || e.message).slice(-500)}` } };
  }
  return { root, dev, prod };
}

/**
 * VS Code figures (bench/lib/vscode.js: code-server + headless chromium, bench/ext/host.js in the
 * extension host), 3 fresh sessions per build of the extension, on the cluster of `groups` groups.
 */
async function measureExtension(ctx, groups) {
  const { vscodeSession } = require('./lib/vscode');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-ext-'));
  const variants = [];
  const list = [['dev build (scripts/build.js, as the e2e tests load it)', builds.dev]];
  if (builds.prod.dir) list.push(['production build (minified, as the vsix ships it)', builds.prod.dir]);
  try {
    for (const [name, devPath] of list) {
      const sessions = [];
      for (let s = 0; s < 3; s++) {
        log(`extension: ${name}, code-server session ${s + 1}/3`);
        const r = await vscodeSession({ devPath, outFile: path.join(tmp, `ext-${variants.length}-${s}.json`), timeoutMs: TIMEOUT.ext, env: { BENCH_BOOTSTRAP: ctx.bootstrap, BENCH_EXPECT_GROUPS: String(groups) } });
        if (r.error) throw new Error(`${name}, session ${s + 1}: ${r.error}`);
        sessions.push(r);
      }
      const w = sessions.map((x) => x.webview || {});
      const v = {
        name,
        sessions: sessions.length,
        activation: stats(sessions.map((x) => x.activationMs).filter((x) => typeof x === 'number')),
        firstLoad: stats(sessions.map((x) => x.firstLoadMs)),
        refresh: stats(sessions.flatMap((x) => x.refreshMs)),
        webviewFcp: stats(w.map((x) => x.firstContentfulPaintMs).filter((x) => typeof x === 'number')),
        webviewData: stats(w.map((x) => x.formWithDataMs).filter((x) => typeof x === 'number')),
        notes: [...new Set([...sessions.flatMap((x) => x.notes || []), ...w.filter((x) => x.error).map((x) => `webview: ${x.error}`)])],
      };
      variants.push(v);
      log(`extension (${name}): activation ${fmtMs(v.activation?.median)}, first load ${fmtMs(v.firstLoad?.median)}, refresh ${fmtMs(v.refresh?.median)}, webview FCP ${fmtMs(v.webviewFcp?.median)}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { groups, variants };
}

/** Bundle sizes: the dev build the bench runs and the production build, plus the vsix. */
function bundleSizes(b) {
  const out = {};
  const add = (label, file) => {
    try {
      const buf = fs.readFileSync(file);
      out[label] = { bytes: buf.length, gzip: zlib.gzipSync(buf).length };
    } catch {}
  };
  for (const f of ['extension.js', 'webview.js', 'cli.js']) add(`dev dist/${f}`, path.join(b.dev, 'dist', f));
  if (b.prod.dir) for (const f of ['extension.js', 'webview.js', 'cli.js']) add(`production dist/${f}`, path.join(b.prod.dir, 'dist', f));
  else out.productionError = b.prod.error;
  out.vsix = b.prod.vsix ?? { error: b.prod.error };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Machine and report

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
  } catch (e) {
    return (e.stderr || e.stdout || '').toString().trim();
  }
}

function machineInfo(harness) {
  const cpus = os.cpus();
  let distro = '';
  try {
    distro = /PRETTY_NAME="?([^"\n]+)/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {}
  const jv = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 20_000 });
  const java = `${jv.stderr || ''}${jv.stdout || ''}`.trim().split('\n');
  const head = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    ramGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${distro} (Linux ${os.release()})`,
    node: process.version,
    java: java.slice(0, 2).join(' / '),
    kafka: harness.DEFAULT_KAFKA_VERSION,
    kafkajs: require('kafkajs/package.json').version,
    commit: head,
    dirtySourceFiles: dirty,
  };
}

function readProps(file) {
  const props = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([^#=]+)=(.*)$/.exec(line);
    if (m) props[m[1]] = m[2];
  }
  return props;
}

function report(R) {
  const m = R.machine;
  const S = R.scenarios;
  const L = [];
  const P = (...a) => L.push(...a);
  P(`# Benchmarks: kafka-offsets vs Apache Kafka's kafka-consumer-groups${R.quick ? ' (quick run)' : ''}`, '');
  P(`Produced by \`npm run bench${R.quick ? ' -- --quick' : ''}\` (bench/run.js) on ${R.finishedAt.slice(0, 16).replace('T', ' ')} UTC in ${Math.round(R.durationS)} s.` +
    (R.quick ? ' A quick run: few runs per side and smaller scales — indicative only; see [benchmarks.md](benchmarks.md) for the full run.' : ''), '');
  P('Times are wall-clock milliseconds measured with `process.hrtime` around each whole process (spawn to exit) or each in-process call.',
    `Each cell: **median** (min – max) over the runs. Ratios are median / median; below 1 means we are faster.`,
    `Other processes may have been running on this machine's ${m.cpus} cores during the run (load average ${R.loadavg.start.map((x) => x.toFixed(2)).join(' / ')} at the start, ${R.loadavg.end.map((x) => x.toFixed(2)).join(' / ')} at the end), so treat small differences as noise.`, '');

  P('## Machine and versions', '');
  P('| | |', '|---|---|');
  P(`| CPU | ${m.cpus} × ${m.cpuModel} |`, `| RAM | ${m.ramGiB} GiB |`, `| OS | ${m.os} |`, `| Node.js | ${m.node} |`, `| Java | ${m.java} |`);
  P(`| Kafka | ${m.kafka} (broker and tools from the Maven Central jars, single-node KRaft broker+controller on 127.0.0.1) |`, `| kafkajs | ${m.kafkajs} |`);
  P(`| kafka-offsets | commit ${m.commit}${m.dirtySourceFiles ? ` plus ${m.dirtySourceFiles} uncommitted file(s) under src/ (other work in progress, built as found)` : ''} |`, '');
  P('### Broker', '');
  P('Started by the test harness (`startBroker()` of test/support/broker.js) with its default properties, nothing added for the benchmark;',
    `broker JVM: \`${R.broker.jvm.join(' ')}\`. The server.properties it ran with (ports and paths as generated for this run):`, '', '```properties');
  for (const [k, v] of Object.entries(R.broker.props)) P(`${k}=${v}`);
  P('```', '');
  P('### How each side is run', '',
    `- **Ours (CLI)**: \`node dist/cli.js …\`, the esbuild bundle \`node scripts/build.js\` makes (the dev build, as \`npm run build\` gives it; copied to a temp dir right after the build so that concurrent rebuilds of dist/ cannot change it mid-run), a new Node process per run: it connects, works and exits.`,
    `- **Apache**: \`java <flags> -Dlog4j2.configurationFile=<tools config: WARN to stderr> -cp "<kafka jars>/*" ${CGC} …\`, a new JVM per run.`,
    `  The flags are the defaults that \`bin/kafka-consumer-groups.sh\` gets from \`kafka-run-class.sh\` when the user sets nothing (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_JMX_OPTS):`,
    `  \`${SCRIPT_JVM.join(' ')}\`. Run as \`java\` directly (no bash wrapper; the script's bash start-up of a few ms is not counted).`,
    `  The test harness's \`runKafkaTool\` instead uses \`${HARNESS_JVM.join(' ')}\` (C1 only, serial GC: faster start-up, not what users get);` +
      (R.config.fastFlagsVariant ? ' the headline reset and lag scenarios also show Apache with those flags, for reference.' : ' not measured in this run.'),
    `- **Ours (in-process)**: the engine from out/src/core on one \`KafkaClient\` that is already connected (like the extension's cached client): \`planFromCluster\` + \`applyPlan\` for a reset, \`allGroupsLag\` for lag. One untimed warm-up, then ${R.config.inProcessRuns} timed runs. Requests counted with \`ClientOptions.onRequest\` (kafkajs's request instrumentation event).`,
    `- **CPU time**: each process runs under GNU time (\`/usr/bin/time -f "%U %S"\`, which adds about a millisecond of wall time to both sides alike) for its user + system CPU seconds, all threads included.`,
    `- **Order**: for each scenario the runs alternate (run 1: ours then Apache, run 2: Apache then ours, …). Before every reset run, the group's committed offsets are put back to the scenario's starting offsets (untimed), so every run does the same work.`,
    `- **Same result**: the first run of each reset scenario checks that Apache's tool leaves exactly the offsets ours committed; the lag scenarios check that both list the same groups with the same total lag per group.`,
    `- **Data**: ${R.data.messagesPerPartition} messages per partition, timestamps evenly spread over ${R.data.spanHours} hours from ${R.data.firstTimestamp}; date-time resets go to ${R.data.datetime} (the middle). Starting committed offsets: ${R.data.messagesPerPartition - 2} on every partition of a reset group; lag groups commit at offsets 0–${R.data.messagesPerPartition}. Offsets were committed with the engine's \`KafkaClient.commitOffsets\` (never kafkajs's setOffsets, which joins the group).`,
    `- Setup (untimed): topics created and answering ListOffsets in ${(R.setup.topics / 1000).toFixed(1)} s, messages produced in ${(R.setup.produce / 1000).toFixed(1)} s.`, '');

  P('## Results', '');
  P('| scenario | ours (CLI process) | Apache (JVM process) | ours / Apache | ours in-process (warm) | in-process / Apache |', '|---|---|---|---|---|---|');
  for (const id of ['reset-datetime-1000', 'reset-offset-1000', 'reset-10-topics', 'lag-500', 'startup']) {
    const s = S[id];
    if (!s) continue;
    P(`| ${s.title} | ${fmtStat(s.ours)} | ${fmtStat(s.theirs)} | ${fmtRatio(ratio(s.ours, s.theirs))} | ${fmtStat(s.inProcess)} | ${fmtRatio(ratio(s.inProcess, s.theirs))} |`);
  }
  P('', `Runs per side: ${R.config.runs} (whole processes), ${R.config.inProcessRuns} (in-process).`, '');
  P('CPU time of the same processes (user + system, all threads, from GNU time), less sensitive than wall time to other load on the machine; and the 1-minute load average when each scenario started and ended:', '');
  P('| scenario | ours CPU | Apache CPU | ours / Apache | load average |', '|---|---|---|---|---|');
  for (const id of ['reset-datetime-1000', 'reset-offset-1000', 'reset-10-topics', 'lag-500', 'startup']) {
    const s = S[id];
    if (!s || !s.cpu) continue;
    P(`| ${s.short} | ${fmtStat(s.cpu.ours)} | ${fmtStat(s.cpu.theirs)} | ${fmtRatio(ratio(s.cpu.ours, s.cpu.theirs))} | ${s.load.map((x) => x.toFixed(1)).join(' → ')} |`);
  }
  P('');
  const withHarness = Object.values(S).filter((s) => s.theirsHarness);
  if (withHarness.length) {
    P('Apache with the test harness\'s start-up flags instead (for reference; not what `kafka-consumer-groups.sh` runs):', '');
    P('| scenario | Apache, harness flags | ours CLI / that |', '|---|---|---|');
    for (const s of withHarness) P(`| ${s.title} | ${fmtStat(s.theirsHarness)} | ${fmtRatio(ratio(s.ours, s.theirsHarness))} |`);
    P('');
  }
  P('### Commands', '');
  for (const id of ['reset-datetime-1000', 'reset-offset-1000', 'reset-10-topics', 'lag-500']) {
    const s = S[id];
    if (!s) continue;
    P(`- ${s.title}`, `  - ours: \`${s.oursCommand}\``, `  - Apache: \`${s.theirsCommand}\``);
  }
  P('', 'Ours has no `--all-topics`: the 10-topic reset gives it a CSV plan (`topic,partition,offset`, 1,000 rows, the format of `kafka-consumer-groups --export`) covering the same 10 topics and the same offset.', '');

  P('### Requests we send (per run, counted in-process)', '');
  P('Warm = the measured in-process runs on a connected client; cold = one run on a new client, which is what one CLI invocation sends (connection set-up included). kafkajs names FindCoordinator "GroupCoordinator". One broker, so one partition leader and one group coordinator.', '');
  P('| scenario | warm client: requests (Σ round-trip ms, median run) | cold client (as the CLI) | cold in-process time |', '|---|---|---|---|');
  for (const s of Object.values(S).filter((x) => x.requests)) {
    const warm = Object.entries(s.requests.perRun).map(([api, n]) => `${api} ${n} (${fmtMs(s.requests.msPerRun[api])})`).join(', ');
    P(`| ${s.short} | ${warm}${s.requests.stable ? '' : ' (counts varied between runs)'} | ${fmtCounts(s.cold.requests)} | ${fmtMs(s.cold.ms)} |`);
  }
  P('', 'Σ round-trip ms adds up the duration kafkajs reports for each request of one run; requests sent in parallel overlap, so the sum can exceed the wall time.', '');
  const A = S['reset-datetime-1000'];
  const D = S['lag-500'];
  if (A && D) {
    const total = (c) => Object.values(c).reduce((x, n) => x + (typeof n === 'number' ? n : 0), 0);
    P(`Where they come from (src/core at commit ${m.commit}):`, '',
      `- **Reset** (${total(A.requests.perRun)} requests warm): Metadata ×${A.requests.perRun.Metadata ?? 0} — the topic layout, read once and cached for 5 s by \`partitionCounts()\`, \`listOffsetsMulti()\` and \`listOffsets()\`; ListOffsets ×${A.requests.perRun.ListOffsets ?? 0} — one per leader per spec, as budgeted (${fmtMs(A.requests.msPerRun.ListOffsets)} summed; the timestamp lookup is what makes a date-time reset dearer than an offset reset: compare their in-process rows); OffsetFetch ×${A.requests.perRun.OffsetFetch ?? 0} — the preview's committed offsets, the stale-preview re-check just before committing, and the read-back; DescribeGroups ×${A.requests.perRun.DescribeGroups ?? 0} — the "no members" pre-check. A new client (one CLI run) adds ApiVersions, the connection's Metadata and FindCoordinator.`,
      `- **Lag of all groups** (${total(D.requests.perRun)} requests warm for ${D.groups} groups): ListGroups + DescribeGroups once per broker, no FindCoordinator (coordinators cached from ListGroups), ListOffsets ×2 for the union of all partitions, OffsetFetch ×${D.requests.perRun.OffsetFetch} — v8 (KIP-709, Kafka ≥ 3.0) takes up to 100 groups per request to their coordinator (${fmtMs(D.requests.msPerRun.OffsetFetch)} summed), so nothing is sent per group. Metadata ×${D.requests.perRun.Metadata} — \`listTopics()\` (the layout read of \`listOffsetsMulti()\` is served from its 5 s cache when warm).`,
      `- **CLI process vs in-process**: the CLI's wall time is mostly Node start-up and loading the bundle (the start-up row above) plus the cold client's connection; the Kafka work itself is the in-process column.`, '');
  }

  P('## Targets (issue 6 §3)', '');
  P('| target | measured | |', '|---|---|---|');
  for (const t of targets(R)) P(`| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? '**met**' : '**not met**'} |`);
  P('');

  P('## How it scales', '');
  P(`Reset of 1 group on 1 topic to a date-time, by the topic's partition count; and lag of all groups, by the number of groups (each with committed offsets on all 20 partitions of one of 25 topics). ${R.config.scaleRuns} run(s) per side per point (the 1,000-partition and 500-group points are the scenarios above, with their runs).`, '');
  if (R.chart) P(`![How it scales](${R.chart})`, '');
  else P(`(Chart not rendered: ${R.chartError})`, '');
  P('| partitions | ours (CLI) | Apache | ours / Apache | ours in-process | our requests (warm) |', '|---|---|---|---|---|---|');
  for (const p of R.scaling.partitions) P(`| ${p.x.toLocaleString('en-US')} | ${fmtStat(p.ours)} | ${fmtStat(p.theirs)} | ${fmtRatio(ratio(p.ours, p.theirs))} | ${fmtStat(p.inProcess)} | ${fmtCounts(p.requests || {})} |`);
  P('', '| groups (× 20 partitions) | ours (CLI) | Apache | ours / Apache | ours in-process | our requests (warm) |', '|---|---|---|---|---|---|');
  for (const p of R.scaling.groups) P(`| ${p.x.toLocaleString('en-US')} | ${fmtStat(p.ours)} | ${fmtStat(p.theirs)} | ${fmtRatio(ratio(p.ours, p.theirs))} | ${fmtStat(p.inProcess)} | ${fmtCounts(p.requests || {})} |`);
  P('', `In-process runs per point: ${R.config.inProcessRuns}.`, '');

  P('## Extension (VS Code)', '');
  const e = R.extension;
  if (!e) P(`Not measured in this run${R.quick ? ' (`--quick` skips code-server)' : ' (`--no-ext`)'}.`, '');
  else if (e.error) P(`Not measured: ${e.error}`, '');
  else {
    P(`Measured in code-server ${require(path.join(ROOT, 'test/e2e/codeserver.js')).CS_VERSION} (the VS Code web workbench, in headless chromium) started by test/e2e/codeserver.js, with bench/ext/host.js as the extension-host module and the page driven by bench/lib/vscode.js: 3 fresh code-server sessions per build of the extension, on the broker above while it held the ${e.groups} lag groups (the lag scenario's cluster). In a desktop VS Code the webview figures will differ (no browser service worker in between).`, '');
    P('| figure | build | median (min – max) | how |', '|---|---|---|---|');
    for (const v of e.variants) P(`| activation | ${v.name} | ${fmtStat(v.activation)} | \`await extension.activate()\` timed in the extension host on the not-yet-active extension (loading the bundle + activate()), 2 s after the workbench came up; one per session |`);
    for (const v of e.variants) P(`| view opened → lag of all ${e.groups} groups in the tree | ${v.name} | ${fmtStat(v.firstLoad)} | opens the Kafka view (VS Code asks the tree for its children); includes connecting; until every group has its lag |`);
    for (const v of e.variants) P(`| refresh → lag of all ${e.groups} groups in the tree | ${v.name} | ${fmtStat(v.refresh)} | \`kafkaOffsets.refresh\` with the view open, until \`tree.idle()\` and every group has its lag; 5 per session. The browser's repaint of the rows is not included |`);
    for (const v of e.variants) P(`| webview first paint | ${v.name} | ${fmtStat(v.webviewFcp)} | \`kafkaOffsets.openResetForm\` on a group → first-contentful-paint of the form's document (its own Paint Timing entry) |`);
    for (const v of e.variants) P(`| webview shows the group's data | ${v.name} | ${fmtStat(v.webviewData)} | same start → the form's DOM offers the group's topics (after ready → init; a DOM state, polled every ~10 ms, so it can precede the paint entry) |`);
    for (const n of [...new Set(e.variants.flatMap((v) => v.notes))]) P(`| note | | ${n} | |`);
    P('');
  }
  if (R.bundle) {
    P('Sizes (bytes; gzip in brackets):', '');
    for (const [k, v] of Object.entries(R.bundle)) if (v && typeof v === 'object' && v.gzip) P(`- ${k}: ${v.bytes.toLocaleString('en-US')} (${v.gzip.toLocaleString('en-US')})`);
    const vs = R.bundle.vsix;
    P(vs && vs.bytes ? `- vsix (\`vsce package --no-dependencies\` of the production build, as \`npm run package\` does): ${vs.bytes.toLocaleString('en-US')}${vs.files ? ` (${vs.files} files)` : ''}` : `- vsix: not measured (${vs?.error ?? 'no production build'})`, '');
  }

  P('## Reproduce', '', '```bash', 'npm ci', 'npm run bench              # full run: writes docs/benchmarks.md, docs/benchmarks.json, docs/benchmarks-scaling.png', 'npm run bench -- --quick   # < 2 min: docs/benchmarks-quick.md (+ .json, PNG)', 'npm run bench -- --no-ext  # full run without the code-server part', '```', '',
    'Needs what `npm test` needs: Java 17 and Maven (Kafka jars come from Maven Central into ~/.cache/kafka-offsets), Debian\'s chromium for the chart (and code-server for the extension figures, installed by test/e2e/codeserver.js).',
    'Every child process has a timeout, the whole run has a watchdog, and the broker is stopped at the end (or killed with the bench). Raw numbers: the .json next to this file.', '');
  return L.join('\n');
}

function targets(R) {
  const S = R.scenarios;
  const out = [];
  const A = S['reset-datetime-1000'];
  const B = S['reset-offset-1000'];
  const D = S['lag-500'];
  if (A) {
    out.push({ target: 'reset of 1,000 partitions ≤ 0.5 s in-process', measured: `date-time: ${fmtMs(A.inProcess.median)}${B ? `; offset: ${fmtMs(B.inProcess.median)}` : ''} (median, warm client)`, met: A.inProcess.median <= 500 && (!B || B.inProcess.median <= 500) });
    const ra = ratio(A.ours, A.theirs);
    const rb = B ? ratio(B.ours, B.theirs) : null;
    const cpuNote = (s) => (s.cpu?.ours && s.cpu?.theirs ? `, CPU ${fmtRatio(ratio(s.cpu.ours, s.cpu.theirs))}` : '');
    out.push({ target: "reset of 1,000 partitions ≤ 0.25× the Apache tool's wall time", measured: `CLI process vs JVM process, wall time: date-time ${fmtRatio(ra)} (${fmtMs(A.ours.median)} vs ${fmtMs(A.theirs.median)}${cpuNote(A)})${B ? `; offset ${fmtRatio(rb)} (${fmtMs(B.ours.median)} vs ${fmtMs(B.theirs.median)}${cpuNote(B)})` : ''}`, met: ra <= 0.25 && (rb === null || rb <= 0.25) });
  }
  if (D) {
    out.push({ target: 'lag of 500 groups × 20 partitions ≤ 1 s in-process', measured: `${fmtMs(D.inProcess.median)} (median, warm client)`, met: D.inProcess.median <= 1000 });
    const r = ratio(D.ours, D.theirs);
    out.push({ target: "lag of 500 × 20 ≤ 0.5× Apache's wall time", measured: `CLI process vs JVM process, wall time: ${fmtRatio(r)} (${fmtMs(D.ours.median)} vs ${fmtMs(D.theirs.median)}${D.cpu?.ours && D.cpu?.theirs ? `, CPU ${fmtRatio(ratio(D.cpu.ours, D.cpu.theirs))}` : ''})`, met: r <= 0.5 });
  }
  for (const s of [A, B, S['reset-10-topics']].filter(Boolean)) {
    // Budget: one Metadata, one ListOffsets per leader per spec (1 leader here), one OffsetCommit per
    // coordinator (1), one read-back OffsetFetch. Anything else is over budget.
    const c = s.requests.perRun;
    const budget = { Metadata: 1, ListOffsets: s.specs, OffsetCommit: 1, OffsetFetch: 1 };
    const over = [];
    for (const [api, n] of Object.entries(c)) {
      const allowed = budget[api] ?? 0;
      const v = typeof n === 'number' ? n : Number(String(n).split('–')[1]);
      if (v > allowed) over.push(`${api} ${n} (budget ${allowed})`);
    }
    out.push({
      target: `request budget of a reset — ${s.short}: Metadata 1, ListOffsets ${s.specs} (1 leader × ${s.specs} specs: ${s.specs === 3 ? 'earliest, latest, timestamp' : 'earliest, latest'}), OffsetCommit 1, read-back 1`,
      measured: `${fmtCounts(c)}${over.length ? ` — over: ${over.join(', ')}` : ''}`,
      met: over.length === 0,
    });
  }
  if (D) {
    const c = D.requests.perRun;
    const fetches = typeof c.OffsetFetch === 'number' ? c.OffsetFetch : Infinity;
    out.push({
      target: `§3 "batch and cache" kafkajs's per-group round trips — lag of ${D.groups} groups: FindCoordinator and OffsetFetch not once per group, ListGroups once per broker`,
      measured: `FindCoordinator ${c.GroupCoordinator ?? 0} (cached from ListGroups), ListGroups ${c.ListGroups ?? 0} + DescribeGroups ${c.DescribeGroups ?? 0} (1 broker), OffsetFetch ${c.OffsetFetch ?? 0} (${fetches >= D.groups ? 'one per group: not batched' : 'batched'})`,
      met: (c.GroupCoordinator ?? 0) === 0 && fetches < D.groups,
    });
  }
  const e = R.extension;
  const acts = e && !e.error ? e.variants.filter((v) => v.activation) : [];
  out.push({
    target: 'activation ≤ 50 ms',
    measured: acts.length ? acts.map((v) => `${v.name}: ${fmtMs(v.activation.median)} (median of ${v.activation.n} sessions, ${fmtMs(v.activation.min)} – ${fmtMs(v.activation.max)})`).join('; ') : e?.error ? `not measured: ${e.error}` : 'not measured in this run',
    met: acts.length ? acts.every((v) => v.activation.median <= 50) : null,
  });
  return out;
}

main().catch((e) => {
  console.error(`[bench] failed: ${e && e.stack ? e.stack : e}`);
  killAll();
  // Stop the broker before leaving (the harness's exit handler would SIGKILL it otherwise).
  Promise.race([broker ? broker.stop({ timeoutMs: 10_000 }) : Promise.resolve(), sleep(12_000)])
    .catch(() => {})
    .finally(() => process.exit(1));
});
