/**
 * Which groups the Consumer Groups view shows and in what order (src/extension/tree/selection.ts):
 * the filter over group ids and topic names, "only groups with lag", sort by name or by lag, and the
 * view's description that says what is shown. Plain data, no VS Code, no broker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidates, groupTopics, selectionDescription, shownGroups, sortChoices, type Selection } from '../../src/extension/tree/selection';
import type { GroupModel } from '../../src/extension/tree/model';

function group(groupId: string, o: { lag?: number; timeLagMs?: number | null; assigned?: string[]; committed?: string[]; hidden?: string[] } = {}): GroupModel {
  const g: GroupModel = { listing: { groupId, state: 'Empty', protocolType: 'consumer' } };
  if (o.assigned)
    g.description = {
      groupId,
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'range',
      coordinator: { nodeId: 1, host: 'h', port: 9092 },
      members: [{ memberId: 'm', clientId: 'c', host: 'h', assignment: o.assigned.map((topic) => ({ topic, partition: 0 })) }] as never,
    };
  if (o.lag !== undefined)
    g.lag = {
      groupId,
      lag: BigInt(o.lag),
      topics: (o.committed ?? []).map((topic) => ({ topic, lag: 0n, partitions: [] })),
      hiddenTopics: (o.hidden ?? []).map((topic) => ({ topic, reason: 'deleted', committed: [] })) as never,
      ...(o.timeLagMs !== undefined ? { timeLagMs: o.timeLagMs } : {}),
    };
  return g;
}

const sel = (o: Partial<Selection> = {}): Selection => ({ filter: '', sort: 'name', onlyLagging: false, ...o });
const ids = (gs: GroupModel[]) => gs.map((g) => g.listing.groupId);

test('a group\'s topics: assigned to its members, committed, and hidden (deleted) ones, each once', () => {
  const g = group('g', { assigned: ['orders', 'pay'], lag: 1, committed: ['orders', 'audit'], hidden: ['gone'] });
  assert.deepEqual(groupTopics(g).sort(), ['audit', 'gone', 'orders', 'pay']);
  assert.deepEqual(groupTopics(group('bare')), []);
});

test('the filter keeps a group whose id or any topic matches; an exclusion names group ids only', () => {
  const gs = [group('billing', { lag: 0, committed: ['orders-eu'] }), group('orders-app'), group('shipping', { assigned: ['parcels'] }), group('console-consumer-1', { lag: 0, committed: ['orders-us'] })];
  assert.deepEqual(ids(candidates(gs, 'orders*')), ['billing', 'orders-app', 'console-consumer-1']);
  assert.deepEqual(ids(candidates(gs, 'parcels')), ['shipping'], 'a plain word matches an assigned topic anywhere');
  assert.deepEqual(ids(candidates(gs, 'orders*, !console-consumer-*')), ['billing', 'orders-app'], 'the exclusion is not undone by a matching topic');
  assert.deepEqual(ids(candidates(gs, '!console-consumer-*')), ['billing', 'orders-app', 'shipping'], 'exclusions alone: every other group');
  assert.deepEqual(ids(candidates(gs, '')), ids(gs));
});

test('sort by lag puts the largest lag first, groups whose lag is unknown last, equal lag by name', () => {
  const gs = [group('a', { lag: 5 }), group('b'), group('c', { lag: 12_000 }), group('d', { lag: 5 }), group('e', { lag: 0 })];
  assert.deepEqual(ids(shownGroups(gs, sel({ sort: 'lag' }))), ['c', 'a', 'd', 'e', 'b']);
  assert.deepEqual(ids(shownGroups([...gs].reverse(), sel())), ['a', 'b', 'c', 'd', 'e'], 'by name whatever the listing order');
  const none = group('n', { lag: 0 });
  none.lag!.lag = null; // no partition has a commit
  assert.deepEqual(ids(shownGroups([...gs, none], sel({ sort: 'lag' }))), ['c', 'a', 'd', 'e', 'n', 'b'], '"no commit" after every number, before unknown');
  assert.deepEqual(ids(shownGroups([none], sel({ onlyLagging: true }))), [], '"no commit" is not lag');
});

test('sort by time lag puts the longest behind first, then no commit, then unknown time lag; caught-up ties by lag, then name', () => {
  const gs = [
    group('small-but-old', { lag: 3, timeLagMs: 7_200_000 }),
    group('big-but-fresh', { lag: 90_000, timeLagMs: 4_000 }),
    group('caught-up-a', { lag: 0, timeLagMs: 0 }),
    group('never-committed', { lag: 0, timeLagMs: null }),
    group('not-read'),
    group('read-without-time', { lag: 500 }),
    group('caught-up-b', { lag: 0, timeLagMs: 0 }),
    group('middle', { lag: 40, timeLagMs: 60_000 }),
  ];
  gs.find((g) => g.listing.groupId === 'never-committed')!.lag!.lag = null;
  assert.deepEqual(ids(shownGroups(gs, sel({ sort: 'timeLag' }))), [
    'small-but-old',
    'middle',
    'big-but-fresh',
    'caught-up-a',
    'caught-up-b',
    'never-committed',
    'read-without-time',
    'not-read',
  ]);
  // The same groups by lag: the order the time sort exists to differ from.
  assert.deepEqual(ids(shownGroups(gs, sel({ sort: 'lag' }))).slice(0, 3), ['big-but-fresh', 'read-without-time', 'middle']);
  assert.deepEqual(ids(shownGroups(gs, sel({ sort: 'timeLag', onlyLagging: true }))), ['small-but-old', 'middle', 'big-but-fresh', 'read-without-time']);
});

test('the sort picker offers name, lag and time lag, the current one marked', () => {
  const rows = sortChoices('timeLag');
  assert.deepEqual(rows.map((r) => r.sort), ['name', 'lag', 'timeLag']);
  assert.deepEqual(rows.map((r) => r.current), [false, false, true]);
  assert.deepEqual(rows.map((r) => r.label), ['Sort by name', 'Sort by lag', 'Sort by time lag']);
  assert.ok(rows.every((r) => r.detail.length > 0));
});

test('"only groups with lag" hides groups with lag 0 and groups whose lag is not known yet, after the filter', () => {
  const gs = [group('orders-a', { lag: 3 }), group('orders-b', { lag: 0 }), group('orders-c'), group('other', { lag: 9 })];
  assert.deepEqual(ids(shownGroups(gs, sel({ onlyLagging: true }))), ['orders-a', 'other']);
  assert.deepEqual(ids(shownGroups(gs, sel({ onlyLagging: true, filter: 'orders-*', sort: 'lag' }))), ['orders-a']);
});

test('the view\'s description states how many groups of how many are shown and every choice that hides or orders them', () => {
  assert.equal(selectionDescription([], sel()), undefined, 'nothing listed yet');
  assert.equal(selectionDescription([{ shown: 343, total: 343 }], sel()), '343 groups');
  assert.equal(selectionDescription([{ shown: 1, total: 1 }], sel()), '1 group');
  assert.equal(selectionDescription([{ shown: 2, total: 300 }, { shown: 1, total: 43 }], sel({ filter: ' orders-* ' })), '3 of 343 groups · filter: orders-*');
  assert.equal(selectionDescription([{ shown: 12, total: 1_343 }], sel({ onlyLagging: true, sort: 'lag' })), '12 of 1,343 groups · with lag · by lag');
  assert.equal(selectionDescription([{ shown: 343, total: 343 }], sel({ sort: 'timeLag' })), '343 groups · by time lag');
  assert.equal(selectionDescription([{ shown: 343, total: 343 }], sel({ sort: 'name' })), '343 groups', 'name order is the default: not said');
  assert.equal(selectionDescription([{ shown: 0, total: 5 }], sel({ filter: 'x\u202Ey' })), '0 of 5 groups · filter: x\\u202ey', 'a filter from a workspace shows its hidden characters');
});
