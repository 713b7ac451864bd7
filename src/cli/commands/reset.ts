/**
 * `reset`: plan, show, then the reset session (src/core/resetSession.ts: members, offsets still
 * moving, confirm, snapshot, commit) — for one group here, for several in ../resetGroups.ts, for a
 * share group in ../groupTypes.ts.
 */
import {
  KafkaOffsetsError,
  describeIssues,
  describeSpec,
  formatCsvPlan,
  kafkaConsumerGroupsCommand,
  kafkaStreamsGroupsCommand,
  planFromCluster,
  planSummary,
  validateResetInput,
  resetOperation,
  runResetSession,
  type Plan,
} from '../../core';
import type { ClusterRun } from '../command';
import { offsetsMovingCheck, requireGroup, requireTerminalOrYes, snapshotDir, waitEmptySeconds } from '../options';
import { confirm } from '../output';
import { reportOutcome } from '../outcome';
import { planTable, rowJson } from '../format';
import { resetInput } from '../resetInput';
import { severalGroups } from '../groupSelection';
import { resetGroups } from '../resetGroups';
import { shareReset } from '../groupTypes';
import { cliSessionPort } from '../sessionPort';

/** A copy leaves out the partitions its source never committed: say which (they keep their offsets). */
function notCopiedText(plan: Plan): string {
  const list = plan.notCopied!;
  const names = list.slice(0, 10).map((p) => `${p.topic}/${p.partition}`).join(', ') + (list.length > 10 ? `, … (${list.length})` : '');
  const source = plan.request.spec.kind === 'fromGroup' ? plan.request.spec.group : '';
  return `Not copied (group "${source}" has no committed offset there; left as they are): ${names}`;
}

export const reset: ClusterRun = {
  async run({ client, options: o, out, signal, cfg }) {
    const dryRun = o.has('dry-run') || o.has('export');
    const groups = await severalGroups(client, o, signal);
    if (groups) {
      if (o.has('wait-empty')) throw new KafkaOffsetsError('validation', '--wait-empty works with one group; with several, groups that are not empty are listed and left untouched.');
      if (!dryRun) requireTerminalOrYes(o, 'reset');
      return resetGroups(
        {
          client,
          cfg,
          out,
          signal,
          dryRun,
          exportPlan: o.has('export'),
          ...(o.has('yes') ? {} : { confirm }),
          snapshotDir: snapshotDir(o),
          inputFor: (g) => resetInput(o, g),
          watchOffsets: offsetsMovingCheck(o),
        },
        groups,
      );
    }
    const group = requireGroup(o);
    const input = resetInput(o, group);
    const v = validateResetInput(input);
    if (!v.ok) {
      const hint = v.issues.some((i) => i.code === 'looks-like-seconds') ? ' (pass --allow-old-timestamp if you really mean milliseconds)' : '';
      throw new KafkaOffsetsError('validation', describeIssues(v.issues) + hint);
    }
    const request = v.request;
    const waitSeconds = waitEmptySeconds(o);
    if (!dryRun) requireTerminalOrYes(o, 'reset');
    // The group's type (a share group has its own reset) is read while the plan is made: it is not
    // the member check (the session makes that one later, fresh), only which engine plans. A share
    // group's consumer-group plan is a read and is dropped.
    const planning = planFromCluster(client, request, { signal, targetTimestamps: true }).then(
      (plan) => ({ plan }),
      (error: unknown) => ({ error }),
    );
    const groupType = (await client.describeGroup(group, { signal })).groupType;
    if (groupType === 'share')
      return shareReset(client, request, { dryRun, yes: o.has('yes'), waitSeconds, snapshotDir: snapshotDir(o), signal, brokers: cfg.brokers }, { json: out.json, text: (s) => out.text(s), block: (s) => out.block(s), note: (s) => out.note(s), data: (d) => out.data(d), confirm });
    const planned = await planning;
    if ('error' in planned) throw planned.error;
    let plan = planned.plan;
    if (plan.rows.length === 0 && request.spec.kind === 'fromGroup') throw new KafkaOffsetsError('not-found', `Group "${request.spec.group}" has no committed offsets on the chosen partitions: nothing to copy. Nothing was changed.`);
    if (plan.rows.length === 0 && request.allTopics) throw new KafkaOffsetsError('not-found', `Group "${group}" has no committed offsets on ${cfg.brokers.join(', ')}: --all-topics selects nothing to reset.`);
    if (o.has('export')) {
      // Kafka's --export: the plan's targets as a CSV plan, for --from-file later. Changes nothing.
      process.stdout.write(formatCsvPlan(plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target }))));
      return plan.rows.some((r) => r.error) ? 1 : 0;
    }
    out.text(`Group "${group}" on ${cfg.brokers.join(',')}: ${describeSpec(plan)}`);
    out.block(planTable(plan.rows));
    out.text(planSummary(plan));
    if (plan.notCopied?.length) out.text(notCopiedText(plan));
    out.text(`Equivalent: ${groupType === 'streams' ? kafkaStreamsGroupsCommand(cfg.brokers, plan) : kafkaConsumerGroupsCommand(cfg.brokers, plan)}`);
    const doc = (result: unknown) => ({
      group,
      topic: request.topic || null,
      dryRun,
      plan: plan.rows.map(rowJson),
      ...(plan.notCopied ? { notCopied: plan.notCopied } : {}),
      result,
    });
    if (dryRun) {
      if (out.json) out.data(doc(null));
      return plan.rows.some((r) => r.error) ? 1 : 0;
    }
    const op = resetOperation(client, request, plan, { snapshotDir: snapshotDir(o), onSnapshot: (f) => out.note(`Snapshot for undo: ${f}`), targetTimestamps: true });
    const port = cliSessionPort(out, signal, { waitSeconds, yes: o.has('yes'), confirm, question: () => `Reset ${op.plan().rows.length} partition(s) of group "${group}"?`, plan: op.plan });
    const outcome = await runResetSession(client, op, port, { signal, watchOffsets: offsetsMovingCheck(o) });
    if (outcome.status === 'cancelled') {
      out.note('Not confirmed: nothing changed.');
      return 1;
    }
    if (outcome.status === 'refused') throw outcome.error;
    const result = outcome.result;
    plan = op.plan();
    out.block(planTable(result.rows));
    const code = reportOutcome(out, result, 'reset', cfg);
    if (out.json) out.data(doc({ snapshotFile: result.snapshotFile, durationMs: result.durationMs, rows: result.rows.map(rowJson) }));
    return code;
  },
};
