/**
 * `delete-group (--group G [--group G2 …] | --all-groups)`: delete consumer groups and their committed
 * offsets (Kafka's `kafka-consumer-groups --delete`). Each group is planned and shown; one that is not Empty, or does
 * not exist, is listed as refused and left untouched while the others are deleted, as Kafka's tool
 * does. One confirmation; each group then has its own snapshot (undo recommits its offsets, which
 * creates the group again). Exit 0 only when every group was deleted.
 */
import { KafkaOffsetsError, PLANS_IN_FLIGHT, applyDeleteGroup, mapLimitFailFast, deleteRefusal, deleteSummary, describeError, kafkaDeleteCommand, planDeleteGroup, validateGroupId, type DeletePlan, type DeleteResult } from '../../core';
import type { ClusterRun } from '../command';
import { all, requireTerminalOrYes, snapshotDir } from '../options';
import { confirm } from '../output';
import { severalGroups } from '../groupSelection';
import { batchUndoLine, deleteResultJson, deleteRowJson, deleteTable, reportDelete, undoLine } from '../deleteOutput';

type Entry =
  | { group: string; status: 'planned'; plan: DeletePlan }
  | { group: string; status: 'refused' | 'not-found'; reason: string; plan?: DeletePlan }
  | { group: string; status: 'deleted' | 'failed'; plan: DeletePlan; result?: DeleteResult; reason?: string; code: number };

export const deleteGroup: ClusterRun = {
  async run({ client, options: o, out, signal, cfg }) {
    // --all-groups: every consumer group, as kafka-consumer-groups --delete --all-groups (those with members are refused).
    const groups = (await severalGroups(client, o, signal)) ?? [...new Set(all(o, 'group'))];
    if (!groups.length) throw new KafkaOffsetsError(o.has('all-groups') ? 'not-found' : 'validation', o.has('all-groups') ? `No consumer groups on ${cfg.brokers.join(', ')}: nothing to delete.` : 'delete-group needs --group G (repeat it for several groups) or --all-groups.');
    for (const g of groups) {
      const bad = validateGroupId(g);
      if (bad) throw new KafkaOffsetsError('validation', `--group: ${bad}`);
    }
    const dryRun = o.has('dry-run');
    if (!dryRun) requireTerminalOrYes(o, 'delete');
    // Previews only read, so several groups are planned at once (in the order given); deletes go one by one.
    const entries: Entry[] = await mapLimitFailFast(groups, PLANS_IN_FLIGHT, signal, async (group, sig): Promise<Entry> => {
      try {
        const plan = await planDeleteGroup(client, group, { signal: sig });
        const refusal = deleteRefusal(plan.description, 'group');
        return refusal ? { group, status: 'refused', reason: refusal.message, plan } : { group, status: 'planned', plan };
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError) || e.kind !== 'not-found') throw e;
        return { group, status: 'not-found', reason: e.message };
      }
    });
    for (const e of entries) {
      if (e.plan) {
        out.text(`Group "${e.group}" on ${cfg.brokers.join(',')} (${e.plan.description.state}): delete the group — ${deleteSummary(e.plan.rows)}`);
        if (e.plan.rows.length) out.block(deleteTable(e.plan.rows));
        out.text(`Equivalent: ${kafkaDeleteCommand(cfg.brokers, e.plan)}`);
      }
      if (e.status !== 'planned') out.text(`${e.reason} Left untouched.`);
      out.text('');
    }
    const planned = entries.filter((e): e is Extract<Entry, { status: 'planned' }> => e.status === 'planned');
    const someRefused = entries.some((e) => e.status !== 'planned');
    if (dryRun) {
      out.text(`${summaryLine(entries)} Dry run: nothing was deleted.`);
      if (out.json) out.data(json(entries, true));
      return someRefused ? 1 : 0;
    }
    if (planned.length && !o.has('yes') && !(await confirm(`Delete ${planned.length} group(s) ${planned.map((e) => `"${e.group}"`).join(', ')} and their committed offsets?`))) {
      out.note('Not confirmed: nothing changed.');
      return 1;
    }
    let code = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.status !== 'planned') continue;
      try {
        const result = await applyDeleteGroup(client, e.plan, { signal, snapshotDir: snapshotDir(o), onSnapshot: (f) => out.note(`Snapshot for undo of group "${e.group}": ${f}`) });
        if (result.rows.length) out.block(deleteTable(result.rows));
        const c = reportDelete(out, result, cfg);
        code = Math.max(code, c);
        entries[i] = { group: e.group, status: c === 0 ? 'deleted' : 'failed', plan: e.plan, result, code: c };
      } catch (err) {
        if (err instanceof KafkaOffsetsError && err.kind === 'cancelled') throw err;
        code = Math.max(code, 1);
        entries[i] = { group: e.group, status: 'failed', plan: e.plan, reason: describeError(err), code: 1 };
        out.text(`Group "${e.group}": not deleted — ${describeError(err)}`);
      }
    }
    out.text(summaryLine(entries));
    const files: string[] = [];
    for (const e of entries) {
      if ((e.status !== 'deleted' && e.status !== 'failed') || !e.result) continue;
      const line = undoLine(e.result, cfg.brokers);
      if (line && entries.length > 1) out.text(`Undo "${e.group}": ${line}`);
      if (e.result.snapshotFile) files.push(e.result.snapshotFile);
    }
    if (files.length > 1) out.text(`Undo the whole batch: ${batchUndoLine(files, cfg.brokers)}`);
    if (out.json) out.data(json(entries, false));
    return someRefused ? Math.max(code, 1) : code;
  },
};

/** "Deleted: "a". Refused (not empty, left untouched): "b". Not found: "c"." */
function summaryLine(entries: Entry[]): string {
  const names = (s: Entry['status']) => entries.filter((e) => e.status === s).map((e) => `"${e.group}"`);
  const parts: string[] = [];
  const push = (label: string, list: string[]) => list.length && parts.push(`${label}: ${list.join(', ')}.`);
  push('Would delete', names('planned'));
  push('Deleted', names('deleted'));
  push('Failed', names('failed'));
  push('Refused (left untouched)', names('refused'));
  push('Not found', names('not-found'));
  return parts.join(' ');
}

function json(entries: Entry[], dryRun: boolean): Record<string, unknown> {
  return {
    dryRun,
    groups: entries.map((e) => ({
      group: e.group,
      status: e.status,
      ...(e.plan ? { state: e.plan.description.state, plan: e.plan.rows.map(deleteRowJson) } : {}),
      ...('reason' in e && e.reason ? { reason: e.reason } : {}),
      ...('result' in e && e.result ? { result: deleteResultJson(e.result) } : {}),
    })),
  };
}
