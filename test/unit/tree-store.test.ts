/**
 * The tree's store (src/extension/tree/store.ts) over an in-memory fake of its engine port: how it
 * lists, reads lag in batches, aborts a superseded round, keeps one group's failure to that group,
 * refreshes one group, and reports an unreachable cluster on that cluster only. No broker, no VS Code:
 * Kafka's own behaviour is tested against a real broker elsewhere; this is the store's bookkeeping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupsStore, growingBatches, type StoreChange, type StoreOptions, type TreeEnginePort } from '../../src/extension/tree/store';
import { KafkaOffsetsError } from '../../src/core/errors';
import { TurnBatch } from '../../src/extension/tree/turnBatch';
import type { GroupDescription, GroupLag } from '../../src/core/types';

interface FakeGroup {
  lag: bigint;
  /** Set: reading this group's lag fails with this sentence (the others still succeed). */
  error?: string;
}

/** An in-memory cluster per id; `down` makes every call fail as an unreachable cluster does. */
class FakeEngine implements TreeEnginePort {
  readonly clusters = new Map<string, { down?: boolean; groups: Map<string, FakeGroup> }>();
  readonly calls: Array<{ fn: string; clusterId: string; groups?: string[]; signal?: AbortSignal }> = [];
  /** While set, groupsLag waits for release() or for its signal to abort (then fails as the engine does: 'cancelled'). */
  hold = false;
  private held: Array<() => void> = [];

  release(): void {
    this.held.splice(0).forEach((go) => go());
  }

  cluster(clusterId: string, groups: Record<string, number | FakeGroup>): void {
    const m = new Map<string, FakeGroup>();
    for (const [id, g] of Object.entries(groups)) m.set(id, typeof g === 'number' ? { lag: BigInt(g) } : g);
    this.clusters.set(clusterId, { groups: m });
  }

  private reach(clusterId: string) {
    const c = this.clusters.get(clusterId);
    if (!c || c.down) throw new KafkaOffsetsError('unreachable', `No broker of cluster "${clusterId}" answered.`);
    return c;
  }

  private description(groupId: string): GroupDescription {
    return { groupId, state: 'Empty', protocolType: 'consumer', protocol: '', members: [], coordinator: { nodeId: 1, host: 'h', port: 9092 } };
  }

  private lagOf(groupId: string, g: FakeGroup): GroupLag {
    const partitions = [{ topic: 't', partition: 0, committed: 0n, logStart: 0n, logEnd: g.lag, lag: g.lag }];
    return { groupId, lag: g.lag, topics: [{ topic: 't', lag: g.lag, partitions }] };
  }

  async listGroups(clusterId: string) {
    this.calls.push({ fn: 'listGroups', clusterId });
    return [...this.reach(clusterId).groups.keys()].map((id) => ({ groupId: id, state: 'Empty' as const, protocolType: 'consumer' }));
  }

  async describeGroup(clusterId: string, groupId: string, o: { signal?: AbortSignal }) {
    this.calls.push({ fn: 'describeGroup', clusterId, groups: [groupId], signal: o.signal });
    const g = this.reach(clusterId).groups.get(groupId);
    if (!g) throw new KafkaOffsetsError('not-found', `Group "${groupId}" does not exist.`);
    return this.description(groupId);
  }

  async groupLag(clusterId: string, groupId: string, o: { signal?: AbortSignal }) {
    this.calls.push({ fn: 'groupLag', clusterId, groups: [groupId], signal: o.signal });
    const g = this.reach(clusterId).groups.get(groupId)!;
    if (g.error) throw new KafkaOffsetsError('authorization', g.error);
    return this.lagOf(groupId, g);
  }

  async groupsLag(clusterId: string, o: Parameters<TreeEnginePort['groupsLag']>[1]) {
    const c = this.reach(clusterId);
    const picked = o.groups.map((l) => [l.groupId, c.groups.get(l.groupId)] as const).filter((x): x is readonly [string, FakeGroup] => x[1] !== undefined);
    this.calls.push({ fn: 'groupsLag', clusterId, groups: picked.map(([id]) => id), signal: o.signal });
    if (this.hold)
      await new Promise<void>((resolve, reject) => {
        this.held.push(resolve);
        o.signal.addEventListener('abort', () => reject(new KafkaOffsetsError('cancelled', 'Cancelled.')), { once: true });
      });
    this.reach(clusterId);
    return picked.map(([id, g]) => {
      const group = { groupId: id, state: 'Empty' as const, protocolType: 'consumer' };
      return g.error ? { group, error: g.error, description: this.description(id) } : { group, lag: this.lagOf(id, g), description: this.description(id) };
    });
  }

  count(fn: string): number {
    return this.calls.filter((c) => c.fn === fn).length;
  }
}

function setup(o: Partial<StoreOptions> & { filter?: string } = {}) {
  const engine = new FakeEngine();
  const logged: string[] = [];
  const changes: StoreChange[] = [];
  let filter = o.filter ?? '';
  const store = new GroupsStore({
    engine,
    log: { warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) },
    clusterName: (id) => id.toUpperCase(),
    groupFilter: () => filter,
    implicit: () => false,
    // A fixed clock: the catch-up status (and so what a group row shows) must not depend on how
    // long a busy machine takes between two refreshes.
    now: () => 1_000_000,
    ...o,
  });
  store.onDidChange((c) => changes.push(c));
  return { engine, store, logged, changes, setFilter: (f: string) => (filter = f) };
}

const lagOf = (store: GroupsStore, c: string, g: string) => store.group(c, g)?.lag?.lag;

test('a cluster lists its groups in order, then reads every visible group\'s lag in the background and announces each group', async () => {
  const { engine, store, changes } = setup({ filter: 'app-*' });
  engine.cluster('c1', { 'app-a': 3, 'app-b': 0, other: 9 });
  await store.ensureListed('c1');
  assert.deepEqual([...store.cluster('c1')!.groups.keys()], ['app-a', 'app-b', 'other']);
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['app-a', 'app-b']);
  await store.idle();
  assert.equal(lagOf(store, 'c1', 'app-a'), 3n);
  assert.equal(lagOf(store, 'c1', 'app-b'), 0n);
  // 'other' is read after the shown groups: a topic it committed on could match the filter. It does not.
  assert.deepEqual(engine.calls.filter((c) => c.fn === 'groupsLag').map((c) => c.groups), [['app-a', 'app-b', 'other']]);
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['app-a', 'app-b'], 'its topic t does not match app-*');
  assert.deepEqual(changes, [{ clusterId: 'c1', groupId: 'app-a' }, { clusterId: 'c1', groupId: 'app-b' }, { clusterId: 'c1', groupId: 'other' }]);
  await store.ensureListed('c1');
  assert.equal(engine.count('listGroups'), 1, 'a listed cluster is not listed again by ensureListed');
});

test('the view gets the rows from the listing alone: ensureListed resolves before any group is described or its lag read', async () => {
  const { engine, store } = setup({ lagBatch: 2 });
  engine.cluster('c1', { a: 1, b: 2, c: 3 });
  engine.hold = true;
  await store.ensureListed('c1');
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['a', 'b', 'c'], 'every listed group is a row');
  assert.ok(['a', 'b', 'c'].every((g) => !store.group('c1', g)?.description && !store.group('c1', g)?.lag), 'nothing described or read yet');
  assert.deepEqual(engine.calls.map((c) => c.fn), ['listGroups', 'groupsLag'], 'one listing, then the first lag batch (held) in the background');
  engine.hold = false;
  engine.release();
  await store.idle();
  assert.deepEqual(['a', 'b', 'c'].map((g) => lagOf(store, 'c1', g)), [1n, 2n, 3n]);
});

test('lag is read in batches, one after the other, first lagBatch groups then 4× larger, each batch described with its lag', async () => {
  const { engine, store } = setup({ lagBatch: 1 });
  engine.cluster('c1', Object.fromEntries(['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'].map((g) => [g, 1])));
  await store.ensureListed('c1');
  await store.idle();
  const batches = engine.calls.filter((c) => c.fn === 'groupsLag').map((c) => c.groups);
  assert.deepEqual(batches, [['g1'], ['g2', 'g3', 'g4', 'g5'], ['g6', 'g7']]);
  assert.ok(['g1', 'g7'].every((g) => store.group('c1', g)?.description?.groupId === g), 'each group has the description its batch read');
  assert.equal(engine.count('describeGroup'), 0, 'no group described one by one');
  for (let i = 1; i <= 7; i++) assert.equal(lagOf(store, 'c1', `g${i}`), 1n);
});

test('lag is read in the order the view shows groups, so the rows on screen fill in first: by name, then by the last lag when sorted by lag', async () => {
  let sort: 'name' | 'lag' = 'name';
  const { engine, store } = setup({ lagBatch: 1, groupSort: () => sort });
  engine.cluster('c1', { zeta: 50, alpha: 1, mid: 7 }); // the broker's listing order is not the view's
  await store.ensureListed('c1');
  await store.idle();
  // Batches grow after the first (1, 2, …); the fake names each batch's groups in the broker's order.
  const batches = () => engine.calls.filter((c) => c.fn === 'groupsLag').map((c) => [...c.groups!].sort());
  assert.deepEqual(batches(), [['alpha'], ['mid', 'zeta']], 'the first row by name is in the first batch');
  sort = 'lag';
  engine.calls.length = 0;
  await store.refresh('c1');
  await store.idle();
  assert.deepEqual(batches(), [['zeta'], ['alpha', 'mid']], 'sorted by lag, the largest last lag is read first');
});

test('a refresh aborts the lag round it supersedes: its remaining batches are never asked for, and the cancel is no error', async () => {
  const { engine, store } = setup({ lagBatch: 2 });
  engine.cluster('c1', { a: 1, b: 2, c: 3, d: 4 });
  engine.hold = true;
  await store.ensureListed('c1');
  await new Promise((r) => setTimeout(r, 0));
  const first = engine.calls.filter((c) => c.fn === 'groupsLag');
  assert.equal(first.length, 1, 'the first batch is in flight');
  assert.equal(store.group('c1', 'a')?.loading !== undefined, true, 'its groups show as loading');
  engine.hold = false;
  await store.refresh('c1');
  assert.equal(first[0].signal!.aborted, true, 'the old round was aborted');
  await store.idle();
  const rounds = engine.calls.filter((c) => c.fn === 'groupsLag');
  assert.equal(rounds.filter((c) => c.signal === first[0].signal).length, 1, 'the aborted round asked for no second batch');
  assert.deepEqual(rounds.slice(1).map((c) => c.groups), [['a', 'b'], ['c', 'd']]);
  assert.equal(store.cluster('c1')!.error, undefined, 'cancelling is not a cluster error');
  assert.deepEqual(['a', 'b', 'c', 'd'].map((g) => lagOf(store, 'c1', g)), [1n, 2n, 3n, 4n]);
});

test('one group whose lag cannot be read shows its own error; the others still show their lag', async () => {
  const { engine, store, logged } = setup();
  engine.cluster('c1', { ok: 5, secret: { lag: 0n, error: 'Not authorized to read the offsets of group "secret".' }, ok2: 7 });
  await store.ensureListed('c1');
  await store.idle();
  assert.equal(store.group('c1', 'secret')?.error, 'Not authorized to read the offsets of group "secret".');
  assert.equal(store.group('c1', 'secret')?.lag, undefined);
  assert.equal(lagOf(store, 'c1', 'ok'), 5n);
  assert.equal(lagOf(store, 'c1', 'ok2'), 7n);
  assert.equal(store.cluster('c1')!.error, undefined);
  assert.deepEqual(logged, ['warn Lag of group "secret": Not authorized to read the offsets of group "secret".']);
  // Read on its own (refresh of that group), the failure stays on the group too.
  await store.refresh('c1', 'secret');
  assert.equal(store.group('c1', 'secret')?.error, 'Not authorized to read the offsets of group "secret".');
  assert.equal(store.cluster('c1')!.error, undefined);
});

test('refreshing one group reads only that group and announces it only when what it shows changed', async () => {
  let clock = 0;
  const { engine, store, changes } = setup({ now: () => (clock += 1000) });
  engine.cluster('c1', { a: 1, b: 2 });
  await store.ensureListed('c1');
  await store.idle();
  const before = engine.calls.length;
  changes.length = 0;
  engine.clusters.get('c1')!.groups.set('a', { lag: 10n });
  await store.refresh('c1', 'a');
  assert.deepEqual(engine.calls.slice(before).map((c) => `${c.fn} ${c.groups ?? ''}`), ['describeGroup a', 'groupLag a']);
  assert.equal(lagOf(store, 'c1', 'a'), 10n);
  assert.deepEqual(changes, [{ clusterId: 'c1', groupId: 'a' }]);
  await store.refresh('c1', 'a');
  assert.equal(changes.length, 2, 'the same lag again: the row drops its "↑9 since the last refresh" marker');
  await store.refresh('c1', 'a');
  assert.equal(changes.length, 2, 'nothing changed: no third announcement');
  // A group the reset just created is not listed yet: the cluster is listed again, and announced.
  engine.clusters.get('c1')!.groups.set('new', { lag: 0n });
  await store.refresh('c1', 'new');
  await store.idle();
  assert.deepEqual(changes[2], { clusterId: 'c1' });
  assert.equal(lagOf(store, 'c1', 'new'), 0n);
});

test('an unreachable cluster is an error on that cluster only, and a refresh that reaches it clears it', async () => {
  const { engine, store, changes, logged } = setup();
  engine.cluster('up', { a: 1 });
  engine.cluster('down', { b: 2 });
  engine.clusters.get('down')!.down = true;
  await Promise.all([store.ensureListed('up'), store.ensureListed('down')]);
  await store.idle();
  assert.equal(store.cluster('down')!.error, 'No broker of cluster "down" answered.');
  assert.equal(store.cluster('down')!.unreachable, true);
  assert.equal(store.cluster('up')!.error, undefined);
  assert.equal(lagOf(store, 'up', 'a'), 1n);
  assert.deepEqual(logged, ['error Cluster "DOWN": No broker of cluster "down" answered.']);
  engine.clusters.get('down')!.down = false;
  changes.length = 0;
  await store.refresh('down');
  await store.idle();
  assert.equal(store.cluster('down')!.error, undefined);
  assert.deepEqual(changes, [{ clusterId: 'down' }, { clusterId: 'down', groupId: 'b' }]);
});

test('a cluster that goes away while its lag is read shows the error on the cluster, not on each group', async () => {
  const { engine, store, changes } = setup();
  engine.cluster('c1', { a: 1, b: 2 });
  engine.hold = true;
  await store.ensureListed('c1');
  await new Promise((r) => setTimeout(r, 0));
  engine.clusters.get('c1')!.down = true;
  engine.hold = false;
  engine.release();
  await store.idle();
  assert.equal(store.cluster('c1')!.error, 'No broker of cluster "c1" answered.');
  assert.equal(store.cluster('c1')!.unreachable, true);
  assert.equal(store.cluster('c1')!.lagAbort?.signal.aborted, true, 'no further batch is asked for');
  assert.equal(store.group('c1', 'a')?.error, undefined);
  assert.deepEqual(changes, [{ clusterId: 'c1' }]);
});

test('a changed group filter reads the lag of the groups it newly shows', async () => {
  // b1 excluded by id: not even read for its topics.
  const { engine, store, changes, setFilter } = setup({ filter: 'a*, !b*' });
  engine.cluster('c1', { a1: 1, b1: 2 });
  await store.ensureListed('c1');
  await store.idle();
  assert.equal(store.group('c1', 'b1')?.lag, undefined);
  setFilter('');
  changes.length = 0;
  store.filterChanged();
  await store.idle();
  assert.equal(lagOf(store, 'c1', 'b1'), 2n);
  assert.deepEqual(changes, [{ clusterId: 'c1' }, { clusterId: 'c1', groupId: 'b1' }]);
});

test('reset forgets everything and announces the root; refresh with nothing loaded does the same', async () => {
  const { engine, store, changes } = setup();
  engine.cluster('c1', { a: 1 });
  await store.refresh();
  assert.deepEqual(changes, [undefined]);
  await store.ensureListed('c1');
  await store.idle();
  store.reset();
  assert.equal(store.cluster('c1'), undefined);
  assert.deepEqual(changes.at(-1), undefined);
});

test('sorted by lag, the shown order follows the lag as it arrives, and a reorder announces the cluster (its rows move)', async () => {
  const { engine, store, changes } = setup({ lagBatch: 1, groupSort: () => 'lag' });
  engine.cluster('c1', { a: 1, b: 50, c: 7 });
  await store.ensureListed('c1');
  await store.idle();
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['b', 'c', 'a']);
  // a arrives first (order unchanged), then b and c in the next batch: b moves to the top and c above
  // a, announced once for the batch (a sort of every group per arriving group was quadratic).
  assert.deepEqual(changes, [{ clusterId: 'c1', groupId: 'a' }, { clusterId: 'c1', groupId: 'b' }, { clusterId: 'c1', groupId: 'c' }, { clusterId: 'c1' }]);
  assert.deepEqual(store.counts(), [{ clusterId: 'c1', shown: 3, total: 3 }]);
});

test('"only groups with lag" still reads the lag of every group the filter keeps, shows those above 0, and counts the rest as hidden', async () => {
  const { engine, store } = setup({ filter: 'app-*', onlyGroupsWithLag: () => true });
  engine.cluster('c1', { 'app-a': 3, 'app-b': 0, 'app-c': 8, other: 9 });
  await store.ensureListed('c1');
  await store.idle();
  assert.equal(lagOf(store, 'c1', 'app-b'), 0n, 'a group with no lag was read to know it');
  assert.equal(lagOf(store, 'c1', 'other'), 9n, 'a group the filter hides by id is read last, for its topics');
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['app-a', 'app-c']);
  assert.deepEqual(store.counts(), [{ clusterId: 'c1', shown: 2, total: 4 }]);
});

test('a filter that names a topic finds an empty group that only committed on it, once its lag (its topics) is read; an excluded id is never read', async () => {
  const { engine, store, changes } = setup({ filter: 't, !skip-*', lagBatch: 1 });
  engine.cluster('c1', { 'app-a': 1, idle: 2, 'skip-me': 3 });
  await store.ensureListed('c1');
  await store.idle();
  // No id contains a "t"; the fake commits every group on topic 't', so each matches once read, but 'skip-me' is excluded by id.
  assert.deepEqual(store.visibleGroups('c1').map((g) => g.listing.groupId), ['app-a', 'idle']);
  assert.equal(store.group('c1', 'skip-me')?.lag, undefined);
  assert.ok(changes.some((c) => c !== undefined && c.clusterId === 'c1' && c.groupId === undefined), 'the cluster is announced when a group starts to match');
});

test('growingBatches: the first batch, then 4× larger each time up to 2,000, every item once in order', () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  const sizes = growingBatches(items, 50).map((b) => b.length);
  assert.deepEqual(sizes, [50, 200, 800, 2000, 1950]);
  assert.deepEqual(growingBatches(items, 50).flat(), items);
  assert.deepEqual(growingBatches([], 50), []);
  assert.deepEqual(growingBatches(['a', 'b'], 0), [['a'], ['b']], 'a batch size below 1 counts as 1');
});

test('5,000 groups\' lag reaches VS Code in a few change events (once per turn), not one per group', async () => {
  const { engine, store } = setup({ lagBatch: 50 });
  const ids = Array.from({ length: 5000 }, (_, i) => `g${String(i).padStart(4, '0')}`);
  engine.cluster('c1', Object.fromEntries(ids.map((id, i) => [id, i % 7])));
  // What the provider does with the store's changes (provider.ts: queueChange → TurnBatch → onDidChangeTreeData).
  const fired: Array<string[] | undefined> = [];
  const batch = new TurnBatch<string>((nodes) => fired.push(nodes));
  store.onDidChange((c) => batch.add(c && `${c.clusterId}/${c.groupId ?? ''}`));
  await store.ensureListed('c1');
  await store.idle();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(ids.filter((id) => store.group('c1', id)?.lag === undefined).length, 0, 'every group has its lag');
  assert.ok(fired.length >= 1 && fired.length <= 6, `${fired.length} change events for 5 lag batches`);
  assert.equal(new Set(fired.flatMap((n) => n ?? [])).size, 5000, 'every group row is named in some event');
  // One change of the root in a turn stands for all of that turn's changes.
  const before = fired.length;
  batch.add('c1/g0000');
  batch.add(undefined);
  batch.add('c1/g0001');
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(fired.length, before + 1, 'one event for the turn');
  assert.equal(fired.at(-1), undefined, 'the root, not two rows');
});

test('a group whose row the view was not given (past its page) is read but not announced, until its row is shown', async () => {
  const held = new Set(['a']);
  const { engine, store, changes } = setup({ rowShown: (_c, g) => held.has(g) });
  engine.cluster('c1', { a: 1, b: 2 });
  await store.ensureListed('c1');
  await store.idle();
  assert.equal(lagOf(store, 'c1', 'b'), 2n, 'its lag is read all the same');
  assert.deepEqual(changes, [{ clusterId: 'c1', groupId: 'a' }]);
  held.add('b');
  await store.refresh('c1');
  await store.idle();
  assert.deepEqual(changes.slice(1), [{ clusterId: 'c1', groupId: 'b' }], 'a shows the same; b is shown now');
});
