/**
 * The tree samples a group's offsets at every lag read (store) and shows the catch-up status right
 * after the lag in its row and with the rates in its tooltip (items). A tiny in-memory engine port
 * whose offsets the test moves; a fake clock. No broker, no VS Code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupsStore, type TreeEnginePort } from '../../src/extension/tree/store';
import { itemFor, type ItemSource } from '../../src/extension/tree/items';
import { NodeCache } from '../../src/extension/tree/nodes';
import type { GroupDescription, GroupLag } from '../../src/core/types';

function setup() {
  const offsets = { committed: 0n, logEnd: 1_000n };
  let now = 1_000_000;
  const description = (groupId: string): GroupDescription => ({ groupId, state: 'Empty', protocolType: 'consumer', protocol: '', members: [], coordinator: { nodeId: 1, host: 'h', port: 9092 } });
  const lag = (groupId: string): GroupLag => {
    const l = offsets.logEnd - offsets.committed;
    return { groupId, lag: l, topics: [{ topic: 't', lag: l, partitions: [{ topic: 't', partition: 0, logStart: 0n, logEnd: offsets.logEnd, committed: offsets.committed, lag: l }] }] };
  };
  const engine: TreeEnginePort = {
    listGroups: async () => [{ groupId: 'g', state: 'Empty', protocolType: 'consumer' }],
    describeGroup: async (_c, id) => description(id),
    groupLag: async (_c, id) => lag(id),
    groupsLag: async () => [{ group: { groupId: 'g', state: 'Empty', protocolType: 'consumer' }, lag: lag('g'), description: description('g') }],
  };
  const store = new GroupsStore({ engine, log: { warn() {}, error() {} }, clusterName: (id) => id, groupFilter: () => '', implicit: () => false, now: () => now });
  const sampled: string[] = [];
  store.onDidSample((e) => sampled.push(`${e.clusterId}/${e.groupId}`));
  const source: ItemSource = {
    clusterEntry: (id) => ({ id, name: 'Test', brokers: ['127.0.0.1:9092'] }),
    clusterCount: () => 1,
    implicit: () => false,
    clusterFailed: () => false,
    group: (c, g) => store.group(c, g),
  };
  const row = () => itemFor(new NodeCache().group('c', 'g'), source);
  const tooltip = () => (row().tooltip as { markdown: string }).markdown;
  return { store, offsets, sampled, row, tooltip, advance: (ms: number) => (now += ms) };
}

test('every read of the lag (listing, refresh of the cluster or of the group) adds one sample to the group\'s history', async () => {
  const { store, sampled, advance } = setup();
  await store.ensureListed('c');
  await store.idle();
  assert.equal(store.history('c', 'g').length, 1);
  advance(10_000);
  await store.refresh('c');
  await store.idle();
  advance(10_000);
  await store.refresh('c', 'g');
  assert.deepEqual(store.history('c', 'g').map((s) => s.at), [1_000_000, 1_010_000, 1_020_000]);
  assert.deepEqual(sampled, ['c/g', 'c/g', 'c/g']);
  assert.deepEqual(store.history('c', 'nope'), []);
});

test('the row says the status right after the lag, the tooltip gives the rates; the first read only measures', async () => {
  const { store, offsets, row, tooltip, advance } = setup();
  await store.ensureListed('c');
  await store.idle();
  assert.equal(row().description, 'lag 1,000 · empty', 'one sample: no status in the row');
  assert.match(tooltip(), /Status: measuring… · refresh again to measure rates/);
  // 10 s later: 500 committed (50/s), 100 produced (10/s); lag 600 / 40 per s = 15 s.
  offsets.committed = 500n;
  offsets.logEnd = 1_100n;
  advance(10_000);
  await store.refresh('c', 'g');
  assert.equal(row().description, 'lag 600 · catching up (~15 s) · empty');
  assert.match(tooltip(), /Status: catching up \(~15 s\) · consuming 50\/s · producing 10\/s over the last 10 s/);
  // Then nothing moves for 60 s while lag remains: stalled.
  advance(60_000);
  await store.refresh('c', 'g');
  assert.equal(row().description, 'lag 600 · stalled · empty');
  assert.match(row().accessibilityLabel!, /stalled/);
});

test('lag 0 and nothing moving: "idle" stays in the tooltip, out of a narrow row', async () => {
  const { store, offsets, row, tooltip, advance } = setup();
  offsets.committed = 1_000n;
  await store.ensureListed('c');
  await store.idle();
  advance(40_000);
  await store.refresh('c', 'g');
  assert.equal(row().description, 'lag 0 · empty');
  assert.match(tooltip(), /Status: idle/);
});
