/**
 * The extension's pure formatting (src/extension/format.ts): what the tree, the quick picks and the
 * log show, checked without a VS Code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterIdFromName, clusterToSetting, parseBrokers, parseClusterSettings, passwordKey } from '../../src/extension/clusterSettings';
import { code, md } from '../../src/extension/markdown';
import { formatDuration, planLogLines, planMarkdown, planRowItem, planSummary, resultLogLines } from '../../src/extension/planLabels';
import { groupContextValue, groupDescription, groupIcon, groupTooltip, memberText, membersText, partitionDescription, partitionLabel, partitionTooltip, stateKind, topicDescription } from '../../src/extension/groupLabels';
import { groupMatcher } from '../../src/extension/groupFilter';
import { localIsoWithOffset } from '../../src/core/localTime';
import { MODE_LABELS } from '../../src/core/modes';
import { loadWebviewModule } from './webview-bundle';
import { modeItems } from '../../src/extension/modeItems';
import { resultCounts } from '../../src/core/planText';
import { setTranslator } from '../../src/extension/l10n';
import { snapshotsToPrune } from '../../src/core/snapshot';
import { parseDateTime } from '../../src/core/time';
import { sameTargets } from '../../src/core/plan';
import type { GroupDescription, GroupMember, PartitionLag, Plan, PlanRow, ResetResult, TopicLag } from '../../src/core/types';

const member = (clientId: string, host: string, assignment: Array<[string, number]> = []): GroupMember => ({
  memberId: `${clientId}-1`,
  clientId,
  host,
  assignment: assignment.map(([topic, partition]) => ({ topic, partition })),
});

const row = (partition: number, committed: bigint | null, target: bigint, over: Partial<PlanRow> = {}): PlanRow => ({
  topic: 'orders',
  partition,
  committed,
  logStart: 10n,
  logEnd: 1500n,
  target,
  clamped: null,
  lagBefore: committed === null ? null : 1500n - committed,
  lagAfter: 1500n - target,
  ...over,
});

const plan = (rows: PlanRow[]): Plan => ({
  request: { group: 'billing', topic: 'orders', partition: -1, spec: { kind: 'earliest' } },
  rows,
  plannedAt: 1_700_000_000_000,
});

// -- clusters ------------------------------------------------------------------------------------

test('cluster ids come from names and stay usable as SecretStorage keys and folder names', () => {
  assert.equal(clusterIdFromName('Prod EU (main)'), 'prod-eu-main');
  assert.equal(clusterIdFromName('  '), 'cluster');
  assert.equal(clusterIdFromName('../../etc'), 'etc');
  assert.equal(passwordKey('prod-eu'), 'cluster/prod-eu/password');
});

test('brokers: host:port lists, refused when they could only fail later', () => {
  assert.deepEqual(parseBrokers('a:9092, b:9093 a:9092'), { ok: true, brokers: ['a:9092', 'b:9093'] });
  assert.deepEqual(parseBrokers(['[::1]:9092']), { ok: true, brokers: ['[::1]:9092'] });
  assert.equal(parseBrokers('').ok, false);
  assert.equal(parseBrokers('localhost').ok, false);
  assert.equal(parseBrokers('localhost:99999').ok, false);
  assert.equal(parseBrokers('http://x:9092').ok, false);
});

test('cluster settings: good entries kept, bad ones reported, ids unique, never a password', () => {
  const { clusters, problems } = parseClusterSettings([
    { name: 'Prod', brokers: ['p1:9092', 'p2:9092'], sasl: { mechanism: 'SCRAM-SHA-512', username: 'svc' }, protected: true, password: 'hunter2' },
    { name: 'prod', brokers: 'p3:9092', caFile: '~/ca.pem' },
    { name: 'broken', brokers: ['nohost'] },
    { name: 'nosasluser', brokers: ['x:1'], sasl: { mechanism: 'plain' } },
    42,
  ]);
  assert.equal(clusters.length, 2);
  assert.deepEqual(clusters[0], { id: 'prod', name: 'Prod', brokers: ['p1:9092', 'p2:9092'], sasl: { mechanism: 'scram-sha-512', username: 'svc' }, protected: true });
  assert.deepEqual(clusters[1], { id: 'prod-2', name: 'prod', brokers: ['p3:9092'], ssl: true, caFile: '~/ca.pem' });
  assert.equal(problems.length, 3);
  assert.match(problems[0], /clusters\[2\]/);
  assert.ok(!JSON.stringify(clusters).includes('hunter2'));
  assert.ok(!JSON.stringify(clusterToSetting({ ...clusters[0] })).includes('password'));
  assert.deepEqual(parseClusterSettings(undefined), { clusters: [], problems: [], pins: [] });
  assert.equal(parseClusterSettings({}).problems.length, 1);
});

test('a cluster entry round-trips through its settings JSON', () => {
  const c = { id: 'x', name: 'X', brokers: ['a:1'], ssl: true, caFile: '/ca.pem', sasl: { mechanism: 'plain' as const, username: 'u' }, protected: true };
  assert.deepEqual(parseClusterSettings([clusterToSetting(c)]).clusters[0], c);
});

// -- groups --------------------------------------------------------------------------------------

test('group contextValue encodes the state for menus', () => {
  assert.equal(groupContextValue('Empty'), 'group:empty');
  assert.equal(groupContextValue('Stable'), 'group:stable');
  assert.equal(groupContextValue('PreparingRebalance'), 'group:rebalancing');
  assert.equal(groupContextValue('CompletingRebalance'), 'group:rebalancing');
  assert.equal(groupContextValue('Dead'), 'group:dead');
  assert.equal(groupContextValue('Unknown'), 'group:unknown');
});

test('group description: "lag 12,345 · 2 members", the state when not stable, "lag …" while loading', () => {
  assert.equal(groupDescription({ state: 'Stable', lag: 12345n, members: 2 }), 'lag 12,345 · 2 members');
  assert.equal(groupDescription({ state: 'Stable', lag: 0n, members: 1 }), 'lag 0 · 1 member');
  assert.equal(groupDescription({ state: 'Empty', lag: 300n, members: 0 }), 'lag 300 · empty');
  assert.equal(groupDescription({ state: 'PreparingRebalance', lag: 5n, members: 3 }), 'lag 5 · 3 members · rebalancing');
  assert.equal(groupDescription({ state: 'Stable' }), 'lag … · stable');
  assert.equal(groupDescription({ state: 'Empty', error: 'boom' }), 'lag unavailable · empty');
  assert.equal(groupDescription({ state: 'Empty', lag: 160n, members: 0, noCommit: 2 }), 'lag 160 · 2 without commit · empty');
});

test('group icon: per state, warning colour only for lag without members', () => {
  assert.deepEqual(groupIcon('Stable', 10n, 2), { id: 'pass' });
  assert.deepEqual(groupIcon('Empty', 0n, 0), { id: 'circle-large-outline' });
  assert.deepEqual(groupIcon('Empty', 10n, 0), { id: 'circle-large-outline', color: 'problemsWarningIcon.foreground' });
  assert.deepEqual(groupIcon('Dead', 1n, undefined), { id: 'circle-slash', color: 'problemsWarningIcon.foreground' });
  assert.deepEqual(groupIcon('Empty', undefined, 0), { id: 'circle-large-outline' });
  assert.equal(groupIcon('CompletingRebalance', 0n, 1).id, 'sync');
});

test('group tooltip: state, protocol, coordinator, members with client id, host and partitions; user data escaped', () => {
  const d: GroupDescription = {
    groupId: 'pay*ments',
    state: 'Stable',
    protocolType: 'consumer',
    protocol: 'range',
    members: [member('svc-a', '10.0.0.1', [['orders', 0], ['orders', 1]]), member('svc-b', '10.0.0.2')],
    coordinator: { nodeId: 1, host: 'kafka-1', port: 9092 },
  };
  const md = groupTooltip('pay*ments', 'Stable', d, { lag: 1234n, topics: 1 });
  assert.match(md, /\*\*pay\\\*ments\*\*/);
  assert.match(md, /State: Stable · Protocol: consumer \/ range/);
  assert.match(md, /Lag: 1,234 · 1 topic/);
  assert.match(md, /broker 1 \(`kafka-1:9092`\)/);
  assert.match(md, /- `svc-a` on `10\.0\.0\.1` — orders\\\/0\\, orders\\\/1/);
  assert.match(md, /- `svc-b` on `10\.0\.0\.2`$/m);
  assert.match(groupTooltip('g', 'Empty', { ...d, members: [] }, undefined), /No members/);
  // Kafka 4 group types are named; a classic group's tooltip stays as it was.
  assert.match(groupTooltip('q', 'Empty', { ...d, protocolType: 'share', protocol: 'simple', groupType: 'share', members: [] }, undefined), /State: Empty · Type: share · Protocol: share/);
  assert.doesNotMatch(groupTooltip('g', 'Stable', { ...d, groupType: 'classic' }, undefined), /Type:/);
  assert.equal(stateKind('NotReady'), 'rebalancing');
});

test('members text stays one line', () => {
  const ms = Array.from({ length: 7 }, (_, i) => member(`c${i}`, `h${i}`));
  assert.equal(membersText(ms.slice(0, 2)), 'c0 (h0), c1 (h1)');
  assert.equal(membersText(ms, 3), 'c0 (h0), c1 (h1), c2 (h2) and 4 more');
  assert.equal(memberText(member('', '')), '? (?)');
});

// -- topics and partitions -----------------------------------------------------------------------

const p = (partition: number, committed: bigint | null, logEnd: bigint, owner?: GroupMember): PartitionLag => ({
  topic: 'orders',
  partition,
  logStart: 0n,
  logEnd,
  committed,
  lag: committed === null ? null : logEnd - committed,
  ...(owner ? { owner } : {}),
});

test('partition: "p3" with "1,200 / 1,500 · lag 300", or "no commit"; owner in the tooltip', () => {
  assert.equal(partitionLabel({ partition: 3 }), 'p3');
  assert.equal(partitionDescription(p(3, 1200n, 1500n)), '1,200 / 1,500 · lag 300');
  assert.equal(partitionDescription(p(4, null, 1500n)), 'no commit');
  const tip = partitionTooltip(p(3, 1200n, 1500n, member('svc-a', '10.0.0.1')));
  assert.match(tip, /Owner: `svc-a` on `10\.0\.0\.1`/);
  assert.match(tip, /Log-end offset: 1,500/);
  assert.match(partitionTooltip(p(4, null, 1n)), /Committed offset: none \(no commit\)/);
});

test('topic description: total lag, partitions, those without commit', () => {
  const t: TopicLag = { topic: 'orders', lag: 300n, partitions: [p(0, 1200n, 1500n), p(1, null, 10n)] };
  assert.equal(topicDescription(t), 'lag 300 · 2 partitions · 1 without commit');
});

// -- filter --------------------------------------------------------------------------------------

test('group filter: substrings, wildcards, exclusions, case-insensitive', () => {
  const ids = ['orders-eu', 'orders-us', 'console-consumer-123', 'billing', 'ORDERS-legacy'];
  const run = (filter: string) => ids.filter(groupMatcher(filter));
  assert.deepEqual(run(''), ids);
  assert.deepEqual(run('bill'), ['billing']);
  assert.deepEqual(run('orders-*'), ['orders-eu', 'orders-us', 'ORDERS-legacy']);
  assert.deepEqual(run('!console-*'), ['orders-eu', 'orders-us', 'billing', 'ORDERS-legacy']);
  assert.deepEqual(run('orders-??, billing, !*-us'), ['orders-eu', 'billing']);
  assert.deepEqual(run('a.b'), [], 'a dot is literal, not a regex wildcard');
});

// -- reset modes and values ----------------------------------------------------------------------

test('modes: the seven of the palette flow, value only where one is needed', () => {
  const modes = modeItems();
  assert.deepEqual(modes.map((m) => m.mode), ['offset', 'timestamp', 'datetime', 'duration', 'earliest', 'latest', 'shiftBy']);
  assert.deepEqual(modes.filter((m) => !m.needsValue).map((m) => m.mode), ['earliest', 'latest']);
});

test('modes: one label per mode, the same in the quick pick and the form, in the same order', () => {
  const FORM_MODES = loadWebviewModule<typeof import('../../src/webview/modes')>('src/webview/modes.ts').MODES;
  const picks = modeItems();
  const form = FORM_MODES.filter((m) => m.mode !== 'seed');
  assert.deepEqual(picks.map((m) => [m.mode, m.label]), form.map((m) => [m.mode, m.label]));
  assert.equal(picks.find((m) => m.mode === 'datetime')?.label, 'Date and time');
  for (const m of MODE_LABELS) assert.equal(FORM_MODES.find((f) => f.mode === m.mode)?.label ?? m.label, m.label);
});

test('date-time prefill carries the zone and parses back to the same instant', () => {
  const now = Date.UTC(2026, 10, 24, 9, 30, 15);
  assert.equal(localIsoWithOffset(now, 60), '2026-11-24T10:30:15+01:00');
  assert.equal(localIsoWithOffset(now, 0), '2026-11-24T09:30:15Z');
  assert.equal(localIsoWithOffset(now, -330), '2026-11-24T04:00:15-05:30');
  for (const off of [60, 0, -330, 345]) {
    const r = parseDateTime(localIsoWithOffset(now, off));
    assert.ok(r.ok);
    assert.equal(r.value, now);
  }
});

// -- plans and results ---------------------------------------------------------------------------

test('plan rows: committed → target, lag before → after, clamp or error', () => {
  assert.deepEqual(planRowItem(row(0, 1200n, 10n), false), { label: 'p0', description: '1,200 → 10', detail: 'lag 300 → 1,490' });
  assert.deepEqual(planRowItem(row(1, null, 10n, { clamped: 'earliest' }), true), {
    label: 'orders p1',
    description: 'none → 10',
    detail: 'lag none → 1,490 · clamped to log start 10',
  });
  assert.match(planRowItem(row(2, null, 1500n, { error: 'no committed offset to shift from' }), false).detail, /no committed offset/);
  // Read with targetTimestamps: where consumption restarts, in local time; at the log end, the next message.
  const at = Date.UTC(2026, 10, 27, 9, 30);
  assert.equal(planRowItem(row(0, 1200n, 10n, { targetTimestamp: at }), false).detail, `lag 300 → 1,490 · restarts at ${new Date(at).toLocaleString()}`);
  assert.equal(planRowItem(row(0, 1200n, 1500n, { targetTimestamp: null }), false).detail, 'lag 300 → 0 · restarts with the next message');
});

test('plan summary: partitions, topic, lag change, replayed and skipped', () => {
  const pl = plan([row(0, 1200n, 10n), row(1, 100n, 1500n)]);
  assert.equal(planSummary(pl), '2 partitions of orders · lag 1,700 → 1,490 · replays 1,190 messages · skips 1,400 messages');
  assert.equal(planSummary(plan([row(0, 5n, 5n)])), '1 partition of orders · lag 1,495 → 1,495');
});

test('plan markdown: one table row per partition, group id escaped', () => {
  const pl = { ...plan([row(0, 1200n, 10n, { clamped: 'earliest' }), row(1, null, 1500n)]), request: { ...plan([]).request, group: 'a|b' } };
  const md = planMarkdown(pl, 'Local', 'reset to earliest on orders');
  assert.match(md, /Reset plan for group `a\|b`/);
  assert.match(md, /\| p0 \| 1,200 \| 10 \| 1,500 \| 10 \| 300 → 1,490 \| clamped to log start 10 \|/);
  assert.match(md, /\| p1 \| none \| 10 \| 1,500 \| 1,500 \| none → 0 \|  \|/);
});

test('re-planning: any changed target or committed offset means confirm again', () => {
  const a = plan([row(0, 1200n, 10n), row(1, 100n, 10n)]);
  assert.equal(sameTargets(a, plan([row(0, 1200n, 10n), row(1, 100n, 10n)])), true);
  assert.equal(sameTargets(a, plan([row(0, 1200n, 11n), row(1, 100n, 10n)])), false);
  assert.equal(sameTargets(a, plan([row(0, 1201n, 10n), row(1, 100n, 10n)])), false);
  assert.equal(sameTargets(a, plan([row(0, 1200n, 10n)])), false);
});

test('log lines: every partition before → after with the outcome; undo deletions named', () => {
  const result: ResetResult = {
    group: 'billing',
    snapshotFile: '/s.json',
    durationMs: 1234,
    rows: [
      { ...row(0, 1200n, 10n), outcome: 'applied', readBack: 10n },
      { ...row(1, 100n, 10n), outcome: 'failed', readBack: 100n, reason: 'UNKNOWN_MEMBER_ID' },
      { ...row(2, 5n, -1n), outcome: 'applied', readBack: null },
    ],
  };
  assert.deepEqual(resultLogLines(result), [
    '  orders/0: 1,200 → 10 applied',
    '  orders/1: 100 → 10 failed (read back 100) — UNKNOWN_MEMBER_ID',
    '  orders/2: 5 → deleted applied',
  ]);
  assert.deepEqual(resultCounts(result), { applied: 2, failed: 1, unknown: 0 });
  assert.match(planLogLines(plan([row(0, 1200n, 10n, { clamped: 'earliest' })]))[0], /orders\/0: committed 1,200 → target 10 \(log 10\.\.1,500, lag 300 → 1,490\) \[clamped earliest\]/);
  assert.equal(formatDuration(340), '340 ms');
  assert.equal(formatDuration(1234), '1.2 s');
});

test('snapshots beyond the newest 20 are pruned', () => {
  const files = Array.from({ length: 23 }, (_, i) => `s${String(30 - i).padStart(2, '0')}.json`);
  assert.deepEqual(snapshotsToPrune(files, 20), ['s10.json', 's09.json', 's08.json']);
  assert.deepEqual(snapshotsToPrune(files.slice(0, 5), 20), []);
});

test('markdown helpers escape user data', () => {
  assert.equal(md('a_b*c[d]'), 'a\\_b\\*c\\[d\\]');
  assert.equal(code('x`y'), '``x`y``');
});

test('strings go through the installed translator', () => {
  try {
    setTranslator((m, ...a) => `<${m.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)]))}>`);
    assert.equal(partitionDescription(p(4, null, 1n)), '<no commit>');
  } finally {
    setTranslator((m, ...a) => m.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)])));
  }
});
