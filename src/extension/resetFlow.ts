/**
 * Confirm-and-apply: the one path by which the extension commits offsets — for the palette flow, the
 * context menus, the webview form, CSV import, undo and a share group's Delete Share Offsets. The
 * protocol (members → wait until empty → offsets still moving? → confirm → apply, re-planning and
 * asking again when something changed) is src/core/resetSession.ts; this file is its VS Code face:
 * modals, progress notifications with Cancel, and the log.
 */
import * as vscode from 'vscode';
import type { GroupDescription, ResetResult } from '../core/types';
import type { Snapshot } from '../core/snapshot';
import type { SessionOperation, SessionPort } from '../core/resetSession';
import { KafkaOffsetsError } from '../core/errors';
import { snapshotUndoes } from '../core/snapshotReason';
import type { ClusterEntry, ConfirmAndApply, Services } from './services';
import { loadEngine, type Engine } from './engine';
import { formatDuration } from './planLabels';
import { membersText } from './groupLabels';
import { membersDetail, membersTitle, waitProgress, withCancel } from './waitEmpty';
import { waitForEmptySeconds } from './settings';
import * as prompts from './prompts';
import { notice, noticeDetail } from './notice';
import { logPlan, partitionCount, report, resetConfirmation, undoConfirmation, verbText, type Confirmation } from './resetTexts';

export { logPlan, pruneSnapshots, SNAPSHOTS_KEPT } from './resetTexts';

export const confirmAndApply: ConfirmAndApply = async (services, cluster, request, plan) => {
  const errors = plan.rows.filter((r) => r.error);
  if (errors.length) {
    // Nothing to confirm: the engine would refuse the whole plan. Say which partitions and why.
    throw new KafkaOffsetsError('validation', vscode.l10n.t('{0} of the planned partitions cannot be reset: {1} Nothing was changed.', errors.length, errors.map((r) => r.error).join(' ')));
  }
  const engine = await loadEngine();
  logPlan(services, cluster, plan, engine, vscode.l10n.t('Plan'));
  const client = await services.client(cluster.id);
  const op = engine.resetOperation(client, request, plan, { snapshotDir: services.snapshotDir(cluster.id) });
  return run(services, cluster, engine, op, {
    confirmation: async () => resetConfirmation(engine, cluster, op.plan(), await partitionCount(services, cluster, op.plan())),
    describe: () => engine.describeSpec(op.plan()),
    replanned: () => logPlan(services, cluster, op.plan(), engine, vscode.l10n.t('Re-planned from fresh offsets (the targets changed)')),
  });
};

/** Undo: restore a snapshot under the same rules as a reset. */
export async function confirmAndUndo(services: Services, cluster: ClusterEntry, snapshotFile: string, snap: Snapshot): Promise<ResetResult | undefined> {
  const engine = await loadEngine();
  const client = await services.client(cluster.id);
  // Confirming the warning about other brokers is the explicit yes; without that warning the engine
  // still refuses a snapshot of another cluster (compared by cluster id).
  let warnedOtherBrokers = false;
  const op = engine.undoOperation(client, snap, () => ({ snapshotDir: services.snapshotDir(cluster.id), allowOtherCluster: warnedOtherBrokers }));
  return run(services, cluster, engine, op, {
    confirmation: async () => {
      const now = await engine.currentOffsets(client, snap.group, snap.entries, snap.groupType).catch(() => undefined);
      warnedOtherBrokers = snap.brokers.length > 0 && !snap.brokers.some((b) => cluster.brokers.includes(b));
      return undoConfirmation(cluster, snap, now, warnedOtherBrokers);
    },
    describe: () => vscode.l10n.t('undo of the snapshot {0} ({1})', snapshotFile, snap.reason),
    undoes: snapshotUndoes(snap),
  });
}

/** What differs between a reset, an undo and a delete in the UI. */
export interface OperationTexts {
  confirmation(): Promise<Confirmation>;
  /** For the log: what this is, e.g. "reset to earliest on orders". */
  describe(): string;
  /** Re-planning changed the targets: log the new plan. */
  replanned?(): void;
  /** An undo: what its snapshot was taken before (the notification's "Redo Reset" / "Redo Delete"). */
  undoes?: 'reset' | 'delete';
}

/** Run the core's reset session for op with the VS Code port; report what was applied. */
export async function run(services: Services, cluster: ClusterEntry, engine: Engine, op: SessionOperation, texts: OperationTexts): Promise<ResetResult | undefined> {
  const client = await services.client(cluster.id);
  const outcome = await engine.runResetSession(client, op, vscodePort(services, cluster, texts));
  if (outcome.status === 'applied') {
    report(services, cluster, op.verb, texts.describe(), outcome.result, texts.undoes);
    return outcome.result;
  }
  if (outcome.status === 'cancelled') {
    services.log.info(vscode.l10n.t('{0} of group "{1}" on {2} cancelled: nothing changed.', verbText(op.verb), op.group, cluster.name));
  }
  return undefined;
}

function vscodePort(services: Services, cluster: ClusterEntry, texts: OperationTexts): SessionPort {
  const log = services.log;
  const seconds = waitForEmptySeconds();
  return {
    waitSeconds: seconds,

    notEmpty: async (_op, d, timedOut) => {
      if (timedOut) log.warn(timedOut.message);
      const wait = vscode.l10n.t('Wait until empty');
      const choice = await prompts.modal(membersTitle(cluster, d, 'reset', timedOut ? seconds : undefined), membersDetail(d, seconds), wait);
      return choice === wait ? 'wait' : 'stop';
    },

    step: (step, work) => {
      if (step.kind === 'wait-empty') {
        return withCancel(vscode.l10n.t('Waiting for group "{0}" to become empty', step.group), (signal, progress) => work(signal, waitProgress(progress)));
      }
      if (step.kind === 'watch')
        return withCancel(vscode.l10n.t('Checking that nobody is still committing for group "{0}" ({1} s)…', step.group, step.windowMs / 1000), (signal) => work(signal, () => {}));
      return withCancel(
        step.verb === 'undo'
          ? vscode.l10n.t('Undoing the reset of group "{0}"…', step.group)
          : step.verb === 'delete'
            ? vscode.l10n.t('Deleting share offsets of group "{0}"…', step.group)
            : vscode.l10n.t('Resetting group "{0}"…', step.group),
        (signal) => work(signal, () => {}),
      );
    },

    offsetsMoving: async (op, moved, windowMs) => {
      const list = moved.slice(0, 8).map((m) => `${m.topic}/${m.partition}: ${m.from ?? '–'} → ${m.to ?? '–'}`);
      log.warn(vscode.l10n.t('Group "{0}" has no members but its committed offsets moved: {1}', op.group, list.join(', ')));
      const checkAgain = vscode.l10n.t('Check Again');
      const anyway = vscode.l10n.t('Continue Anyway');
      const choice = await prompts.modal(
        vscode.l10n.t('Group "{0}" has no members, but its offsets are still moving', op.group),
        [
          vscode.l10n.t('In the last {0} s the committed offsets changed:', windowMs / 1000),
          ...list,
          '',
          vscode.l10n.t('Consumers with manually assigned partitions (assign() instead of subscribe()) commit without ever joining the group, so they are not listed as members. Stop them first, or their next commit will overwrite the reset.'),
        ].join('\n'),
        checkAgain,
        anyway,
      );
      return choice === checkAgain ? 'check-again' : choice === anyway ? 'continue' : 'stop';
    },

    confirm: async (op, replanned) => {
      const text = await texts.confirmation();
      const changed =
        replanned === 'after-wait'
          ? vscode.l10n.t('The offsets changed while waiting: the plan below was made again from fresh offsets.')
          : replanned === 'after-moved'
            ? vscode.l10n.t('The offsets moved: the plan below was made again from fresh offsets.')
            : replanned === 'after-stale'
              ? vscode.l10n.t('The offsets changed after the preview: the plan below was made again from fresh offsets.')
              : undefined;
      const ok = await prompts.modal(text.message, changed ? `${changed}\n\n${text.detail}` : text.detail, text.button);
      if (ok !== text.button) return false;
      return !cluster.protected || (await typedGroupId(cluster, op.group));
    },

    stalePlan: async (op, e) => {
      log.warn(vscode.l10n.t('Refused: {0}', e.message));
      const again = vscode.l10n.t('Preview Again');
      const choice = await prompts.modal(vscode.l10n.t('The committed offsets of group "{0}" changed after the preview. Nothing was committed.', op.group), e.message, again);
      return choice === again ? 'preview-again' : 'stop';
    },

    brokerRefused: (op, e: KafkaOffsetsError, elapsedMs) => {
      log.warn(vscode.l10n.t('Refused by the broker after {0}: {1}', formatDuration(elapsedMs), e.message));
      void vscode.window.showWarningMessage(notice(vscode.l10n.t('A consumer joined group "{0}" just before the reset, so the broker refused it. Nothing changed.', op.group)), { detail: noticeDetail(e.message) });
      services.refresh(cluster.id, op.group);
    },

    event: (op, e) => {
      if (e.kind === 'not-empty')
        log.warn(vscode.l10n.t('Refused for now: group "{0}" on {1} is {2} with members {3}.', op.group, cluster.name, e.group.state, membersText(e.group.members, 20) || vscode.l10n.t('(none listed)')));
      else if (e.kind === 'emptied') log.info(vscode.l10n.t('Group "{0}" is now {1} with no members.', e.group.groupId, e.group.state));
      else if (e.kind === 'wait-cancelled') log.info(vscode.l10n.t('Stopped waiting for group "{0}" to become empty.', e.group));
      else if (e.kind === 'precheck-refused') log.warn(vscode.l10n.t('Refused: {0}', e.error.message));
      else if (e.kind === 'replanned' && e.changed) texts.replanned?.();
    },
  };
}

async function typedGroupId(cluster: ClusterEntry, group: string): Promise<boolean> {
  const typed = await prompts.typed(vscode.l10n.t('Cluster "{0}" is protected', cluster.name), vscode.l10n.t('Type the group id "{0}" to confirm', group), group);
  return typed === group;
}
