/**
 * The notification that ends a reset or an undo, with its Undo button — one live at a time. Without care
 * a reset's "Reset 6 partitions… [Undo]" stays beside the undo's "Restored 6 partitions… [Undo]": two
 * identical buttons that mean opposite things. The API cannot close a notification, so:
 *   - the toasts are hidden (into the notification centre, where they stay readable) before a new outcome
 *     is shown, which also takes away a progress toast that would otherwise linger beside "done";
 *   - the undo's own button says "Redo Reset" or "Redo Delete" (that is what undoing an undo does: the
 *     undo of a delete's undo deletes the offsets again);
 *   - a button of a superseded outcome (the group was reset or restored again since) does nothing but say
 *     so, and points at the newer one.
 */
import * as vscode from 'vscode';
import { notice } from './notice';

/** Per cluster and group: the snapshot of the newest outcome shown. */
const newest = new Map<string, string>();

export interface Outcome {
  clusterId: string;
  group: string;
  verb: 'reset' | 'undo';
  /** For an undo: what the restored snapshot was taken before, so its button names what it redoes. */
  undid?: 'reset' | 'delete';
  message: string;
  /** The snapshot its Undo button restores. */
  snapshotFile: string;
  showOutput(): void;
}

export async function showOutcome(o: Outcome): Promise<void> {
  const key = JSON.stringify([o.clusterId, o.group]);
  newest.set(key, o.snapshotFile);
  await vscode.commands.executeCommand('notifications.hideToasts').then(undefined, () => undefined);
  const undo = o.verb !== 'undo' ? vscode.l10n.t('Undo') : o.undid === 'delete' ? vscode.l10n.t('Redo Delete') : vscode.l10n.t('Redo Reset');
  const showOutput = vscode.l10n.t('Show Output');
  // Not awaited by the caller: the command's promise settles now, whatever the user does with it.
  void vscode.window.showInformationMessage(notice(o.message), undo, showOutput).then((c) => {
    if (c === showOutput) o.showOutput();
    if (c !== undo) return;
    if (newest.get(key) !== o.snapshotFile) {
      void vscode.window.showInformationMessage(
        notice(vscode.l10n.t('Group "{0}" was reset or restored again after this; nothing done. Use the newest notification or "Kafka: Undo Last Reset".', o.group)),
      );
      return;
    }
    void vscode.commands.executeCommand('kafkaOffsets.undoLastReset', { clusterId: o.clusterId, snapshotFile: o.snapshotFile });
  });
}
