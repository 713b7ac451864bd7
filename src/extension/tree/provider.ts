/**
 * The "Consumer Groups" view (Cluster → Group → Topic → Partition) as a vscode TreeDataProvider: a thin
 * layer over the GroupsStore (./store, what is known and how it loads) and ./items (what each node
 * shows). It turns store changes into onDidChangeTreeData events for the very node objects VS Code
 * holds, shows loads as the view's progress bar, follows the settings and runs the auto-refresh timer.
 */
import * as vscode from 'vscode';
import type { GroupDescription, GroupLag, GroupListing } from '../../core/types';
import type { OffsetSample } from '../../core/catchUp';
import type { ClusterServices } from '../clusters';
import { t } from '../l10n';
import { SECTION, autoRefreshSeconds, groupFilter, groupSort, onlyGroupsWithLag } from '../settings';
import { kafkaEnginePort } from './enginePort';
import { GROUPS_PER_PAGE, itemFor, type ItemSource, type ItemSpec } from './items';
import { NodeCache, type TreeNode } from './nodes';
import { selectionDescription } from './selection';
import { LiveRefresh, updatedText } from './liveRefresh';
import { LAG_MARK_SCHEME, markColor, sharedPrefix } from './lagMark';
import { visible as shownId } from '../../core/display';
import { GroupsStore } from './store';
import { TurnBatch } from './turnBatch';
import { walkthroughEvent } from '../walkthrough';

export const VIEW_ID = 'kafkaOffsets.groups';

export class GroupsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new NodeCache();
  private readonly store: GroupsStore;
  private readonly source: ItemSource;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly live: LiveRefresh;
  /** Connection failures commands met on clusters the tree has not listed (or listed before): shown on the cluster row. */
  private readonly trouble = new Map<string, string>();
  /** Per cluster, how many group rows the view hands VS Code (pages of GROUPS_PER_PAGE, ./items). */
  private readonly pages = new Map<string, number>();
  /** Per cluster, the groups whose rows VS Code was given: a change of any other group is not VS Code's business. */
  private readonly handedOut = new Map<string, Set<string>>();
  /** Per cluster, the start all its shown group ids share: their rows show the rest (./lagMark). */
  private readonly prefixes = new Map<string, string>();
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly services: ClusterServices) {
    this.store = new GroupsStore({
      engine: kafkaEnginePort(services),
      log: services.log,
      clusterName: (id) => services.clusters().find((c) => c.id === id)?.name ?? id,
      groupFilter,
      groupSort,
      onlyGroupsWithLag,
      implicit: () => services.implicit,
      rowShown: (clusterId, groupId) => !!this.handedOut.get(clusterId)?.has(groupId),
      track: (work) => void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => work.catch(() => undefined)),
    });
    this.source = {
      clusterEntry: (id) => services.clusters().find((c) => c.id === id),
      clusterCount: () => services.clusters().length,
      implicit: () => services.implicit,
      clusterFailed: (id) => !!this.store.cluster(id)?.error || this.trouble.has(id),
      sharedPrefix: (id) => this.prefixes.get(id) ?? '',
      clusterError: (id) => this.store.cluster(id)?.error ?? this.trouble.get(id),
      group: (clusterId, groupId) => this.store.group(clusterId, groupId),
    };
    this.disposables.push(
      // The colour of a group row's label (./lagMark): its resourceUri path names the mark.
      vscode.window.registerFileDecorationProvider({
        provideFileDecoration: (uri) => {
          const color = uri.scheme === LAG_MARK_SCHEME ? markColor(uri.path) : undefined;
          return color ? new vscode.FileDecoration(undefined, undefined, new vscode.ThemeColor(color)) : undefined;
        },
      }),
      this.store,
      this.store.onDidChange((c) => {
        // The walkthrough's "Look at lag" ticks once a group's lag has reached a visible view.
        if (c?.groupId !== undefined && this.view?.visible && this.store.group(c.clusterId, c.groupId)?.lag) walkthroughEvent('lagViewed');
        if (c?.groupId !== undefined && !this.handedOut.get(c.clusterId)?.has(c.groupId)) return;
        this.queueChange(c === undefined ? undefined : c.groupId === undefined ? this.nodes.cluster(c.clusterId) : this.nodes.group(c.clusterId, c.groupId));
      }),
      services.onDidHaveTrouble((e) => {
        this.trouble.set(e.clusterId, e.reason);
        this.changed.fire(this.nodes.cluster(e.clusterId));
      }),
      // A reset changed a group's offsets (or created a group): reload it.
      services.onDidChangeGroups((e) => void this.store.refresh(e.clusterId, e.group)),
      services.onDidChangeClusters(() => {
        // Settings changed which clusters exist or how to reach them: start over.
        this.nodes.clear();
        this.trouble.clear();
        this.pages.clear();
        this.handedOut.clear();
        this.store.reset();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['groupFilter', 'groupSort', 'onlyGroupsWithLag'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) {
          this.store.filterChanged();
          this.describe();
        }
        if (e.affectsConfiguration(`${SECTION}.autoRefreshSeconds`)) this.live.schedule();
      }),
    );
    this.live = new LiveRefresh({
      seconds: autoRefreshSeconds,
      visible: () => !!this.view?.visible,
      busy: () => this.store.busy(),
      // Until every group's lag is read again: "updated just now" only once the numbers are.
      reload: () => this.store.refresh().then(() => this.store.idle()),
      onText: () => this.describe(),
    });
    this.live.schedule();
  }

  /** VS Code is told once per turn, with every changed row, and the description counted once (./turnBatch). */
  private readonly batch = new TurnBatch<TreeNode>((nodes) => {
    this.changed.fire(nodes);
    this.describe();
  });

  private queueChange(node: TreeNode | undefined): void {
    this.batch.add(node);
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.disposables.push(view.onDidChangeVisibility((e) => e.visible && this.live.shown()));
    this.describe();
  }

  /** The view's description: "3 of 343 groups · filter: orders-*", so a saved filter is never invisible. */
  description(): string | undefined {
    return selectionDescription(this.store.counts(), this.store.selection());
  }

  private describe(): void {
    if (!this.view) return;
    const text = this.description();
    // How old the numbers are: a live consumer is debugged by watching lag move, so say when it was read.
    const age = this.live.ageSeconds();
    const withAge = text && age !== undefined ? `${text} · ${updatedText(age, t)}` : text;
    if (this.view.description !== withAge) this.view.description = withAge;
    // Alone in its container the view's title merges into the container's, and a narrow side bar cuts
    // the description off: while something hides groups, say it above the tree too.
    const sel = this.store.selection();
    const message = text && (sel.filter.trim() !== '' || sel.onlyLagging) ? withAge : undefined;
    if (this.view.message !== message) this.view.message = message;
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
        const topic = this.store.group(el.clusterId, el.groupId)?.lag?.topics.find((x) => x.topic === el.topic);
        return (topic?.partitions ?? []).map((p) => this.nodes.partition(el.clusterId, el.groupId, el.topic, p.partition));
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
      await this.store.ensureListed(id);
      const unreachable = !!this.store.cluster(id)?.unreachable;
      void vscode.commands.executeCommand('setContext', 'kafkaOffsets.localUnreachable', unreachable);
      if (unreachable) return [];
    } else {
      void vscode.commands.executeCommand('setContext', 'kafkaOffsets.localUnreachable', false);
    }
    return clusters.map((c) => this.nodes.cluster(c.id));
  }

  private async clusterChildren(clusterId: string): Promise<TreeNode[]> {
    await this.store.ensureListed(clusterId);
    const m = this.store.cluster(clusterId)!;
    if (m.error) return [this.nodes.message(clusterId, undefined, 'error', m.error)];
    walkthroughEvent('connected');
    if (this.trouble.delete(clusterId)) this.changed.fire(this.nodes.cluster(clusterId));
    if (this.live.ageSeconds() === undefined) this.live.stamp();
    const visible = this.store.visibleGroups(clusterId);
    if (visible.length === 0) {
      const text =
        m.groups.size === 0
          ? vscode.l10n.t('No consumer groups on this cluster')
          : onlyGroupsWithLag() && groupFilter().trim() === ''
            ? vscode.l10n.t('No group has lag ({0} hidden)', m.groups.size)
            : vscode.l10n.t('No group matches the filter "{0}"{1} ({2} hidden)', groupFilter(), onlyGroupsWithLag() ? vscode.l10n.t(' with lag') : '', m.groups.size);
      return [this.nodes.message(clusterId, undefined, 'info', text)];
    }
    // A page of rows, not thousands: VS Code builds, sends and re-renders every row it is given.
    const limit = this.pages.get(clusterId) ?? GROUPS_PER_PAGE;
    const page = visible.length > limit ? visible.slice(0, limit) : visible;
    this.handedOut.set(clusterId, new Set(page.map((g) => g.listing.groupId)));
    const prefix = sharedPrefix(visible.map((g) => shownId(g.listing.groupId)));
    if ((this.prefixes.get(clusterId) ?? '') !== prefix) {
      this.prefixes.set(clusterId, prefix);
      // The cluster row names the prefix: refresh it (its children are being returned right now).
      setTimeout(() => this.changed.fire(this.nodes.cluster(clusterId)), 0);
    }
    const rows: TreeNode[] = page.map((g) => this.nodes.group(clusterId, g.listing.groupId));
    if (page.length < visible.length) rows.push(this.nodes.more(clusterId, visible.length - page.length));
    return rows;
  }

  /** "Show more" on a long cluster: the next page of its rows. */
  showMore(clusterId: string): void {
    this.pages.set(clusterId, (this.pages.get(clusterId) ?? GROUPS_PER_PAGE) + GROUPS_PER_PAGE);
    this.changed.fire(this.nodes.cluster(clusterId));
  }

  private async groupChildren(clusterId: string, groupId: string): Promise<TreeNode[]> {
    // The store keeps this object (and fills it in) even if a new listing drops the group meanwhile.
    const g = this.store.group(clusterId, groupId);
    if (!g) return [];
    await this.store.ensureLag(clusterId, groupId);
    if (g.error && !g.lag) return [this.nodes.message(clusterId, groupId, 'error', g.error)];
    const hidden = (g.lag?.hiddenTopics ?? []).map((h) => this.nodes.hiddenTopic(clusterId, groupId, h.topic));
    if (!g.lag || g.lag.topics.length + hidden.length === 0)
      return [this.nodes.message(clusterId, groupId, 'info', vscode.l10n.t('No committed offsets and no assigned partitions'))];
    return [...g.lag.topics.map((t) => this.nodes.topic(clusterId, groupId, t.topic)), ...hidden];
  }

  getTreeItem(el: TreeNode): vscode.TreeItem {
    // Group tooltips on hover only (resolveTreeItem): thousands of Markdown tooltips per refresh cost
    // the extension host more than the rows themselves.
    return toTreeItem(itemFor(el, this.source, { groupTooltip: false }));
  }

  resolveTreeItem(item: vscode.TreeItem, el: TreeNode): vscode.TreeItem {
    if (el.kind === 'group') item.tooltip = toTreeItem(itemFor(el, this.source)).tooltip;
    return item;
  }

  // -- refresh ----------------------------------------------------------------------------------

  /**
   * Reload everything that was loaded (no argument), one cluster, or one group. Accepts tree nodes
   * (menus, the Retry of an error row) and ids.
   */
  async refresh(target?: TreeNode | string, group?: string): Promise<void> {
    if (target === undefined) return this.live.run(() => this.store.refresh().then(() => this.store.idle()));
    if (typeof target === 'string') return this.store.refresh(target, group);
    if (target.kind === 'cluster' || target.kind === 'more' || (target.kind === 'message' && !target.groupId)) return this.store.refresh(target.clusterId);
    return this.store.refresh(target.clusterId, target.groupId!);
  }

  // -- for commands and tests -------------------------------------------------------------------

  /** What the tree currently knows about a group (undefined if not loaded). */
  groupInfo(clusterId: string, groupId: string): { listing: GroupListing; description?: GroupDescription; lag?: GroupLag; error?: string } | undefined {
    return this.store.groupInfo(clusterId, groupId);
  }

  /** The group's sampled offsets, oldest first (the Group Details chart). */
  history(clusterId: string, groupId: string): readonly OffsetSample[] {
    return this.store.history(clusterId, groupId);
  }

  /** A group's lag was read: one more sample in its history. */
  onDidSample(listener: (e: { clusterId: string; groupId: string }) => void): { dispose(): void } {
    return this.store.onDidSample(listener);
  }

  /** Read one group's lag now (one more sample), listing its cluster first if the tree has not. */
  async sample(clusterId: string, groupId: string): Promise<void> {
    await this.store.ensureListed(clusterId);
    await this.store.refresh(clusterId, groupId);
  }

  /** Resolves when every load in flight has finished (tests wait on this instead of sleeping). */
  idle(): Promise<void> {
    return this.store.idle();
  }

  dispose(): void {
    this.live.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function toTreeItem(spec: ItemSpec): vscode.TreeItem {
  const state = { none: vscode.TreeItemCollapsibleState.None, collapsed: vscode.TreeItemCollapsibleState.Collapsed, expanded: vscode.TreeItemCollapsibleState.Expanded };
  const item = new vscode.TreeItem(spec.label, state[spec.collapsible]);
  item.id = spec.id;
  if (spec.description !== undefined) item.description = spec.description;
  if (spec.tooltip !== undefined) item.tooltip = typeof spec.tooltip === 'string' ? spec.tooltip : markdown(spec.tooltip.markdown);
  if (spec.icon) item.iconPath = new vscode.ThemeIcon(spec.icon.id, spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined);
  if (spec.contextValue !== undefined) item.contextValue = spec.contextValue;
  if (spec.accessibilityLabel !== undefined) item.accessibilityInformation = { label: spec.accessibilityLabel };
  if (spec.command) item.command = spec.command;
  if (spec.resourceUri) item.resourceUri = vscode.Uri.parse(spec.resourceUri);
  return item;
}

function markdown(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.supportThemeIcons = false;
  m.isTrusted = false;
  return m;
}
