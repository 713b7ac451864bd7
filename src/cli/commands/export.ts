/** `export`: the committed offsets of one or several groups as a CSV plan (Kafka's format), for reset --from-file. */
import { KafkaOffsetsError, formatCsvPlan, type OffsetMap } from '../../core';
import type { ClusterRun } from '../command';
import { requireGroup, str } from '../options';
import { severalGroups } from '../groupSelection';
import { jsonNum } from '../format';

export const exportOffsets: ClusterRun = {
  async run({ client, options, out, signal }) {
    // Several groups (or --all-groups): Kafka's multi-group format, group,topic,partition,offset.
    const several = await severalGroups(client, options, signal);
    const groups = several ?? [requireGroup(options)];
    const topic = str(options, 'topic');
    const rows: Array<{ group: string; topic: string; partition: number; offset: bigint }> = [];
    // Several groups: one batched OffsetFetch per coordinator (KIP-709), not one request per group.
    const byGroup: Map<string, OffsetMap | KafkaOffsetsError> = several
      ? await client.committedOffsetsOfGroups(groups, { signal })
      : new Map([[groups[0], await client.committedOffsets(groups[0], null, { signal })]]);
    for (const group of groups) {
      const committed = byGroup.get(group);
      // A CSV plan is for restoring: a group that could not be read fails the export (naming it), not a shorter file.
      if (committed instanceof KafkaOffsetsError) throw committed;
      if (!committed) throw new KafkaOffsetsError('kafka', `No answer with the committed offsets of group "${group}".`);
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
  },
};
