/**
 * The demo data (test/support/demo-data.js, used by `npm run demo`) shows what the demo promises,
 * read back with the engine the extension uses, and a second run leaves the same state.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { KafkaClient, groupLag, tpKey, GroupLag } from '../../src/core';
import { bootstrap, brokers, unique } from '../support/fixtures';
import { repoRoot } from '../support/harness';

type DemoName = 'billing' | 'shipping' | 'audit' | 'reporting';
interface DemoData {
  topics: { orders: string; payments: string };
  groups: Record<DemoName, string>;
  produced: { orders: number; payments: number };
  stop(): Promise<void>;
}
// Plain JS (no build step for `npm run demo`), required from the repository root like the harness.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createDemoData }: { createDemoData(bootstrap: string, opts?: { now?: number; prefix?: string; shippingConsumer?: boolean }): Promise<DemoData> } = require(
  path.join(repoRoot, 'test/support/demo-data.js'),
);

let client: KafkaClient;
const prefix = `${unique('demo')}-`;
const now = Date.now();

before(() => {
  client = new KafkaClient({ brokers: brokers() });
});
after(async () => {
  await client.close();
});

const partitionsOf = (l: GroupLag, topic: string) => l.topics.find((t) => t.topic === topic)?.partitions ?? [];

async function assertDemoState(demo: DemoData) {
  const { groups, topics } = demo;

  const billing = await client.describeGroup(groups.billing);
  assert.equal(billing.state, 'Empty');
  const billingLag = await groupLag(client, groups.billing);
  assert.ok(partitionsOf(billingLag, topics.orders).length === 6 && partitionsOf(billingLag, topics.orders).every((p) => p.lag !== null && p.lag > 0n), 'billing lags on every orders partition');
  assert.ok(partitionsOf(billingLag, topics.payments).length === 3 && partitionsOf(billingLag, topics.payments).every((p) => p.lag !== null && p.lag > 0n), 'billing lags on every payments partition');

  const shipping = await client.describeGroup(groups.shipping);
  assert.equal(shipping.state, 'Stable');
  assert.ok(shipping.members.length >= 1, 'shipping has a member');
  assert.ok(((await groupLag(client, groups.shipping, { description: shipping })).lag ?? 0n) > 0n, 'shipping has lag');

  const audit = partitionsOf(await groupLag(client, groups.audit), topics.payments);
  assert.ok(audit.some((p) => p.committed === null), 'audit: some payments partitions have no commit');
  assert.ok(audit.some((p) => p.committed !== null), 'audit: some payments partitions are committed');

  const reporting = await groupLag(client, groups.reporting);
  assert.equal(reporting.lag, 0n);
  assert.ok(partitionsOf(reporting, topics.orders).every((p) => p.committed !== null), 'reporting committed on every orders partition');
}

test('demo data: groups billing/shipping/audit/reporting as promised, and again on a second run', async () => {
  const first = await createDemoData(bootstrap(), { prefix, now });
  try {
    assert.deepEqual(first.produced, { orders: 3000, payments: 1200 });
    await assertDemoState(first);

    // Timestamps span the last 6 hours: a date-time reset to 3 hours ago lands inside every partition.
    const parts = Array.from({ length: 6 }, (_, partition) => ({ topic: first.topics.orders, partition }));
    const [mid, end] = await client.listOffsetsMulti(parts, [now - 3 * 3600_000, -1]);
    for (const p of parts) {
      const o = mid.get(tpKey(p.topic, p.partition));
      assert.ok(o !== null && o !== undefined && o > 0n && o < end.get(tpKey(p.topic, p.partition))!, `orders:${p.partition} offset at now-3h is mid-log (${o})`);
    }

    // Someone played with the demo: reset billing, committed audit's "no commit" partition.
    await client.commitOffsets(first.groups.billing, [{ topic: first.topics.orders, partition: 0, offset: 500n }]);
    const noCommit = partitionsOf(await groupLag(client, first.groups.audit), first.topics.payments).find((p) => p.committed === null)!;
    await client.commitOffsets(first.groups.audit, [{ topic: noCommit.topic, partition: noCommit.partition, offset: 1n }]);
  } finally {
    await first.stop();
  }

  const second = await createDemoData(bootstrap(), { prefix, now: now + 60_000 });
  try {
    assert.deepEqual(second.produced, { orders: 0, payments: 0 }, 'existing topics are not produced to again');
    await assertDemoState(second);
  } finally {
    await second.stop();
  }
  const billing = await groupLag(client, second.groups.billing);
  assert.ok(partitionsOf(billing, second.topics.orders).every((p) => p.lag! > 0n), 'billing restored to the intended offsets');
  assert.equal((await client.describeGroup(second.groups.shipping)).members.length, 0, 'stop() makes the shipping consumer leave');
});
