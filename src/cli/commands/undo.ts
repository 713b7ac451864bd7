/**
 * `undo --snapshot FILE [--snapshot FILE2 …]`: put back the offsets a reset's snapshot holds, on the
 * cluster it was taken from. Several snapshots (the batch of a several-group reset, whose summary
 * prints this line) are all checked before anything is restored, confirmed once, then restored one
 * group after another, each with its own snapshot first; exit 1 if any was not fully restored.
 * Each restore goes through the reset session (src/core/resetSession.ts): members, offsets still
 * moving, snapshot, commit.
 */
import { KafkaOffsetsError, clusterIdentity, describeCluster, loadSnapshot, runResetSession, snapshotMatchesCluster, undoOperation, type Snapshot } from '../../core';
import type { ClusterRun } from '../command';
import { all, offsetsMovingCheck, requireTerminalOrYes, snapshotDir } from '../options';
import { confirm } from '../output';
import { reportOutcome } from '../outcome';
import { planTable, rowJson, table, jsonNum } from '../format';
import { cliSessionPort } from '../sessionPort';

export const undo: ClusterRun = {
  async run({ client, options: o, out, signal, cfg }) {
    const files = all(o, 'snapshot');
    if (!files.length) throw new KafkaOffsetsError('validation', 'undo needs --snapshot FILE (a .json snapshot written by a reset).');
    // Every file validated in full before anything is sent or written (no new snapshot for a bad file).
    const snaps: Snapshot[] = files.map((f) => loadSnapshot(f));
    const seen = new Set<string>();
    for (const s of snaps) {
      if (seen.has(s.group)) throw new KafkaOffsetsError('validation', `Two of the snapshots are of group "${s.group}": undo them one at a time, newest first. Nothing was changed.`);
      seen.add(s.group);
    }
    const allowOther = o.has('allow-other-cluster');
    // Which cluster this would restore onto: named in the output and the prompt, and compared with
    // the snapshot's own (undoSnapshot refuses another cluster unless --allow-other-cluster).
    const id = await clusterIdentity(client, { signal });
    const target = describeCluster(id);
    for (const snap of snaps) {
      const match = snapshotMatchesCluster(snap, id);
      if (match.same) continue;
      if (!allowOther)
        throw new KafkaOffsetsError('validation', `Refusing to restore group "${snap.group}": ${match.why}. Nothing was changed. Pass --allow-other-cluster to copy these offsets to ${target} anyway.`);
      out.note(`Warning: ${match.why}; restoring group "${snap.group}" onto ${target} anyway (--allow-other-cluster).`);
    }
    for (const snap of snaps) {
      const rows = snap.entries.map((e) => [e.topic, String(e.partition), e.offset === null ? 'none (delete)' : e.offset.toString()]);
      out.text(`Undo for group "${snap.group}" on ${target} (${snap.reason}, taken ${new Date(snap.takenAt).toISOString()}${snap.clusterId ? ` on cluster ${snap.clusterId}` : ''}): restore`);
      out.block(table(['TOPIC', 'PARTITION', 'OFFSET'], rows));
    }
    const docs: unknown[] = [];
    const emit = () => out.json && out.data(snaps.length === 1 ? docs[0] : { batch: docs });
    if (o.has('dry-run')) {
      for (const snap of snaps) docs.push({ group: snap.group, cluster: id.clusterId, dryRun: true, restore: snap.entries.map((e) => ({ topic: e.topic, partition: e.partition, offset: jsonNum(e.offset) })), result: null });
      emit();
      return 0;
    }
    if (!o.has('yes')) {
      requireTerminalOrYes(o, 'undo');
      const what = snaps.length === 1 ? `${snaps[0].entries.length} partition(s) of group "${snaps[0].group}"` : `${snaps.length} groups (${snaps.map((s) => `"${s.group}"`).join(', ')})`;
      if (!(await confirm(`Restore ${what} on ${target}?`))) return 1;
    }
    let code = 0;
    for (const snap of snaps) {
      const op = undoOperation(client, snap, { snapshotDir: snapshotDir(o), allowOtherCluster: allowOther });
      // The batch was confirmed above: the session asks only about offsets still moving (on a terminal).
      const port = cliSessionPort(out, signal, { yes: o.has('yes'), confirmed: true, confirm, question: () => '', anyway: 'Restore anyway?' });
      const outcome = await runResetSession(client, op, port, { signal, watchOffsets: offsetsMovingCheck(o) });
      if (outcome.status === 'refused') throw outcome.error;
      if (outcome.status === 'cancelled') {
        out.note(`Not confirmed: group "${snap.group}" was not restored${snaps.length > 1 ? ' (nor the groups after it)' : ''}.`);
        emit();
        return 1;
      }
      const result = outcome.result;
      out.block(planTable(result.rows));
      code = Math.max(code, reportOutcome(out, result, 'undo', cfg));
      docs.push({ group: snap.group, cluster: id.clusterId, dryRun: false, result: { snapshotFile: result.snapshotFile, rows: result.rows.map(rowJson) } });
    }
    emit();
    return code;
  },
};
