/**
 * `delete-offsets --group G --topic T[:P,P…] [--topic …]`: remove the group's committed offsets of
 * those partitions (Kafka's `kafka-consumer-groups --delete-offsets`), after a preview and a
 * confirmation, with a snapshot first so `undo` recommits them. Only an Empty group.
 */
import { KafkaOffsetsError, applyDeleteOffsets, deleteRefusal, deleteSummary, describeTopics, kafkaDeleteCommand, parseTopicSelection, planDeleteOffsets, type TopicSelection } from '../../core';
import type { ClusterRun } from '../command';
import { all, requireGroup, requireTerminalOrYes, snapshotDir, type Opts } from '../options';
import { confirm } from '../output';
import { deleteResultJson, deleteRowJson, deleteTable, reportDelete } from '../deleteOutput';

function topicsOption(o: Opts): TopicSelection[] {
  const given = all(o, 'topic');
  if (!given.length) throw new KafkaOffsetsError('validation', 'delete-offsets needs --topic T (every partition) or --topic T:0,2 (those partitions); repeat --topic for several.');
  return given.map((t) => {
    const r = parseTopicSelection(t);
    if (!r.ok) throw new KafkaOffsetsError('validation', `--topic: ${r.error}`);
    return r.value;
  });
}

export const deleteOffsets: ClusterRun = {
  async run({ client, options: o, out, signal, cfg }) {
    const group = requireGroup(o);
    const topics = topicsOption(o);
    const dryRun = o.has('dry-run');
    if (!dryRun) requireTerminalOrYes(o, 'delete');
    const plan = await planDeleteOffsets(client, { group, topics }, { signal });
    out.text(`Group "${group}" on ${cfg.brokers.join(',')} (${plan.description.state}): delete the committed offsets on ${describeTopics(topics)}`);
    out.block(deleteTable(plan.rows));
    out.text(`${deleteSummary(plan.rows)}. Its consumers will start these partitions from auto.offset.reset.`);
    out.text(`Equivalent: ${kafkaDeleteCommand(cfg.brokers, plan)}`);
    const doc = (result: unknown) => ({ group, dryRun, plan: plan.rows.map(deleteRowJson), result });
    // Refused before asking: the same check runs again at the delete, but a live group should not get a question.
    const refusal = deleteRefusal(plan.description, 'offsets');
    if (refusal) throw refusal;
    if (dryRun) {
      out.text('Dry run: nothing was deleted.');
      if (out.json) out.data(doc(null));
      return 0;
    }
    const withCommit = plan.rows.filter((r) => r.committed !== null).length;
    if (!o.has('yes') && !(await confirm(`Delete the committed offsets of ${withCommit} partition(s) of group "${group}"?`))) {
      out.note('Not confirmed: nothing changed.');
      return 1;
    }
    const result = await applyDeleteOffsets(client, plan, { signal, snapshotDir: snapshotDir(o), onSnapshot: (f) => out.note(`Snapshot for undo: ${f}`) });
    out.block(deleteTable(result.rows));
    const code = reportDelete(out, result, cfg);
    if (out.json) out.data(doc(deleteResultJson(result)));
    return code;
  },
};
