/**
 * "Copy Offsets From…" on a group: pick the group to copy from, preview (each partition the source
 * committed: target = its committed offset, clamped to the log), then the same confirm-and-apply as any
 * reset — members refused or waited for, a snapshot first, Undo. Partitions of the target group the
 * source never committed are not in the plan, so they keep their offsets.
 */
import * as vscode from 'vscode';
import { validateResetInput, describeIssues } from '../core/validate';
import { KafkaOffsetsError } from '../core/errors';
import type { ResetResult } from '../core/types';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { loadEngine } from './engine';
import { BACK } from './quickInput';
import { confirmAndApply } from './resetFlow';
import { preview } from './resetCommands';
import { needGroup, pickGroup, targetFromArg, type Target } from './targets';
import { notice } from './notice';

export function registerCopyCommands(services: ClusterServices): vscode.Disposable[] {
  return [registerCommand(services.log, 'kafkaOffsets.copyOffsets', (arg?: unknown) => copyOffsets(services, targetFromArg(services, arg)))];
}

export async function copyOffsets(services: ClusterServices, start: Target): Promise<ResetResult | undefined> {
  const chosen = await needGroup(services, start, vscode.l10n.t('Copy Offsets From…'));
  if (!chosen) return undefined;
  const { cluster, group } = chosen;
  const title = vscode.l10n.t('Copy offsets into "{0}"', group);
  const source = await pickGroup(services, cluster, { title, step: 1, totalSteps: 2 });
  if (!source || source === BACK) return undefined;
  // Every partition the source committed: the whole group is copied (its topics, not the target's).
  const v = validateResetInput({ group, allTopics: true, mode: 'fromGroup', value: source });
  if (!v.ok) throw new KafkaOffsetsError('validation', describeIssues(v.issues));
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the offsets of groups "{0}" and "{1}"…', source, group) },
    () => engine.planFromCluster(client, v.request),
  );
  if (plan.rows.length === 0) {
    void vscode.window.showInformationMessage(notice(vscode.l10n.t('Group "{0}" has no committed offsets: nothing to copy. Nothing was changed.', source)));
    return undefined;
  }
  if ((await preview(cluster, plan, { title, step: 2, totalSteps: 2, back: false })) !== 'next') return undefined;
  return confirmAndApply(services, cluster, v.request, plan);
}
