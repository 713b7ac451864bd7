/**
 * kafka-offsets: the command line over the same engine as the extension.
 * Exit codes: 0 done, 1 Kafka refused or failed, 2 bad input.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { setMaxListeners } from 'node:events';
import {
  KafkaClient,
  KafkaOffsetsError,
  ClusterConfig,
  Plan,
  ResetInput,
  applyPlan,
  allGroupsLag,
  describeIssues,
  formatCsvPlan,
  groupLag,
  loadSnapshot,
  parseSeedRequest,
  planFromCluster,
  planTotals,
  undoSnapshot,
  validateGroupId,
  validateResetInput,
  waitUntilEmpty,
  formatCount,
  describeSpec,
  KafkaOffsetsError as KError,
  kafkaConsumerGroupsCommand,
  kafkaStreamsGroupsCommand,
  groupIdWarning,
  clusterIdentity,
  describeCluster,
  snapshotMatchesCluster,
  parseCsvPlan,
  csvPlanGroups,
} from '../core';
import { visible, visibleLines, terminalSafeJson } from '../core/display';
import { brokerProblem } from '../core/brokers';
import { resetGroups } from './resetGroups';
import { parseArgs, splitCommand, UsageError, OptionSpec } from './args';
import { insecureWarning, reportOutcome } from './outcome';
import { planTable, lagTable, rowJson, lagJson, table, jsonNum, hiddenTopicNote, topicsCell, stringifyExact, lagText } from './format';
import { runServe } from './serve/command';
import { parseTypeFilter, groupsTable, describeLines, typeOf, shareReset } from './groupTypes';


const COMMON: Record<string, OptionSpec> = {
  bootstrap: { value: true },
  'client-id': { value: true },
  'request-timeout-ms': { value: true },
  ssl: { value: false },
  'ssl-ca': { value: true },
  'ssl-insecure': { value: false },
  'sasl-mechanism': { value: true },
  'sasl-username': { value: true },
  'sasl-password-env': { value: true },
  json: { value: false },
  help: { value: false },
  version: { value: false },
};

const USAGE = `kafka-offsets — consumer-group lag and safe offset resets

Usage:
  kafka-offsets [options] COMMAND [options]      (options may come before or after the command)
  kafka-offsets groups [--type classic,consumer,share,streams]
  kafka-offsets describe --group G
  kafka-offsets lag (--group G | --all-groups)
  kafka-offsets reset (--group G [--group G2 …] | --all-groups)
        (--topic T [--partition N] | --topic T[:P,P…] [--topic T2[:P,…] …] | --all-topics)
        (--offset N | --timestamp MS | --to-datetime ISO | --by-duration ISO | --to-earliest |
         --to-latest | --to-current | --shift-by N | --from-file CSV | --request JSON|@file)
        [--dry-run] [--export] [--yes] [--wait-empty SECONDS] [--snapshot-dir DIR] [--allow-old-timestamp]
  kafka-offsets undo --snapshot FILE [--yes] [--dry-run] [--allow-other-cluster]
  kafka-offsets export (--group G [--group G2 …] | --all-groups) [--topic T]
  kafka-offsets serve --instances FILE [--listen 127.0.0.1:8080]   (HTTP API; serve --help)
  kafka-offsets --version

Several groups: each is planned and shown; a group with members is refused and left untouched while
the others proceed; exit 1 if any group was refused or failed. --all-topics: every partition the group
has committed. --to-datetime without a zone is read as UTC, as kafka-consumer-groups does.
--export: print the plan as a CSV plan for --from-file (group,topic,partition,offset with several
groups) and change nothing. A CSV plan with a group column resets each of its groups, or with --group
only that group's rows.

Common options:
  --bootstrap host:port[,host:port]   default localhost:9092 (or $KAFKA_BOOTSTRAP)
  --json                              machine-readable output
  --client-id ID  --request-timeout-ms MS
  --ssl  --ssl-ca FILE  --ssl-insecure
  --sasl-mechanism plain|scram-sha-256|scram-sha-512  --sasl-username USER
  --sasl-password-env NAME            env variable holding the password (default KAFKA_OFFSETS_PASSWORD)

Exit codes: 0 done, 1 Kafka refused or failed, 2 bad input, 3 outcome unknown (the commit was sent but
its answer was lost: check the offsets; the snapshot and the undo command are printed).
`;

const COMMANDS: Record<string, Record<string, OptionSpec>> = {
  groups: { type: { value: true } },
  describe: { group: { value: true } },
  lag: { group: { value: true }, 'all-groups': { value: false } },
  reset: {
    group: { value: true, repeatable: true },
    'all-groups': { value: false },
    topic: { value: true, repeatable: true },
    'all-topics': { value: false },
    'to-current': { value: false },
    partition: { value: true },
    offset: { value: true },
    timestamp: { value: true },
    'to-datetime': { value: true },
    'by-duration': { value: true },
    'to-earliest': { value: false },
    'to-latest': { value: false },
    'shift-by': { value: true },
    'from-file': { value: true },
    request: { value: true },
    'dry-run': { value: false },
    yes: { value: false },
    'wait-empty': { value: true },
    'snapshot-dir': { value: true },
    'allow-old-timestamp': { value: false },
    export: { value: false },
  },
  undo: { snapshot: { value: true }, yes: { value: false }, 'dry-run': { value: false }, 'snapshot-dir': { value: true }, 'allow-other-cluster': { value: false } },
  export: { group: { value: true, repeatable: true }, 'all-groups': { value: false }, topic: { value: true } },
};

/** Each option's last value; `lists` has every value of a repeatable one (--topic, --group). */
type Opts = Map<string, string | true> & { lists?: Map<string, string[]> };
const str = (o: Opts, k: string) => (typeof o.get(k) === 'string' ? (o.get(k) as string) : undefined);
const all = (o: Opts, k: string): string[] => o.lists?.get(k) ?? (str(o, k) !== undefined ? [str(o, k)!] : []);

// Set by the bundler (scripts/build.js); the transpiled test build has none.
declare const KAFKA_OFFSETS_VERSION: string | undefined;
const VERSION = typeof KAFKA_OFFSETS_VERSION === 'string' ? KAFKA_OFFSETS_VERSION : 'development build';

/**
 * Every terminal write goes through here. Group ids, client ids, hosts and topics come from the
 * cluster and may hold ESC sequences, CR or line breaks: `text` and `note` print one line with every
 * control character escaped (src/core/display.ts), `block` prints a multi-line table whose cells were
 * escaped one by one (format.ts), and `data` prints JSON whose values stay exact.
 */
class Output {
  constructor(readonly json: boolean) {}
  data(v: unknown): void {
    // Offsets beyond 2^53 are printed exactly (bigints), never rounded; terminal-active characters escaped.
    process.stdout.write(terminalSafeJson(stringifyExact(v)) + '\n');
  }
  /** One sentence (a line break in it is printed as \n). */
  text(s: string) {
    if (!this.json) process.stdout.write(visible(s) + '\n');
  }
  /** A table or other block whose lines are meant. */
  block(s: string) {
    if (!this.json) process.stdout.write(visibleLines(s) + '\n');
  }
  /** Progress and prompts go to stderr so stdout stays parseable. */
  note(s: string) {
    process.stderr.write(visible(s) + '\n');
  }
}

function clusterConfig(o: Opts): ClusterConfig {
  const bootstrap = str(o, 'bootstrap') ?? process.env.KAFKA_BOOTSTRAP ?? 'localhost:9092';
  const brokers = bootstrap.split(',').map((s) => s.trim()).filter(Boolean);
  for (const b of brokers) {
    const problem = brokerProblem(b);
    if (problem) throw new KError('validation', `--bootstrap: "${b}" is not host:port${problem === 'port-out-of-range' ? ' (port 1–65535)' : ''}.`);
  }
  const cfg: ClusterConfig = { brokers, clientId: str(o, 'client-id') ?? 'kafka-offsets-cli' };
  const timeout = str(o, 'request-timeout-ms');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout) || +timeout < 100) throw new KError('validation', '--request-timeout-ms must be a number of milliseconds ≥ 100.');
    cfg.requestTimeoutMs = +timeout;
  }
  const ca = str(o, 'ssl-ca');
  if (o.has('ssl') || ca || o.has('ssl-insecure')) {
    let caText: string | undefined;
    if (ca) {
      try {
        caText = fs.readFileSync(ca, 'utf8');
      } catch (e) {
        throw new KError('validation', `--ssl-ca: cannot read ${ca}: ${(e as Error).message}`);
      }
    }
    cfg.ssl = { ...(caText ? { ca: caText } : {}), ...(o.has('ssl-insecure') ? { rejectUnauthorized: false } : {}) };
  }
  if (o.has('ssl-insecure')) process.stderr.write(insecureWarning(str(o, 'sasl-mechanism')));
  const mech = str(o, 'sasl-mechanism');
  if (mech) {
    const m = mech.toLowerCase();
    if (m !== 'plain' && m !== 'scram-sha-256' && m !== 'scram-sha-512') throw new KError('validation', `--sasl-mechanism must be plain, scram-sha-256 or scram-sha-512, got "${mech}".`);
    const username = str(o, 'sasl-username');
    if (!username) throw new KError('validation', '--sasl-mechanism needs --sasl-username.');
    const envName = str(o, 'sasl-password-env') ?? 'KAFKA_OFFSETS_PASSWORD';
    const password = process.env[envName];
    if (password === undefined) throw new KError('validation', `The SASL password is read from the environment variable ${envName}, which is not set.`);
    cfg.sasl = { mechanism: m, username, password };
  }
  return cfg;
}

function noSuchGroup(groupId: string, cfg: ClusterConfig): KError {
  return new KError('not-found', `Group "${groupId}" does not exist on ${cfg.brokers.join(', ')}: no members and no committed offsets.`);
}

/** The group exactly as given (Kafka accepts spaces and control characters); a warning when it looks accidental. */
function requireGroup(o: Opts): string {
  const g = str(o, 'group');
  const err = validateGroupId(g);
  if (err) throw new KError('validation', `--group: ${err}`);
  const warning = groupIdWarning(g!);
  if (warning) process.stderr.write(`Note: ${warning}\n`);
  return g!;
}

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${visible(question)} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function resetInput(o: Opts, group: string): ResetInput {
  const modes: Array<[string, string]> = [
    ['offset', 'offset'],
    ['timestamp', 'timestamp'],
    ['to-datetime', 'datetime'],
    ['by-duration', 'duration'],
    ['to-earliest', 'earliest'],
    ['to-latest', 'latest'],
    ['to-current', 'current'],
    ['shift-by', 'shiftBy'],
    ['from-file', 'csv'],
    ['request', 'request'],
  ];
  const given = modes.filter(([flag]) => o.has(flag));
  if (given.length === 0) throw new KError('validation', 'Say where to reset to: one of --offset, --timestamp, --to-datetime, --by-duration, --to-earliest, --to-latest, --to-current, --shift-by, --from-file, --request.');
  if (given.length > 1) throw new KError('validation', `Give only one of ${given.map(([f]) => `--${f}`).join(' and ')}.`);
  const [flag, mode] = given[0];
  const allowOldTimestamp = o.has('allow-old-timestamp');
  if (mode === 'request') {
    let json = str(o, 'request')!;
    if (json.startsWith('@')) {
      try {
        json = fs.readFileSync(json.slice(1), 'utf8');
      } catch (e) {
        throw new KError('validation', `--request: cannot read ${json.slice(1)}: ${(e as Error).message}`);
      }
    }
    if (o.has('topic') || o.has('partition') || o.has('all-topics')) throw new KError('validation', '--request carries topic and partition itself; do not also pass --topic/--partition/--all-topics.');
    const r = parseSeedRequest(json, group);
    if (!r.ok) throw new KError('validation', `--request: ${r.error}`);
    return { ...r.input, allowOldTimestamp };
  }
  // One plain --topic is the seed's request as before; several, or topic:partitions, a list.
  const topics = all(o, 'topic');
  const scope = o.has('all-topics') ? { allTopics: true, ...(topics.length ? { topics } : {}) } : topics.length > 1 || topics.some((t) => t.includes(':')) ? { topics } : { topic: str(o, 'topic') };
  // A date-time without a zone means UTC, as in kafka-consumer-groups (the preview says so).
  const base: ResetInput = { group, ...scope, partition: str(o, 'partition'), allowOldTimestamp, zonelessDateTime: 'utc' };
  if (mode === 'offset') return { ...base, messageOffset: str(o, flag) };
  if (mode === 'timestamp') return { ...base, timestamp: str(o, flag) };
  if (mode === 'csv') {
    return { group, mode: 'csv', value: readPlanFile(str(o, flag)!), allowOldTimestamp };
  }
  return { ...base, mode, value: o.get(flag) === true ? undefined : str(o, flag) };
}

function defaultSnapshotDir(): string {
  return process.env.KAFKA_OFFSETS_SNAPSHOT_DIR ?? path.join(os.homedir(), '.kafka-offsets', 'snapshots');
}

function summary(plan: Plan): string {
  const t = planTotals(plan);
  const parts = [`${t.partitions} partition${t.partitions === 1 ? '' : 's'}`, `lag ${formatCount(t.lagBefore)} → ${formatCount(t.lagAfter)}`];
  if (t.replayed > 0n) parts.push(`${formatCount(t.replayed)} messages to re-consume`);
  if (t.skipped > 0n) parts.push(`${formatCount(t.skipped)} messages skipped`);
  if (t.noCommit) parts.push(`${t.noCommit} without a previous commit`);
  return parts.join(', ');
}

/** The groups of a several-group reset, or undefined for the one-group reset below. */
async function groupsToReset(client: KafkaClient, o: Opts, signal: AbortSignal): Promise<string[] | undefined> {
  const named = all(o, 'group');
  if (o.has('all-groups')) {
    if (named.length) throw new KError('validation', 'Give --group or --all-groups, not both.');
    // As kafka-consumer-groups: the consumer groups (and offset-only groups), not Connect's or others'.
    return (await client.listGroups({ signal }))
      .filter((g) => (g.protocolType === 'consumer' || g.protocolType === '') && g.groupType !== 'share' && g.groupType !== 'streams')
      .map((g) => g.groupId)
      .sort();
  }
  if (named.length > 1) return [...new Set(named)];
  const file = str(o, 'from-file');
  if (named.length === 0 && file !== undefined) {
    // A CSV plan with a group column names its groups itself.
    const parsed = parseCsvPlan(readPlanFile(file));
    if (parsed.ok && csvPlanGroups(parsed.rows).length) return csvPlanGroups(parsed.rows);
  }
  return undefined;
}

function readPlanFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new KError('validation', `--from-file: cannot read ${file}: ${(e as Error).message}`);
  }
}

async function cmdReset(client: KafkaClient, o: Opts, out: Output, signal: AbortSignal, cfg: ClusterConfig): Promise<number> {
  const dryRunAsked = o.has('dry-run');
  const groups = await groupsToReset(client, o, signal);
  if (groups) {
    if (o.has('wait-empty')) throw new KError('validation', '--wait-empty works with one group; with several, groups that are not empty are listed and left untouched.');
    if (!dryRunAsked && !o.has('export') && !o.has('yes') && !process.stdin.isTTY)
      throw new KError('validation', 'Refusing to reset without confirmation: there is no terminal to ask. Pass --yes to reset, or --dry-run to only show the plan.');
    return resetGroups(
      {
        client,
        cfg,
        out,
        signal,
        dryRun: dryRunAsked || o.has('export'),
        exportPlan: o.has('export'),
        ...(o.has('yes') ? {} : { confirm }),
        snapshotDir: str(o, 'snapshot-dir') ?? defaultSnapshotDir(),
        inputFor: (g) => resetInput(o, g),
        summary,
      },
      groups,
    );
  }
  const group = requireGroup(o);
  const input = resetInput(o, group);
  const v = validateResetInput(input);
  if (!v.ok) {
    const hint = v.issues.some((i) => i.code === 'looks-like-seconds') ? ' (pass --allow-old-timestamp if you really mean milliseconds)' : '';
    throw new KError('validation', describeIssues(v.issues) + hint);
  }
  const request = v.request;
  const dryRun = o.has('dry-run') || o.has('export');
  let waitSeconds: number | undefined;
  const w = str(o, 'wait-empty');
  if (w !== undefined) {
    if (!/^\d+$/.test(w)) throw new KError('validation', `--wait-empty must be a number of seconds, got "${w}".`);
    waitSeconds = +w;
  }
  if (!dryRun && !o.has('yes') && !process.stdin.isTTY)
    throw new KError('validation', 'Refusing to reset without confirmation: there is no terminal to ask. Pass --yes to reset, or --dry-run to only show the plan.');
  const groupType = (await client.describeGroup(group, { signal })).groupType;
  if (groupType === 'share')
    return shareReset(client, request, { dryRun, yes: o.has('yes'), waitSeconds, snapshotDir: str(o, 'snapshot-dir') ?? defaultSnapshotDir(), signal, brokers: cfg.brokers }, { json: out.json, text: (s) => out.text(s), block: (s) => out.block(s), note: (s) => out.note(s), data: (v) => out.data(v), confirm });

  let plan = await planFromCluster(client, request, { signal });
  if (plan.rows.length === 0 && request.allTopics) throw new KError('not-found', `Group "${group}" has no committed offsets on ${cfg.brokers.join(', ')}: --all-topics selects nothing to reset.`);
  if (o.has('export')) {
    // Kafka's --export: the plan's targets as a CSV plan, for --from-file later. Changes nothing.
    process.stdout.write(formatCsvPlan(plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target }))));
    return plan.rows.some((r) => r.error) ? 1 : 0;
  }
  const header = `Group "${group}" on ${cfg.brokers.join(',')}: ${describeSpec(plan)}`;
  out.text(header);
  out.block(planTable(plan.rows));
  out.text(summary(plan));
  out.text(`Equivalent: ${groupType === 'streams' ? kafkaStreamsGroupsCommand(cfg.brokers, plan) : kafkaConsumerGroupsCommand(cfg.brokers, plan)}`);
  const doc = (result: unknown) => ({ group, topic: request.topic || null, dryRun, plan: plan.rows.map(rowJson), result });
  if (dryRun) {
    if (out.json) out.data(doc(null));
    return plan.rows.some((r) => r.error) ? 1 : 0;
  }
  if (waitSeconds !== undefined) {
    const d = await client.describeGroup(group, { signal });
    if (d.members.length > 0) {
      out.note(`Group "${group}" has ${d.members.length} member(s); waiting up to ${waitSeconds} s for it to become empty…`);
      await waitUntilEmpty(client, group, {
        timeoutMs: waitSeconds * 1000,
        signal,
        onPoll: (g, left) => g.members.length && out.note(`  ${g.state}: ${g.members.map((m) => `${m.clientId} (${m.host})`).join(', ')} — ${Math.ceil(left / 1000)} s left`),
      });
      out.note('Group is empty; planning again from fresh offsets.');
      plan = await planFromCluster(client, request, { signal });
      out.block(planTable(plan.rows));
      out.text(summary(plan));
    }
  }
  if (!o.has('yes')) {
    const ok = await confirm(`Reset ${plan.rows.length} partition(s) of group "${group}"?`);
    if (!ok) {
      out.note('Not confirmed: nothing changed.');
      return 1;
    }
  }
  const result = await applyPlan(client, plan, {
    signal,
    snapshotDir: str(o, 'snapshot-dir') ?? defaultSnapshotDir(),
    onSnapshot: (f) => out.note(`Snapshot for undo: ${f}`),
  });
  out.block(planTable(result.rows));
  const code = reportOutcome(out, result, 'reset', cfg);
  if (out.json) out.data(doc({ snapshotFile: result.snapshotFile, durationMs: result.durationMs, rows: result.rows.map(rowJson) }));
  return code;
}

async function cmdUndo(client: KafkaClient, o: Opts, out: Output, signal: AbortSignal, cfg: ClusterConfig): Promise<number> {
  const file = str(o, 'snapshot');
  if (!file) throw new KError('validation', 'undo needs --snapshot FILE (a .json snapshot written by a reset).');
  // Validated in full before anything is sent or written (no new snapshot for a bad file).
  const snap = loadSnapshot(file);
  const allowOther = o.has('allow-other-cluster');
  // Which cluster this would restore onto: named in the output and the prompt, and compared with
  // the snapshot's own (undoSnapshot refuses another cluster unless --allow-other-cluster).
  const id = await clusterIdentity(client, { signal });
  const target = describeCluster(id);
  const match = snapshotMatchesCluster(snap, id);
  if (!match.same) {
    if (!allowOther)
      throw new KError('validation', `Refusing to restore group "${snap.group}": ${match.why}. Nothing was changed. Pass --allow-other-cluster to copy these offsets to ${target} anyway.`);
    out.note(`Warning: ${match.why}; restoring onto ${target} anyway (--allow-other-cluster).`);
  }
  const rows = snap.entries.map((e) => [e.topic, String(e.partition), e.offset === null ? 'none (delete)' : e.offset.toString()]);
  out.text(`Undo for group "${snap.group}" on ${target} (${snap.reason}, taken ${new Date(snap.takenAt).toISOString()}${snap.clusterId ? ` on cluster ${snap.clusterId}` : ''}): restore`);
  out.block(table(['TOPIC', 'PARTITION', 'OFFSET'], rows));
  const dryRun = o.has('dry-run');
  if (dryRun) {
    if (out.json) out.data({ group: snap.group, cluster: id.clusterId, dryRun: true, restore: snap.entries.map((e) => ({ topic: e.topic, partition: e.partition, offset: jsonNum(e.offset) })), result: null });
    return 0;
  }
  if (!o.has('yes')) {
    if (!process.stdin.isTTY) throw new KError('validation', 'Refusing to undo without confirmation: there is no terminal to ask. Pass --yes.');
    if (!(await confirm(`Restore ${snap.entries.length} partition(s) of group "${snap.group}" on ${target}?`))) return 1;
  }
  const result = await undoSnapshot(client, snap, { signal, snapshotDir: str(o, 'snapshot-dir') ?? defaultSnapshotDir(), allowOtherCluster: allowOther });
  out.block(planTable(result.rows));
  const code = reportOutcome(out, result, 'undo', cfg);
  if (out.json) out.data({ group: snap.group, cluster: id.clusterId, dryRun: false, result: { snapshotFile: result.snapshotFile, rows: result.rows.map(rowJson) } });
  return code;
}

async function run(argv: string[], signal: AbortSignal): Promise<number> {
  // Options may come before the command (kafka-offsets --bootstrap B lag …).
  const { command, rest } = splitCommand(argv, Object.assign({}, COMMON, ...Object.values(COMMANDS)));
  if (!command && rest.length === 1 && rest[0] === '--version') {
    process.stdout.write(`kafka-offsets ${VERSION}\n`);
    return 0;
  }
  if (!command || command === 'help' || command === '-h') {
    const asked = rest.includes('--help') || command !== undefined;
    process.stdout.write(USAGE);
    return asked ? 0 : 2;
  }
  if (command === 'serve') return runServe(rest, signal);
  const specs = COMMANDS[command];
  if (!specs) throw new UsageError(`Unknown command "${command}". Commands: ${[...Object.keys(COMMANDS), 'serve'].join(', ')}.`);
  const parsed = parseArgs(rest, { ...COMMON, ...specs });
  const { positional } = parsed;
  const options: Opts = Object.assign(parsed.options, { lists: parsed.lists });
  if (options.has('version')) {
    process.stdout.write(`kafka-offsets ${VERSION}\n`);
    return 0;
  }
  if (options.has('help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positional.length) throw new UsageError(`Unexpected argument "${positional[0]}".`);
  const out = new Output(options.has('json'));
  const cfg = clusterConfig(options);
  const client = new KafkaClient(cfg, { log: process.env.KAFKA_OFFSETS_DEBUG ? (l, m) => process.stderr.write(`[${l}] ${visible(m)}\n`) : undefined });
  try {
    switch (command) {
      case 'groups': {
        const types = parseTypeFilter(str(options, 'type'));
        const groups = (await client.listGroups({ signal })).filter((g) => !types || types.has(typeOf(g)));
        if (out.json) out.data(groups.map((g) => ({ ...g, groupType: typeOf(g) })));
        else out.block(groupsTable(groups));
        return 0;
      }
      case 'describe': {
        const d = await client.describeGroup(requireGroup(options), { signal });
        if (d.state === 'Dead') throw noSuchGroup(d.groupId, cfg);
        if (out.json) out.data(d);
        else {
          // The first line is a sentence, the rest are tables.
          const [head, ...tables] = describeLines(d);
          out.text(head);
          for (const t of tables) out.block(t);
        }
        return 0;
      }
      case 'lag': {
        if (options.has('all-groups')) {
          if (options.has('group')) throw new KError('validation', 'Give --group or --all-groups, not both.');
          const all = await allGroupsLag(client, { signal });
          if (out.json) out.data(all.map((e) => ({ group: e.group.groupId, state: e.group.state, ...(e.lag ? lagJson(e.lag) : {}), ...(e.error ? { error: e.error } : {}) })));
          else out.block(table(['GROUP', 'STATE', 'LAG', 'TOPICS'], all.map((e) => [e.group.groupId, e.group.state, e.lag ? lagText(e.lag.lag) : `error: ${e.error}`, e.lag ? topicsCell(e.lag) : ''])));
          return all.some((e) => e.error) ? 1 : 0;
        }
        const groupId = requireGroup(options);
        const description = await client.describeGroup(groupId, { signal });
        const lag = await groupLag(client, groupId, { signal, description });
        // Kafka reports an unknown group as Dead with nothing in it; an empty table would read as "no lag".
        if (description.state === 'Dead' && lag.topics.length === 0 && !lag.hiddenTopics?.length) throw noSuchGroup(groupId, cfg);
        if (out.json) out.data(lagJson(lag));
        else {
          out.block(lagTable(lag));
          out.text(`Total lag: ${lagText(lag.lag)}`);
          for (const h of lag.hiddenTopics ?? []) out.text(hiddenTopicNote(h));
        }
        return 0;
      }
      case 'export': {
        // Several groups (or --all-groups): Kafka's multi-group format, group,topic,partition,offset.
        const several = await groupsToReset(client, options, signal);
        const groups = several ?? [requireGroup(options)];
        const topic = str(options, 'topic');
        const rows: Array<{ group: string; topic: string; partition: number; offset: bigint }> = [];
        for (const group of groups) {
          const committed = await client.committedOffsets(group, null, { signal });
          rows.push(
            ...[...committed]
              .filter(([, v]) => v !== null)
              .map(([k, v]) => ({ group, topic: k.slice(0, k.lastIndexOf(':')), partition: Number(k.slice(k.lastIndexOf(':') + 1)), offset: v! }))
              .filter((r) => !topic || r.topic === topic)
              .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1)),
          );
        }
        if (out.json) out.data(rows.map(({ group, ...r }) => ({ ...(several ? { group } : {}), ...r, offset: jsonNum(r.offset) })));
        else process.stdout.write(formatCsvPlan(rows, !!several));
        return 0;
      }
      case 'reset':
        return await cmdReset(client, options, out, signal, cfg);
      case 'undo':
        return await cmdUndo(client, options, out, signal, cfg);
    }
    return 2;
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const controller = new AbortController();
  // Many concurrent Kafka calls (lag of hundreds of groups) listen on the same signal.
  setMaxListeners(10_000, controller.signal);
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nCancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  const json = process.argv.includes('--json');
  let code: number;
  try {
    code = await run(process.argv.slice(2), controller.signal);
  } catch (e) {
    const err = e instanceof KafkaOffsetsError ? e : e instanceof UsageError ? new KafkaOffsetsError('validation', e.message) : new KafkaOffsetsError('kafka', `Unexpected failure: ${(e as Error)?.message ?? e}`);
    process.stderr.write(`kafka-offsets: ${visible(err.message)}\n`);
    if (e instanceof UsageError) process.stderr.write('Run "kafka-offsets --help" for usage.\n');
    if (json) process.stdout.write(terminalSafeJson(JSON.stringify({ error: { kind: err.kind, message: err.message } }, null, 2)) + '\n');
    code = err.exitCode;
  }
  process.exitCode = code;
}

void main();
