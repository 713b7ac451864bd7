#!/usr/bin/env node
'use strict';
/**
 * Benchmarks against Apache Kafka's own kafka-consumer-groups (issue 6).
 *
 *   npm run bench                full run, writes docs/benchmarks.md (+ .json, scaling PNG)
 *   npm run bench -- --quick     small run (< 2 min), writes docs/benchmarks-quick.md instead
 *   npm run bench -- --scale     issue 18's scale scenarios only (the tree at 5,000 groups, 20,000/50,000 groups, 10,000-partition
 *                                resets, CLI start-up, a reset broken down; many minutes): bench/lib/scale.js, the Scale section
 *   options: --runs N (runs per side), --no-ext (skip the VS Code figures of a full run);
 *   with --scale: --tree-groups 5000 --groups 20000,50000  --resets 1x10000,10x1000  --apache-cap-min 5  --broker-heap 4g
 *
 * What it does: builds (node scripts/build.js --tests: dist/cli.js and the compiled core in out/),
 * starts its own single-node broker with the test harness, creates the scenarios (topics, messages
 * with timestamps spread over 6 hours, committed offsets written with the engine's own
 * KafkaClient.commitOffsets), then per scenario runs both tools as whole processes, alternating
 * ours / Apache's, plus our engine in-process on one warm KafkaClient with its requests counted.
 * Every child process has a timeout, the whole run has a watchdog, and the broker is always stopped.
 *
 * This file is the run's order of events; the parts live in bench/lib: config (flags, sizes, JVM
 * flags, timeouts), scenarios (topics, messages, committed offsets, the reset scenarios), measure
 * (whole processes alternating sides, in-process runs, request counts), builds (dev/production
 * copies, sizes, VS Code figures), machine and report (the Markdown and its targets).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runProc, timed, withTimeout, killAll } = require('./lib/proc');
const { scalingSvg, svgToPng } = require('./lib/chart');
const { ROOT, QUICK, CFG, DOCS, OUT_MD, OUT_JSON, OUT_PNG, SCRIPT_JVM, CGC, TIMEOUT, HOUR, t0, log, sleep } = require('./lib/config');
const { makeCounter } = require('./lib/stats');
const { benchTopics, initialFor, resetScenarios, createTopics, produceAll, commitLagGroups } = require('./lib/scenarios');
const { assertOk, measureStartup, measureReset, measureLag } = require('./lib/measure');
const { prepareBuilds, measureExtension, bundleSizes } = require('./lib/builds');
const { machineInfo, readProps } = require('./lib/machine');
const { report } = require('./lib/report');
const { keptScaleSection } = require('./lib/scaleReport');
const { measureTimeLag, timeLagSection, keptTimeLagSection } = require('./time-lag');

let broker = null;
let exiting = false;
/** @type {{root: string, dev: string, prod: {dir?: string, error?: string, vsix?: any}}} */
let builds;

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
    const topics = benchTopics();
    const setupTimes = {};
    setupTimes.topics = (await timed(() => createTopics(admin, setup, topics))).ms;
    log(`${topics.length} topics, ${topics.reduce((s, t) => s + t.partitions, 0).toLocaleString('en-US')} partitions created and answering ListOffsets (${(setupTimes.topics / 1000).toFixed(1)} s)`);
    setupTimes.produce = (await timed(() => produceAll(producer, topics, M, firstTs))).ms;
    log(`${(topics.reduce((s, t) => s + t.partitions, 0) * M).toLocaleString('en-US')} messages produced (${(setupTimes.produce / 1000).toFixed(1)} s)`);
    results.setup = setupTimes;

    const ctx = { core, setup, bench, counter, bootstrap, snapshotDir, javaBase, results, cli: path.join(builds.dev, 'dist/cli.js') };

    // Warm the page cache for both tools (jars, node_modules), untimed.
    assertOk(await runProc('node', [ctx.cli, 'groups', '--bootstrap', bootstrap], { cwd: ROOT, timeoutMs: 60_000 }), 'ours (warm-up)');
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
      // The same 500 groups with and without time lag (bench/time-lag.js; its own section).
      if (isScenario) results.timeLag = await measureTimeLag({ core, bench, counter, runs: CFG.inProcessRuns });
      results.scaling.groups.push({ x: target, ours: r.ours, theirs: r.theirs, inProcess: r.inProcess, requests: r.requests.perRun });
      if (isScenario && CFG.extension) {
        results.extension = await measureExtension(ctx, builds, target).catch((e) => {
          log(`extension figures not measured: ${e.message}`);
          return { error: e.message };
        });
      }
    }

    // 5. Resets.
    for (const sc of resetScenarios(M, datetime, snapshotDir)) {
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
  // The scale section comes from its own run (--scale); a full run keeps it.
  const kept = QUICK ? '' : keptScaleSection();
  const timeLag = results.timeLag ? timeLagSection(results.timeLag) : QUICK ? '' : keptTimeLagSection();
  fs.writeFileSync(OUT_MD, report(results) + (timeLag ? `\n${timeLag}\n` : '') + (kept ? `\n${kept}\n` : ''));
  if (CFG.extension) await require('./tree-300').main().catch((e) => log(`tree-300 (its own section of benchmarks.md) not measured: ${e.message}`));
  clearTimeout(watchdog);
  log(`wrote ${path.relative(ROOT, OUT_MD)}, ${path.relative(ROOT, OUT_JSON)}${results.chart ? `, ${path.relative(ROOT, OUT_PNG)}` : ''} in ${results.durationS.toFixed(0)} s`);
}

// Only as a script: requiring this file (a smoke test of its modules) starts nothing.
if (require.main === module && process.argv.includes('--scale'))
  require('./lib/scale')
    .main()
    .catch((e) => {
      console.error(`[bench scale] failed: ${e && e.stack ? e.stack : e}`);
      killAll();
      process.exit(1);
    });
else if (require.main === module)
  main().catch((e) => {
    console.error(`[bench] failed: ${e && e.stack ? e.stack : e}`);
    killAll();
    // Stop the broker before leaving (the harness's exit handler would SIGKILL it otherwise).
    Promise.race([broker ? broker.stop({ timeoutMs: 10_000 }) : Promise.resolve(), sleep(12_000)])
      .catch(() => {})
      .finally(() => process.exit(1));
  });

module.exports = { main };
