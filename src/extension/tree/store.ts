/**
 * What the "Consumer Groups" view knows, and how it gets it: per cluster the listed groups, per group
 * its description, lag or error. No vscode import: Kafka is reached only through a TreeEnginePort
 * (./model; ./enginePort adapts the real engine, the unit tests use an in-memory fake).
 *
 * Loading is split so a cluster with thousands of groups shows them at once: a cluster's groups are
 * the result of one ListGroups per broker (on Kafka 4 it gives each group's type and state, KIP-1043;
 * older brokers are described instead), awaited when first expanded, and nothing else. Then every
 * visible group is described and its lag read in the background, in growing batches, the rows on
 * screen first, and a change is announced per group as its lag arrives. A refresh re-lists and
 * re-reads, but announces only what actually changed, so expanded nodes stay expanded and nothing
 * flickers.
 */
import type { GroupDescription, GroupLag, GroupListing } from '../../core/types';
import { describeError, isKafkaOffsetsError } from '../../core/errors';
import { recordSample, sampleOf, type OffsetSample } from '../../core/catchUp';
import { t } from '../l10n';
import { Emitter } from './emitter';
import { shownCount, shownGroups, undecided, type Selection } from './selection';
import { shownState, type ClusterModel, type GroupModel, type StoreChange, type StoreOptions } from './model';

export type { ClusterModel, GroupModel, StoreChange, StoreOptions, TreeEnginePort } from './model';

export class GroupsStore {
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;
  private readonly sampled = new Emitter<{ clusterId: string; groupId: string }>();
  /** A group's lag was read (its history grew), whether or not what its row shows changed. */
  readonly onDidSample = this.sampled.event;
  private readonly models = new Map<string, ClusterModel>();
  private readonly lagBatch: number;

  constructor(private readonly o: StoreOptions) {
    this.lagBatch = o.lagBatch ?? 50;
  }

  // -- reading ----------------------------------------------------------------------------------

  cluster(clusterId: string): Readonly<ClusterModel> | undefined {
    return this.models.get(clusterId);
  }

  group(clusterId: string, groupId: string): Readonly<GroupModel> | undefined {
    return this.models.get(clusterId)?.groups.get(groupId);
  }

  /** The listed groups the view shows (filter, "only groups with lag"), in the order it shows them. */
  visibleGroups(clusterId: string): Readonly<GroupModel>[] {
    const m = this.models.get(clusterId);
    return m ? shownGroups(m.groups.values(), this.selection()) : [];
  }

  /** What the view shows and why: the settings that choose, sort and filter groups. */
  selection(): Selection {
    return { filter: this.o.groupFilter(), sort: this.o.groupSort?.() ?? 'name', onlyLagging: this.o.onlyGroupsWithLag?.() ?? false };
  }

  /** Per listed cluster (errors excepted): how many groups are shown of how many listed. */
  counts(): Array<{ clusterId: string; shown: number; total: number }> {
    return [...this.models.entries()]
      .filter(([, m]) => m.loaded && !m.error)
      .map(([clusterId, m]) => ({ clusterId, shown: shownCount(m.groups.values(), this.selection()), total: m.groups.size }));
  }

  /**
   * The groups the filter keeps, whether or not they lag: the ones whose lag is read, in the order the
   * view shows them, so the rows on screen (the top ones) fill in with the first batch.
   */
  private visible(m: ClusterModel): GroupModel[] {
    return shownGroups(m.groups.values(), { ...this.selection(), onlyLagging: false });
  }

  private shownIds(m: ClusterModel): string {
    return JSON.stringify(shownGroups(m.groups.values(), this.selection()).map((g) => g.listing.groupId));
  }

  /** The group's sampled offsets, oldest first (empty until its lag was read). */
  history(clusterId: string, groupId: string): readonly OffsetSample[] {
    return this.models.get(clusterId)?.groups.get(groupId)?.history ?? [];
  }

  /** What the store currently knows about a group (undefined if not listed). */
  groupInfo(clusterId: string, groupId: string): { listing: GroupListing; description?: GroupDescription; lag?: GroupLag; error?: string } | undefined {
    const g = this.models.get(clusterId)?.groups.get(groupId);
    return g && { listing: g.listing, description: g.description, lag: g.lag, error: g.error };
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

  private track<T>(p: Promise<T>): Promise<T> {
    this.o.track?.(p);
    return p;
  }

  /** List the cluster's groups if that has not happened yet. */
  async ensureListed(clusterId: string): Promise<void> {
    const m = this.model(clusterId);
    if (!m.loaded) await this.listGroups(clusterId);
  }

  /** A listed group's lag, read now unless it is known (or failed) already: it was expanded before its batch arrived. */
  async ensureLag(clusterId: string, groupId: string): Promise<void> {
    const m = this.models.get(clusterId);
    const g = m?.groups.get(groupId);
    if (m && g && !g.lag && !g.error) await this.loadGroup(clusterId, g, m.lagAbort?.signal);
  }

  /**
   * Every group with its type and state (one ListGroups per broker on Kafka 4), then, in the
   * background, the description and lag of every visible group. Resolves once the group list is
   * known: the view shows the rows before any DescribeGroups or OffsetFetch. Concurrent calls share
   * the running listing.
   */
  private listGroups(clusterId: string): Promise<void> {
    const m = this.model(clusterId);
    if (m.listing) return m.listing;
    const wasLoaded = m.loaded;
    const run = async () => {
      try {
        const listed = await this.o.engine.listGroups(clusterId);
        const before = [...m.groups.keys()].join('\n');
        const hadError = !!m.error;
        const next = new Map<string, GroupModel>();
        for (const l of listed) {
          const g = m.groups.get(l.groupId) ?? { listing: l };
          // A description of another state is out of date (members joined or left): the batch reads it again.
          if (g.description && g.description.state !== l.state) g.description = undefined;
          g.listing = l;
          next.set(l.groupId, g);
        }
        m.groups = next;
        m.loaded = true;
        m.error = undefined;
        m.unreachable = false;
        m.shownIds = this.shownIds(m);
        // Only a different set of groups changes the cluster's children; states show on the groups.
        if (wasLoaded && (hadError || before !== [...next.keys()].join('\n'))) this.changed.fire({ clusterId });
      } catch (e) {
        const message = describeError(e);
        const changed = m.error !== message || !wasLoaded;
        m.loaded = true;
        m.error = message;
        m.unreachable = isKafkaOffsetsError(e) && (e.kind === 'unreachable' || e.kind === 'timeout');
        m.lagAbort?.abort();
        this.o.log.error(t('Cluster "{0}": {1}', this.o.clusterName(clusterId), message));
        if (wasLoaded && changed) {
          this.changed.fire({ clusterId });
          if (this.o.implicit()) this.changed.fire(undefined);
        }
        return;
      }
      // The groups the filter keeps first, then those that may match it by a topic once it is known.
      void this.loadLags(clusterId, [...this.visible(m), ...undecided(m.groups.values(), this.o.groupFilter())]);
    };
    m.listing = this.track(run()).finally(() => (m.listing = undefined));
    return m.listing;
  }

  /**
   * Lag of many groups with the engine's batched allGroupsLag (one OffsetFetch per coordinator, and
   * log offsets once for all their partitions): first lagBatch groups, so that on a large cluster the
   * top rows fill in at once, then batches 4× larger each time (up to MAX_LAG_BATCH), so 5,000 groups
   * take 6 rounds, not 100. Starting a new round aborts the last.
   */
  private async loadLags(clusterId: string, groups: GroupModel[]): Promise<void> {
    const m = this.model(clusterId);
    m.lagAbort?.abort();
    const abort = new AbortController();
    m.lagAbort = abort;
    const batches = growingBatches(groups, this.lagBatch);
    const run = async () => {
      for (const batch of batches) {
        if (abort.signal.aborted) return;
        const pending = this.loadBatch(clusterId, batch, abort);
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
    await this.track(run());
  }

  private async loadBatch(clusterId: string, batch: GroupModel[], abort: AbortController): Promise<void> {
    const m = this.model(clusterId);
    try {
      const entries = await this.o.engine.groupsLag(clusterId, { groups: batch.map((g) => g.listing), signal: abort.signal });
      for (const e of entries) {
        const g = m.groups.get(e.group.groupId);
        if (!g) continue;
        g.listing = e.group;
        g.description = e.description;
        if (e.lag) this.lagArrived(clusterId, g, e.lag);
        else if (e.error) {
          g.error = e.error;
          this.o.log.warn(t('Lag of group "{0}": {1}', e.group.groupId, e.error));
        }
        this.announceIfShownChanged(clusterId, g, false);
      }
      // Once per batch, not per group: the order is a sort of every listed group.
      this.announceIfOrderChanged(clusterId);
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
        const description = await this.o.engine.describeGroup(clusterId, groupId, { signal });
        const lag = await this.o.engine.groupLag(clusterId, groupId, { description, signal });
        g.description = description;
        this.lagArrived(clusterId, g, lag);
        // The description is fresher than the listing's state.
        g.listing = { ...g.listing, state: description.state, protocolType: description.protocolType };
      } catch (e) {
        if (isKafkaOffsetsError(e) && e.kind === 'cancelled') return;
        if (isKafkaOffsetsError(e) && e.kind === 'unreachable') return this.lagFailed(clusterId, e);
        g.error = describeError(e);
        this.o.log.warn(t('Lag of group "{0}": {1}', groupId, g.error));
      }
      this.announceIfShownChanged(clusterId, g);
    };
    g.loading = run().finally(() => (g.loading = undefined));
    return g.loading;
  }

  /** The one place a group's lag is set, so every read (refresh, auto-refresh, after a reset) is a sample. */
  private lagArrived(clusterId: string, g: GroupModel, lag: GroupLag): void {
    g.lag = lag;
    g.error = undefined;
    g.history = recordSample(g.history ?? [], sampleOf(lag, this.o.now?.() ?? Date.now()));
    this.sampled.fire({ clusterId, groupId: g.listing.groupId });
  }

  /** The cluster went away while reading lag: stop asking, show it on the cluster. */
  private lagFailed(clusterId: string, e: unknown): void {
    const m = this.model(clusterId);
    m.lagAbort?.abort();
    m.error = describeError(e);
    m.unreachable = isKafkaOffsetsError(e) && (e.kind === 'unreachable' || e.kind === 'timeout');
    this.o.log.error(t('Cluster "{0}": {1}', this.o.clusterName(clusterId), m.error));
    this.changed.fire({ clusterId });
  }

  private announceIfShownChanged(clusterId: string, g: GroupModel, orderToo = true): void {
    // A row the view was not given (past its page, in a collapsed cluster) needs no event: its state
    // is not built (thousands of groups at every refresh), and it is announced once it is read shown.
    if (this.o.rowShown && !this.o.rowShown(clusterId, g.listing.groupId)) {
      g.shown = undefined;
      if (orderToo) this.announceIfOrderChanged(clusterId);
      return;
    }
    const shown = shownState(g);
    if (shown !== g.shown) {
      g.shown = shown;
      this.changed.fire({ clusterId, groupId: g.listing.groupId });
      if (orderToo) this.announceIfOrderChanged(clusterId);
    }
  }

  /** Sorted by lag, or only groups with lag: a lag that arrives can move or hide rows, which is the cluster's change. */
  private announceIfOrderChanged(clusterId: string): void {
    const m = this.models.get(clusterId);
    if (!m?.loaded || m.error) return;
    // By name, unfiltered, all shown: an arriving lag moves and hides nothing (skip sorting thousands).
    const s = this.selection();
    if (s.sort === 'name' && !s.onlyLagging && s.filter.trim() === '') return;
    const ids = this.shownIds(m);
    if (ids !== m.shownIds) {
      m.shownIds = ids;
      this.changed.fire({ clusterId });
    }
  }

  // -- refresh ----------------------------------------------------------------------------------

  /** Reload everything that was loaded (no argument), one cluster, or one group. */
  async refresh(clusterId?: string, groupId?: string): Promise<void> {
    if (clusterId === undefined) {
      const loaded = [...this.models.entries()].filter(([, m]) => m.loaded).map(([id]) => id);
      if (loaded.length === 0 || (this.o.implicit() && this.models.get(loaded[0])?.unreachable)) {
        // Nothing loaded yet, or the welcome view is showing: start again from the root.
        this.models.clear();
        this.changed.fire(undefined);
        return;
      }
      await Promise.all(loaded.map((id) => this.refreshCluster(id)));
      return;
    }
    return groupId === undefined ? this.refreshCluster(clusterId) : this.refreshGroup(clusterId, groupId);
  }

  private async refreshCluster(clusterId: string): Promise<void> {
    const m = this.models.get(clusterId);
    if (!m || !m.loaded) {
      this.changed.fire({ clusterId });
      return;
    }
    if (this.o.implicit() && m.unreachable) {
      this.models.delete(clusterId);
      this.changed.fire(undefined);
      return;
    }
    await this.listGroups(clusterId);
  }

  private async refreshGroup(clusterId: string, groupId: string): Promise<void> {
    const m = this.models.get(clusterId);
    if (!m?.loaded) return;
    const g = m.groups.get(groupId);
    // A reset can create a group (Dead → Empty with offsets), and a failed cluster must be listed
    // again before any of its groups can be read: list again.
    if (!g || m.error) {
      await this.listGroups(clusterId);
      return;
    }
    await this.track(this.loadGroup(clusterId, g));
  }

  /** Which clusters exist or how to reach them changed: forget everything. */
  reset(): void {
    for (const m of this.models.values()) m.lagAbort?.abort();
    this.models.clear();
    this.changed.fire(undefined);
  }

  /** The group filter, sort or "only groups with lag" changed: every listed cluster shows other groups, and newly visible ones need their lag. */
  filterChanged(): void {
    for (const [id, m] of this.models) {
      if (!m.loaded || m.error) continue;
      m.shownIds = this.shownIds(m);
      this.changed.fire({ clusterId: id });
      const missing = [...this.visible(m), ...undecided(m.groups.values(), this.o.groupFilter())].filter((g) => !g.lag && !g.loading);
      if (missing.length) void this.loadLags(id, missing);
    }
  }

  /** True while a listing or a lag read is in flight. */
  busy(): boolean {
    for (const m of this.models.values()) {
      if (m.listing) return true;
      for (const g of m.groups.values()) if (g.loading) return true;
    }
    return false;
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
    for (const m of this.models.values()) m.lagAbort?.abort();
    this.changed.dispose();
    this.sampled.dispose();
  }
}

/** The largest batch of one lag round (the engine reads up to 5,000 groups per round anyway). */
const MAX_LAG_BATCH = 2000;

/** `first` groups, then batches 4× larger each time up to MAX_LAG_BATCH: the top rows come first, the rest in few rounds. */
export function growingBatches<T>(items: T[], first: number): T[][] {
  const out: T[][] = [];
  let size = Math.max(1, first);
  for (let i = 0; i < items.length; i += size, size = Math.min(size * 4, Math.max(MAX_LAG_BATCH, first))) out.push(items.slice(i, i + size));
  return out;
}
