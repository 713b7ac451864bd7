/**
 * Entry point. activate() only wires things together — output channel, settings-backed Services, the
 * tree and the commands. It never connects to Kafka and never loads kafkajs: the tree connects when
 * it is first expanded, the commands when they are run (see ./engine for how kafkajs stays lazy).
 */
import * as vscode from 'vscode';
import { OutputLogger } from './log';
import { ClusterServices } from './clusters';
import { GroupsTree, VIEW_ID } from './tree/provider';
import type { TreeNode } from './tree/nodes';
import { registerCommand } from './commands';
import { registerResetCommands } from './resetCommands';
import { registerCopyCommands } from './copyCommands';
import { registerSkipCommands } from './skipCommands';
import { registerClusterCommands } from './clusterCommands';
import { registerOffsetsCommands } from './offsetsCommands';
import { registerShareCommands } from './shareCommands';
import { registerDeleteCommands } from './deleteCommands';
import { confirmAndApply } from './resetFlow';
import { ResetPanel } from './resetPanel';
import { registerDetailsCommands } from './detailsCommands';
import { registerPeek } from './peekDocument';
import { setPrompter, type Prompter } from './prompts';
import { setTranslator } from './l10n';
import type { ConfirmAndApply } from './services';

/** What activate() returns: for the extension-host tests (no other extension should rely on it). */
export interface KafkaOffsetsApi {
  services: ClusterServices;
  tree: GroupsTree;
  /** The output channel's logger; recent() returns what was written. */
  log: OutputLogger;
  confirmAndApply: ConfirmAndApply;
  /** Answer the modal questions of the confirm flow from a test (undefined restores the real dialogs). */
  setPrompter(p: Prompter | undefined): void;
}

export function activate(context: vscode.ExtensionContext): KafkaOffsetsApi {
  setTranslator(vscode.l10n.t);
  const log = new OutputLogger('Kafka Offsets');
  context.subscriptions.push(log);
  log.info(vscode.l10n.t('Kafka Offsets {0} activated.', String(context.extension.packageJSON?.version ?? '')));

  const services = new ClusterServices(context, log);
  const tree = new GroupsTree(services);
  const view = vscode.window.createTreeView<TreeNode>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  services.knownLag = (clusterId, groupId) => tree.groupInfo(clusterId, groupId)?.lag?.lag;
  context.subscriptions.push(services, tree, view);

  context.subscriptions.push(
    registerCommand(log, 'kafkaOffsets.refresh', (node?: TreeNode) => tree.refresh(node)),
    // The "Show 500 more groups" row of a long cluster (not in the palette: it needs that row's cluster).
    registerCommand(log, 'kafkaOffsets.showMoreGroups', (clusterId?: unknown) => typeof clusterId === 'string' && tree.showMore(clusterId)),
    registerCommand(log, 'kafkaOffsets.showOutput', () => log.show()),
    ...registerResetCommands(services, context.extensionUri),
    ...registerCopyCommands(services),
    ...registerSkipCommands(services),
    ResetPanel.registerSerializer(services, confirmAndApply, context.extensionUri),
    ...registerClusterCommands(services),
    ...registerOffsetsCommands(services),
    ...registerDetailsCommands(services, tree, context.extensionUri),
    ...registerPeek(services, (clusterId, group, topic) => tree.groupInfo(clusterId, group)?.lag?.topics.find((x) => x.topic === topic)?.partitions.map((p) => p.partition) ?? []),
    ...registerShareCommands(services),
    ...registerDeleteCommands(services),
  );

  return { services, tree, log, confirmAndApply, setPrompter };
}

export function deactivate(): void {
  // Clients are closed by ClusterServices.dispose (context.subscriptions).
}
