/**
 * "Skip This Message" on a partition node, or on the Show Next Messages document: move the group past
 * the next record it would read there — the poison pill a consumer is stuck on — through the same
 * preview → confirmation → snapshot → Undo path as every reset (an `offset` plan for that one
 * partition, target = that record's offset + 1). The record is read as the consumer reads it
 * (read_committed), so transaction markers in front of it are stepped over too. Offered only where the
 * group has a committed offset: without one, where the group starts is its consumers' choice.
 */
import * as vscode from 'vscode';
import { validateResetInput, describeIssues } from '../core/validate';
import { KafkaOffsetsError } from '../core/errors';
import { peek } from '../core/peek';
import type { ResetResult } from '../core/types';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { loadEngine } from './engine';
import { confirmAndApply } from './resetFlow';
import { preview } from './resetCommands';
import { targetFromArg, type Target } from './targets';
import { notice } from './notice';
import { PEEK_SCHEME, peekQueryOf } from './peekDocument';

export function registerSkipCommands(services: ClusterServices): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'kafkaOffsets.skipThisMessage', async (arg?: unknown) => {
      // From the document's title bar VS Code passes its URI; from the palette, the active document counts.
      const uri = arg instanceof vscode.Uri ? arg : arg === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
      const target = uri?.scheme === PEEK_SCHEME ? await targetFromDocument(services, uri) : targetFromArg(services, arg);
      return target ? skipThisMessage(services, target) : undefined;
    }),
  ];
}

/** The partition a Show Next Messages document shows (asked for when it shows several). */
async function targetFromDocument(services: ClusterServices, uri: vscode.Uri): Promise<Target | undefined> {
  const q = peekQueryOf(uri);
  if (!q) return {};
  const cluster = services.cluster(q.clusterId);
  if (q.partitions.length === 1) return { cluster, group: q.group, topic: q.topic, partition: q.partitions[0] };
  const picked = await vscode.window.showQuickPick(
    q.partitions.map((p) => ({ label: vscode.l10n.t('Partition {0}', p), partition: p })),
    { title: vscode.l10n.t('Skip This Message'), placeHolder: vscode.l10n.t('Which partition of {0}?', q.topic) },
  );
  return picked ? { cluster, group: q.group, topic: q.topic, partition: picked.partition } : undefined;
}

export async function skipThisMessage(services: ClusterServices, t: Target): Promise<ResetResult | undefined> {
  const { cluster, group, topic, partition } = t;
  if (!cluster || !group || !topic || partition === undefined || partition < 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Skip This Message works on a partition of a group in the Consumer Groups view, or on its Show Next Messages document.'));
    return undefined;
  }
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const [next] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the next message of group "{0}" on {1} partition {2}…', group, topic, partition) },
    () => peek(client, { group, topic, partitions: [partition], count: 1, maxValueBytes: 0 }),
  );
  const where = vscode.l10n.t('{0} partition {1}', topic, partition);
  if (next.committed === null || next.committed === undefined) {
    void vscode.window.showInformationMessage(
      notice(vscode.l10n.t('Group "{0}" has no committed offset on {1}: there is no message to skip (its consumers start where their auto.offset.reset says). Nothing was changed.', group, where)),
    );
    return undefined;
  }
  if (next.read?.error) throw new KafkaOffsetsError('kafka', next.read.error);
  const record = next.read?.records[0];
  if (!record) {
    const waiting = next.read && next.read.highWatermark > next.committed;
    void vscode.window.showInformationMessage(
      notice(
        waiting
          ? vscode.l10n.t('Group "{0}" has no message to read on {1} yet: what follows its committed offset {2} is transaction markers, aborted records or records of open transactions. Nothing was changed.', group, where, next.committed.toString())
          : vscode.l10n.t('Group "{0}" is caught up on {1} (committed offset {2}): there is no message to skip. Nothing was changed.', group, where, next.committed.toString()),
      ),
    );
    return undefined;
  }
  const target = record.offset + 1n;
  const v = validateResetInput({ group, topic, partition, mode: 'offset', value: target.toString() });
  if (!v.ok) throw new KafkaOffsetsError('validation', describeIssues(v.issues));
  const plan = await engine.planFromCluster(client, v.request);
  const title = vscode.l10n.t('Skip the message at offset {0} of {1}', record.offset.toString(), where);
  if ((await preview(cluster, plan, { title, back: false })) !== 'next') return undefined;
  return confirmAndApply(services, cluster, v.request, plan);
}
