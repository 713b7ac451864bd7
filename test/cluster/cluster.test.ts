/**
 * The engine against a real 3-broker KRaft cluster (test/support/cluster.js): replication factor 3,
 * the group's coordinator on a different broker than most partition leaders, so lag and resets only
 * read back right when each request goes to the right coordinator or leader. Then one broker is
 * stopped (SIGTERM) during a lag refresh and during a reset — first one that is not the coordinator,
 * then the coordinator: each call succeeds (leadership moves) or fails with a KafkaOffsetsError
 * sentence, and the committed offsets are exactly the old ones or the reported new ones.
 *
 * Layer 4 of `npm test` (scripts/test.js), or alone with `npm run test:cluster`.
 */
import { test, before, after } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, unique } from '../support/fixtures';
import { repoRoot } from '../support/harness';
import { KafkaClient, KafkaOffsetsError, applyPlan, planFromCluster, validateResetInput, ResetInput, groupLag, tpKey, sleep } from '../../src/core';
import type { ResetResult, GroupLag } from '../../src/core';

interface ClusterNode {
  nodeId: number;
  port: number;
  bootstrap: string;
  running: boolean;
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
}
interface Cluster {
  bootstrap: string;
  brokers: string[];
  nodes: ClusterNode[];
  waitForBrokers(opts?: { timeoutMs?: number }): Promise<void>;
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startCluster } = require(path.join(repoRoot, 'test/support/cluster.js')) as { startCluster(o: { size: number; logDir?: string }): Promise<Cluster> };

const PARTITIONS = 6;
const COUNT = 100;
const COMMITTED = 50;
const T0 = Date.UTC(2026, 0, 1);

let cluster: Cluster | undefined;
let fx: Fixtures;
let client: KafkaClient;
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-cluster-snap-'));

before(async () => {
  const t0 = Date.now();
  cluster = await startCluster({ size: 3, logDir: path.join(repoRoot, 'test-results', 'cluster-faults') });
  process.stderr.write(`cluster of 3 up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${cluster.bootstrap}\n`);
  fx = new Fixtures(cluster.brokers);
  client = new KafkaClient({ brokers: cluster.brokers });
}, { timeout: 300_000 });

after(async () => {
  await client?.close().catch(() => undefined);
  await fx?.close().catch(() => undefined);
  await cluster?.stop();
  fs.rmSync(snapshotDir, { recursive: true, force: true });
}, { timeout: 120_000 });

const nodeById = (id: number) => cluster!.nodes.find((n) => n.nodeId === id)!;

function request(input: ResetInput) {
  const v = validateResetInput(input, Date.UTC(2026, 10, 24));
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join(' '));
  return v.request;
}

/** Committed offsets of every partition, read with a fresh client, retried while the cluster settles. */
async function committed(group: string, topic: string): Promise<Array<bigint | null>> {
  let last: unknown;
  for (let attempt = 0; attempt < 30; attempt++) {
    const c = new KafkaClient({ brokers: cluster!.brokers });
    try {
      const m = await c.committedOffsets(group, [{ topic, partitions: Array.from({ length: PARTITIONS }, (_, i) => i) }]);
      return Array.from({ length: PARTITIONS }, (_, i) => m.get(tpKey(topic, i)) ?? null);
    } catch (e) {
      last = e;
      await sleep(1000);
    } finally {
      await c.close();
    }
  }
  throw last;
}

/** A 6-partition RF-3 topic, 100 messages per partition, the group committed at 50 everywhere. */
async function setup() {
  const topic = unique('ct');
  const group = unique('cg');
  await fx.createTopic(topic, PARTITIONS, 3);
  for (let p = 0; p < PARTITIONS; p++) await fx.produce(topic, p, COUNT, (i) => T0 + i * 1000);
  await fx.commit(group, Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition, offset: COMMITTED })));
  return { topic, group };
}

/** Coordinator and leaders, reported; most leaders must be on other brokers than the coordinator. */
async function layout(t: TestContext, group: string, topic: string, c = client) {
  const coordinator = (await c.describeGroup(group)).coordinator.nodeId;
  const leaders = (await c.topicLayouts([topic])).get(topic)!.leaders;
  const byPartition = [...leaders].sort((a, b) => a[0] - b[0]).map(([p, n]) => `p${p}→${n}`).join(' ');
  const elsewhere = [...leaders.values()].filter((n) => n !== coordinator).length;
  t.diagnostic(`coordinator of ${group}: node ${coordinator}; leaders of ${topic}: ${byPartition} (${elsewhere}/${leaders.size} not on the coordinator)`);
  return { coordinator, leaders, elsewhere };
}

function assertClearError(t: TestContext, e: unknown, what: string) {
  assert.ok(e instanceof KafkaOffsetsError, `${what}: expected a KafkaOffsetsError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  assert.ok(e.message.length > 20 && /[A-Za-z]/.test(e.message[0]), `${what}: not a sentence: ${e.message}`);
  assert.doesNotMatch(e.message, /undefined|\[object /, `${what}: ${e.message}`);
  t.diagnostic(`${what}: failed clearly (${e.kind}): ${e.message}`);
}

function assertLag(lag: GroupLag, topic: string) {
  assert.equal(lag.lag, BigInt(PARTITIONS * (COUNT - COMMITTED)));
  const tl = lag.topics.find((x) => x.topic === topic)!;
  assert.equal(tl.partitions.length, PARTITIONS);
  for (const p of tl.partitions) assert.deepEqual([p.partition, p.committed, p.logEnd, p.lag], [p.partition, BigInt(COMMITTED), BigInt(COUNT), BigInt(COUNT - COMMITTED)]);
}

/** Run `op` while `victim` is being stopped with SIGTERM; the op either succeeds or fails clearly. */
async function duringStop<T>(t: TestContext, victim: ClusterNode, what: string, op: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const t0 = Date.now();
  const stopping = sleep(50).then(() => victim.stop({ timeoutMs: 30_000 }));
  const [r] = await Promise.allSettled([op(), stopping]);
  await stopping;
  const ms = Date.now() - t0;
  if (r.status === 'fulfilled') {
    t.diagnostic(`${what} while node ${victim.nodeId} stopped: succeeded in ${ms} ms`);
    return { value: r.value };
  }
  assertClearError(t, r.reason, `${what} while node ${victim.nodeId} stopped (${ms} ms)`);
  return { error: r.reason };
}

/** A user retrying: up to 3 attempts, 1 s apart. */
async function retry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= 3) throw e;
      await sleep(1000);
    }
  }
}

/** Offsets after a reset that may have failed: exactly the old ones or the reported new ones. */
function assertOldOrNew(after: Array<bigint | null>, old: bigint, target: bigint, result: ResetResult | undefined) {
  for (let p = 0; p < PARTITIONS; p++) {
    const row = result?.rows.find((r) => r.partition === p);
    if (row?.outcome === 'applied') assert.equal(after[p], row.target, `partition ${p} reported applied`);
    else if (row?.outcome === 'failed') assert.equal(after[p], old, `partition ${p} reported failed`);
    else assert.ok(after[p] === old || after[p] === target, `partition ${p}: ${after[p]} is neither the old ${old} nor the new ${target}`);
  }
}

async function restart(t: TestContext, victim: ClusterNode) {
  const t0 = Date.now();
  await victim.restart();
  await cluster!.waitForBrokers({ timeoutMs: 120_000 });
  t.diagnostic(`node ${victim.nodeId} back, 3 live brokers again after ${Date.now() - t0} ms`);
}

const newClient = () => new KafkaClient({ brokers: cluster!.brokers });

/**
 * One fault case: stop `pick(coordinator)` during a lag refresh, restart; again during a reset,
 * restart. Each phase uses its own client through the fault (a stale coordinator and stale leaders
 * cached in it) and a new client after the restart (see the todo test below for why).
 */
async function faultCase(t: TestContext, pick: (coordinator: number, leaders: Map<number, number>) => number) {
  // Lag refresh.
  {
    const { topic, group } = await setup();
    const c = newClient();
    try {
      const { coordinator, leaders } = await layout(t, group, topic, c);
      const victim = nodeById(pick(coordinator, leaders));
      t.diagnostic(`stopping node ${victim.nodeId} (coordinator is ${coordinator}) during a lag refresh`);
      const during = await duringStop(t, victim, 'lag refresh', () => groupLag(c, group));
      if (during.value) assertLag(during.value, topic);
      // With the broker down: the next refresh must find the new leaders / coordinator, or say why not.
      try {
        assertLag(await groupLag(c, group), topic);
        t.diagnostic(`lag refresh with node ${victim.nodeId} down: succeeded`);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assertClearError(t, e, `lag refresh with node ${victim.nodeId} down`);
        // A failed call drops the connection; the user's next refresh must find the live brokers.
        assertLag(await retry(() => groupLag(c, group)), topic);
        t.diagnostic(`next lag refresh with node ${victim.nodeId} still down: succeeded`);
      }
      await restart(t, victim);
    } finally {
      await c.close();
    }
    const c2 = newClient();
    try {
      assertLag(await groupLag(c2, group), topic);
    } finally {
      await c2.close();
    }
    assert.deepEqual(await committed(group, topic), Array(PARTITIONS).fill(BigInt(COMMITTED)));
  }
  // Reset.
  {
    const { topic, group } = await setup();
    const target = 20n;
    const c = newClient();
    let result: ResetResult | undefined;
    try {
      const { coordinator, leaders } = await layout(t, group, topic, c);
      const victim = nodeById(pick(coordinator, leaders));
      const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: Number(target) }));
      assert.deepEqual(plan.rows.map((r) => r.target), Array(PARTITIONS).fill(target));
      t.diagnostic(`stopping node ${victim.nodeId} (coordinator is ${coordinator}) during a reset`);
      const during = await duringStop(t, victim, 'reset', () => applyPlan(c, plan, { snapshotDir }));
      result = during.value;
      if (result) t.diagnostic(`reset outcomes: ${result.rows.map((r) => `p${r.partition}=${r.outcome}`).join(' ')}`);
      await restart(t, victim);
    } finally {
      await c.close();
    }
    const afterReset = await committed(group, topic);
    t.diagnostic(`committed after: ${afterReset.join(',')}`);
    assertOldOrNew(afterReset, BigInt(COMMITTED), target, result);
    // And the cluster works normally again: a reset applies and reads back.
    const c2 = newClient();
    try {
      const r2 = await applyPlan(c2, await planFromCluster(c2, request({ group, topic, partition: -1, messageOffset: 30 })), { snapshotDir });
      assert.deepEqual(r2.rows.map((r) => [r.outcome, r.readBack]), Array(PARTITIONS).fill(['applied', 30n]));
    } finally {
      await c2.close();
    }
    assert.deepEqual(await committed(group, topic), Array(PARTITIONS).fill(30n));
  }
}

test('lag and resets reach the right coordinator and partition leaders (6 partitions, RF 3)', { timeout: 240_000 }, async (t) => {
  const { topic, group } = await setup();
  const { leaders, elsewhere } = await layout(t, group, topic);
  assert.equal(leaders.size, PARTITIONS);
  assert.ok(new Set(leaders.values()).size >= 2, 'leaders spread over at least two brokers');
  assert.ok(elsewhere > PARTITIONS / 2, `most leaders not on the coordinator (${elsewhere}/${PARTITIONS})`);

  assertLag(await groupLag(client, group), topic);

  const earliest = await applyPlan(client, await planFromCluster(client, request({ group, topic, partition: -1, mode: 'earliest' })), { snapshotDir });
  assert.deepEqual(earliest.rows.map((r) => [r.partition, r.outcome, r.readBack]), Array.from({ length: PARTITIONS }, (_, p) => [p, 'applied', 0n]));
  assert.deepEqual(await committed(group, topic), Array(PARTITIONS).fill(0n));
  assert.equal((await groupLag(client, group)).lag, BigInt(PARTITIONS * COUNT));

  const offset = await applyPlan(client, await planFromCluster(client, request({ group, topic, partition: 3, messageOffset: 42 })), { snapshotDir });
  assert.deepEqual(offset.rows.map((r) => [r.partition, r.outcome, r.readBack]), [[3, 'applied', 42n]]);
  assert.deepEqual(await committed(group, topic), [0n, 0n, 0n, 42n, 0n, 0n]);
  const lag = await groupLag(client, group);
  assert.equal(lag.lag, BigInt(PARTITIONS * COUNT - 42));
});

test('stopping a broker that is not the coordinator during a lag refresh and during a reset', { timeout: 600_000 }, async (t) => {
  // Prefer a non-coordinator that leads partitions, so leadership really has to move.
  await faultCase(t, (coordinator, leaders) => {
    const counts = new Map<number, number>();
    for (const n of leaders.values()) if (n !== coordinator) counts.set(n, (counts.get(n) ?? 0) + 1);
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    return best ? best[0] : cluster!.nodes.map((n) => n.nodeId).find((id) => id !== coordinator)!;
  });
});

test('stopping the coordinator during a lag refresh and during a reset', { timeout: 600_000 }, async (t) => {
  await faultCase(t, (coordinator) => coordinator);
});

// Found by this suite (2026-11-24), fixed in KafkaClient.broker(): a client that refreshed its metadata while a broker
// was down keeps that broker out of kafkajs's broker pool after it is back, while the layouts
// (own Metadata request) already name it as a leader again: the next ListOffsets fails with
// "Broker N not found in the cached metadata" until the pool's metadata expires (60 s). A long-lived
// client (the VS Code extension) saw this after every rolling restart. Passes since
// the client refreshes the pool when a node id is unknown (it does now).
test('a long-lived client keeps working after a broker it saw down comes back', { timeout: 300_000 }, async (t) => {
  const { topic, group } = await setup();
  const c = newClient();
  try {
    const { coordinator, leaders } = await layout(t, group, topic, c);
    const victimId = [...leaders.values()].find((n) => n !== coordinator)!;
    const victim = nodeById(victimId);
    await victim.stop();
    // While it is down: a refresh (retried like a user would) sees the new leaders.
    assertLag(await retry(() => groupLag(c, group)), topic);
    await restart(t, victim);
    // A new topic has partitions led by the restarted broker; the same client reads them.
    const next = await setup();
    const nextLeaders = await newLayout(next.topic);
    t.diagnostic(`new topic after the restart: leaders ${[...nextLeaders].map(([p, n]) => `p${p}→${n}`).join(' ')}`);
    assert.ok([...nextLeaders.values()].includes(victimId), `node ${victimId} leads a partition of the new topic`);
    assertLag(await groupLag(c, next.group), next.topic);
    const r = await applyPlan(c, await planFromCluster(c, request({ group: next.group, topic: next.topic, partition: -1, messageOffset: 10 })), { snapshotDir });
    assert.deepEqual(r.rows.map((x) => x.outcome), Array(PARTITIONS).fill('applied'));
  } finally {
    await c.close();
  }
});

async function newLayout(topic: string): Promise<Map<number, number>> {
  const c = newClient();
  try {
    return (await c.topicLayouts([topic])).get(topic)!.leaders;
  } finally {
    await c.close();
  }
}

// A broker killed outright (SIGKILL) stays the leader in the metadata until the controller misses
// its heartbeats (broker.session.timeout.ms, 9 s by default), so a call right after the kill has to
// fail; the sentence must name that one broker, not blame the whole bootstrap list, and the hint it
// gives (retry once leadership moved) must be true.
test('a killed broker is named in the error, and a retry works once leadership moved', { timeout: 300_000 }, async (t) => {
  const { topic, group } = await setup();
  const c = newClient();
  try {
    const { coordinator, leaders } = await layout(t, group, topic, c);
    assertLag(await groupLag(c, group), topic);
    const victimId = [...leaders.values()].find((n) => n !== coordinator)!;
    const victim = nodeById(victimId);
    await victim.kill();
    const t0 = Date.now();
    const err = await groupLag(c, group).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err, `a lag refresh right after SIGKILL of node ${victimId} succeeded: the metadata moved faster than the test assumes`);
    assertClearError(t, err, `lag refresh right after SIGKILL of node ${victimId} (${Date.now() - t0} ms)`);
    const e = err as KafkaOffsetsError;
    assert.equal(e.kind, 'unreachable');
    assert.ok(e.message.includes(`broker ${victimId} (127.0.0.1:${victim.port})`), `names the killed broker: ${e.message}`);
    let attempts = 0;
    const deadline = Date.now() + 60_000;
    for (;;) {
      attempts++;
      try {
        assertLag(await groupLag(c, group), topic);
        break;
      } catch (x) {
        if (x instanceof assert.AssertionError || Date.now() > deadline) throw x;
        await sleep(1000);
      }
    }
    t.diagnostic(`same client, lag refresh worked again after ${attempts} attempts, ${Date.now() - t0} ms after the kill`);
    await restart(t, victim);
  } finally {
    await c.close();
  }
});
