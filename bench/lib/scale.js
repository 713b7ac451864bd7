'use strict';
/**
 * The scale scenarios of issue 18 (`npm run bench -- --scale`): many groups and very large resets on
 * a broker of their own. Kept out of the quick and full runs: they take many minutes and most of a
 * 2-core machine.
 *
 *  - groups: 10,000 and 50,000 groups (`--groups 10000,50000`), each with committed offsets on 3
 *    partitions of one of 100 topics × 5 partitions; `groups` and `lag --all-groups` as a whole CLI
 *    process and in-process (a process of its own, so its peak RSS is the engine's), requests by
 *    API, Apache's `--list --state` and `--describe --all-groups` side by side within a cap;
 *  - resets of 10,000 partitions: one topic × 10,000, and 10 topics × 1,000 (`--to-earliest`), each
 *    layout on a fresh broker of its own (`--resets-on-main` runs them on the groups' broker, one
 *    after the other, as before). A broker keeps about one open file and two memory maps per
 *    partition (ulimit -n is 20,000 here), and it creates and deletes partition logs one at a time
 *    (10,000 took 3.5 min at load 15): on the groups' broker, the 10 × 1,000 topics created right
 *    after deleting the 10,000-partition one were still not all answering 11 min later. Before a
 *    layout is measured, every one of its partitions answers ListOffsets (the wait grows with the
 *    partition count).
 *
 * What the in-process reset row times: validateResetInput, planFromCluster (Metadata, ListOffsets
 * earliest and latest, OffsetFetch) and applyPlan (pre-check DescribeGroups, stale-preview
 * OffsetFetch, snapshot written and fsynced, OffsetCommit, read-back OffsetFetch). Not the session's
 * 3-s offsets-moving watch (the CLI row includes it: `reset --yes` watches), and no TARGET TIME reads.
 *
 * The groups are made with our own OffsetCommits, many in flight (never one CLI call per group).
 * Results: docs/benchmarks-scale.json, and the "Scale" section of docs/benchmarks.md (between the
 * scale markers, which the full run keeps).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runProc, withTimeout, killAll } = require('./proc');
const { ROOT, ARGV, DOCS, CGC, SCRIPT_JVM, log, range, pad, sleep } = require('./config');
const { machineInfo } = require('./machine');
const { scaleSection, writeScaleSection } = require('./scaleReport');

const argOf = (name, fallback) => {
  const i = ARGV.indexOf(name);
  return i >= 0 ? ARGV[i + 1] : fallback;
};
const SCALE = {
  /** The tree in code-server is measured once the cluster holds this many groups (0: not measured). */
  treeGroups: Number(argOf('--tree-groups', '5000')),
  groups: argOf('--groups', '20000,50000').split(',').map(Number).filter((n) => n > 0),
  // (--groups 0 --tree-groups 0 --start-runs 0 --no-breakdown: the resets only)
  resets: argOf('--resets', '1x10000,10x1000').split(',').filter(Boolean).map((s) => s.split('x').map(Number)),
  topics: 100,
  partitionsPerTopic: 5,
  partitionsPerGroup: 3,
  messagesPerPartition: 5,
  inProcessRuns: Number(argOf('--in-process-runs', '3')),
  cliRuns: Number(argOf('--cli-runs', '2')),
  /** Apache's tool is given this long per run, else "did not finish in N min". */
  apacheCapMs: Number(argOf('--apache-cap-min', '5')) * 60_000,
  /** Whole-process runs of each start-up row (node -e 0, --help, lag --group). */
  startRuns: Number(argOf('--start-runs', '11')),
  ourCapMs: 10 * 60_000,
  brokerHeap: argOf('--broker-heap', '4g'),
  /** Each reset layout on a fresh broker (see the header), unless --resets-on-main. */
  freshResetBroker: !ARGV.includes('--resets-on-main'),
  commitsInFlight: 64,
};

const lagTopic = (i) => `scale-t${pad(i, 3)}`;
const groupId = (i) => `scale-g${pad(i, 6)}`;

async function main() {
  const t0 = Date.now();
  const build = await runProc(process.execPath, ['scripts/build.js', '--tests'], { cwd: ROOT, timeoutMs: 300_000 });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
  const core = require(path.join(ROOT, 'out/src/core/index.js'));
  const harness = require(path.join(ROOT, 'test/support/broker.js'));
  const { Kafka, logLevel, Partitioners } = require('kafkajs');
  const machine = machineInfo(harness);
  // Our own copy of the CLI: others rebuild dist/ while this runs.
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-scale-'));
  fs.mkdirSync(path.join(copyDir, 'dist'));
  fs.copyFileSync(path.join(ROOT, 'dist/cli.js'), path.join(copyDir, 'dist/cli.js'));
  const cli = path.join(copyDir, 'dist/cli.js');
  const snapshotDir = path.join(copyDir, 'snapshots');
  fs.mkdirSync(snapshotDir);
  const results = { startedAt: new Date().toISOString(), machine, config: SCALE, groups: [], resets: [] };
  let broker;
  const stop = async () => {
    killAll();
    if (broker) await broker.stop({ timeoutMs: 5000 }).catch(() => {});
    fs.rmSync(copyDir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop().finally(() => process.exit(130)));
  try {
    broker = await withTimeout(harness.startBroker({ heap: SCALE.brokerHeap, readyTimeoutMs: 180_000 }), 200_000, 'starting the broker');
    results.broker = { heap: SCALE.brokerHeap };
    const B = broker.bootstrap;
    log(`scale: broker up on ${B} (heap ${SCALE.brokerHeap})`);
    const javaBase = [...SCRIPT_JVM, `-Dlog4j2.configurationFile=${path.join(path.dirname(broker.jarsDir), 'log4j2-tools.properties')}`, '-cp', path.join(broker.jarsDir, '*'), CGC];
    const kafka = new Kafka({ brokers: [B], clientId: 'bench-scale-setup', logLevel: logLevel.NOTHING, requestTimeout: 120_000, retry: { retries: 10 } });
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
    const setup = new core.KafkaClient({ brokers: [B], clientId: 'kafka-offsets-bench-setup', requestTimeoutMs: 120_000 });
    const ctx = { core, setup, admin, producer, B, cli, javaBase, snapshotDir, harness, Kafka, logLevel, Partitioners };
    try {
      // Groups.
      const topics = range(SCALE.topics).map((i) => ({ topic: lagTopic(i), partitions: SCALE.partitionsPerTopic }));
      await createTopics(ctx, topics);
      await produce(ctx, topics, SCALE.messagesPerPartition);
      let made = 0;
      const grow = async (target) => {
        const ms = await commitGroups(ctx, made, target);
        log(`scale: ${target.toLocaleString('en-US')} groups committed (${(target - made).toLocaleString('en-US')} new in ${(ms / 1000).toFixed(1)} s)`);
        made = target;
      };
      if (SCALE.treeGroups > 0) {
        await grow(SCALE.treeGroups);
        results.tree = await measureTree(ctx, SCALE.treeGroups);
        writeScaleSection(results, t0);
      }
      if (SCALE.startRuns > 0) {
        // `lag --group` reads groupId(1): commit it when no larger step has (--groups 0 --tree-groups 0).
        if (made < 2) await grow(2);
        results.start = await orError('start-up', () => measureStart(ctx));
        writeScaleSection(results, t0);
      }
      for (const target of [...SCALE.groups].sort((a, b) => a - b)) {
        await grow(target);
        results.groups.push(await measureGroups(ctx, target, results.groups));
        writeScaleSection(results, t0);
      }
      // Resets.
      for (const [n, per] of SCALE.resets) {
        const r = await orError(`reset ${n} × ${per}`, () => (SCALE.freshResetBroker ? onFreshBroker(ctx, `reset ${n} × ${per}`, (c) => measureBigReset(c, n, per)) : measureBigReset(ctx, n, per)));
        if (!r.error) results.resets.push(r);
        writeScaleSection(results, t0);
      }
      if (!ARGV.includes('--no-breakdown')) results.breakdown = await orError('reset breakdown', () => resetBreakdown(ctx));
      writeScaleSection(results, t0);
    } finally {
      await Promise.allSettled([setup.close(), admin.disconnect(), producer.disconnect()]);
    }
  } finally {
    await stop();
    log('scale: broker stopped, temp files removed');
  }
  results.finishedAt = new Date().toISOString();
  results.durationS = (Date.now() - t0) / 1000;
  writeScaleSection(results, t0);
  log(`scale: done in ${results.durationS.toFixed(0)} s`);
}

/**
 * KRaft refuses one operation of more than 10,000 metadata records (POLICY_VIOLATION): a topic of
 * 10,000 partitions is created with 5,000 and grown with CreatePartitions, 5,000 at a time.
 */
const PARTITIONS_PER_OPERATION = 5000;

async function createTopics({ admin, setup }, topics) {
  // Batches of at most 50 topics and PARTITIONS_PER_OPERATION partitions (10 × 1,000 in one request is refused too).
  const batches = [];
  let batch = [];
  let inBatch = 0;
  for (const t of topics) {
    const n = Math.min(t.partitions, PARTITIONS_PER_OPERATION);
    if (batch.length && (batch.length >= 50 || inBatch + n > PARTITIONS_PER_OPERATION)) {
      batches.push(batch);
      batch = [];
      inBatch = 0;
    }
    batch.push(t);
    inBatch += n;
  }
  if (batch.length) batches.push(batch);
  for (const b of batches)
    await admin.createTopics({ topics: b.map((t) => ({ topic: t.topic, numPartitions: Math.min(t.partitions, PARTITIONS_PER_OPERATION), replicationFactor: 1 })), waitForLeaders: false, timeout: 120_000 });
  for (const t of topics)
    for (let count = 2 * PARTITIONS_PER_OPERATION; count - PARTITIONS_PER_OPERATION < t.partitions; count += PARTITIONS_PER_OPERATION)
      await admin.createPartitions({ topicPartitions: [{ topic: t.topic, count: Math.min(count, t.partitions) }], timeout: 120_000 });
  // Answering ListOffsets, not only listed: the broker creates partition logs one at a time, at
  // 5–25 ms each on this machine, so the wait grows with the count.
  const parts = topics.flatMap((t) => range(t.partitions).map((partition) => ({ topic: t.topic, partition })));
  const t0 = Date.now();
  const until = t0 + Math.max(300_000, 60 * parts.length);
  let said = t0;
  for (;;) {
    try {
      await setup.listOffsets(parts, -1);
      if (parts.length >= 1000) log(`scale: ${parts.length.toLocaleString('en-US')} partitions answer ListOffsets ${((Date.now() - t0) / 1000).toFixed(0)} s after creation`);
      return;
    } catch (e) {
      if (Date.now() > until) throw new Error(`${parts.length} partitions not all answering ListOffsets after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${e.message}`);
      if (Date.now() - said > 30_000) {
        said = Date.now();
        log(`scale: waiting for ${parts.length.toLocaleString('en-US')} partitions to answer ListOffsets (${((Date.now() - t0) / 1000).toFixed(0)} s): ${e.message}`);
      }
      await sleep(1000);
    }
  }
}

/** `fn` with a context on a broker of its own, stopped afterwards (its files, heap and logs are fresh). */
async function onFreshBroker(ctx, what, fn) {
  const { harness, Kafka, logLevel, Partitioners, core } = ctx;
  log(`scale: ${what}: starting a fresh broker (heap ${SCALE.brokerHeap})`);
  const broker = await withTimeout(harness.startBroker({ heap: SCALE.brokerHeap, readyTimeoutMs: 180_000 }), 200_000, 'starting a broker');
  const B = broker.bootstrap;
  const kafka = new Kafka({ brokers: [B], clientId: 'bench-scale-reset-setup', logLevel: logLevel.NOTHING, requestTimeout: 120_000, retry: { retries: 10 } });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const setup = new core.KafkaClient({ brokers: [B], clientId: 'kafka-offsets-bench-setup', requestTimeoutMs: 120_000 });
  try {
    await Promise.all([admin.connect(), producer.connect()]);
    return await fn({ ...ctx, B, admin, producer, setup, freshBroker: true });
  } finally {
    await Promise.allSettled([setup.close(), admin.disconnect(), producer.disconnect()]);
    await broker.stop({ timeoutMs: 30_000 }).catch(() => {});
  }
}

async function produce({ producer }, topics, M) {
  for (const { topic, partitions } of topics) {
    const messages = range(partitions).flatMap((partition) => range(M).map((i) => ({ partition, value: `m${i}` })));
    // A topic just created may not be known to every part of the broker yet (kafkajs gives up after
    // its own retries with "does not host this topic-partition"): try again a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        await producer.send({ topic, messages, acks: 1 });
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
        await sleep(3000);
      }
    }
  }
}

/** A step of the run that may fail without losing the others: its error is the result. */
async function orError(what, fn) {
  try {
    return await fn();
  } catch (e) {
    log(`scale: ${what} not measured: ${e && e.message ? e.message : e}`);
    return { error: String(e && e.message ? e.message : e).split('\n')[0] };
  }
}

/** Groups [from, to): group i commits 3 partitions of topic i mod 100 at offsets below the log end. */
async function commitGroups({ core, setup }, from, to) {
  const t = Date.now();
  await core.mapLimit(range(to - from).map((k) => from + k), SCALE.commitsInFlight, async (i) => {
    const topic = lagTopic(i % SCALE.topics);
    const offsets = range(SCALE.partitionsPerGroup).map((k) => ({ topic, partition: (i + k) % SCALE.partitionsPerTopic, offset: BigInt(i % SCALE.messagesPerPartition) }));
    const res = await setup.commitOffsets(groupId(i), offsets);
    if (res.some((r) => r.errorCode !== 0)) throw new Error(`commit of ${groupId(i)} failed`);
  });
  return Date.now() - t;
}

/** The engine in a process of its own (scaleChild.js): warm client, timed runs, requests, peak RSS. */
async function inProcess(ctx, job, extra = {}) {
  // In a file: a 10,000-partition reset's starting offsets are too long for one argument (E2BIG).
  const argFile = path.join(ctx.snapshotDir, `child-${job}-${Date.now()}.json`);
  fs.writeFileSync(argFile, JSON.stringify({ root: ROOT, bootstrap: ctx.B, job, runs: SCALE.inProcessRuns, snapshotDir: ctx.snapshotDir, ...extra }));
  const r = await runProc(process.execPath, [path.join(__dirname, 'scaleChild.js'), `@${argFile}`], { cwd: ROOT, timeoutMs: SCALE.ourCapMs * (SCALE.inProcessRuns + 1) });
  fs.rmSync(argFile, { force: true });
  if (r.code !== 0) throw new Error(`in-process ${job}: ${r.timedOut ? 'timed out' : r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** A whole process `runs` times (under GNU time for CPU and peak RSS), or how it failed. */
async function wholeProcess(cmd, args, runs, capMs, check) {
  const out = { times: [], rssMb: [], cpuMs: [] };
  for (let i = 0; i < runs; i++) {
    const r = await runProc(cmd, args, { cwd: ROOT, timeoutMs: capMs, cpu: true });
    if (r.timedOut) return { ...out, didNotFinishMin: capMs / 60_000 };
    if (r.code !== 0) return { ...out, error: `exit ${r.code}: ${r.stderr.slice(-500)}` };
    if (check) check(r);
    out.times.push(r.ms);
    if (r.rssMb !== undefined) out.rssMb.push(r.rssMb);
    if (r.cpuMs !== undefined) out.cpuMs.push(r.cpuMs);
  }
  return out;
}

/** The tree in code-server on this cluster (bench/lib/treeScale.js), one session, the dev build as the e2e tests load it. */
async function measureTree({ B }, n) {
  const { treeScaleSession } = require('./treeScale');
  log(`scale ${n}: the tree in code-server`);
  try {
    const r = await treeScaleSession({ devPath: ROOT, bootstrap: B, groups: n, prefix: 'scale-g', timeoutMs: 600_000 });
    log(`scale ${n}: tree ${JSON.stringify({ first: r.page?.firstGroupsMs, all: r.allLagMs, filter: r.page?.filterBoxMs, refresh: r.refresh?.map((x) => Math.round(x.ms)) })}`);
    return { groups: n, ...r, loadAvg: os.loadavg() };
  } catch (e) {
    log(`scale ${n}: tree not measured: ${e.message}`);
    return { groups: n, error: e.message };
  }
}

/** Start-up as whole processes: bare Node, `--help`, `lag --group` of one group (with and without the code cache). */
async function measureStart({ B, cli }) {
  // A code cache of its own: every CLI build on this machine shares ~/.cache/kafka-offsets and a run
  // of another build there replaces ours (one build's cache at a time), which would time compiling.
  const cache = fs.mkdtempSync(path.join(path.dirname(path.dirname(cli)), 'xdg-cache-'));
  fs.chmodSync(cache, 0o700);
  const rows = [
    ['node -e 0', 'node', ['-e', '0'], {}],
    ['kafka-offsets --help', 'node', [cli, '--help'], {}],
    ['kafka-offsets --help, no code cache', 'node', [cli, '--help'], { KAFKA_OFFSETS_NO_CODE_CACHE: '1' }],
    ['kafka-offsets lag --group G (one group, 3 partitions)', 'node', [cli, 'lag', '--group', groupId(1), '--bootstrap', B], {}],
    ['kafka-offsets lag --group G, no code cache', 'node', [cli, 'lag', '--group', groupId(1), '--bootstrap', B], { KAFKA_OFFSETS_NO_CODE_CACHE: '1' }],
  ];
  for (const row of rows) row[3] = { XDG_CACHE_HOME: cache, ...row[3] };
  // One untimed run of each first (the code cache is written at a first run, and the page cache warms):
  // --help writes the light tier, lag the full one (src/cli/codeCache.ts), which the timed runs all use.
  for (const [, cmd, args, env] of rows) await runProc(cmd, args, { cwd: ROOT, timeoutMs: 60_000, env: { ...process.env, ...env } });
  const out = rows.map(([name]) => ({ name, times: [], cpuMs: [] }));
  // Interleaved, so load changes hit every row alike.
  for (let i = 0; i < SCALE.startRuns; i++)
    for (const [k, [, cmd, args, env]] of rows.entries()) {
      const r = await runProc(cmd, args, { cwd: ROOT, timeoutMs: 60_000, cpu: true, env: { ...process.env, ...env } });
      if (r.code !== 0) throw new Error(`${rows[k][0]}: exit ${r.code} ${r.stderr.slice(-300)}`);
      out[k].times.push(r.ms);
      if (r.cpuMs !== undefined) out[k].cpuMs.push(r.cpuMs);
    }
  log(`scale: start-up ${JSON.stringify(out.map((x) => [x.name, Math.round(x.times.sort((a, b) => a - b)[x.times.length >> 1])]))}`);
  return { runs: SCALE.startRuns, rows: out, loadAvg: os.loadavg() };
}

/** A cold whole-process reset of 1,000 partitions, step by step (bench/lib/resetBreakdown.js), 3 runs. */
async function resetBreakdown(ctx) {
  const { admin, setup, B, snapshotDir } = ctx;
  const topic = 'scale-breakdown-p1000';
  const group = 'scale-breakdown';
  await createTopics(ctx, [{ topic, partitions: 1000 }]);
  await produce(ctx, [{ topic, partitions: 1000 }], 2);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const res = await setup.commitOffsets(group, range(1000).map((partition) => ({ topic, partition, offset: 2n })));
    if (res.some((r) => r.errorCode !== 0)) throw new Error('restoring offsets failed');
    const r = await runProc(process.execPath, [path.join(__dirname, 'resetBreakdown.js'), JSON.stringify({ root: ROOT, bootstrap: B, group, topic, snapshotDir })], { cwd: ROOT, timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`reset breakdown: ${r.stderr.slice(-1000)}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  await admin.deleteTopics({ topics: [topic], timeout: 120_000 }).catch((e) => log(`deleting ${topic}: ${e.message}`));
  log(`scale: reset breakdown ${JSON.stringify(runs.map((x) => Math.round(x.total)))}`);
  return { runs, loadAvg: os.loadavg() };
}

async function measureGroups(ctx, n, earlier = []) {
  const { B, cli, javaBase } = ctx;
  const row = { groups: n };
  log(`scale ${n}: in-process groups`);
  row.groupsInProcess = await inProcess(ctx, 'groups');
  log(`scale ${n}: in-process lag`);
  row.lagInProcess = await inProcess(ctx, 'lag');
  const expectCount = (what) => (r) => {
    const doc = JSON.parse(r.stdout);
    if (doc.length !== n) throw new Error(`${what}: ${doc.length} groups, expected ${n}`);
  };
  log(`scale ${n}: CLI groups, lag`);
  row.groupsCli = await wholeProcess('node', [cli, 'groups', '--bootstrap', B, '--json'], SCALE.cliRuns, SCALE.ourCapMs, expectCount('groups'));
  row.lagCli = await wholeProcess('node', [cli, 'lag', '--all-groups', '--json', '--bootstrap', B], SCALE.cliRuns, SCALE.ourCapMs, expectCount('lag'));
  log(`scale ${n}: Apache --list, --describe --all-groups (cap ${SCALE.apacheCapMs / 60_000} min)`);
  row.groupsApache = await wholeProcess('java', [...javaBase, '--bootstrap-server', B, '--list', '--state'], 1, SCALE.apacheCapMs);
  // More groups cannot make it faster: once it did not finish, it is not run again (the cap's minutes matter on a shared machine).
  const dnf = earlier.find((g) => g.lagApache?.didNotFinishMin);
  row.lagApache = dnf
    ? { notRun: `not run: it did not finish at ${dnf.groups.toLocaleString('en-US')} groups in ${dnf.lagApache.didNotFinishMin} min` }
    : await wholeProcess('java', [...javaBase, '--bootstrap-server', B, '--describe', '--all-groups'], 1, SCALE.apacheCapMs);
  log(`scale ${n}: ${JSON.stringify(summaryOf(row))}`);
  return row;
}

async function measureBigReset(ctx, nTopics, per) {
  const { B, cli, javaBase, admin, setup } = ctx;
  const topics = range(nTopics).map((i) => ({ topic: `scale-reset-${nTopics}x${per}-${pad(i, 2)}`, partitions: per }));
  const group = `scale-reset-${nTopics}x${per}`;
  const total = nTopics * per;
  log(`scale reset ${nTopics} × ${per}: creating topics`);
  const tc = Date.now();
  await createTopics(ctx, topics);
  await produce(ctx, topics, 2);
  const restore = topics.flatMap((t) => range(t.partitions).map((partition) => ({ topic: t.topic, partition, offset: '2' })));
  const commitAll = async () => {
    const res = await setup.commitOffsets(group, restore.map((r) => ({ ...r, offset: 2n })));
    if (res.some((r) => r.errorCode !== 0)) throw new Error('restoring offsets failed');
  };
  await commitAll();
  const row = { topics: nTopics, partitionsPerTopic: per, partitions: total, setupS: (Date.now() - tc) / 1000 };
  log(`scale reset ${nTopics} × ${per}: in-process`);
  row.inProcess = await inProcess(ctx, 'reset', { group, topics: topics.map((t) => t.topic), restore });
  const topicArgs = topics.flatMap((t) => ['--topic', t.topic]);
  const check = (r) => {
    const rows = JSON.parse(r.stdout).result?.rows ?? [];
    if (rows.length !== total || rows.some((x) => x.outcome !== 'applied')) throw new Error(`CLI reset: ${rows.length} rows`);
  };
  row.cli = { times: [], rssMb: [], cpuMs: [] };
  for (let i = 0; i < SCALE.cliRuns; i++) {
    await commitAll();
    const one = await wholeProcess('node', [cli, 'reset', '--bootstrap', B, '--group', group, ...topicArgs, '--to-earliest', '--yes', '--json', '--snapshot-dir', ctx.snapshotDir], 1, SCALE.ourCapMs, check);
    if (one.error || one.didNotFinishMin) {
      row.cli = one;
      break;
    }
    for (const k of ['times', 'rssMb', 'cpuMs']) row.cli[k].push(...one[k]);
  }
  await commitAll();
  log(`scale reset ${nTopics} × ${per}: Apache (cap ${SCALE.apacheCapMs / 60_000} min)`);
  row.apache = await wholeProcess('java', [...javaBase, '--bootstrap-server', B, '--group', group, ...topicArgs, '--reset-offsets', '--to-earliest', '--execute'], 1, SCALE.apacheCapMs);
  // On a shared broker, free its files before the next layout (a fresh one is stopped instead).
  if (!ctx.freshBroker) {
    await admin.deleteTopics({ topics: topics.map((t) => t.topic), timeout: 120_000 }).catch((e) => log(`deleting topics: ${e.message}`));
    await sleep(3000);
  }
  row.broker = ctx.freshBroker ? 'fresh' : 'shared';
  log(`scale reset ${nTopics} × ${per}: ${JSON.stringify({ inProcess: row.inProcess.times, cli: row.cli.times, apache: row.apache.times ?? row.apache })}`);
  return row;
}

function summaryOf(row) {
  const med = (xs) => (xs && xs.length ? Math.round([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]) : null);
  return {
    groupsIn: med(row.groupsInProcess.times),
    lagIn: med(row.lagInProcess.times),
    lagFirst: row.lagInProcess.firstMs && Math.round(row.lagInProcess.firstMs),
    rssIn: Math.round(row.lagInProcess.maxRssMb),
    groupsCli: med(row.groupsCli.times),
    lagCli: med(row.lagCli.times),
    rssCli: med(row.lagCli.rssMb),
    groupsApache: med(row.groupsApache.times) ?? row.groupsApache,
    lagApache: med(row.lagApache.times) ?? row.lagApache,
  };
}

module.exports = { main, SCALE, summaryOf, scaleSection };
