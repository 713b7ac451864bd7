'use strict';
/**
 * The measurements: both tools as whole processes, alternating sides, and our engine in-process on a
 * warm client with its requests counted (and once on a cold one); per scenario kind (start-up, reset,
 * lag) what is run and what is checked so both sides did the same work.
 */
const os = require('node:os');
const path = require('node:path');
const { runProc, timed } = require('./proc');
const { ROOT, CGC, SCRIPT_JVM, HARNESS_JVM, TIMEOUT, log, range } = require('./config');
const { stats, fmtMs, fmtCounts, makeCounter, summarizeCounts } = require('./stats');

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
    ours: () => checked('ours', runProc('node', [ctx.cli, '--help'], { cwd: ROOT, timeoutMs: 60_000, cpu: true })),
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
      const r = await runProc('node', [ctx.cli, 'reset', '--bootstrap', bootstrap, '--group', sc.group, ...sc.ours, '--yes', '--no-offsets-moving-check', '--json', '--snapshot-dir', snapshotDir], { cwd: ROOT, timeoutMs: TIMEOUT.reset, cpu: true });
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
    oursCommand: `node dist/cli.js reset --bootstrap B --group ${sc.group} ${sc.ours.map((a) => (a.includes('/') ? path.basename(a) : a)).join(' ')} --yes --no-offsets-moving-check --json --snapshot-dir DIR`,
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
      const r = await runProc('node', [ctx.cli, 'lag', '--all-groups', '--json', '--bootstrap', bootstrap], { cwd: ROOT, timeoutMs: TIMEOUT.lag, cpu: true });
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
          // Apache prints "-" for a partition without a commit; ours is null ("no commit") for a group of only those.
          const diff = [...totals].filter(([g, l]) => (oursTotals.get(g) ?? 0) !== l);
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

module.exports = { assertOk, measureStartup, measureReset, measureLag };
