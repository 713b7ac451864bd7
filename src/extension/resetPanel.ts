/**
 * "Reset Offset (Form)…": the webview form, host side. One panel per cluster + group (revealed if
 * already open). The webview (src/webview/main.ts) only collects input and shows results; everything
 * that matters happens here, on messages checked by ./protocolGuard:
 *
 *   preview → the core validator (same sentences as the CLI and the quick picks) → fresh offsets from
 *             the cluster → plan, kept here under the preview's id, shown as rows and totals;
 *   reset   → the plan of *that* preview id goes through the shared confirm-and-apply flow (modal
 *             confirmation naming the impact, members / wait-until-empty, apply with a snapshot);
 *   undo    → the snapshot of the last reset made here is restored through confirmAndUndo (modal
 *             confirmation, the same safety rules, its own snapshot first).
 *
 * The webview never names a file, a plan or offsets to commit. Errors reach it as one sentence
 * (KafkaOffsetsError.message), never a stack trace. Form state lives in the webview's getState/
 * setState (no retainContextWhenHidden); a reloaded webview says `ready` again and gets `init` plus
 * the last preview and result it may have missed while hidden.
 */
import * as vscode from 'vscode';
import type { GroupDescription, Plan, ResetRequest } from '../core/types';
import { describeError, isKafkaOffsetsError } from '../core/errors';
import { loadSnapshot } from '../core/snapshot';
import { equivalentCommand } from '../core/equivalentTypes';
import type { FormInput, GroupInfo, HostToWebview, WebviewToHost } from '../protocol';
import type { ClusterEntry, ConfirmAndApply, Services } from './services';
import { loadEngine } from './engine';
import { confirmAndUndo } from './resetFlow';
import { acceptWebviewMessage } from './protocolGuard';
import { resetPanelHtml } from './resetPanelHtml';
import { makeNonce } from './webviewPage';
import * as m from './resetPanelModel';
import { planSummary } from './planLabels';
import { resultCounts } from '../core/planText';

export interface ResetPanelTarget {
  cluster: ClusterEntry;
  group: string;
  topic?: string;
  partition?: number;
}

interface CurrentPlan {
  planId: string;
  request: ResetRequest;
  /** Restricted to the chosen partitions when the form chose a subset (see resetPanelModel). */
  plan: Plan;
  command: string;
  message: Extract<HostToWebview, { type: 'preview' }>;
}

export class ResetPanel implements vscode.Disposable {
  static readonly viewType = 'kafkaOffsets.resetForm';
  private static readonly open = new Map<string, ResetPanel>();

  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private initial: { topic?: string; partition?: number };
  private current: CurrentPlan | undefined;
  /** Id of the latest preview request: an older one finishing later must not become the current plan. */
  private latestPreview: string | undefined;
  /** The request id of the reset or undo in progress (modal dialogs may be open). */
  private busy: string | undefined;
  private lastResult: { snapshotFile: string; message: Extract<HostToWebview, { type: 'result' }> } | undefined;
  private groupLoad: Promise<void> | undefined;
  private groupInfo: GroupInfo | undefined;

  /** Open the form for a group, or reveal the open one (pointing it at the given topic / partition). */
  static createOrShow(services: Services, confirmAndApply: ConfirmAndApply, extensionUri: vscode.Uri, target: ResetPanelTarget): ResetPanel {
    const key = `${target.cluster.id}\u0000${target.group}`;
    const existing = ResetPanel.open.get(key);
    if (existing) {
      existing.retarget(target);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      ResetPanel.viewType,
      vscode.l10n.t('Reset Offsets: {0}', target.group),
      { viewColumn: vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false },
      { ...ResetPanel.webviewOptions(extensionUri), enableFindWidget: true },
    );
    const p = new ResetPanel(panel, key, services, confirmAndApply, extensionUri, target);
    ResetPanel.open.set(key, p);
    return p;
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  /**
   * Forms open when VS Code reloads or restarts come back: VS Code hands over the panel and the
   * state the webview saved (its form, last preview and result, and which cluster and group it was
   * for). The saved preview is stale then — the host's plan is gone — and the webview says so.
   */
  static registerSerializer(services: Services, confirmAndApply: ConfirmAndApply, extensionUri: vscode.Uri): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ResetPanel.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const saved = m.savedTarget(state);
        const cluster = saved && services.clusters().find((c) => c.id === saved.clusterId);
        if (!saved || !cluster) {
          // Cluster removed meanwhile (or a state we do not understand): nothing to restore it to.
          services.log.info(vscode.l10n.t('A Reset Offsets form from the last session was closed: its cluster is no longer configured.'));
          panel.dispose();
          return;
        }
        const key = `${cluster.id}\u0000${saved.group}`;
        if (ResetPanel.open.has(key)) {
          panel.dispose();
          return;
        }
        panel.webview.options = ResetPanel.webviewOptions(extensionUri);
        ResetPanel.open.set(key, new ResetPanel(panel, key, services, confirmAndApply, extensionUri, { cluster, group: saved.group }));
        services.log.info(vscode.l10n.t('Restored the Reset Offsets form of group "{0}" on {1}.', saved.group, cluster.name));
      },
    });
  }

  /** The open panel of a group (extension-host tests). */
  static get(clusterId: string, group: string): ResetPanel | undefined {
    return ResetPanel.open.get(`${clusterId}\u0000${group}`);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly key: string,
    private readonly services: Services,
    private readonly confirmAndApply: ConfirmAndApply,
    private readonly extensionUri: vscode.Uri,
    private readonly target: ResetPanelTarget,
  ) {
    this.initial = definedOnly({ topic: target.topic, partition: target.partition });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'kafka.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = acceptWebviewMessage(raw, services.log);
        if (msg) void this.handle(msg);
      }),
    );
    panel.webview.html = this.render();
  }

  get cluster(): ClusterEntry {
    return this.target.cluster;
  }

  get group(): string {
    return this.target.group;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResetPanel.open.get(this.key) === this) ResetPanel.open.delete(this.key);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private render(): string {
    const webview = this.panel.webview;
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    return resetPanelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'webview.js'),
      styleUri: uri('media', 'webview.css'),
      codiconsUri: uri('dist', 'codicons', 'codicon.css'),
      title: vscode.l10n.t('Reset Offsets: {0}', this.group),
      lang: vscode.env.language,
    });
  }

  private retarget(target: ResetPanelTarget): void {
    this.panel.reveal();
    if (target.topic !== undefined || target.partition !== undefined) {
      this.initial = definedOnly({ topic: target.topic, partition: target.partition });
      this.post({ type: 'target', ...this.initial });
    }
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    // A hidden webview is unloaded: the message is lost, and `ready` (on the next load) re-sends what matters.
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    try {
      switch (msg.type) {
        case 'ready':
          return this.ready();
        case 'reloadGroup':
          return this.loadGroup(msg.requestId, true);
        case 'preview':
          return await this.preview(msg.requestId, msg.input);
        case 'reset':
          return await this.reset(msg.requestId, msg.planId);
        case 'undo':
          return await this.undo(msg.requestId);
        case 'copyCommand':
          if (this.current?.planId !== msg.planId) return this.post({ type: 'error', requestId: msg.requestId, message: vscode.l10n.t('This preview is out of date: press Preview again.') });
          await vscode.env.clipboard.writeText(this.current.command);
          return this.post({ type: 'copied', requestId: msg.requestId });
        case 'showOutput':
          return this.services.log.show();
      }
    } catch (e) {
      // Nothing may escape into an unhandled rejection; the webview hears one sentence.
      this.services.log.error(vscode.l10n.t('Reset form: {0}', describeError(e)));
      if ('requestId' in msg) this.post({ type: 'error', requestId: msg.requestId, message: describeError(e) });
    }
  }

  private ready(): void {
    this.post({
      type: 'init',
      cluster: { id: this.cluster.id, name: this.cluster.name, brokers: [...this.cluster.brokers], protected: !!this.cluster.protected },
      group: this.group,
      initial: { ...this.initial },
      session: { planId: this.current?.planId ?? null, canUndo: !!this.lastResult?.message.canUndo, busy: !!this.busy },
    });
    // What a hidden (unloaded) webview may have missed.
    if (this.current) this.post({ ...this.current.message, replay: true });
    if (this.lastResult) this.post({ ...this.lastResult.message, replay: true });
    void this.loadGroup(undefined, false);
  }

  /**
   * Topics, lag and members of the group, for the topic list and the partition checkboxes. Kept once
   * read (a reloaded webview gets them at once); read again on Retry / Reload and after a reset.
   */
  private loadGroup(requestId: string | undefined, force: boolean): Promise<void> {
    if (!force && this.groupInfo) {
      this.post({ type: 'group', ...(requestId ? { requestId } : {}), info: this.groupInfo });
      return Promise.resolve();
    }
    if (!force && this.groupLoad) return this.groupLoad; // its answer reaches the webview that is loaded then
    const load = this.readGroup(requestId).finally(() => {
      if (this.groupLoad === load) this.groupLoad = undefined;
    });
    this.groupLoad = load;
    return load;
  }

  private async readGroup(requestId: string | undefined): Promise<void> {
    const id = requestId ? { requestId } : {};
    try {
      const [engine, client] = await Promise.all([loadEngine(), this.services.client(this.cluster.id)]);
      const description = await client.describeGroup(this.group);
      const [lag, topics] = await Promise.all([engine.groupLag(client, this.group, { description }), client.listTopics()]);
      this.groupInfo = m.groupInfoView(description, lag, topics);
      this.post({ type: 'group', ...id, info: this.groupInfo });
    } catch (e) {
      this.services.log.warn(vscode.l10n.t('Reset form: could not read group "{0}" on {1}: {2}', this.group, this.cluster.name, describeError(e)));
      this.post({ type: 'groupError', ...id, message: describeError(e) });
    }
  }

  private async preview(requestId: string, input: FormInput): Promise<void> {
    this.latestPreview = requestId;
    // A new preview replaces the old plan at once: Reset always applies the latest preview shown.
    this.current = undefined;
    const r = m.formRequest(input, this.group);
    if (!r.ok) return this.post({ type: 'invalid', requestId, issues: r.issues });

    this.post({ type: 'status', requestId, message: vscode.l10n.t('Reading the offsets of group "{0}"…', this.group) });
    let plan: Plan;
    let subset: number[] | undefined;
    let group: GroupDescription | undefined;
    try {
      const [engine, client] = await Promise.all([loadEngine(), this.services.client(this.cluster.id)]);
      // The description decides the engine (share groups move start offsets) and feeds the warnings.
      const d = await client.describeGroup(this.group).catch(() => undefined);
      // With the time of the message at each target ("Restarts at"): one more Fetch per leader.
      const full = await engine.planForGroup(client, r.request, { ...(d ? { description: d } : {}), targetTimestamps: true });
      ({ plan, subset } = m.restrictPlan(full, r.subset));
      group = d;
    } catch (e) {
      if (!isKafkaOffsetsError(e)) this.services.log.error(vscode.l10n.t('Reset form preview failed: {0}', describeError(e)));
      return this.post({ type: 'error', requestId, message: describeError(e) });
    }
    const engine = await loadEngine();
    const command = equivalentCommand(this.cluster.brokers, plan, { partitions: subset });
    const summary = planSummary(plan, subset);
    const what = engine.describeSpec(plan) + (subset ? vscode.l10n.t(', partitions {0}', subset.join(', ')) : '');
    const message: Extract<HostToWebview, { type: 'preview' }> = {
      type: 'preview',
      requestId,
      planId: requestId,
      summary,
      description: what,
      rows: plan.rows.map(m.planRowView),
      totals: m.totalsView(plan),
      warnings: m.previewWarnings(plan, group),
      command,
      ...(plan.resolvedTimestamp !== undefined ? { resolvedTimestamp: new Date(plan.resolvedTimestamp).toISOString() } : {}),
      canReset: plan.rows.length > 0 && !plan.rows.some((row) => row.error),
    };
    if (this.latestPreview !== requestId) return; // a newer preview was asked for meanwhile
    this.current = { planId: requestId, request: r.request, plan, command, message };
    this.services.log.info(vscode.l10n.t('Reset form preview: group "{0}" on {1} — {2}; {3}', this.group, this.cluster.name, what, summary));
    this.post(message);
  }

  private async reset(requestId: string, planId: string): Promise<void> {
    if (this.busy) return this.post({ type: 'error', requestId, message: vscode.l10n.t('A reset or undo is already in progress in this panel.') });
    const cur = this.current;
    if (!cur || cur.planId !== planId) return this.post({ type: 'error', requestId, message: vscode.l10n.t('This preview is out of date: press Preview again.') });
    if (!cur.message.canReset) return this.post({ type: 'error', requestId, message: vscode.l10n.t('Some partitions of this plan cannot be reset: change the request and preview again.') });
    this.busy = requestId;
    try {
      this.post({ type: 'status', requestId, message: vscode.l10n.t('Confirm the reset in the dialog…') });
      const result = await this.confirmAndApply(this.services, this.cluster, cur.request, cur.plan);
      if (!result) return this.post({ type: 'cancelled', requestId, message: vscode.l10n.t('Reset cancelled: nothing changed.') });
      // The plan is used up: its "committed" column is history now.
      if (this.current === cur) this.current = undefined;
      const counts = resultCounts(result);
      const message: Extract<HostToWebview, { type: 'result' }> = {
        type: 'result',
        requestId,
        kind: 'reset',
        rows: result.rows.map((row) => m.resultRowView(row, 'reset')),
        ...counts,
        durationMs: result.durationMs,
        snapshotName: m.baseName(result.snapshotFile),
        canUndo: true,
      };
      this.lastResult = { snapshotFile: result.snapshotFile, message };
      this.post(message);
      void this.loadGroup(undefined, true);
    } catch (e) {
      if (!isKafkaOffsetsError(e)) this.services.log.error(vscode.l10n.t('Reset form: {0}', describeError(e)));
      this.post({ type: 'error', requestId, message: describeError(e) });
    } finally {
      this.busy = undefined;
    }
  }

  private async undo(requestId: string): Promise<void> {
    if (this.busy) return this.post({ type: 'error', requestId, message: vscode.l10n.t('A reset or undo is already in progress in this panel.') });
    const last = this.lastResult;
    if (!last?.message.canUndo) return this.post({ type: 'error', requestId, message: vscode.l10n.t('There is no reset from this panel to undo.') });
    this.busy = requestId;
    try {
      this.post({ type: 'status', requestId, message: vscode.l10n.t('Confirm the undo in the dialog…') });
      const snap = loadSnapshot(last.snapshotFile);
      const result = await confirmAndUndo(this.services, this.cluster, last.snapshotFile, snap);
      if (!result) return this.post({ type: 'cancelled', requestId, message: vscode.l10n.t('Undo cancelled: nothing changed.') });
      const counts = resultCounts(result);
      const message: Extract<HostToWebview, { type: 'result' }> = {
        type: 'result',
        requestId,
        kind: 'undo',
        rows: result.rows.map((row) => m.resultRowView(row, 'undo')),
        ...counts,
        durationMs: result.durationMs,
        snapshotName: m.baseName(result.snapshotFile),
        // "Kafka: Undo Last Reset" can undo the undo (its own snapshot); the form offers one level.
        canUndo: false,
      };
      this.lastResult = { snapshotFile: result.snapshotFile, message };
      this.current = undefined;
      this.post(message);
      void this.loadGroup(undefined, true);
    } catch (e) {
      if (!isKafkaOffsetsError(e)) this.services.log.error(vscode.l10n.t('Reset form undo: {0}', describeError(e)));
      this.post({ type: 'error', requestId, message: describeError(e) });
    } finally {
      this.busy = undefined;
    }
  }
}

/** { topic, partition } without the keys that are undefined (messages carry only what is known). */
function definedOnly(t: { topic?: string; partition?: number }): { topic?: string; partition?: number } {
  return { ...(t.topic !== undefined ? { topic: t.topic } : {}), ...(t.partition !== undefined ? { partition: t.partition } : {}) };
}
