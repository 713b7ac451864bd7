'use strict';
/**
 * The "Scale" section of docs/benchmarks.md (between the scale markers; the full run keeps it) and
 * docs/benchmarks-scale.json, from a `npm run bench -- --scale` run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { DOCS, log } = require('./config');
const { stats, fmtMs, fmtCounts } = require('./stats');

const BEGIN = '<!-- scale:begin (npm run bench -- --scale writes this section) -->';
const END = '<!-- scale:end -->';
const MD = path.join(DOCS, 'benchmarks.md');
const JSON_OUT = path.join(DOCS, 'benchmarks-scale.json');

const med = (xs) => (xs && xs.length ? stats(xs).median : null);
const cellMs = (x) => {
  if (!x) return '—';
  if (x.didNotFinishMin) return `did not finish in ${x.didNotFinishMin} min`;
  if (x.error) return `failed (${x.error.split('\n')[0].slice(0, 80)})`;
  const s = stats(x.times);
  return s ? (s.n > 1 ? `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})` : `**${fmtMs(s.median)}**`) : '—';
};
const mb = (x) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(3)}×` : '—');

function scaleSection(R) {
  const L = [];
  const P = (...a) => L.push(...a);
  const m = R.machine;
  P(BEGIN, '', '## Scale (issue 18)', '');
  P(`Produced by \`npm run bench -- --scale\` (bench/lib/scale.js) ${R.finishedAt ? `on ${R.finishedAt.slice(0, 16).replace('T', ' ')} UTC in ${Math.round(R.durationS)} s` : '(run in progress when written)'}, ${m.cpus} × ${m.cpuModel}, ${m.ramGiB} GiB, Kafka ${m.kafka}, kafka-offsets commit ${m.commit}.`,
    `A broker of its own (single-node KRaft, harness defaults, JVM heap ${R.config.brokerHeap}). Groups: ${R.config.topics} topics × ${R.config.partitionsPerTopic} partitions with ${R.config.messagesPerPartition} messages each; group *i* has committed offsets on ${R.config.partitionsPerGroup} partitions of topic *i* mod ${R.config.topics}, written with our own \`KafkaClient.commitOffsets\` (${R.config.commitsInFlight} in flight), not one CLI call per group.`,
    `**In-process**: the engine on a warm \`KafkaClient\` in a Node process of its own (one untimed run, then ${R.config.inProcessRuns} timed; peak RSS is that process's). **CLI**: \`node dist/cli.js …\` as a whole process, ${R.config.cliRuns} runs, peak RSS from GNU time's %M. **Apache**: \`${'kafka-consumer-groups'}\` (ConsumerGroupCommand with the script's default JVM flags), one run, capped at ${R.config.apacheCapMs / 60_000} min. Single runs on a shared 2-core machine: read the numbers as orders of magnitude.`, '');
  if (R.groups.length) {
    P('### Many groups', '');
    P('| groups | `groups` in-process | `groups` CLI | Apache `--list --state` | lag in-process (first group) | lag CLI | Apache `--describe --all-groups` | CLI / Apache | CLI / in-process | peak RSS in-process / CLI |', '|---:|---|---|---|---|---|---|---:|---:|---|');
    for (const g of R.groups) {
      const first = g.lagInProcess.firstMs ? ` (${fmtMs(g.lagInProcess.firstMs)})` : '';
      P(`| ${g.groups.toLocaleString('en-US')} | ${cellMs(g.groupsInProcess)} | ${cellMs(g.groupsCli)} | ${cellMs(g.groupsApache)} | ${cellMs(g.lagInProcess)}${first} | ${cellMs(g.lagCli)} | ${cellMs(g.lagApache)} | ${ratio(med(g.lagCli.times), med(g.lagApache.times))} | ${ratio(med(g.lagCli.times), med(g.lagInProcess.times))} | ${mb(g.lagInProcess.maxRssMb)} / ${mb(med(g.lagCli.rssMb))} |`);
    }
    P('', 'Requests per in-process run, by API:', '');
    for (const g of R.groups) P(`- ${g.groups.toLocaleString('en-US')} groups — \`groups\`: ${fmtCounts(g.groupsInProcess.requests.perRun)}; lag: ${fmtCounts(g.lagInProcess.requests.perRun)}`);
    P('');
  }
  if (R.resets.length) {
    P('### Resets of 10,000 partitions (`--to-earliest`)', '');
    P('| layout | in-process | CLI (whole process) | Apache `--reset-offsets --execute` | CLI / Apache | peak RSS in-process / CLI | requests in-process |', '|---|---|---|---|---:|---|---|');
    for (const r of R.resets) {
      P(`| ${r.topics} topic${r.topics > 1 ? 's' : ''} × ${r.partitionsPerTopic.toLocaleString('en-US')} | ${cellMs(r.inProcess)} | ${cellMs(r.cli)} | ${cellMs(r.apache)} | ${ratio(med(r.cli.times), med(r.apache.times))} | ${mb(r.inProcess.maxRssMb)} / ${mb(med(r.cli.rssMb))} | ${fmtCounts(r.inProcess.requests.perRun)} |`);
    }
    P('');
  }
  P(END);
  return L.join('\n');
}

/** Write the JSON and put the section into docs/benchmarks.md (replacing an earlier one). */
function writeScaleSection(R) {
  fs.mkdirSync(DOCS, { recursive: true });
  fs.writeFileSync(JSON_OUT, JSON.stringify(R, (k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  const section = scaleSection(R);
  const md = fs.existsSync(MD) ? fs.readFileSync(MD, 'utf8') : '';
  const i = md.indexOf(BEGIN);
  const j = md.indexOf(END);
  const next = i >= 0 && j > i ? md.slice(0, i) + section + md.slice(j + END.length) : `${md.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(MD, next);
  log(`scale: wrote ${path.relative(path.dirname(DOCS), MD)} (Scale section) and ${path.relative(path.dirname(DOCS), JSON_OUT)}`);
}

/** The section an earlier scale run left in docs/benchmarks.md, for the full run to keep. */
function keptScaleSection() {
  const md = fs.existsSync(MD) ? fs.readFileSync(MD, 'utf8') : '';
  const i = md.indexOf(BEGIN);
  const j = md.indexOf(END);
  return i >= 0 && j > i ? md.slice(i, j + END.length) : '';
}

module.exports = { scaleSection, writeScaleSection, keptScaleSection };
