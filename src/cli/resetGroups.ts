/**
 * `reset` over several groups (`--group` repeated, `--all-groups`, or a CSV plan whose group column
 * names several), as kafka-consumer-groups does: every group is described and planned; a group that
 * is not Empty (or new) is listed as refused and left untouched while the others proceed; so is an
 * Empty group whose committed offsets still move (one 3-s watch for the whole batch, before the
 * confirmation, unless --no-offsets-moving-check). One
 * confirmation for the batch, then each group is applied on its own — its own lock, its own snapshot,
 * its own commit — so a failure in one never changes what happens to the others. The summary names
 * exactly which groups changed. Exit 0 only when every group was changed (or had nothing to reset);
 * 1 when any was refused or failed.
 */
import type { ClusterConfig, GroupDescription, KafkaClient, Plan, ResetInput, ResetResult } from '../core';
import {
  KafkaOffsetsError,
  isResettable,
  applyPlan,
  mapLimitFailFast,
  PLANS_IN_FLIGHT,
  describeError,
  describeIssues,
  describeSpec,
  formatCsvPlan,
  kafkaConsumerGroupsCommand,
  planFromCluster,
  planSummary,
  shellQuote,
  topicsOf,
  watchGroups,
  ACTIVITY_WINDOW_MS,
  validateResetInput,
} from '../core';
import { planTable, rowJson } from './format';

export interface GroupsOutput {
  readonly json: boolean;
  data(v: unknown): void;
  /** One sentence (escaped as one line). */
  text(s: string): void;
  /** A table whose lines are meant. */
  block(s: string): void;
  note(s: string): void;
}

export interface GroupsContext {
  client: KafkaClient;
  cfg: ClusterConfig;
  out: GroupsOutput;
  signal: AbortSignal;
  dryRun: boolean;
  /** Print the plans' targets as one multi-group CSV plan (Kafka's --export) instead of tables. */
  exportPlan?: boolean;
  /** Ask once for the whole batch (undefined = --yes was given). */
  confirm?: (question: string) => Promise<boolean>;
  snapshotDir: string;
  /** false: no watch for offsets still moving (--no-offsets-moving-check). */
  watchOffsets?: boolean;
  /** The raw request for one group (the same flags for every group; a CSV plan's rows of that group). */
  inputFor: (group: string) => ResetInput;
}

export type Entry =
  | { group: string; status: 'refused'; description: GroupDescription; reason?: string }
  | { group: string; status: 'nothing'; reason: string }
  | { group: string; status: 'planned'; plan: Plan; description: GroupDescription }
  | { group: string; status: 'applied' | 'failed'; plan: Plan; result?: ResetResult; reason?: string };

/** The sentence for a group that may not be reset now (Kafka's tool prints the state; we add the members). */
function refusal(d: GroupDescription): string {
  const who = d.members.map((m) => `${m.clientId || '?'} (${m.host || '?'})`).join(', ');
  return `${d.state} with ${d.members.length} member${d.members.length === 1 ? '' : 's'}${who ? `: ${who}` : ''} — not reset, left untouched`;
}

export async function resetGroups(ctx: GroupsContext, groups: string[]): Promise<number> {
  const { client, out, signal } = ctx;
  if (groups.length === 0) throw new KafkaOffsetsError('not-found', `No consumer groups on ${ctx.cfg.brokers.join(', ')}: nothing to reset.`);

  // Validate every group's request before reading anything from Kafka (bad input is exit 2 for all).
  const requests = new Map<string, ReturnType<typeof validateResetInput>>();
  for (const g of groups) requests.set(g, validateResetInput(ctx.inputFor(g)));
  for (const group of groups) {
    const v = requests.get(group)!;
    // A CSV plan without rows for a group is "nothing to reset" for it (below), as Kafka's tool says.
    if (v.ok || v.issues.every((i) => /no rows for group/.test(i.message))) continue;
    const hint = v.issues.some((i) => i.code === 'looks-like-seconds') ? ' (pass --allow-old-timestamp if you really mean milliseconds)' : '';
    throw new KafkaOffsetsError('validation', `Group "${group}": ${describeIssues(v.issues)}${hint}`);
  }
  // Planning only reads (DescribeGroups, offsets), so several groups are planned at once; the entries
  // keep the order given. Applying stays one group at a time, each with its own lock and snapshot.
  const entries: Entry[] = await mapLimitFailFast(groups, PLANS_IN_FLIGHT, signal, async (group, sig): Promise<Entry> => {
    const v = requests.get(group)!;
    if (!v.ok) return { group, status: 'nothing', reason: 'the CSV plan has no rows for it' };
    const d = await client.describeGroup(group, { signal: sig });
    if (d.groupType === 'share' || d.groupType === 'streams') {
      return { group, status: 'refused', description: d, reason: `a ${d.groupType} group — reset it on its own (--group ${group}); not reset, left untouched` };
    }
    if (!isResettable(d)) return { group, status: 'refused', description: d };
    const plan = await planFromCluster(client, v.request, { signal: sig, targetTimestamps: true });
    return plan.rows.length ? { group, status: 'planned', plan, description: d } : { group, status: 'nothing', reason: v.request.allTopics ? 'no committed offsets' : 'no partitions selected' };
  });

  let planned = entries.filter((e): e is Extract<Entry, { status: 'planned' }> => e.status === 'planned');
  if (ctx.exportPlan) {
    for (const e of entries) if (e.status !== 'planned') out.note(`Group "${e.group}": ${e.status === 'refused' ? e.reason ?? refusal(e.description) : `nothing to reset (${e.reason})`}.`);
    process.stdout.write(formatCsvPlan(planned.flatMap((e) => e.plan.rows.map((r) => ({ group: e.group, topic: r.topic, partition: r.partition, offset: r.target }))), true));
    return entries.some((e) => e.status === 'refused') || planned.some((e) => e.plan.rows.some((r) => r.error)) ? 1 : 0;
  }
  for (const e of entries) {
    if (e.status === 'refused') out.text(`Group "${e.group}": ${e.reason ?? refusal(e.description)}.`);
    else if (e.status === 'nothing') out.text(`Group "${e.group}": nothing to reset (${e.reason}).`);
    else if (e.status === 'planned') {
      out.text(`Group "${e.group}" on ${ctx.cfg.brokers.join(',')}: ${describeSpec(e.plan)}`);
      out.block(planTable(e.plan.rows));
      out.text(planSummary(e.plan));
      out.text(`Equivalent: ${kafkaConsumerGroupsCommand(ctx.cfg.brokers, e.plan)}`);
    }
    out.text('');
  }
  const refused = entries.filter((e) => e.status === 'refused');
  const withErrors = planned.filter((e) => e.plan.rows.some((r) => r.error));

  if (ctx.dryRun) {
    out.text(batchLine(entries, true));
    if (out.json) out.data(batchJson(entries, true));
    return refused.length || withErrors.length ? 1 : 0;
  }
  if (withErrors.length)
    throw new KafkaOffsetsError('validation', `Group${withErrors.length > 1 ? 's' : ''} ${withErrors.map((e) => `"${e.group}"`).join(', ')}: ${withErrors.flatMap((e) => e.plan.rows.filter((r) => r.error).map((r) => r.error)).join(' ')} Nothing was committed.`);
  if (planned.length && ctx.watchOffsets !== false) {
    // Offsets still moving although nobody is a member (consumers with manually assigned partitions):
    // one window for the whole batch; a moving group is refused and left untouched, like one with members.
    const moving = await watchGroups(
      planned.map((e) => ({ group: e.group, readPositions: (sig?: AbortSignal) => client.committedOffsets(e.group, topicsOf(e.plan.rows), { signal: sig }) })),
      ACTIVITY_WINDOW_MS,
      signal,
    );
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const moved = e.status === 'planned' ? moving.get(e.group) : undefined;
      if (e.status !== 'planned' || !moved) continue;
      const list = moved.slice(0, 5).map((m) => `${m.topic}/${m.partition}: ${m.from ?? 'none'} → ${m.to ?? 'none'}`).join(', ') + (moved.length > 5 ? ', …' : '');
      entries[i] = { group: e.group, status: 'refused', description: e.description, reason: `no members, but its committed offsets moved in the last ${ACTIVITY_WINDOW_MS / 1000} s (${list}): consumers with manually assigned partitions commit without joining — not reset, left untouched` };
      out.text(`Group "${e.group}": ${(entries[i] as { reason: string }).reason}.`);
    }
    planned = planned.filter((e) => !moving.has(e.group));
  }
  if (planned.length && ctx.confirm) {
    const partitions = planned.reduce((n, e) => n + e.plan.rows.length, 0);
    if (!(await ctx.confirm(`Reset ${partitions} partition(s) in ${planned.length} group(s): ${planned.map((e) => `"${e.group}"`).join(', ')}?`))) {
      out.note('Not confirmed: nothing changed.');
      return 1;
    }
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.status !== 'planned') continue;
    try {
      const result = await applyPlan(client, e.plan, { signal, snapshotDir: ctx.snapshotDir, onSnapshot: (f) => out.note(`Snapshot for undo of group "${e.group}": ${f}`) });
      const bad = result.rows.filter((r) => r.outcome !== 'applied');
      entries[i] = bad.length
        ? { group: e.group, status: 'failed', plan: e.plan, result, reason: `${bad.length} of ${result.rows.length} partitions not applied` }
        : { group: e.group, status: 'applied', plan: e.plan, result };
      out.text(`Group "${e.group}":`);
      out.block(planTable(result.rows));
    } catch (err) {
      if (err instanceof KafkaOffsetsError && err.kind === 'cancelled') throw err;
      entries[i] = { group: e.group, status: 'failed', plan: e.plan, reason: describeError(err) };
      out.text(`Group "${e.group}": not reset — ${describeError(err)}`);
    }
  }
  out.text(batchLine(entries, false));
  for (const e of entries) if ((e.status === 'applied' || e.status === 'failed') && e.result) out.text(`Undo "${e.group}": kafka-offsets undo --snapshot ${shellQuote(e.result.snapshotFile)}`);
  // The whole batch in one command: undo checks every snapshot first, confirms once, restores each group.
  const files = entries.flatMap((e) => ((e.status === 'applied' || e.status === 'failed') && e.result ? [e.result.snapshotFile] : []));
  if (files.length > 1) out.text(`Undo the whole batch: kafka-offsets undo ${files.map((f) => `--snapshot ${shellQuote(f)}`).join(' ')}`);
  if (out.json) out.data(batchJson(entries, false));
  return entries.every((e) => e.status === 'applied' || e.status === 'nothing') ? 0 : 1;
}

/**
 * "Changed: a, b. Failed: d. Refused (not empty, left untouched): c. Refused (left untouched, reason
 * above): f. Nothing to reset: e." A group refused for something other than members (its offsets moved,
 * it is a share or streams group) has its own line with the reason; the summary must not call it "not empty".
 */
export function batchLine(entries: Entry[], dryRun: boolean): string {
  const names = (s: Entry['status'], which: (e: Entry) => boolean = () => true) =>
    entries.filter((e) => e.status === s && which(e)).map((e) => `"${e.group}"`);
  const hasReason = (e: Entry) => e.status === 'refused' && e.reason !== undefined;
  const parts: string[] = [];
  const push = (label: string, list: string[]) => list.length && parts.push(`${label}: ${list.join(', ')}.`);
  push('Would change', names('planned'));
  push('Changed', names('applied'));
  push('Failed', names('failed'));
  push('Refused (not empty, left untouched)', names('refused', (e) => !hasReason(e)));
  push('Refused (left untouched, reason above)', names('refused', hasReason));
  push('Nothing to reset', names('nothing'));
  if (dryRun) parts.push('Dry run: nothing was changed.');
  else if (!entries.some((e) => e.status === 'applied')) parts.push('No group was changed.');
  return parts.join(' ');
}

function batchJson(entries: Entry[], dryRun: boolean): Record<string, unknown> {
  return {
    dryRun,
    groups: entries.map((e) => {
      const base: Record<string, unknown> = { group: e.group, status: e.status };
      if (e.status === 'refused') return { ...base, state: e.description.state, ...(e.reason ? { reason: e.reason } : {}), members: e.description.members.map((m) => ({ clientId: m.clientId, host: m.host, memberId: m.memberId })) };
      if (e.status === 'nothing') return { ...base, reason: e.reason };
      const out: Record<string, unknown> = { ...base, plan: e.plan.rows.map(rowJson), result: null };
      if (e.status === 'applied' || e.status === 'failed') {
        if (e.result) out.result = { snapshotFile: e.result.snapshotFile, durationMs: e.result.durationMs, rows: e.result.rows.map(rowJson) };
        if (e.reason) out.reason = e.reason;
      }
      return out;
    }),
  };
}
