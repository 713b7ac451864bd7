/**
 * A topic or group whose partitions have no committed offset has no lag ("no commit") — not 0, which
 * reads as "caught up" — in the engine, the CLI's table and --json, and the tree's labels. Pure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroupLag } from '../../src/core/lag';
import { totalLag } from '../../src/core/numbers';
import type { GroupDescription } from '../../src/core/types';
import { lagJson, lagText } from '../../src/cli/format';
import { groupDescription, groupIcon, groupTooltip, topicDescription } from '../../src/extension/groupLabels';

const empty: GroupDescription = { groupId: 'g', state: 'Empty', protocolType: 'consumer', protocol: '', coordinator: { nodeId: 1, host: 'h', port: 9092 }, members: [] };
const counts = new Map([['orders', 2], ['audit', 2]]);
const starts = new Map([['orders:0', 0n], ['orders:1', 0n], ['audit:0', 0n], ['audit:1', 0n]]);
const ends = new Map([['orders:0', 10n], ['orders:1', 20n], ['audit:0', 5n], ['audit:1', 6n]]);

test('totalLag: null when nothing is known, the sum of the known ones otherwise, 0 for nothing at all', () => {
  assert.equal(totalLag([null, null]), null);
  assert.equal(totalLag([null, 4n, 0n]), 4n);
  assert.equal(totalLag([0n]), 0n);
  assert.equal(totalLag([-3n, 5n]), 5n, 'a negative lag (committed past the log end) counts 0');
  assert.equal(totalLag([]), 0n);
});

test('a group whose only partitions have no commit: lag null at topic and group level, in --json too', () => {
  // The committed map names the topic (OffsetFetch answered it) but every offset is "none".
  const lag = buildGroupLag(empty, new Map([['orders:0', null], ['orders:1', null]]), counts, starts, ends);
  assert.equal(lag.topics.length, 1);
  assert.equal(lag.topics[0].lag, null);
  assert.equal(lag.lag, null);
  const json = lagJson(lag) as { lag: unknown; topics: Array<{ lag: unknown; partitions: Array<{ lag: unknown }> }> };
  assert.equal(json.lag, null);
  assert.equal(json.topics[0].lag, null);
  assert.deepEqual(json.topics[0].partitions.map((p) => p.lag), [null, null]);
  assert.equal(lagText(lag.lag), 'no commit');
});

test('one topic committed, one not: the group has the committed topic\'s lag; the other topic stays null', () => {
  const lag = buildGroupLag(empty, new Map([['orders:0', 4n], ['orders:1', null], ['audit:0', null], ['audit:1', null]]), counts, starts, ends);
  assert.deepEqual(lag.topics.map((t) => [t.topic, t.lag]), [['audit', null], ['orders', 6n]]);
  assert.equal(lag.lag, 6n);
  assert.equal(lagText(lag.lag), '6');
});

test('the tree says "no commit" for such a topic and group, never "lag 0"', () => {
  const lag = buildGroupLag(empty, new Map([['orders:0', null], ['orders:1', null]]), counts, starts, ends);
  assert.equal(topicDescription(lag.topics[0]), 'no commit · 2 partitions');
  assert.equal(groupDescription({ state: 'Empty', lag: lag.lag, members: 0 }), 'no commit · empty');
  assert.match(groupTooltip('g', 'Empty', empty, { lag: lag.lag, topics: 1 }), /Lag: no commit · 1 topic/);
  assert.deepEqual(groupIcon('Empty', null, 0), groupIcon('Empty', undefined, 0), 'no warning colour: there is no lag to warn about');
  // A group that is caught up still says lag 0.
  assert.equal(groupDescription({ state: 'Empty', lag: 0n, members: 0 }), 'lag 0 · empty');
});
