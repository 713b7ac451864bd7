/**
 * Confirm-and-apply: the one path by which the extension commits offsets — for the palette flow, the
 * context menus, the webview form, CSV import and undo. In order:
 *
 *   1. the group must have no members. If it has some: say who, explain the session timeout, and offer
 *      "Wait until empty" (cancellable countdown); once empty, re-plan from fresh offsets;
 *   2. watch the committed offsets for a few seconds: an Empty group whose offsets move is being
 *      consumed by manually-assigned consumers, which never show up as members;
 *   3. a modal naming cluster, group, topic, partition count and the lag change (plus, on protected
 *      clusters, typing the group id); if re-planning changed the targets the modal says so;
 *   4. apply with the engine (snapshot first, then one OffsetCommit), log before → after per partition.
 *
 * The engine re-checks everything at commit time; the broker itself refuses if a consumer joined
 * meanwhile. Those refusals are reported plainly: nothing changed.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import type { GroupDescription, GroupType, Plan, ResetResult, TopicPartitionRef } from '../core/types';
import type { KafkaClient } from '../core';
import { KafkaOffsetsError, describeError, isKafkaOffsetsError } from '../core/errors';
import { listSnapshots, type Snapshot } from '../core/snapshot';
import { planTotals } from '../core/plan';
import { formatCount } from '../core/numbers';
import type { ClusterEntry, ConfirmAndApply, Services } from './services';
import { loadEngine, type Engine } from './engine';
import * as f from './format';
import { waitForEmptySeconds } from './settings';
import * as prompts from './prompts';
import { notice, noticeDetail } from './notice';
import { showOutcome } from './outcomeNotice';

/** How long committed offsets are watched for movement before confirming (contract: "last few seconds"). */
const ACTIVITY_WINDOW_MS = 3000;
/** Members flow → re-check rounds before giving up (a group that keeps refilling is not going to empty). */
const MAX_ROUNDS = 4;
/** Undo history kept per cluster. */
export const SNAPSHOTS_KEPT = 20;

/** What the guarded flow applies: a reset plan, or the restore of a snapshot. */
export interface Operation {
  verb: 'reset' | 'undo' | 'delete';
  group: string;
  /** Share groups move start offsets; nobody outside the group can move them (no commit watch). */
  groupType?: GroupType;
  partitions(): TopicPartitionRef[];
  /** The modal's text. */
  confirmation(cluster: ClusterEntry): Promise<{ message: string; detail: string; button: string }>;
  /** Re-read offsets; true when what would be committed changed. */
  refresh(client: KafkaClient, engine: Engine): Promise<boolean>;
  apply(client: KafkaClient, engine: Engine, snapshotDir: string, signal: AbortSignal): Promise<ResetResult>;
  /** For the log: what this is, e.g. "reset to earliest on orders". */
  describe(engine: Engine): string;
}

export const confirmAndApply: ConfirmAndApply = async (services, cluster, request, plan) => {
  let current = plan;
  // The partitions to reset are the plan's rows. The form plans a chosen subset of a topic's partitions
  // as "all" (-1) and keeps only the chosen rows: a re-plan keeps to the same partitions, so it never
  // widens what the user chose (and confirms).
  const chosen = new Set(plan.rows.map((r) => `${r.topic}:${r.partition}`));
  const op: Operation = {
    verb: 'reset',
    group: request.group,
    groupType: plan.groupType,
    partitions: () => current.rows.map((r) => ({ topic: r.topic, partition: r.partition })),
    confirmation: async (c) => resetConfirmation(c, current, await partitionCount(services, c, current)),
    refresh: async (client, engine) => {
      const fresh = await engine.planForGroup(client, request);
      const next = { ...fresh, rows: fresh.rows.filter((r) => chosen.has(`${r.topic}:${r.partition}`)) };
      const changed = !f.sameTargets(current, next);
      current = next;
      if (changed) logPlan(services, cluster, next, engine, vscode.l10n.t('Re-planned from fresh offsets (the targets changed)'));
      return changed;
    },
    apply: (client, engine, snapshotDir, signal) => engine.applyPlan(client, current, { snapshotDir, signal }),
    describe: (engine) => engine.describeSpec(current),
  };
  const errors = plan.rows.filter((r) => r.error);
  if (errors.length) {
    // Nothing to confirm: the engine would refuse the whole plan. Say which partitions and why.
    throw new KafkaOffsetsError('validation', vscode.l10n.t('{0} of the planned partitions cannot be reset: {1} Nothing was changed.', errors.length, errors.map((r) => r.error).join(' ')));
  }
  const engine = await loadEngine();
  logPlan(services, cluster, plan, engine, vscode.l10n.t('Plan'));
  return guarded(services, cluster, op);
};

/** Undo: restore a snapshot under the same rules as a reset. */
export async function confirmAndUndo(services: Services, cluster: ClusterEntry, snapshotFile: string, snap: Snapshot): Promise<ResetResult | undefined> {
  let warnedOtherBrokers = false;
  const op: Operation = {
    verb: 'undo',
    group: snap.group,
    groupType: snap.groupType,
    partitions: () => snap.entries.map((e) => ({ topic: e.topic, partition: e.partition })),
    confirmation: async (c) => {
      const [client, engine] = await Promise.all([services.client(c.id), loadEngine()]);
      const now = await engine.currentOffsets(client, snap.group, snap.entries, snap.groupType).catch(() => undefined);
      const lines = snap.entries.slice(0, 12).map((e) => {
        const cur = now?.get(`${e.topic}:${e.partition}`) ?? null;
        return `${e.topic}/${e.partition}: ${cur === null ? vscode.l10n.t('none') : formatCount(cur)} → ${e.offset === null ? vscode.l10n.t('none (offset deleted)') : formatCount(e.offset)}`;
      });
      if (snap.entries.length > 12) lines.push(vscode.l10n.t('… and {0} more', snap.entries.length - 12));
      const otherBrokers = snap.brokers.length > 0 && !snap.brokers.some((b) => c.brokers.includes(b));
      warnedOtherBrokers = otherBrokers;
      return {
        message: vscode.l10n.t('Undo the reset of group "{0}" on cluster "{1}"?', snap.group, c.name),
        detail: [
          snap.groupType === 'share'
            ? vscode.l10n.t('Restores {0} to the share start offsets saved at {1}, before "{2}":', f.partitionsText(snap.entries.length), new Date(snap.takenAt).toLocaleString(), snap.reason)
            : vscode.l10n.t('Restores {0} to the committed offsets saved at {1}, before "{2}":', f.partitionsText(snap.entries.length), new Date(snap.takenAt).toLocaleString(), snap.reason),
          '',
          ...lines,
          '',
          ...(otherBrokers ? [vscode.l10n.t('Warning: this snapshot was taken on brokers {0}, not {1}.', snap.brokers.join(', '), c.brokers.join(', ')), ''] : []),
          vscode.l10n.t('The current offsets are saved first, so this undo can itself be undone.'),
        ].join('\n'),
        button: vscode.l10n.t('Undo Reset'),
      };
    },
    refresh: async () => false,
    // Confirming the warning above about other brokers is the explicit yes; without that warning the
    // engine still refuses a snapshot of another cluster (compared by cluster id).
    apply: (client, engine, snapshotDir, signal) => engine.undoSnapshot(client, snap, { snapshotDir, signal, allowOtherCluster: warnedOtherBrokers }),
    describe: () => vscode.l10n.t('undo of the snapshot {0} ({1})', snapshotFile, snap.reason),
  };
  return guarded(services, cluster, op);
}

export async function guarded(services: Services, cluster: ClusterEntry, op: Operation): Promise<ResetResult | undefined> {
  const log = services.log;
  const engine = await loadEngine();
  const client = await services.client(cluster.id);
  let changedNotice: string | undefined;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // 1. Members.
    const d = await client.describeGroup(op.group);
    if (!engine.RESETTABLE_STATES.has(d.state) || d.members.length > 0) {
      log.warn(vscode.l10n.t('Refused for now: group "{0}" on {1} is {2} with members {3}.', op.group, cluster.name, d.state, f.membersText(d.members, 20) || vscode.l10n.t('(none listed)')));
      const emptied = await membersFlow(services, cluster, client, engine, d);
      if (!emptied) return cancelled(log, op, cluster);
      if (await op.refresh(client, engine)) changedNotice = vscode.l10n.t('The offsets changed while waiting: the plan below was made again from fresh offsets.');
    }

    // 2. Offsets moving although nobody is a member?
    const moved = engine.watchesCommits(op.groupType) ? await watchCommits(client, engine, op) : [];
    if (moved === undefined) return cancelled(log, op, cluster);
    if (moved.length > 0) {
      const list = moved.slice(0, 8).map((m) => `${m.topic}/${m.partition}: ${m.from ?? '–'} → ${m.to ?? '–'}`);
      log.warn(vscode.l10n.t('Group "{0}" has no members but its committed offsets moved: {1}', op.group, list.join(', ')));
      const checkAgain = vscode.l10n.t('Check Again');
      const anyway = vscode.l10n.t('Continue Anyway');
      const choice = await prompts.modal(
        vscode.l10n.t('Group "{0}" has no members, but its offsets are still moving', op.group),
        [
          vscode.l10n.t('In the last {0} s the committed offsets changed:', ACTIVITY_WINDOW_MS / 1000),
          ...list,
          '',
          vscode.l10n.t('Consumers with manually assigned partitions (assign() instead of subscribe()) commit without ever joining the group, so they are not listed as members. Stop them first, or their next commit will overwrite the reset.'),
        ].join('\n'),
        checkAgain,
        anyway,
      );
      if (choice === checkAgain) continue;
      if (choice !== anyway) return cancelled(log, op, cluster);
      // The plan's "committed" column is stale now; the engine refuses a plan whose offsets moved.
      if (await op.refresh(client, engine)) changedNotice = vscode.l10n.t('The offsets moved: the plan below was made again from fresh offsets.');
    }

    // 3. Confirmation.
    const text = await op.confirmation(cluster);
    const detail = changedNotice ? `${changedNotice}\n\n${text.detail}` : text.detail;
    const ok = await prompts.modal(text.message, detail, text.button);
    if (ok !== text.button) return cancelled(log, op, cluster);
    if (cluster.protected && !(await typedGroupId(cluster, op.group))) return cancelled(log, op, cluster);

    // 4. Apply.
    const started = Date.now();
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title:
            op.verb === 'undo'
              ? vscode.l10n.t('Undoing the reset of group "{0}"…', op.group)
              : op.verb === 'delete'
                ? vscode.l10n.t('Deleting share offsets of group "{0}"…', op.group)
                : vscode.l10n.t('Resetting group "{0}"…', op.group),
          cancellable: true,
        },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return op.apply(client, engine, services.snapshotDir(cluster.id), abort.signal);
        },
      );
      report(services, cluster, op, engine, result);
      return result;
    } catch (e) {
      if (!isKafkaOffsetsError(e)) throw e;
      const details = e.details as { members?: unknown[]; moved?: unknown[] } | undefined;
      if (e.kind === 'group-not-empty' && details?.members) {
        // The engine's own pre-check saw members that joined after our check: go round again.
        log.warn(vscode.l10n.t('Refused: {0}', e.message));
        changedNotice = undefined;
        continue;
      }
      if (e.kind === 'group-not-empty') {
        // The broker's refusal (UNKNOWN_MEMBER_ID…): a consumer joined between the checks and the commit.
        log.warn(vscode.l10n.t('Refused by the broker after {0}: {1}', f.formatDuration(Date.now() - started), e.message));
        void vscode.window.showWarningMessage(
          notice(vscode.l10n.t('A consumer joined group "{0}" just before the reset, so the broker refused it. Nothing changed.', op.group)),
          { detail: noticeDetail(e.message) },
        );
        services.refresh(cluster.id, op.group);
        return undefined;
      }
      if (details?.moved && op.verb !== 'undo') {
        log.warn(vscode.l10n.t('Refused: {0}', e.message));
        const again = vscode.l10n.t('Preview Again');
        const choice = await prompts.modal(vscode.l10n.t('The committed offsets of group "{0}" changed after the preview. Nothing was committed.', op.group), e.message, again);
        if (choice !== again) return cancelled(log, op, cluster);
        await op.refresh(client, engine);
        changedNotice = vscode.l10n.t('The offsets changed after the preview: the plan below was made again from fresh offsets.');
        continue;
      }
      throw e;
    }
  }
  throw new KafkaOffsetsError('group-not-empty', vscode.l10n.t('Group "{0}" kept getting members or moving offsets; gave up after {1} attempts. Nothing was changed.', op.group, MAX_ROUNDS));
}

function verbText(op: Operation): string {
  return op.verb === 'undo' ? vscode.l10n.t('Undo') : op.verb === 'delete' ? vscode.l10n.t('Delete of share offsets') : vscode.l10n.t('Reset');
}

function cancelled(log: Services['log'], op: Operation, cluster: ClusterEntry): undefined {
  log.info(vscode.l10n.t('{0} of group "{1}" on {2} cancelled: nothing changed.', verbText(op), op.group, cluster.name));
  return undefined;
}

/**
 * The group has members. Explain, and offer to wait. Resolves true once the group is empty, false when
 * the user cancels. After a wait that ran out, the explanation is shown again with the members left.
 */
async function membersFlow(services: Services, cluster: ClusterEntry, client: KafkaClient, engine: Engine, first: GroupDescription): Promise<boolean> {
  let d = first;
  let timedOut = false;
  const seconds = waitForEmptySeconds();
  for (;;) {
    const wait = vscode.l10n.t('Wait until empty');
    const who = d.members.map((m) => `• ${f.memberText(m)}${m.assignment.length ? ` — ${m.assignment.slice(0, 6).map((a) => `${a.topic}/${a.partition}`).join(', ')}${m.assignment.length > 6 ? ' …' : ''}` : ''}`);
    const choice = await prompts.modal(
      timedOut
        ? vscode.l10n.t('Group "{0}" still has {1} after waiting {2} s', d.groupId, f.membersCount(d.members.length), seconds)
        : d.members.length > 0
          ? vscode.l10n.t('Group "{0}" on {1} still has {2}: it cannot be reset while consumers are in it', d.groupId, cluster.name, f.membersCount(d.members.length))
          : vscode.l10n.t('Group "{0}" on {1} is {2}: it cannot be reset until it is Empty', d.groupId, cluster.name, d.state),
      [
        ...(who.length ? [vscode.l10n.t('Members (client id, host):'), ...who.slice(0, 15), ...(who.length > 15 ? [vscode.l10n.t('… and {0} more', who.length - 15)] : []), ''] : []),
        vscode.l10n.t('Stop these consumers first. A consumer that closed cleanly leaves the group at once; one that was killed, crashed or is paused in a debugger stays a member until its session timeout expires (45 s by default for Java clients since Kafka 3.0, 30 s for kafkajs).'),
        '',
        vscode.l10n.t('"Wait until empty" polls the group for up to {0} s (setting kafkaOffsets.waitForEmptySeconds) and continues when the last member has left. Nothing has been changed.', seconds),
      ].join('\n'),
      wait,
    );
    if (choice !== wait) return false;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waiting for group "{0}" to become empty', d.groupId), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const total = seconds * 1000;
        let reported = 0;
        try {
          const empty = await engine.waitUntilEmpty(client, d.groupId, {
            timeoutMs: total,
            signal: abort.signal,
            onPoll: (now, remaining) => {
              d = now;
              const done = Math.round(((total - remaining) / total) * 100);
              progress.report({
                increment: Math.max(0, done - reported),
                message:
                  now.members.length > 0
                    ? vscode.l10n.t('{0} s left · {1}: {2}', Math.ceil(remaining / 1000), f.membersCount(now.members.length), f.membersText(now.members, 3))
                    : vscode.l10n.t('{0} s left · {1}', Math.ceil(remaining / 1000), now.state),
              });
              reported = Math.max(reported, done);
            },
          });
          return { empty };
        } catch (e) {
          return { error: e };
        }
      },
    );
    if ('empty' in result) {
      services.log.info(vscode.l10n.t('Group "{0}" is now {1} with no members.', d.groupId, result.empty!.state));
      return true;
    }
    const e = result.error;
    if (isKafkaOffsetsError(e) && e.kind === 'cancelled') {
      services.log.info(vscode.l10n.t('Stopped waiting for group "{0}" to become empty.', d.groupId));
      return false;
    }
    if (isKafkaOffsetsError(e) && e.kind === 'group-not-empty') {
      services.log.warn(e.message);
      timedOut = true;
      continue;
    }
    throw e;
  }
}

/** detectActiveConsumption under a cancellable progress notification; undefined = cancelled. */
async function watchCommits(client: KafkaClient, engine: Engine, op: Operation) {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Checking that nobody is still committing for group "{0}" ({1} s)…', op.group, ACTIVITY_WINDOW_MS / 1000),
      cancellable: true,
    },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        return await engine.detectActiveConsumption(client, op.group, { windowMs: ACTIVITY_WINDOW_MS, partitions: op.partitions(), signal: abort.signal });
      } catch (e) {
        if (isKafkaOffsetsError(e) && e.kind === 'cancelled') return undefined;
        throw e;
      }
    },
  );
}

async function typedGroupId(cluster: ClusterEntry, group: string): Promise<boolean> {
  const typed = await prompts.typed(vscode.l10n.t('Cluster "{0}" is protected', cluster.name), vscode.l10n.t('Type the group id "{0}" to confirm', group), group);
  return typed === group;
}

/** Partition count of the plan's topic when the plan covers fewer partitions than "all" might suggest; undefined if unknown. */
async function partitionCount(services: Services, cluster: ClusterEntry, plan: Plan): Promise<number | undefined> {
  if (plan.request.partition !== -1 || plan.request.spec.kind === 'csv' || plan.request.allTopics || plan.request.topics) return undefined;
  try {
    const client = await services.client(cluster.id);
    return (await client.partitionCounts([plan.request.topic])).get(plan.request.topic);
  } catch {
    return undefined;
  }
}

async function resetConfirmation(cluster: ClusterEntry, plan: Plan, topicPartitions?: number): Promise<{ message: string; detail: string; button: string }> {
  const engine = await loadEngine();
  const tot = planTotals(plan);
  const topics = f.planTopics(plan);
  const some = plan.request.partition === -1 && topicPartitions !== undefined && tot.partitions < topicPartitions;
  const perTopic = () => topics.map((topic) => `${topic} (${f.partitionsText(plan.rows.filter((r) => r.topic === topic).length)})`).join(', ');
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
  const rows = plan.rows.slice(0, 10).map((r) => `${f.rowName(r, topics.length > 1)}: ${f.planRowItem(r, topics.length > 1).description}  (${f.planRowItem(r, topics.length > 1).detail})`);
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
      ...(clamped ? [vscode.l10n.t('{0} clamped to the log range.', f.partitionsText(clamped))] : []),
      '',
      ...rows,
      '',
      ...(plan.groupType === 'share' ? [vscode.l10n.t('A share group has share-partition start offsets (the first record not yet acknowledged) instead of committed offsets: these are what moves.')] : []),
      vscode.l10n.t('The current offsets are saved first: "Kafka: Undo Last Reset" restores them.'),
    ].join('\n'),
    button: vscode.l10n.t('Reset Offsets'),
  };
}

export function logPlan(services: Services, cluster: ClusterEntry, plan: Plan, engine: Engine, heading: string): void {
  services.log.info(`${heading}: ${vscode.l10n.t('group "{0}" on {1} ({2}) — {3}; {4}', plan.request.group, cluster.name, cluster.brokers.join(', '), engine.describeSpec(plan), f.planSummary(plan))}`);
  for (const line of f.planLogLines(plan)) services.log.info(line);
}

function report(services: Services, cluster: ClusterEntry, op: Operation, engine: Engine, result: ResetResult): void {
  const log = services.log;
  const counts = f.resultCounts(result);
  log.info(
    vscode.l10n.t('{0} of group "{1}" on {2}: {3} — {4} applied, {5} failed, {6} unknown in {7}', verbText(op), result.group, cluster.name, op.describe(engine), counts.applied, counts.failed, counts.unknown, f.formatDuration(result.durationMs)),
  );
  for (const line of f.resultLogLines(result)) (counts.failed + counts.unknown > 0 ? log.warn : log.info).call(log, line);
  log.info(vscode.l10n.t('Snapshot of the previous offsets: {0}', result.snapshotFile));
  pruneSnapshots(services, cluster.id);
  services.refresh(cluster.id, result.group);

  const showOutput = vscode.l10n.t('Show Output');
  if (counts.failed + counts.unknown === 0) {
    const message =
      op.verb === 'undo'
        ? vscode.l10n.t('Restored {0} of group "{1}".', f.partitionsText(counts.applied), result.group)
        : op.verb === 'delete'
          ? vscode.l10n.t('Deleted the share offsets of {0} of group "{1}".', f.partitionsText(counts.applied), result.group)
          : vscode.l10n.t('Reset {0} of group "{1}" in {2}.', f.partitionsText(counts.applied), result.group, f.formatDuration(result.durationMs));
    // A delete is undone like a reset: its notification offers Undo.
    void showOutcome({ clusterId: cluster.id, group: result.group, verb: op.verb === 'undo' ? 'undo' : 'reset', message, snapshotFile: result.snapshotFile, showOutput: () => log.show() });
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
  for (const file of f.snapshotsToPrune(listSnapshots(dir), SNAPSHOTS_KEPT)) {
    for (const p of [file, file.replace(/\.json$/, '.csv')]) {
      try {
        fs.rmSync(p, { force: true });
      } catch (e) {
        services.log.warn(vscode.l10n.t('Could not delete old snapshot {0}: {1}', p, describeError(e)));
      }
    }
  }
}
