/** `undo --snapshot FILE`: put back the offsets a reset's snapshot holds, on the cluster it was taken from. */
import { KafkaOffsetsError, clusterIdentity, describeCluster, loadSnapshot, snapshotMatchesCluster, undoSnapshot } from '../../core';
import type { ClusterCommand } from '../command';
import { requireTerminalOrYes, snapshotDir, str } from '../options';
import { confirm } from '../output';
import { reportOutcome } from '../outcome';
import { planTable, rowJson, table, jsonNum } from '../format';

export const undo: ClusterCommand = {
  name: 'undo',
  usage: '  kafka-offsets undo --snapshot FILE [--yes] [--dry-run] [--allow-other-cluster]\n',
  options: { snapshot: { value: true }, yes: { value: false }, 'dry-run': { value: false }, 'snapshot-dir': { value: true }, 'allow-other-cluster': { value: false } },
  async run({ client, options: o, out, signal, cfg }) {
    const file = str(o, 'snapshot');
    if (!file) throw new KafkaOffsetsError('validation', 'undo needs --snapshot FILE (a .json snapshot written by a reset).');
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
        throw new KafkaOffsetsError('validation', `Refusing to restore group "${snap.group}": ${match.why}. Nothing was changed. Pass --allow-other-cluster to copy these offsets to ${target} anyway.`);
      out.note(`Warning: ${match.why}; restoring onto ${target} anyway (--allow-other-cluster).`);
    }
    const rows = snap.entries.map((e) => [e.topic, String(e.partition), e.offset === null ? 'none (delete)' : e.offset.toString()]);
    out.text(`Undo for group "${snap.group}" on ${target} (${snap.reason}, taken ${new Date(snap.takenAt).toISOString()}${snap.clusterId ? ` on cluster ${snap.clusterId}` : ''}): restore`);
    out.block(table(['TOPIC', 'PARTITION', 'OFFSET'], rows));
    if (o.has('dry-run')) {
      if (out.json) out.data({ group: snap.group, cluster: id.clusterId, dryRun: true, restore: snap.entries.map((e) => ({ topic: e.topic, partition: e.partition, offset: jsonNum(e.offset) })), result: null });
      return 0;
    }
    if (!o.has('yes')) {
      requireTerminalOrYes(o, 'undo');
      if (!(await confirm(`Restore ${snap.entries.length} partition(s) of group "${snap.group}" on ${target}?`))) return 1;
    }
    const result = await undoSnapshot(client, snap, { signal, snapshotDir: snapshotDir(o), allowOtherCluster: allowOther });
    out.block(planTable(result.rows));
    const code = reportOutcome(out, result, 'undo', cfg);
    if (out.json) out.data({ group: snap.group, cluster: id.clusterId, dryRun: false, result: { snapshotFile: result.snapshotFile, rows: result.rows.map(rowJson) } });
    return code;
  },
};
