/**
 * The "Consumer Groups" view: Cluster → Group → Topic → Partition.
 *
 * Loading is split so a cluster with hundreds of groups lists quickly: the cluster's children are the
 * result of one ListGroups round (awaited when first expanded), then every visible group's lag is read
 * in the background with bounded concurrency, and each group node is refreshed as its lag arrives.
 * A refresh re-lists and re-reads, but fires change events only for what actually changed, so
 * expanded nodes stay expanded and nothing flickers.
 *
 * The model (GroupListing, GroupDescription, GroupLag from src/core) is plain data; TreeItems are made
 * in getTreeItem() from it, with the strings from ./format.
 */
import * as vscode from 'vscode';
import type { GroupDescription, GroupLag, GroupListing, PartitionLag } from '../core/types';
import { describeError, isKafkaOffsetsError } from '../core/errors';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import { loadEngine } from './engine';
import * as f from './format';
import { SECTION, autoRefreshSeconds, groupFilter } from './settings';

export const VIEW_ID = 'kafkaOffsets.groups';
/** Groups per allGroupsLag call: the first nodes fill in while a large cluster is still being read. */
const LAG_BATCH = 50;

export interface ClusterNode {
  kind: 'cluster';
  id: string;
  clusterId: string;
}
export interface GroupNode {
  kind: 'group';
  id: string;
  clusterId: string;
  groupId: string;
}
export interface TopicNode {
  kind: 'topic';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
}
export interface PartitionNode {
  kind: 'partition';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
  partition: number;
}
/** A placeholder with a reason: an error (with Retry) or "nothing here". */
export interface MessageNode {
  kind: 'message';
  id: string;
  clusterId: string;
  groupId?: string;
  severity: 'error' | 'info';
  text: string;
}
/** A topic with committed offsets of the group that the cluster does not describe (deleted / unauthorized). */
export interface HiddenTopicNode {
  kind: 'hiddenTopic';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
}
export type TreeNode = ClusterNode | GroupNode | TopicNode | PartitionNode | MessageNode | HiddenTopicNode;

interface GroupModel {
  listing: GroupListing;
  description?: GroupDescription;
  lag?: GroupLag;
  error?: string;
  loading?: Promise<void>;
  /** What the node last showed; a refresh fires a change only when this differs. */
  shown?: string;
}

interface ClusterModel {
  loaded: boolean;
  listing?: Promise<void>;
  error?: string;
  unreachable?: boolean;
  /** Every group the cluster listed (the filter applies when showing). */
  groups: Map<string, GroupModel>;
  /** Aborts the background lag reads of the previous load when a new one starts. */
  lagAbort?: AbortController;
}

export class GroupsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly models = new Map<string, ClusterModel>();
  /** One object per node id: VS Code matches change events to nodes by object identity. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setInterval> | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly services: ClusterServices) {
    services.setRefresher((clusterId, group) => void this.refresh(clusterId, group));
    this.disposables.push(
      services.onDidChangeClusters(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.groupFilter`)) this.filterChanged();
        if (e.affectsConfiguration(`${SECTION}.autoRefreshSeconds`)) this.schedule();
      }),
    );
    this.schedule();
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  // -- nodes ------------------------------------------------------------------------------------

  private node<T extends TreeNode>(n: T): T {
    const existing = this.nodes.get(n.id);
    if (existing && existing.kind === n.kind) {
      // Message nodes with the same id may carry a new text: update in place, keep the identity.
      if (n.kind === 'message') Object.assign(existing, n);
      return existing as T;
    }
    this.nodes.set(n.id, n);
    return n;
  }

  clusterNode(clusterId: string): ClusterNode {
    return this.node({ kind: 'cluster', id: JSON.stringify(['c', clusterId]), clusterId });
  }

  groupNode(clusterId: string, groupId: string): GroupNode {
    return this.node({ kind: 'group', id: JSON.stringify(['g', clusterId, groupId]), clusterId, groupId });
  }

  private topicNode(clusterId: string, groupId: string, topic: string): TopicNode {
    return this.node({ kind: 'topic', id: JSON.stringify(['t', clusterId, groupId, topic]), clusterId, groupId, topic });
  }

  private hiddenTopicNode(clusterId: string, groupId: string, topic: string): HiddenTopicNode {
    return this.node({ kind: 'hiddenTopic', id: JSON.stringify(['h', clusterId, groupId, topic]), clusterId, groupId, topic });
  }

  private partitionNode(clusterId: string, groupId: string, topic: string, partition: number): PartitionNode {
    return this.node({ kind: 'partition', id: JSON.stringify(['p', clusterId, groupId, topic, partition]), clusterId, groupId, topic, partition });
  }

  private messageNode(clusterId: string, groupId: string | undefined, severity: 'error' | 'info', text: string): MessageNode {
    return this.node({ kind: 'message', id: JSON.stringify(['m', clusterId, groupId ?? null]), clusterId, groupId, severity, text });
  }

  // -- children ---------------------------------------------------------------------------------

  async getChildren(el?: TreeNode): Promise<TreeNode[]> {
    if (!el) return this.rootChildren();
    switch (el.kind) {
      case 'cluster':
        return this.clusterChildren(el.clusterId);
      case 'group':
        return this.groupChildren(el.clusterId, el.groupId);
      case 'topic': {
        const lag = this.models.get(el.clusterId)?.groups.get(el.groupId)?.lag;
        const topic = lag?.topics.find((x) => x.topic === el.topic);
        return (topic?.partitions ?? []).map((p) => this.partitionNode(el.clusterId, el.groupId, el.topic, p.partition));
      }
      default:
        return [];
    }
  }

  private async rootChildren(): Promise<TreeNode[]> {
    const clusters = this.services.clusters();
    if (this.services.implicit) {
      // Nothing configured: if the default local broker does not answer either, an empty tree lets
      // the welcome view ("Add Cluster", "Start a local broker") explain what to do.
      const id = clusters[0].id;
      await this.ensureListed(id);
      const unreachable = !!this.models.get(id)?.unreachable;
      void vscode.commands.executeCommand('setContext', 'kafkaOffsets.localUnreachable', unreachable);
      if (unreachable) return [];
    } else {
      void vscode.commands.executeCommand('setContext', 'kafkaOffsets.localUnreachable', false);
    }
    return clusters.map((c) => this.clusterNode(c.id));
  }

  private async clusterChildren(clusterId: string): Promise<TreeNode[]> {
    await this.ensureListed(clusterId);
    const m = this.models.get(clusterId)!;
    if (m.error) return [this.messageNode(clusterId, undefined, 'error', m.error)];
    const visible = this.visibleGroups(m);
    if (visible.length === 0) {
      const filter = groupFilter();
      const text =
        m.groups.size === 0
          ? vscode.l10n.t('No consumer groups on this cluster')
          : vscode.l10n.t('No group matches the filter "{0}" ({1} hidden)', filter, m.groups.size);
      return [this.messageNode(clusterId, undefined, 'info', text)];
    }
    return visible.map((g) => this.groupNode(clusterId, g.listing.groupId));
  }

  private async groupChildren(clusterId: string, groupId: string): Promise<TreeNode[]> {
    const m = this.models.get(clusterId);
    const g = m?.groups.get(groupId);
    if (!m || !g) return [];
    if (!g.lag && !g.error) await this.loadGroup(clusterId, g, m.lagAbort?.signal);
    if (g.error && !g.lag) return [this.messageNode(clusterId, groupId, 'error', g.error)];
    const hidden = (g.lag?.hiddenTopics ?? []).map((h) => this.hiddenTopicNode(clusterId, groupId, h.topic));
    if (!g.lag || g.lag.topics.length + hidden.length === 0)
      return [this.messageNode(clusterId, groupId, 'info', vscode.l10n.t('No committed offsets and no assigned partitions'))];
    return [...g.lag.topics.map((t) => this.topicNode(clusterId, groupId, t.topic)), ...hidden];
  }

  private visibleGroups(m: ClusterModel): GroupModel[] {
    const match = f.groupMatcher(groupFilter());
    return [...m.groups.values()].filter((g) => match(g.listing.groupId));
  }

  // -- tree items -------------------------------------------------------------------------------

  getTreeItem(el: TreeNode): vscode.TreeItem {
    switch (el.kind) {
      case 'cluster':
        return this.clusterItem(el);
      case 'group':
        return this.groupItem(el);
      case 'topic':
        return this.topicItem(el);
      case 'partition':
        return this.partitionItem(el);
      case 'message':
        return this.messageItem(el);
      case 'hiddenTopic':
        return this.hiddenTopicItem(el);
    }
  }

  private clusterItem(el: ClusterNode): vscode.TreeItem {
    const c = this.findCluster(el.clusterId);
    const m = this.models.get(el.clusterId);
    const single = this.services.clusters().length === 1;
    const item = new vscode.TreeItem(c?.name ?? el.clusterId, single ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = el.id;
    if (c) {
      item.description = f.clusterDescription(c);
      item.tooltip = markdown(f.clusterTooltip(c, this.services.implicit));
    }
    item.iconPath = m?.error ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsErrorIcon.foreground')) : new vscode.ThemeIcon('server-environment');
    item.contextValue = this.services.implicit ? 'cluster:implicit' : 'cluster';
    item.accessibilityInformation = { label: vscode.l10n.t('Kafka cluster {0}, brokers {1}', c?.name ?? el.clusterId, c ? f.clusterDescription(c) : '') };
    return item;
  }

  private groupView(g: GroupModel): f.GroupView {
    return {
      state: g.listing.state,
      lag: g.lag?.lag,
      members: g.description?.members.length,
      loading: !!g.loading,
      error: g.error,
    };
  }

  private groupItem(el: GroupNode): vscode.TreeItem {
    const g = this.models.get(el.clusterId)?.groups.get(el.groupId);
    const item = new vscode.TreeItem(el.groupId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = el.id;
    if (!g) return item;
    const view = this.groupView(g);
    item.description = f.groupDescription(view);
    const icon = f.groupIcon(g.listing.state, g.lag?.lag, g.description?.members.length);
    item.iconPath = themeIcon(icon);
    item.tooltip = markdown(
      f.groupTooltip(el.groupId, g.listing.state, g.description, g.lag ? { lag: g.lag.lag, topics: g.lag.topics.length } : undefined, g.error),
    );
    item.contextValue = f.groupContextValue(g.listing.state);
    item.accessibilityInformation = { label: f.groupAccessibilityLabel(el.groupId, view) };
    return item;
  }

  private topicItem(el: TopicNode): vscode.TreeItem {
    const t = this.models.get(el.clusterId)?.groups.get(el.groupId)?.lag?.topics.find((x) => x.topic === el.topic);
    const item = new vscode.TreeItem(el.topic, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = el.id;
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'topic';
    if (t) {
      item.description = f.topicDescription(t);
      item.accessibilityInformation = { label: vscode.l10n.t('Topic {0}, {1}', el.topic, item.description) };
    }
    return item;
  }

  private partitionItem(el: PartitionNode): vscode.TreeItem {
    const p = this.partition(el);
    const item = new vscode.TreeItem(f.partitionLabel(el), vscode.TreeItemCollapsibleState.None);
    item.id = el.id;
    item.contextValue = 'partition';
    if (p) {
      item.description = f.partitionDescription(p);
      item.tooltip = markdown(f.partitionTooltip(p));
      item.iconPath = new vscode.ThemeIcon(p.committed === null ? 'circle-small' : 'symbol-field');
      item.accessibilityInformation = { label: vscode.l10n.t('Partition {0} of {1}, {2}', el.partition, el.topic, item.description) };
    }
    return item;
  }

  private hiddenTopicItem(el: HiddenTopicNode): vscode.TreeItem {
    const h = this.models.get(el.clusterId)?.groups.get(el.groupId)?.lag?.hiddenTopics?.find((x) => x.topic === el.topic);
    const item = new vscode.TreeItem(el.topic, vscode.TreeItemCollapsibleState.None);
    item.id = el.id;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = 'hiddenTopic';
    if (h) {
      const v = f.hiddenTopicView(h);
      item.description = v.description;
      item.tooltip = markdown(v.tooltip);
      item.accessibilityInformation = { label: vscode.l10n.t('Topic {0}, {1}', el.topic, v.description) };
    }
    return item;
  }

  private messageItem(el: MessageNode): vscode.TreeItem {
    const item = new vscode.TreeItem(el.text, vscode.TreeItemCollapsibleState.None);
    item.id = el.id;
    if (el.severity === 'error') {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.contextValue = 'error';
      item.tooltip = markdown(`${f.md(el.text)}\n\n${vscode.l10n.t('Click to retry.')}`);
      // Clicking the reason retries, so the keyboard path is as short as the inline Retry button.
      item.command = { command: 'kafkaOffsets.refresh', title: vscode.l10n.t('Retry'), arguments: [el] };
    } else {
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = 'info';
      item.tooltip = el.text;
    }
    return item;
  }

  private partition(el: PartitionNode): PartitionLag | undefined {
    const lag = this.models.get(el.clusterId)?.groups.get(el.groupId)?.lag;
    return lag?.topics.find((t) => t.topic === el.topic)?.partitions.find((p) => p.partition === el.partition);
  }

  private findCluster(clusterId: string): ClusterEntry | undefined {
    return this.services.clusters().find((c) => c.id === clusterId);
  }

  // -- loading ----------------------------------------------------------------------------------

  private model(clusterId: string): ClusterModel {
    let m = this.models.get(clusterId);
    if (!m) {
      m = { loaded: false, groups: new Map() };
      this.models.set(clusterId, m);
    }
    return m;
  }

  /** List the cluster's groups if that has not happened yet. */
  private async ensureListed(clusterId: string): Promise<void> {
    const m = this.model(clusterId);
    if (!m.loaded) await this.listGroups(clusterId);
  }

  /**
   * Every group with its state and members (ListGroups + DescribeGroups: two requests per broker, for
   * any number of groups), then, in the background, the lag of every visible group. Resolves once the
   * group list is known. Concurrent calls share the running listing.
   */
  private listGroups(clusterId: string): Promise<void> {
    const m = this.model(clusterId);
    if (m.listing) return m.listing;
    const wasLoaded = m.loaded;
    const run = async () => {
      try {
        const client = await this.services.client(clusterId);
        const described = await client.describeAllGroups();
        const before = [...m.groups.keys()].join('\n');
        const hadError = !!m.error;
        const next = new Map<string, GroupModel>();
        for (const d of described) {
          const g = m.groups.get(d.groupId) ?? { listing: { groupId: d.groupId, state: d.state, protocolType: d.protocolType } };
          g.listing = { groupId: d.groupId, state: d.state, protocolType: d.protocolType };
          g.description = d;
          next.set(d.groupId, g);
        }
        m.groups = next;
        m.loaded = true;
        m.error = undefined;
        m.unreachable = false;
        // Only a different set of groups changes the cluster's children; states show on the groups.
        if (wasLoaded && (hadError || before !== [...next.keys()].join('\n'))) this.changed.fire(this.clusterNode(clusterId));
      } catch (e) {
        const message = describeError(e);
        const changed = m.error !== message || !wasLoaded;
        m.loaded = true;
        m.error = message;
        m.unreachable = isKafkaOffsetsError(e) && (e.kind === 'unreachable' || e.kind === 'timeout');
        m.lagAbort?.abort();
        this.services.log.error(vscode.l10n.t('Cluster "{0}": {1}', this.findCluster(clusterId)?.name ?? clusterId, message));
        if (wasLoaded && changed) {
          this.changed.fire(this.clusterNode(clusterId));
          if (this.services.implicit) this.changed.fire();
        }
        return;
      }
      void this.loadLags(clusterId, this.visibleGroups(m), true);
    };
    m.listing = this.withViewProgress(run()).finally(() => (m.listing = undefined));
    return m.listing;
  }

  /**
   * Lag of many groups with the engine's batched allGroupsLag (one OffsetFetch per coordinator, and
   * log offsets once for all their partitions), LAG_BATCH groups at a time so that on a large cluster
   * the first nodes fill in while the rest is still being read.
   */
  private async loadLags(clusterId: string, groups: GroupModel[], justDescribed = false): Promise<void> {
    const m = this.model(clusterId);
    m.lagAbort?.abort();
    const abort = new AbortController();
    m.lagAbort = abort;
    const batches: GroupModel[][] = [];
    for (let i = 0; i < groups.length; i += LAG_BATCH) batches.push(groups.slice(i, i + LAG_BATCH));
    const run = async () => {
      for (const batch of batches) {
        if (abort.signal.aborted) return;
        const pending = this.loadBatch(clusterId, batch, abort, justDescribed);
        for (const g of batch) {
          if (g.loading) continue;
          const mine: Promise<void> = pending.finally(() => {
            if (g.loading === mine) g.loading = undefined;
          });
          g.loading = mine;
        }
        await pending;
      }
    };
    await this.withViewProgress(run());
  }

  private async loadBatch(clusterId: string, batch: GroupModel[], abort: AbortController, justDescribed: boolean): Promise<void> {
    const ids = new Set(batch.map((g) => g.listing.groupId));
    const m = this.model(clusterId);
    try {
      const [engine, client] = await Promise.all([loadEngine(), this.services.client(clusterId)]);
      // Right after a listing, every group was described moments ago: reuse that, so a cluster with N
      // groups is not described N / LAG_BATCH times over. Otherwise (filter changed later), or when a
      // group lost its description (state changed since), the batch describes afresh.
      const descriptions = batch.map((g) => g.description);
      const fresh = justDescribed && descriptions.every((d) => d !== undefined);
      const entries = await engine.allGroupsLag(client, {
        filter: (g) => ids.has(g.groupId),
        descriptions: fresh ? (descriptions as GroupDescription[]) : undefined,
        signal: abort.signal,
      });
      for (const e of entries) {
        const g = m.groups.get(e.group.groupId);
        if (!g) continue;
        g.listing = e.group;
        if (g.description && g.description.state !== e.group.state) g.description = undefined;
        if (e.lag) {
          g.lag = e.lag;
          g.error = undefined;
        } else if (e.error) {
          g.error = e.error;
          this.services.log.warn(vscode.l10n.t('Lag of group "{0}": {1}', e.group.groupId, e.error));
        }
        this.fireIfShownChanged(clusterId, g);
      }
    } catch (e) {
      if (isKafkaOffsetsError(e) && e.kind === 'cancelled') return;
      this.lagFailed(clusterId, e);
    }
  }

  /** One group, fresh: describe + lag (after a reset, or when expanded before its batch arrived). */
  private loadGroup(clusterId: string, g: GroupModel, signal?: AbortSignal): Promise<void> {
    if (g.loading) return g.loading;
    const groupId = g.listing.groupId;
    const run = async () => {
      try {
        const [engine, client] = await Promise.all([loadEngine(), this.services.client(clusterId)]);
        const description = await client.describeGroup(groupId, { signal });
        const lag = await engine.groupLag(client, groupId, { description, signal });
        g.description = description;
        g.lag = lag;
        g.error = undefined;
        // The description is fresher than the listing's state.
        g.listing = { ...g.listing, state: description.state, protocolType: description.protocolType };
      } catch (e) {
        if (isKafkaOffsetsError(e) && e.kind === 'cancelled') return;
        if (isKafkaOffsetsError(e) && e.kind === 'unreachable') return this.lagFailed(clusterId, e);
        g.error = describeError(e);
        this.services.log.warn(vscode.l10n.t('Lag of group "{0}": {1}', groupId, g.error));
      }
      this.fireIfShownChanged(clusterId, g);
    };
    g.loading = run().finally(() => (g.loading = undefined));
    return g.loading;
  }

  /** The cluster went away while reading lag: stop asking, show it on the cluster node. */
  private lagFailed(clusterId: string, e: unknown): void {
    const m = this.model(clusterId);
    m.lagAbort?.abort();
    m.error = describeError(e);
    m.unreachable = isKafkaOffsetsError(e) && (e.kind === 'unreachable' || e.kind === 'timeout');
    this.services.log.error(vscode.l10n.t('Cluster "{0}": {1}', this.findCluster(clusterId)?.name ?? clusterId, m.error));
    this.changed.fire(this.clusterNode(clusterId));
  }

  private fireIfShownChanged(clusterId: string, g: GroupModel): void {
    const shown = shownState(g);
    if (shown !== g.shown) {
      g.shown = shown;
      this.changed.fire(this.groupNode(clusterId, g.listing.groupId));
    }
  }

  private withViewProgress<T>(p: Promise<T>): Promise<T> {
    void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => p.catch(() => undefined));
    return p;
  }

  // -- refresh ----------------------------------------------------------------------------------

  /**
   * Reload everything that was loaded (no argument), one cluster, or one group. Accepts tree nodes
   * (menus) and ids (Services.refresh, after a reset).
   */
  async refresh(target?: TreeNode | string, group?: string): Promise<void> {
    if (target === undefined) {
      const loaded = [...this.models.entries()].filter(([, m]) => m.loaded).map(([id]) => id);
      if (loaded.length === 0 || (this.services.implicit && this.models.get(loaded[0])?.unreachable)) {
        // Nothing loaded yet, or the welcome view is showing: let VS Code ask again from the root.
        this.models.clear();
        this.changed.fire();
        return;
      }
      await Promise.all(loaded.map((id) => this.refreshCluster(id)));
      return;
    }
    if (typeof target === 'string') {
      return group === undefined ? this.refreshCluster(target) : this.refreshGroup(target, group);
    }
    if (target.kind === 'cluster') return this.refreshCluster(target.clusterId);
    if (target.kind === 'message' && !target.groupId) return this.refreshCluster(target.clusterId);
    return this.refreshGroup(target.clusterId, target.groupId!);
  }

  private async refreshCluster(clusterId: string): Promise<void> {
    const m = this.models.get(clusterId);
    if (!m || !m.loaded) {
      this.changed.fire(this.clusterNode(clusterId));
      return;
    }
    if (this.services.implicit && m.unreachable) {
      this.models.delete(clusterId);
      this.changed.fire();
      return;
    }
    await this.listGroups(clusterId);
  }

  private async refreshGroup(clusterId: string, groupId: string): Promise<void> {
    const m = this.models.get(clusterId);
    if (!m?.loaded) return;
    let g = m.groups.get(groupId);
    if (!g) {
      // A reset can create a group (Dead → Empty with offsets): list again to show it.
      await this.listGroups(clusterId);
      return;
    }
    if (m.error) {
      await this.listGroups(clusterId);
      return;
    }
    g = m.groups.get(groupId)!;
    await this.withViewProgress(this.loadGroup(clusterId, g));
  }

  /** Settings changed which clusters exist or how to reach them: start over. */
  private reset(): void {
    for (const m of this.models.values()) m.lagAbort?.abort();
    this.models.clear();
    this.nodes.clear();
    this.changed.fire();
  }

  private filterChanged(): void {
    for (const [id, m] of this.models) {
      if (!m.loaded || m.error) continue;
      this.changed.fire(this.clusterNode(id));
      // Newly visible groups need their lag.
      const missing = this.visibleGroups(m).filter((g) => !g.lag && !g.loading);
      if (missing.length) void this.loadLags(id, missing);
    }
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = autoRefreshSeconds();
    if (seconds > 0)
      this.timer = setInterval(() => {
        // Only while someone can see it: a hidden view must not poll the cluster.
        if (this.view?.visible) void this.refresh();
      }, seconds * 1000);
  }

  // -- for commands and tests -------------------------------------------------------------------

  /** What the tree currently knows about a group (undefined if not loaded). */
  groupInfo(clusterId: string, groupId: string): { listing: GroupListing; description?: GroupDescription; lag?: GroupLag; error?: string } | undefined {
    const g = this.models.get(clusterId)?.groups.get(groupId);
    return g && { listing: g.listing, description: g.description, lag: g.lag, error: g.error };
  }

  /** Resolves when every load in flight has finished (tests wait on this instead of sleeping). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.models.values()].flatMap((m) => [m.listing, ...[...m.groups.values()].map((g) => g.loading)]).filter(Boolean);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
      // Let finally() handlers and timers run before looking again (never spin on microtasks).
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const m of this.models.values()) m.lagAbort?.abort();
    this.disposables.forEach((d) => d.dispose());
  }
}

function shownState(g: GroupModel): string {
  const parts: string[] = [g.listing.state, String(g.description?.members.length ?? ''), g.error ?? '', String(g.lag?.lag ?? '')];
  for (const m of g.description?.members ?? []) parts.push(`${m.clientId}@${m.host}`);
  for (const t of g.lag?.topics ?? []) for (const p of t.partitions) parts.push(`${t.topic}:${p.partition}:${p.committed}:${p.logStart}:${p.logEnd}:${p.owner?.memberId ?? ''}`);
  for (const h of g.lag?.hiddenTopics ?? []) parts.push(`${h.topic}:${h.reason}:${h.committed.map((c) => `${c.partition}=${c.offset}`).join(',')}`);
  return parts.join('|');
}

function markdown(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.supportThemeIcons = false;
  m.isTrusted = false;
  return m;
}

function themeIcon(spec: f.IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}
