/**
 * How a group row keeps its lag readable at 300 px (src/extension/tree/lagMark.ts) and how the live view
 * reloads and says its age (src/extension/tree/liveRefresh.ts), with a fake clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactLag, groupLabel, lagMark, markColor, sharedPrefix, withoutPrefix } from '../../src/extension/tree/lagMark';
import { LiveRefresh, updatedText } from '../../src/extension/tree/liveRefresh';

test('compact lag: exact below 1,000, then one decimal below 10 units, rounded down, never longer than 4 characters', () => {
  const cases: Array<[bigint, string]> = [
    [1n, '1'],
    [999n, '999'],
    [1_000n, '1K'],
    [1_049n, '1K'],
    [1_250n, '1.2K'],
    [9_999n, '9.9K'],
    [12_345n, '12K'],
    [999_999n, '999K'],
    [1_000_000n, '1M'],
    [5_650_000n, '5.6M'],
    [42_000_000_000n, '42G'],
    [7_000_000_000_000_000n, '7000T'],
  ];
  for (const [lag, text] of cases) assert.equal(compactLag(lag), text, String(lag));
  for (const [lag] of cases.slice(0, -1)) assert.ok(compactLag(lag).length <= 4, String(lag));
});

test('a group label leads with its lag only when there is lag; no commit and unknown lag leave the id alone', () => {
  assert.equal(groupLabel('orders', 1_250n), '1.2K · orders');
  assert.equal(groupLabel('orders', 0n), 'orders');
  assert.equal(groupLabel('orders', null), 'orders');
  assert.equal(groupLabel('orders', undefined), 'orders');
});

test('the marks: lag and no member consuming (warning); members whose commits stalled (error); a consumer at work or no lag is not marked', () => {
  assert.equal(lagMark(5n, 0), 'unconsumed');
  assert.equal(lagMark(5n, 0, true), 'unconsumed', 'nobody consuming: not moving is expected, a warning only');
  assert.equal(lagMark(5n, 2), undefined);
  assert.equal(lagMark(5n, 2, true), 'stalled');
  assert.equal(lagMark(0n, 2, true), undefined);
  assert.equal(lagMark(0n, 0), undefined);
  assert.equal(lagMark(null, 0), undefined);
  assert.equal(markColor('/unconsumed'), 'kafkaOffsets.unconsumedLagForeground');
  assert.equal(markColor('/stalled'), 'kafkaOffsets.stalledLagForeground');
  assert.equal(markColor('/other'), undefined);
});

test('the marks\' colours are contributed with a default in every theme kind, high contrast included', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const defaults = (mark: string) => pkg.contributes.colors.find((c: { id: string }) => c.id === markColor(mark))?.defaults;
  // list.warningForeground and list.errorForeground have no value in VS Code's high-contrast themes: a label given them stays uncoloured there.
  assert.deepEqual(defaults('/unconsumed'), { dark: 'list.warningForeground', light: 'list.warningForeground', highContrast: 'editorWarning.foreground', highContrastLight: 'editorWarning.foreground' });
  assert.deepEqual(defaults('/stalled'), { dark: 'list.errorForeground', light: 'list.errorForeground', highContrast: 'editorError.foreground', highContrastLight: 'editorError.foreground' });
});

function fakeHost(o: { seconds: number; visible: boolean }) {
  let now = 1_000_000;
  const timers: Array<{ fn: () => void; ms: number; next: number; live: boolean }> = [];
  const reloads: Array<() => void> = [];
  let texts = 0;
  const host = {
    seconds: () => o.seconds,
    visible: () => o.visible,
    reload: () => new Promise<void>((resolve) => reloads.push(resolve)),
    onText: () => void texts++,
    now: () => now,
    setInterval: (fn: () => void, ms: number) => {
      const t = { fn, ms, next: now + ms, live: true };
      timers.push(t);
      return t;
    },
    clearInterval: (t: unknown) => void ((t as { live: boolean }).live = false),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      now = due.next;
      due.next += due.ms;
      due.fn();
    }
    now = end;
  };
  return { host, advance, reloads, texts: () => texts, timers };
}

test('live refresh: reloads on its period while visible, never while hidden, never two at once, and says its age', async () => {
  const o = { seconds: 10, visible: true };
  const f = fakeHost(o);
  const live = new LiveRefresh(f.host);
  live.schedule();
  assert.equal(live.ageSeconds(), undefined, 'no age before the first read');
  live.stamp();
  f.advance(9_000);
  assert.equal(f.reloads.length, 0);
  assert.equal(live.ageSeconds(), 9);
  f.advance(1_000);
  assert.equal(f.reloads.length, 1, 'due after 10 s');
  f.advance(25_000);
  assert.equal(f.reloads.length, 1, 'the first reload is still running: no second one on top');
  f.reloads[0]();
  await new Promise((r) => setImmediate(r));
  assert.equal(live.ageSeconds(), 0, 'stamped when the reload finished');
  o.visible = false;
  const texts = f.texts();
  f.advance(60_000);
  assert.equal(f.reloads.length, 1, 'hidden: nothing read');
  assert.equal(f.texts(), texts, 'no text updates while hidden');
  o.visible = true;
  live.shown();
  assert.equal(f.reloads.length, 2, 'shown again after a reload came due: read at once');
  live.dispose();
  assert.ok(f.timers.every((t) => !t.live));
});

test('live refresh waits while a first load is still reading (busy), and reloads at the next period after it', () => {
  const o = { seconds: 10, visible: true };
  const f = fakeHost(o);
  let busy = true;
  const live = new LiveRefresh({ ...f.host, busy: () => busy });
  live.schedule();
  live.stamp();
  f.advance(10_000);
  assert.equal(f.reloads.length, 0, 'a reload now would abort the load in flight and read its groups again');
  busy = false;
  f.advance(10_000);
  assert.equal(f.reloads.length, 1, 'the load finished: the next period reloads');
  live.dispose();
});

test('live refresh off (0 s): no reload timer, but the age still ticks so "updated 3 min ago" asks for a Refresh', () => {
  const f = fakeHost({ seconds: 0, visible: true });
  const live = new LiveRefresh(f.host);
  live.schedule();
  live.stamp();
  const before = f.texts();
  f.advance(180_000);
  assert.equal(f.reloads.length, 0);
  assert.ok(f.texts() - before >= 179, 'the age text is renewed every second while visible');
  assert.equal(updatedText(live.ageSeconds()!, (m, ...a) => m.replace(/\{(\d)\}/g, (_, i) => String(a[Number(i)]))), 'updated 3 min ago');
  live.shown();
  assert.equal(f.reloads.length, 0, 'auto-refresh off: showing the view does not read either');
});

test('updated text', () => {
  const t = (m: string, ...a: Array<string | number>) => m.replace(/\{(\d)\}/g, (_, i) => String(a[Number(i)]));
  assert.deepEqual([0, 1, 2, 59, 60, 3599, 3600, 7300].map((s) => updatedText(s, t)), [
    'updated just now',
    'updated just now',
    'updated 2 s ago',
    'updated 59 s ago',
    'updated 1 min ago',
    'updated 59 min ago',
    'updated 1 h ago',
    'updated 2 h ago',
  ]);
});

test('shared prefix: cut after the last separator of the common start, only when long enough and every id keeps a rest', () => {
  const family = ['payments-reconciliation-service-eu-west-1-billing', 'payments-reconciliation-service-eu-west-1-audit', 'payments-reconciliation-service-eu-west-1-reporting'];
  assert.equal(sharedPrefix(family), 'payments-reconciliation-service-eu-west-1-');
  assert.equal(withoutPrefix(family[0], sharedPrefix(family)), '…billing');
  // The common start "payments-reconciliation-eu" ends inside a word ("eu" / "eu2"): cut at its last separator.
  assert.equal(sharedPrefix(['payments-reconciliation-eu', 'payments-reconciliation-eu2']), 'payments-reconciliation-');
  assert.equal(sharedPrefix(['orders-a', 'orders-b']), '', 'too short to be worth an ellipsis');
  assert.equal(sharedPrefix(['05-mwyynzc1-audit', '05-mwyynzc1-billing']), '', 'a short shared start leaves room for the rest: kept');
  assert.equal(sharedPrefix(['payments-reconciliation-x']), '', 'one group: nothing to share');
  assert.equal(sharedPrefix(['orders-consumer', 'billing-consumer']), '');
  assert.equal(sharedPrefix(['payments-reconciliation-', 'payments-reconciliation-x']), '', 'an id that is all prefix keeps the full ids');
  assert.equal(withoutPrefix('other-group', 'payments-reconciliation-'), 'other-group');
});
