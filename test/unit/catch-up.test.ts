/**
 * Catch-up rate, ETA and status from synthetic offset samples (src/core/catchUp.ts): the steady cases,
 * then the ones that break naive maths — resets moving committed backwards, partitions appearing, no
 * commit, one sample, clock jitter and a clock set back, a pause shorter than a commit interval.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  catchUp,
  formatEta,
  formatRate,
  lagSeries,
  recordSample,
  sampleOf,
  statusText,
  windowOf,
  type OffsetSample,
} from '../../src/core/catchUp';
import type { GroupLag } from '../../src/core/types';

/** A sample from "topic:partition" → [committed, logEnd]. */
function s(at: number, parts: Record<string, [number | null, number]>): OffsetSample {
  return {
    at,
    partitions: new Map(Object.entries(parts).map(([k, [c, e]]) => [k, { committed: c === null ? null : BigInt(c), logEnd: BigInt(e) }])),
  };
}

test('catching up: the consume rate beats the produce rate, the ETA is lag / (consume − produce)', () => {
  // 10 s apart: committed +1,000 (100/s), log end +200 (20/s); lag 1,600 → 1,600 / 80 = 20 s.
  const r = catchUp([s(0, { 'o:0': [0, 2_400] }), s(10_000, { 'o:0': [1_000, 2_600] })]);
  assert.equal(r.lag, 1_600n);
  assert.equal(r.consumeRate, 100);
  assert.equal(r.produceRate, 20);
  assert.equal(r.spanMs, 10_000);
  assert.deepEqual(r.status, { kind: 'catching-up', etaMs: 20_000 });
  assert.equal(statusText(r.status), 'catching up (~20 s)');
});

test('keeping up, falling behind and idle', () => {
  const steady = catchUp([s(0, { 'o:0': [100, 150] }), s(10_000, { 'o:0': [1_100, 1_150] })]);
  assert.deepEqual(steady.status, { kind: 'keeping-up' }, 'same rates, lag steady at 50');
  const withinTolerance = catchUp([s(0, { 'o:0': [100, 150] }), s(10_000, { 'o:0': [1_120, 1_150] })]);
  assert.deepEqual(withinTolerance.status, { kind: 'keeping-up' }, '102/s vs 100/s is noise, not an ETA of minutes');
  const behind = catchUp([s(0, { 'o:0': [100, 150] }), s(10_000, { 'o:0': [600, 1_150] })]);
  assert.deepEqual(behind.status, { kind: 'falling-behind' });
  const caughtUpAndBusy = catchUp([s(0, { 'o:0': [100, 100] }), s(10_000, { 'o:0': [200, 200] })]);
  assert.deepEqual(caughtUpAndBusy.status, { kind: 'keeping-up' });
  const idle = catchUp([s(0, { 'o:0': [100, 100] }), s(60_000, { 'o:0': [100, 100] })]);
  assert.deepEqual(idle.status, { kind: 'idle' });
  assert.equal(idle.consumeRate, 0);
});

test('stalled: lag > 0 and no commit progress over a long enough window; a short pause is not a stall', () => {
  const stalled = catchUp([s(0, { 'o:0': [100, 500] }), s(20_000, { 'o:0': [100, 500] }), s(40_000, { 'o:0': [100, 700] })]);
  assert.deepEqual(stalled.status, { kind: 'stalled' });
  assert.equal(statusText(stalled.status), 'stalled');
  // 5 s without a commit: the consumer may simply not have auto-committed yet.
  const quiet = catchUp([s(0, { 'o:0': [100, 500] }), s(5_000, { 'o:0': [100, 500] })]);
  assert.deepEqual(quiet.status, { kind: 'measuring' });
  const quietButGrowing = catchUp([s(0, { 'o:0': [100, 500] }), s(5_000, { 'o:0': [100, 900] })]);
  assert.deepEqual(quietButGrowing.status, { kind: 'falling-behind' });
  // A custom window: stalled after 6 s when the window is 6 s (stallMs never exceeds the window).
  const short = catchUp([s(0, { 'o:0': [100, 500] }), s(3_000, { 'o:0': [100, 500] }), s(6_000, { 'o:0': [100, 500] })], { windowMs: 6_000 });
  assert.deepEqual(short.status, { kind: 'stalled' });
});

test('progress earlier in the history, outside the window, does not hide a stall now', () => {
  const r = catchUp(
    [s(0, { 'o:0': [0, 1_000] }), s(10_000, { 'o:0': [500, 1_000] }), s(50_000, { 'o:0': [500, 1_000] }), s(80_000, { 'o:0': [500, 1_000] })],
    { windowMs: 40_000 },
  );
  assert.equal(r.spanMs, 70_000, 'the window holds the samples at 50 s and 80 s, and the one before it (10 s) so it is covered whole');
  assert.deepEqual(r.status, { kind: 'stalled' });
});

test('a reset moving committed backwards is not negative progress (nor progress)', () => {
  // Partition 0 is reset back by 900, partition 1 consumes 100 meanwhile.
  const r = catchUp([s(0, { 'o:0': [1_000, 1_000], 'o:1': [0, 500] }), s(10_000, { 'o:0': [100, 1_000], 'o:1': [100, 500] })]);
  assert.equal(r.consumeRate, 10, 'only partition 1 counts');
  assert.equal(r.lag, 1_300n);
  assert.equal(r.status.kind, 'catching-up');
  // Reset back and nothing else moves: no progress at all.
  const only = catchUp([s(0, { 'o:0': [1_000, 1_000] }), s(40_000, { 'o:0': [100, 1_000] })]);
  assert.equal(only.consumeRate, 0);
  assert.deepEqual(only.status, { kind: 'stalled' });
  // A topic deleted and re-created: its log end moved back, which is not negative production.
  const recreated = catchUp([s(0, { 'o:0': [900, 1_000] }), s(10_000, { 'o:0': [0, 10] })]);
  assert.equal(recreated.produceRate, 0);
});

test('partitions appearing, and a first commit, add no progress for the interval they appear in', () => {
  const r = catchUp([s(0, { 'o:0': [0, 100] }), s(10_000, { 'o:0': [50, 100], 'o:1': [400, 1_000], 'o:2': [null, 70] })]);
  assert.equal(r.consumeRate, 5, 'o:1 is new: its 400 committed offsets were not consumed in these 10 s');
  assert.equal(r.produceRate, 0);
  assert.equal(r.lag, 650n, 'o:2 has no commit, so no lag');
  const firstCommit = catchUp([s(0, { 'o:0': [null, 100] }), s(10_000, { 'o:0': [80, 100] })]);
  assert.equal(firstCommit.consumeRate, 0);
});

test('no commit anywhere, one sample, and no samples', () => {
  assert.deepEqual(catchUp([s(0, { 'o:0': [null, 5] }), s(10_000, { 'o:0': [null, 9] })]).status, { kind: 'no-commit' });
  assert.equal(statusText({ kind: 'no-commit' }), 'no commit');
  const one = catchUp([s(0, { 'o:0': [1, 5] })]);
  assert.deepEqual(one, { lag: 4n, consumeRate: null, produceRate: null, spanMs: 0, status: { kind: 'measuring' } });
  assert.deepEqual(catchUp([]).status, { kind: 'measuring' });
  assert.equal(catchUp([s(0, {}), s(10_000, {})]).lag, 0n, 'a group with no partitions has lag 0');
});

test('clock jitter: uneven intervals give the same rate as the offsets over the real time between them', () => {
  const r = catchUp([s(0, { 'o:0': [0, 10_000] }), s(4_700, { 'o:0': [470, 10_000] }), s(10_300, { 'o:0': [1_030, 10_000] }), s(14_900, { 'o:0': [1_490, 10_000] })]);
  assert.ok(Math.abs(r.consumeRate! - 100) < 1e-9, `got ${r.consumeRate}`);
  assert.equal(r.spanMs, 14_900);
});

test('scope: the rate and status of one partition, or one topic, of the group', () => {
  const samples = [s(0, { 'a:0': [0, 1_000], 'a:1': [500, 500], 'b:0': [0, 0] }), s(40_000, { 'a:0': [400, 1_000], 'a:1': [500, 500], 'b:0': [0, 0] })];
  assert.equal(catchUp(samples, { scope: ['a:0'] }).status.kind, 'catching-up');
  assert.deepEqual(catchUp(samples, { scope: ['a:1'] }).status, { kind: 'idle' });
  assert.equal(catchUp(samples, { scope: ['a:0', 'a:1'] }).consumeRate, 10);
  assert.equal(catchUp(samples, { scope: ['gone:0'] }).lag, 0n, 'a partition not in the samples has nothing to measure');
});

test('recordSample: bounded in count and age; a clock set back starts over; the same instant replaces', () => {
  let h: OffsetSample[] = [];
  for (let i = 0; i < 10; i++) h = recordSample(h, s(i * 1_000, { 'o:0': [i, 10] }), { maxSamples: 4 });
  assert.deepEqual(h.map((x) => x.at), [6_000, 7_000, 8_000, 9_000]);
  h = recordSample(h, s(9_000, { 'o:0': [42, 50] }), { maxSamples: 4 });
  assert.deepEqual(h.map((x) => x.at), [6_000, 7_000, 8_000, 9_000]);
  assert.equal(h[3].partitions.get('o:0')!.committed, 42n);
  h = recordSample(h, s(1_000, { 'o:0': [1, 10] }));
  assert.deepEqual(h.map((x) => x.at), [1_000], 'the clock went back: old intervals are meaningless');
  const aged = recordSample([s(0, {}), s(50_000, {}), s(100_000, {})], s(130_000, {}), { maxAgeMs: 60_000 });
  assert.deepEqual(aged.map((x) => x.at), [100_000, 130_000]);
  const input = [s(0, {})];
  recordSample(input, s(1, {}));
  assert.equal(input.length, 1, 'the history given is not changed');
});

test('windowOf covers the whole window: the samples in it and the one just before', () => {
  const h = [s(0, {}), s(100_000, {}), s(300_000, {})];
  assert.deepEqual(windowOf(h, 60_000).map((x) => x.at), [100_000, 300_000], 'sparse samples: the last interval, however long');
  assert.deepEqual(windowOf(h, 250_000).map((x) => x.at), [0, 100_000, 300_000]);
  assert.deepEqual(windowOf(h, 400_000).map((x) => x.at), [0, 100_000, 300_000]);
  // Samples every ~1.015 s and a 4 s window: without the one before, the span would stay under 4 s
  // and a stall (which needs the window's length without progress) would never be called.
  const every = Array.from({ length: 10 }, (_, i) => s(i * 1_015, { 'o:0': [5, 10] }));
  assert.ok(catchUp(every, { windowMs: 4_000 }).spanMs >= 4_000);
  assert.deepEqual(catchUp(every, { windowMs: 4_000 }).status, { kind: 'stalled' });
});

test('sampleOf and lagSeries read a GroupLag the way the lag table does', () => {
  const lag: GroupLag = {
    groupId: 'g',
    lag: 7n,
    topics: [
      {
        topic: 'o',
        lag: 7n,
        partitions: [
          { topic: 'o', partition: 0, logStart: 0n, logEnd: 10n, committed: 3n, lag: 7n },
          { topic: 'o', partition: 1, logStart: 0n, logEnd: 4n, committed: null, lag: null },
        ],
      },
    ],
  };
  const sample = sampleOf(lag, 5);
  assert.deepEqual(sample.partitions.get('o:1'), { committed: null, logEnd: 4n });
  assert.deepEqual(lagSeries([sample, s(9, { 'o:0': [null, 1] })]), [
    { at: 5, lag: 7 },
    { at: 9, lag: null },
  ]);
});

test('formatEta and formatRate', () => {
  assert.equal(formatEta(0), '~1 s');
  assert.equal(formatEta(42_400), '~42 s');
  assert.equal(formatEta(170_000), '~3 min');
  assert.equal(formatEta(2 * 3_600_000 + 600_000), '~2 h');
  assert.equal(formatEta(5 * 86_400_000), '~5 d');
  assert.equal(formatRate(null), '—');
  assert.equal(formatRate(0), '0/s');
  assert.equal(formatRate(0.42), '0.4/s');
  assert.equal(formatRate(1_249.6), '1,250/s');
});

test('statusText: one set of words, translated through the given t; without the ETA for a column of its own', () => {
  const catching = { kind: 'catching-up', etaMs: 180_000 } as const;
  assert.equal(statusText(catching), 'catching up (~3 min)');
  assert.equal(statusText(catching, { eta: false }), 'catching up');
  const upper = (m: string, ...a: Array<string | number | boolean>) => m.toUpperCase().replace('{0}', String(a[0]));
  assert.equal(statusText(catching, { t: upper }), 'CATCHING UP (~3 min)');
  assert.equal(statusText({ kind: 'stalled' }, { t: upper, eta: false }), 'STALLED');
});
