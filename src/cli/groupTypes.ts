/** The CLI's view of Kafka 4 group types: the TYPE column and --type filter, and describe text per type. */
import type { GroupDescription, GroupListing, GroupType, KafkaClient, ResetRequest } from '../core';
import { KafkaOffsetsError, planShareReset, describeSpec, kafkaShareGroupsCommand, resetOperation, runResetSession } from '../core';
import { table, planTable, rowJson } from './format';
import { undoCommand } from '../core/equivalent';
import { cliSessionPort } from './sessionPort';

export const GROUP_TYPES: GroupType[] = ['classic', 'consumer', 'share', 'streams'];

/** `--type share,streams` → the set; undefined when not given. */
export function parseTypeFilter(v: string | undefined): Set<GroupType> | undefined {
  if (v === undefined) return undefined;
  const types = v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = types.filter((t) => !(GROUP_TYPES as string[]).includes(t));
  if (bad.length || types.length === 0) throw new KafkaOffsetsError('validation', `--type must be one or more of ${GROUP_TYPES.join(', ')} (comma-separated), got "${v}".`);
  return new Set(types as GroupType[]);
}

/** A group's type for display: what the broker said, else classic (brokers before Kafka 3.8 have nothing else). */
export function typeOf(g: { groupType?: GroupType; protocolType: string }): GroupType {
  return g.groupType ?? 'classic';
}

export function groupsTable(groups: GroupListing[]): string {
  return table(['GROUP', 'TYPE', 'STATE', 'PROTOCOL TYPE'], groups.map((g) => [g.groupId, typeOf(g), g.state, g.protocolType || '-']));
}

/** Describe output lines for one group, with what its type adds (a streams group's topology and tasks). */
export function describeLines(d: GroupDescription): string[] {
  const type = typeOf(d);
  const lines = [`Group "${d.groupId}" (${type} group): ${d.state}, protocol ${d.protocolType || '-'}/${d.protocol || '-'}, coordinator ${d.coordinator.host}:${d.coordinator.port} (node ${d.coordinator.nodeId})`];
  if (type === 'streams') {
    lines.push(table(['MEMBER', 'CLIENT', 'HOST', 'ACTIVE TASKS', 'READS'], d.members.map((m) => [m.memberId, m.clientId, m.host, (m.activeTasks ?? []).join(' '), m.assignment.map((a) => `${a.topic}/${a.partition}`).join(' ')])));
    if (d.subtopologies?.length) {
      lines.push('', table(['SUBTOPOLOGY', 'SOURCE TOPICS', 'REPARTITION SOURCES', 'REPARTITION SINKS', 'CHANGELOGS'], d.subtopologies.map((s) => [s.id, s.sourceTopics.join(' ') || '-', s.repartitionSourceTopics.join(' ') || '-', s.repartitionSinkTopics.join(' ') || '-', s.stateChangelogTopics.join(' ') || '-'])));
    }
    return lines;
  }
  const assigned = type === 'share' ? 'FETCHES FROM' : 'ASSIGNED';
  lines.push(table(['MEMBER', 'CLIENT', 'HOST', assigned], d.members.map((m) => [m.memberId, m.clientId, m.host, m.assignment.map((a) => `${a.topic}/${a.partition}`).join(' ')])));
  return lines;
}

export interface ShareResetIo {
  json: boolean;
  /** One sentence (escaped as one line). */
  text(s: string): void;
  /** A table (lines kept, cells already escaped). */
  block(s: string): void;
  note(s: string): void;
  data(v: unknown): void;
  confirm(question: string): Promise<boolean>;
}

/**
 * `reset` of a share group: the same flow as a consumer group's (plan, dry run, then the reset
 * session: wait until empty, confirm, snapshot, apply, read back) over share-partition start offsets.
 */
export async function shareReset(
  client: KafkaClient,
  request: ResetRequest,
  o: { dryRun: boolean; yes: boolean; waitSeconds?: number; snapshotDir: string; signal: AbortSignal; brokers: string[] },
  io: ShareResetIo,
): Promise<number> {
  const group = request.group;
  let plan = await planShareReset(client, request, { signal: o.signal });
  const show = () => {
    io.block(planTable(plan.rows).replace(/^TOPIC(\s+)PARTITION(\s+)COMMITTED /, (m, a, b) => `TOPIC${a}PARTITION${b}START-OFF `));
    io.text(`Equivalent: ${kafkaShareGroupsCommand(o.brokers, plan)}`);
  };
  io.text(`Share group "${group}" on ${o.brokers.join(',')}: ${describeSpec(plan)} (share-partition start offsets)`);
  show();
  const doc = (result: unknown) => ({ group, groupType: 'share', topic: request.topic, dryRun: o.dryRun, plan: plan.rows.map(rowJson), result });
  if (o.dryRun) {
    if (io.json) io.data(doc(null));
    return plan.rows.some((r) => r.error) ? 1 : 0;
  }
  // The reset session (src/core/resetSession.ts): members (wait with --wait-empty), confirm, apply.
  // No watch for offsets still moving: share consumers cannot fetch without joining the group.
  const op = resetOperation(client, request, plan, { snapshotDir: o.snapshotDir, reason: describeSpec(plan), onSnapshot: (f) => io.note(`Snapshot for undo: ${f}`) });
  const question = () => `Reset ${op.plan().rows.length} partition(s) of share group "${group}"?`;
  const outcome = await runResetSession(client, op, cliSessionPort(io, o.signal, { waitSeconds: o.waitSeconds, yes: o.yes, confirm: io.confirm, question, show: () => ((plan = op.plan()), show()) }), { signal: o.signal });
  if (outcome.status === 'cancelled') {
    io.note('Not confirmed: nothing changed.');
    return 1;
  }
  if (outcome.status === 'refused') throw outcome.error;
  const result = outcome.result;
  const bad = result.rows.filter((r) => r.outcome !== 'applied');
  io.block(planTable(result.rows));
  io.text(bad.length ? `${bad.length} of ${result.rows.length} partitions NOT applied.` : `Applied to ${result.rows.length} partition(s) in ${result.durationMs} ms. Undo: ${undoCommand(result.snapshotFile)}`);
  if (io.json) io.data(doc({ snapshotFile: result.snapshotFile, durationMs: result.durationMs, rows: result.rows.map(rowJson) }));
  return bad.length ? 1 : 0;
}
