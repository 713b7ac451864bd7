/**
 * PLACEHOLDER — owned by the webview-form work, which replaces this file. It exists only so the
 * extension builds before the form lands; the signature is the agreed seam.
 */
import * as vscode from 'vscode';
import type { ClusterEntry, ConfirmAndApply, Services } from './services';

export class ResetPanel {
  static createOrShow(
    _services: Services,
    _confirmAndApply: ConfirmAndApply,
    _extensionUri: vscode.Uri,
    target: { cluster: ClusterEntry; group: string; topic?: string; partition?: number },
  ): void {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The reset form for group "{0}" is not available yet: use "Kafka: Reset Offset".', target.group),
    );
  }
}
