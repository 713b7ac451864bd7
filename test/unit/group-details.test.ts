/**
 * The Group Details panel without VS Code: what the host sends (groupDetails over a sampled history),
 * the guard on what the webview sends, the page's Content Security Policy, and the chart's geometry
 * (src/webview/details/chart.ts, bundled for Node like the form's modules).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupDetails } from '../../src/extension/groupDetailsModel';
import { checkDetailsMessage } from '../../src/extension/detailsGuard';
import { groupDetailsHtml } from '../../src/extension/groupDetailsHtml';
import type { OffsetSample } from '../../src/core/catchUp';
import type { GroupLag } from '../../src/core/types';
import { loadWebviewModule } from './webview-bundle';

type ChartModule = typeof import('../../src/webview/details/chart');
const chart = loadWebviewModule<ChartModule>('src/webview/details/chart.ts');

const sample = (at: number, parts: Record<string, [number | null, number]>): OffsetSample => ({
  at,
  partitions: new Map(Object.entries(parts).map(([k, [c, e]]) => [k, { committed: c === null ? null : BigInt(c), logEnd: BigInt(e) }])),
});

test('groupDetails: the lag series, the group\'s status and rates, and each topic\'s own status', () => {
  const history = [sample(0, { 'a:0': [0, 1_000], 'b:0': [10, 10] }), sample(40_000, { 'a:0': [400, 1_000], 'b:0': [10, 10] })];
  const lag: GroupLag = {
    groupId: 'g',
    lag: 600n,
    topics: [
      { topic: 'a', lag: 600n, partitions: [{ topic: 'a', partition: 0, logStart: 0n, logEnd: 1_000n, committed: 400n, lag: 600n }] },
      { topic: 'b', lag: 0n, partitions: [{ topic: 'b', partition: 0, logStart: 0n, logEnd: 10n, committed: 10n, lag: 0n }] },
    ],
  };
  const d = groupDetails({ clusterName: 'Local', group: 'g', state: 'Empty', lag, error: undefined, history });
  assert.deepEqual(d.series, [
    { at: 0, lag: 1_000 },
    { at: 40_000, lag: 600 },
  ]);
  assert.equal(d.lag, '600');
  assert.equal(d.statusKind, 'catching-up');
  assert.equal(d.status, 'catching up (~1 min)');
  assert.equal(d.consumeRate, '10/s');
  assert.equal(d.produceRate, '0/s');
  assert.deepEqual(d.topics, [
    { topic: 'a', lag: '600', status: 'catching up (~1 min)' },
    { topic: 'b', lag: '0', status: 'idle' },
  ]);
  assert.equal(d.error, undefined);
  const none = groupDetails({ clusterName: 'Local', group: 'g', state: undefined, lag: undefined, error: 'Group "g": not authorized.', history: [] });
  assert.deepEqual([none.lag, none.state, none.statusKind, none.series, none.consumeRate, none.error], [null, 'Unknown', 'measuring', [], '—', 'Group "g": not authorized.']);
});

test('the guard takes ready and refresh with a plain request id, and nothing else', () => {
  assert.deepEqual(checkDetailsMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
  assert.deepEqual(checkDetailsMessage({ type: 'refresh', requestId: 'r1' }), { ok: true, message: { type: 'refresh', requestId: 'r1' } });
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'ready', extra: 1 },
    { type: 'refresh' },
    { type: 'refresh', requestId: '../x' },
    { type: 'refresh', requestId: 'x'.repeat(65) },
    { type: 'reset', requestId: 'r' },
    { type: 7 },
    Object.assign(Object.create({ polluted: true }), { type: 'ready' }),
  ])
    assert.equal(checkDetailsMessage(bad).ok, false, JSON.stringify(bad));
});

test('the page: strict CSP with this render\'s nonce, no inline style or remote source, escaped title', () => {
  const html = groupDetailsHtml({
    cspSource: 'vscode-webview://x',
    nonce: 'abcdefghijklmnopqrstuv==',
    scriptUri: 'vscode-webview://x/dist/details.js',
    baseStyleUri: 'vscode-webview://x/media/webview.css',
    styleUri: 'vscode-webview://x/media/details.css',
    title: 'Group Details: <img src=x onerror=alert(1)>',
  });
  assert.match(html, /default-src 'none'; style-src vscode-webview:\/\/x; font-src vscode-webview:\/\/x; img-src vscode-webview:\/\/x; script-src 'nonce-abcdefghijklmnopqrstuv=='/);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:/);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /<script nonce="abcdefghijklmnopqrstuv==" src="vscode-webview:\/\/x\/dist\/details.js"><\/script>/);
  assert.doesNotMatch(html, /style=/);
  assert.throws(() => groupDetailsHtml({ cspSource: 'x', nonce: "a' 'unsafe-inline", scriptUri: '', baseStyleUri: '', styleUri: '', title: '' }));
  // The UI language reaches the page, and only as a language tag.
  const page = (lang: string) => groupDetailsHtml({ cspSource: 'x', nonce: 'abcdefghijklmnopqrstuv==', scriptUri: 's', baseStyleUri: 'b', styleUri: 'c', title: 't', lang });
  assert.match(page('de'), /<html lang="de">/);
  assert.match(page('de"><script>'), /<html lang="en">/);
});

test('chart geometry: points across the box, a round y maximum, a gap where there was no commit', () => {
  const label = (ms: number) => `t${ms}`;
  const g = chart.chartGeometry(
    [
      { at: 0, lag: 800 },
      { at: 10, lag: 400 },
      { at: 20, lag: null },
      { at: 30, lag: 0 },
      { at: 40, lag: 200 },
    ],
    label,
  );
  const { left, right, width, height, bottom, top } = chart.BOX;
  assert.equal(g.yMax, 1_000);
  assert.equal(g.dots.length, 4);
  assert.deepEqual(g.dots[0], { x: left, y: Math.round((height - bottom - 0.8 * (height - bottom - top)) * 10) / 10, at: 0, lag: 800 });
  assert.equal(g.dots[3].x, width - right);
  assert.equal(g.dots[2].y, height - bottom, 'lag 0 sits on the x axis');
  assert.equal((g.path.match(/M/g) ?? []).length, 2, 'the null sample breaks the line into two');
  assert.deepEqual(g.xTicks.map((t) => t.label), ['t0', 't40']);
  assert.deepEqual(g.yTicks.map((t) => t.label), ['0', '500', '1k']);
  const one = chart.chartGeometry([{ at: 5, lag: 3 }], label);
  assert.equal(one.dots[0].x, (left + width - right) / 2, 'one sample is drawn in the middle');
  assert.equal(one.path, `M${one.dots[0].x} ${one.dots[0].y}`);
  assert.deepEqual(chart.chartGeometry([], label).path, '');
  assert.equal(chart.chartGeometry([{ at: 1, lag: 0 }, { at: 2, lag: 0 }], label).yMax, 1, 'all zeros: a y axis of 1, not a division by zero');
  assert.deepEqual([chart.niceCeiling(7), chart.niceCeiling(130), chart.niceCeiling(2_000_001)], [10, 200, 5_000_000]);
  assert.deepEqual([chart.shortCount(950), chart.shortCount(12_300), chart.shortCount(3_400_000)], ['950', '12.3k', '3.4M']);
});
