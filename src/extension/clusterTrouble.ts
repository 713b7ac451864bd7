/**
 * A command that cannot reach its cluster (down, wrong address, bad credentials) ends with the same
 * three ways on as Test Connection: Retry the command, Edit Cluster, Show Output — instead of a bare
 * error. The cluster's row in the tree is told too, so it shows the failure while collapsed.
 */
import * as vscode from 'vscode';
import { describeError, isKafkaOffsetsError } from '../core/errors';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import { notice } from './notice';

/** Failures of the connection itself, not of what was asked of the cluster. */
export function isConnectionTrouble(e: unknown): boolean {
  return isKafkaOffsetsError(e) && (e.kind === 'unreachable' || e.kind === 'timeout' || e.kind === 'authentication');
}

export function offerClusterActions(services: ClusterServices, cluster: ClusterEntry, e: unknown, retry: () => unknown): void {
  const reason = describeError(e);
  const message = vscode.l10n.t('Cannot reach cluster "{0}" ({1}): {2}', cluster.name, cluster.brokers.join(', '), reason);
  services.log.error(message);
  services.reportTrouble(cluster.id, reason);
  const again = vscode.l10n.t('Retry');
  const edit = vscode.l10n.t('Edit Cluster');
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(notice(message), again, edit, showOutput).then((c) => {
    if (c === again) void retry();
    if (c === edit) void vscode.commands.executeCommand('kafkaOffsets.editCluster', { clusterId: cluster.id });
    if (c === showOutput) services.log.show();
  });
}
