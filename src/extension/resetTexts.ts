/**
 * What the extension says about a reset or undo it is about to make or has made: the confirmation
 * modals' text, the plan in the log, the closing report (log + notification with Undo), and the
 * pruning of old snapshots after each one. The protocol that decides when these are shown is
 * src/core/resetSession.ts, driven through ./resetFlow.ts.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import type { Plan, ResetResult } from '../core/types';
import type { Snapshot } from '../core/snapshot';
import { describeError } from '../core/errors';
import { listSnapshots } from '../core/snapshot';
import { planTotals } from '../core/plan';
import { formatCount } from '../core/numbers';
import type { ClusterEntry, Services } from './services';
import type { Engine } from './engine';
import { formatDuration, planLogLines, planRowItem, planSummary, planTopics, resultLogLines, rowName } from './planLabels';
import { partitionsText } from './l10n';
import { resultCounts } from '../core/planText';
import { snapshotsToPrune } from '../core/snapshot';
import { snapshotUndoes } from '../core/snapshotReason';
import { notice } from './notice';
import { showOutcome } from './outcomeNotice';

/** "Reset", "Undo", "Delete of share offsets": the log's name for what was (not) done. */
export function verbText(verb: 'reset' | 'undo' | 'delete'): string {
  return verb === 'undo' ? vscode.l10n.t('Undo') : verb === 'delete' ? vscode.l10n.t('Delete of share offsets') : vscode.l10n.t('Reset');
}

/** Undo history kept per cluster. */
export const SNAPSHOTS_KEPT = 20;

export interface Confirmation {
  message: string;
  detail: string;
  button: string;
}

/** Partition count of the plan's topic when the plan covers fewer partitions than "all" might suggest; undefined if unknown. */
export async function partitionCount(services: Services, cluster: ClusterEntry, plan: Plan): Promise<number | undefined> {
  if (plan.request.partition !== -1 || plan.request.spec.kind === 'csv' || plan.request.allTopics || plan.request.topics) return undefined;
  try {
    const client = await services.client(cluster.id);
    return (await client.partitionCounts([plan.request.topic])).get(plan.request.topic);
  } catch {
    return undefined;
  }
}

export function resetConfirmation(engine: Engine, cluster: ClusterEntry, plan: Plan, topicPartitions?: number): Confirmation {
  const tot = planTotals(plan);
  const topics = planTopics(plan);
  const some = plan.request.partition === -1 && topicPartitions !== undefined && tot.partitions < topicPartitions;
  const perTopic = () => topics.map((topic) => `${topic} (${partitionsText(plan.rows.filter((r) => r.topic === topic).length)})`).join(', ');
  const where =
    plan.request.allTopics && plan.request.spec.kind === 'fromGroup'
      ? vscode.l10n.t('Every partition group "{0}" committed: {1}', plan.request.spec.group, perTopic())
      : plan.request.allTopics
      ? vscode.l10n.t('All topics of the group: {0}', perTopic())
      : plan.request.spec.kind === 'csv' || plan.request.topics
      ? vscode.l10n.t('Topics: {0}', plan.request.topics ? perTopic() : topics.join(', '))
      : vscode.l10n.t(
          'Topic: {0} — {1}',
          plan.request.topic,
          some
            ? vscode.l10n.t('partitions {0} (of {1})', plan.rows.map((r) => r.partition).join(', '), topicPartitions!)
            : plan.request.partition === -1
              ? tot.partitions === 1
                ? vscode.l10n.t('its only partition')
                : vscode.l10n.t('all {0} partitions', tot.partitions)
              : vscode.l10n.t('partition {0}', plan.request.partition),
        );
  const clamped = plan.rows.filter((r) => r.clamped).length;
  const rows = plan.rows.slice(0, 10).map((r) => `${rowName(r, topics.length > 1)}: ${planRowItem(r, topics.length > 1).description}  (${planRowItem(r, topics.length > 1).detail})`);
  if (plan.rows.length > 10) rows.push(vscode.l10n.t('… and {0} more', plan.rows.length - 10));
  return {
    message:
      plan.groupType === 'share'
        ? vscode.l10n.t('Reset share group "{0}" on cluster "{1}"?', plan.request.group, cluster.name)
        : vscode.l10n.t('Reset group "{0}" on cluster "{1}"?', plan.request.group, cluster.name),
    detail: [
      where,
      vscode.l10n.t('{0}: {1}', vscode.l10n.t('Change'), engine.describeSpec(plan)),
      vscode.l10n.t('Lag: {0} → {1}', formatCount(tot.lagBefore), formatCount(tot.lagAfter)) +
        (tot.replayed > 0n ? ` · ${vscode.l10n.t('replays {0} messages', formatCount(tot.replayed))}` : '') +
        (tot.skipped > 0n ? ` · ${vscode.l10n.t('skips {0} messages', formatCount(tot.skipped))}` : ''),
      ...(clamped ? [vscode.l10n.t('{0} clamped to the log range.', partitionsText(clamped))] : []),
      '',
      ...rows,
      '',
      ...(plan.groupType === 'share' ? [vscode.l10n.t('A share group has share-partition start offsets (the first record not yet acknowledged) instead of committed offsets: these are what moves.')] : []),
      vscode.l10n.t('The current offsets are saved first: "Kafka: Undo Last Reset" restores them.'),
    ].join('\n'),
    button: vscode.l10n.t('Reset Offsets'),
  };
}

/** The undo modal: each partition's offset now → the snapshot's; a warning when the snapshot names other brokers. */
export function undoConfirmation(cluster: ClusterEntry, snap: Snapshot, now: Map<string, bigint | null> | undefined, otherBrokers: boolean): Confirmation {
  const lines = snap.entries.slice(0, 12).map((e) => {
    const cur = now?.get(`${e.topic}:${e.partition}`) ?? null;
    return `${e.topic}/${e.partition}: ${cur === null ? vscode.l10n.t('none') : formatCount(cur)} → ${e.offset === null ? vscode.l10n.t('none (offset deleted)') : formatCount(e.offset)}`;
  });
  if (snap.entries.length > 12) lines.push(vscode.l10n.t('… and {0} more', snap.entries.length - 12));
  const deleted = snapshotUndoes(snap) === 'delete';
  return {
    // A delete's snapshot is undone too: say which change goes back (its reason, e.g. "delete of the group").
    message: deleted
      ? vscode.l10n.t('Undo the {0} (group "{1}", cluster "{2}")?', snap.reason, snap.group, cluster.name)
      : vscode.l10n.t('Undo the reset of group "{0}" on cluster "{1}"?', snap.group, cluster.name),
    detail: [
      snap.groupType === 'share'
        ? vscode.l10n.t('Restores {0} to the share start offsets saved at {1}, before "{2}":', partitionsText(snap.entries.length), new Date(snap.takenAt).toLocaleString(), snap.reason)
        : vscode.l10n.t('Restores {0} to the committed offsets saved at {1}, before "{2}":', partitionsText(snap.entries.length), new Date(snap.takenAt).toLocaleString(), snap.reason),
      '',
      ...lines,
      '',
      ...(otherBrokers ? [vscode.l10n.t('Warning: this snapshot was taken on brokers {0}, not {1}.', snap.brokers.join(', '), cluster.brokers.join(', ')), ''] : []),
      vscode.l10n.t('The current offsets are saved first, so this undo can itself be undone.'),
    ].join('\n'),
    button: deleted ? vscode.l10n.t('Undo Delete') : vscode.l10n.t('Undo Reset'),
  };
}

export function logPlan(services: Services, cluster: ClusterEntry, plan: Plan, engine: Engine, heading: string): void {
  services.log.info(`${heading}: ${vscode.l10n.t('group "{0}" on {1} ({2}) — {3}; {4}', plan.request.group, cluster.name, cluster.brokers.join(', '), engine.describeSpec(plan), planSummary(plan))}`);
  for (const line of planLogLines(plan)) services.log.info(line);
}

/** The end of an applied reset or undo: the log, pruning, the tree refreshed, a notification (with Undo). */
export function report(services: Services, cluster: ClusterEntry, verb: 'reset' | 'undo' | 'delete', what: string, result: ResetResult, undid?: 'reset' | 'delete'): void {
  const log = services.log;
  const counts = resultCounts(result);
  log.info(
    vscode.l10n.t('{0} of group "{1}" on {2}: {3} — {4} applied, {5} failed, {6} unknown in {7}', verbText(verb), result.group, cluster.name, what, counts.applied, counts.failed, counts.unknown, formatDuration(result.durationMs)),
  );
  for (const line of resultLogLines(result)) (counts.failed + counts.unknown > 0 ? log.warn : log.info).call(log, line);
  log.info(vscode.l10n.t('Snapshot of the previous offsets: {0}', result.snapshotFile));
  pruneSnapshots(services, cluster.id);
  services.refresh(cluster.id, result.group);

  const showOutput = vscode.l10n.t('Show Output');
  if (counts.failed + counts.unknown === 0) {
    const message =
      verb === 'undo'
        ? vscode.l10n.t('Restored {0} of group "{1}".', partitionsText(counts.applied), result.group)
        : verb === 'delete'
          ? vscode.l10n.t('Deleted the share offsets of {0} of group "{1}".', partitionsText(counts.applied), result.group)
          : vscode.l10n.t('Reset {0} of group "{1}" in {2}.', partitionsText(counts.applied), result.group, formatDuration(result.durationMs));
    // A delete is undone like a reset: its notification offers Undo.
    void showOutcome({ clusterId: cluster.id, group: result.group, verb: verb === 'undo' ? 'undo' : 'reset', undid, message, snapshotFile: result.snapshotFile, showOutput: () => log.show() });
  } else {
    const bad = result.rows.filter((r) => r.outcome !== 'applied').slice(0, 5).map((r) => `${r.topic}/${r.partition}: ${r.reason ?? r.outcome}`);
    void vscode.window
      .showErrorMessage(notice(vscode.l10n.t('{0} of {1} partitions of group "{2}" were not confirmed: {3}', counts.failed + counts.unknown, result.rows.length, result.group, bad.join('; '))), showOutput)
      .then((c) => c === showOutput && log.show());
  }
}

/** Keep the newest SNAPSHOTS_KEPT snapshots of a cluster (each is a .json plus a .csv beside it). */
export function pruneSnapshots(services: Services, clusterId: string): void {
  const dir = services.snapshotDir(clusterId);
  for (const file of snapshotsToPrune(listSnapshots(dir), SNAPSHOTS_KEPT)) {
    for (const p of [file, file.replace(/\.json$/, '.csv')]) {
      try {
        fs.rmSync(p, { force: true });
      } catch (e) {
        services.log.warn(vscode.l10n.t('Could not delete old snapshot {0}: {1}', p, describeError(e)));
      }
    }
  }
}
