/**
 * "Show Group Details": a read-only webview with one group's lag over time (our own SVG chart) and its
 * catch-up status, host side. One panel per cluster + group (revealed if open). The history is the
 * tree's: every sample the tree takes of the group (refresh, auto-refresh, after a reset, or Refresh
 * in the panel) redraws it. Messages from the webview are checked by ./detailsGuard; nothing the
 * panel does changes Kafka.
 */
import * as vscode from 'vscode';
import type { OffsetSample } from '../core/catchUp';
import type { DetailsToWebview } from '../protocol';
import type { ClusterEntry, Logger } from './services';
import type { GroupDescription, GroupLag, GroupListing } from '../core/types';
import { acceptDetailsMessage } from './detailsGuard';
import { groupDetails } from './groupDetailsModel';
import { groupDetailsHtml } from './groupDetailsHtml';
import { makeNonce } from './webviewPage';

/** What the panel reads from the tree (GroupsTree implements it). */
export interface GroupHistorySource {
  groupInfo(clusterId: string, groupId: string): { listing: GroupListing; description?: GroupDescription; lag?: GroupLag; error?: string } | undefined;
  history(clusterId: string, groupId: string): readonly OffsetSample[];
  onDidSample(listener: (e: { clusterId: string; groupId: string }) => void): { dispose(): void };
  /** Read the group's lag now (one more sample), listing its cluster first if needed. */
  sample(clusterId: string, groupId: string): Promise<void>;
}

export class GroupDetailsPanel implements vscode.Disposable {
  static readonly viewType = 'kafkaOffsets.groupDetails';
  private static readonly open = new Map<string, GroupDetailsPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  static createOrShow(source: GroupHistorySource, log: Logger, extensionUri: vscode.Uri, cluster: ClusterEntry, group: string): GroupDetailsPanel {
    const key = `${cluster.id}\u0000${group}`;
    const existing = GroupDetailsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(GroupDetailsPanel.viewType, vscode.l10n.t('Group Details: {0}', group), vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    const p = new GroupDetailsPanel(panel, key, source, log, extensionUri, cluster, group);
    GroupDetailsPanel.open.set(key, p);
    return p;
  }

  /** The open panel of a group (extension-host tests). */
  static get(clusterId: string, group: string): GroupDetailsPanel | undefined {
    return GroupDetailsPanel.open.get(`${clusterId}\u0000${group}`);
  }

  /** What was last posted to the webview (extension-host tests). */
  lastPosted: DetailsToWebview | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly key: string,
    private readonly source: GroupHistorySource,
    private readonly log: Logger,
    extensionUri: vscode.Uri,
    readonly cluster: ClusterEntry,
    readonly group: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'kafka.svg');
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = acceptDetailsMessage(raw, log);
        if (!msg) return;
        if (msg.type === 'ready') this.post();
        else void this.refresh(msg.requestId);
      }),
      source.onDidSample((e) => {
        if (e.clusterId === cluster.id && e.groupId === group) this.post();
      }),
    );
    panel.webview.html = groupDetailsHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'details.js'),
      baseStyleUri: uri('media', 'webview.css'),
      styleUri: uri('media', 'details.css'),
      title: vscode.l10n.t('Group Details: {0}', group),
      lang: vscode.env.language,
    });
    // Opened on a group the tree has not read yet (or long ago): take a sample now.
    if (source.history(cluster.id, group).length === 0) void this.refresh();
  }

  /** One more sample; the answer (details) goes out when it has arrived, with the request's id. */
  async refresh(requestId?: string): Promise<void> {
    try {
      await this.source.sample(this.cluster.id, this.group);
    } catch (e) {
      this.log.warn(vscode.l10n.t('Group Details of "{0}": {1}', this.group, e instanceof Error ? e.message : String(e)));
    }
    this.post(requestId);
  }

  private post(requestId?: string): void {
    if (this.disposed) return;
    const info = this.source.groupInfo(this.cluster.id, this.group);
    const details = groupDetails({
      clusterName: this.cluster.name,
      group: this.group,
      state: info?.listing.state,
      lag: info?.lag,
      error: info?.error,
      history: this.source.history(this.cluster.id, this.group),
    });
    const message: DetailsToWebview = requestId === undefined ? { type: 'details', details } : { type: 'details', details, requestId };
    this.lastPosted = message;
    // A hidden webview is unloaded: the message is lost, and `ready` on its next load asks again.
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (GroupDetailsPanel.open.get(this.key) === this) GroupDetailsPanel.open.delete(this.key);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
