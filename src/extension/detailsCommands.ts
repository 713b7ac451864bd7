/** "Show Group Details": the lag-over-time and catch-up panel of a group (./groupDetailsPanel). */
import * as vscode from 'vscode';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { GroupDetailsPanel, type GroupHistorySource } from './groupDetailsPanel';
import { needGroup, targetFromArg } from './targets';

export function registerDetailsCommands(services: ClusterServices, tree: GroupHistorySource, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'kafkaOffsets.showGroupDetails', async (arg?: unknown) => {
      const chosen = await needGroup(services, targetFromArg(services, arg), vscode.l10n.t('Show Group Details'));
      if (!chosen) return;
      return GroupDetailsPanel.createOrShow(tree, services.log, extensionUri, chosen.cluster, chosen.group);
    }),
  ];
}
