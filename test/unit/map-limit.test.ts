/**
 * mapLimitFailFast (src/core/deadline.ts), what several-group commands plan with: results in the order
 * given whatever order they finish in, never more than `limit` in flight, and the first failure stops the
 * batch — the calls still running see their signal aborted, no further item starts, that failure is thrown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapLimitFailFast, sleep } from '../../src/core/deadline';

test('results keep the order of the items; at most `limit` run at once', async () => {
  let running = 0;
  let most = 0;
  const out = await mapLimitFailFast([50, 10, 30, 0, 20, 5, 40], 3, undefined, async (ms) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
    return ms * 2;
  });
  assert.deepEqual(out, [100, 20, 60, 0, 40, 10, 80]);
  assert.equal(most, 3);
});

test('the first failure aborts the calls in flight, starts no further item and is what is thrown', async () => {
  const started: number[] = [];
  const aborted: number[] = [];
  const items = Array.from({ length: 20 }, (_, i) => i);
  await assert.rejects(
    mapLimitFailFast(items, 4, undefined, async (i, signal) => {
      started.push(i);
      if (i === 2) throw new Error('group "g2" could not be described');
      try {
        await sleep(5_000, signal, `item ${i}`);
      } catch (e) {
        aborted.push(i);
        throw e;
      }
      return i;
    }),
    /group "g2" could not be described/,
  );
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started.sort((a, b) => a - b), [0, 1, 2, 3], 'nothing after the failure started');
  assert.deepEqual(aborted.sort((a, b) => a - b), [0, 1, 3], 'the others in flight were aborted, not left to their deadline');
});

test("the caller's signal aborts every call", async () => {
  const ac = new AbortController();
  const run = mapLimitFailFast([1, 2, 3], 3, ac.signal, (i, signal) => sleep(5_000, signal, `item ${i}`).then(() => i));
  setTimeout(() => ac.abort(), 10);
  await assert.rejects(run, (e: Error) => /item \d/.test(e.message));
});
