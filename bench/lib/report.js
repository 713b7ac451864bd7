'use strict';
/** The Markdown report of a run (docs/benchmarks*.md) and the issue's targets, met or not. */
const path = require('node:path');
const { ROOT, CGC, SCRIPT_JVM, HARNESS_JVM } = require('./config');
const { fmtMs, fmtStat, ratio, fmtRatio, fmtCounts } = require('./stats');

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
    `  Resets run with \`--no-offsets-moving-check\`: by default \`reset\` first watches the group's committed offsets for 3 s (consumers with manually assigned partitions commit without being members; README "Offsets still moving"), a safety step Apache's tool does not take, which would add those 3 s to every reset row. The scale section's CLI reset rows keep it.`,
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

module.exports = { report, targets };
