/**
 * "Delete Share Offsets" on a topic of a share group: the group forgets its start offsets on that
 * topic (DeleteShareGroupOffsets), so its consumers start again from share.auto.offset.reset. Same
 * path as a reset: a preview of what is forgotten, the guarded flow (Empty only with "Wait until
 * empty", confirmation, protected clusters typing the id), a snapshot that Undo Last Reset restores,
 * read-back and the output channel.
 */
import * as vscode from 'vscode';
import type { ResetResult } from '../core/types';
import type { ShareDeletePlan } from '../core/shareDelete';
import { KafkaOffsetsError } from '../core/errors';
import { formatCount } from '../core/numbers';
import { visible } from '../core/display';
import type { ClusterEntry, Services } from './services';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { loadEngine } from './engine';
import { partitionsText } from './l10n';
import { BACK, pick } from './quickInput';
import { run } from './resetFlow';
import { targetFromArg } from './targets';

export function registerShareCommands(services: ClusterServices): vscode.Disposable[] {
  return [registerCommand(services.log, 'kafkaOffsets.deleteShareOffsets', (arg?: unknown) => deleteShareOffsets(services, arg))];
}

/** From a topic node of a share group (or { clusterId, group, topic }). */
export async function deleteShareOffsets(services: ClusterServices, arg: unknown): Promise<ResetResult | undefined> {
  const t = targetFromArg(services, arg);
  if (!t.cluster || !t.group || !t.topic) throw new KafkaOffsetsError('validation', vscode.l10n.t('Delete Share Offsets works on a topic of a share group: run it from the topic in the Consumer Groups view.'));
  const cluster = t.cluster;
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const d = await client.describeGroup(t.group);
  if (d.groupType !== 'share') throw new KafkaOffsetsError('validation', vscode.l10n.t('Group "{0}" is not a share group: only share groups have share offsets to delete.', t.group));
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the share offsets of group "{0}"…', t.group) },
    () => engine.planShareDelete(client, t.group!, t.topic!),
  );
  if ((await previewDelete(cluster, plan)) !== 'next') return undefined;
  return confirmAndDelete(services, cluster, plan);
}

function planLines(plan: ShareDeletePlan): string[] {
  return plan.rows.map((r) => `p${r.partition}: ${r.committed === null ? vscode.l10n.t('none') : formatCount(r.committed)} → ${vscode.l10n.t('none')}`);
}

async function previewDelete(cluster: ClusterEntry, plan: ShareDeletePlan): Promise<'next' | 'cancel'> {
  const withStart = plan.rows.filter((r) => r.committed !== null).length;
  const items: Array<vscode.QuickPickItem & { go?: boolean }> = [
    { label: `$(trash) ${vscode.l10n.t('Delete the share offsets of {0}…', partitionsText(withStart))}`, detail: vscode.l10n.t('Its consumers start again from share.auto.offset.reset (latest unless the group config says earliest).'), go: true, alwaysShow: true },
    { label: vscode.l10n.t('Partitions: start offset → none'), kind: vscode.QuickPickItemKind.Separator },
    ...planLines(plan).map((label) => ({ label })),
  ];
  const r = await pick({ title: vscode.l10n.t('Delete Share Offsets — {0} on {1}, preview on {2}', visible(plan.group), visible(plan.topic), cluster.name), placeholder: vscode.l10n.t('Share group "{0}", topic {1}', visible(plan.group), visible(plan.topic)), items });
  return r !== undefined && r !== BACK && r.go ? 'next' : 'cancel';
}

export async function confirmAndDelete(services: Services, cluster: ClusterEntry, first: ShareDeletePlan): Promise<ResetResult | undefined> {
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const op = engine.shareDeleteOperation(client, first, { snapshotDir: services.snapshotDir(cluster.id) });
  services.log.info(vscode.l10n.t('Plan: delete the share offsets of group "{0}" on {1} ({2}), topic {3}', first.group, cluster.name, cluster.brokers.join(', '), first.topic));
  for (const line of planLines(first)) services.log.info(`  ${first.topic}/${line}`);
  return run(services, cluster, engine, op, {
    confirmation: async () => ({
      message: vscode.l10n.t('Delete the share offsets of group "{0}" on topic "{1}" (cluster "{2}")?', op.plan().group, op.plan().topic, cluster.name),
      detail: [
        vscode.l10n.t('The share group forgets where it stands on this topic; its consumers start again from share.auto.offset.reset.'),
        '',
        ...planLines(op.plan()),
        '',
        vscode.l10n.t('The current start offsets are saved first: "Kafka: Undo Last Reset" restores them.'),
      ].join('\n'),
      button: vscode.l10n.t('Delete Share Offsets'),
    }),
    describe: () => vscode.l10n.t('delete of the share offsets on {0}', op.plan().topic),
  });
}
