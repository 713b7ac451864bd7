/**
 * Faults: a reset never hangs and never loses data.
 *
 * - Nothing to talk to (a closed port, a port that accepts and never answers, a host name that does
 *   not resolve): a clear 'unreachable' sentence naming the brokers within 5 s, and a process using
 *   the engine (the CLI, or a bare KafkaClient never closed) exits by itself right after.
 * - A broker of this file's own, behind a TCP proxy in this process (the broker advertises the
 *   proxy's port, so every connection goes through it): SIGKILLed during wait-until-empty, after
 *   planning, between the snapshot and the commit, and after it stored the commit but before its
 *   answer arrived; frozen (SIGSTOP) mid-session; restarted under a client. After each restart the
 *   committed offsets are exactly the old ones or exactly the new ones as reported, the snapshot is
 *   intact and undo works, and the same KafkaClient recovers.
 * - On the shared broker (never killed here): two CLI resets of the same group at once end with
 *   exactly one plan's offsets, never a mix; resets of two groups in parallel both succeed.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startBroker, freePort, BrokerHandle } from '../support/brokers';
import { harness, repoRoot, JavaConsumer } from '../support/harness';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { FreezeProxy } from '../support/freeze-proxy';
import { runNode, ProcessRun, validRequest, expectFailure } from '../support/run';
import {
  KafkaClient,
  KafkaOffsetsError,
  ClusterConfig,
  applyPlan,
  planFromCluster,
  undoSnapshot,
  loadSnapshot,
  listSnapshots,
  validateResetInput,
  waitUntilEmpty,
  groupLag,
  tpKey,
  ResetInput,
  ResetResult,
} from '../../src/core';

const CLI = path.join(repoRoot, 'dist/cli.js');
const CORE = path.join(repoRoot, 'out/src/core/index.js');
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-faults-snap-'));
/** The engine's default request timeout (10 s) + the 2 s margin of KafkaClient.run: the longest any call may take. */
const REQUEST_DEADLINE_MS = 12_000;
/** Per test: generous (a broker restart takes 5–15 s on a loaded 2-core machine), only there to turn a hang into a failure. */
const TEST_TIMEOUT_MS = 180_000;

const clients: KafkaClient[] = [];
function client(cfg: Partial<ClusterConfig> & { brokers: string[] }): KafkaClient {
  const c = new KafkaClient({ clientId: 'kafka-offsets-faults-test', ...cfg });
  clients.push(c);
  return c;
}

const request = (input: ResetInput) => validRequest(input);
const failure = expectFailure;
type Run = ProcessRun;
const node = (args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}) => runNode(args, { ...opts, env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir, ...opts.env } });
const cli = (args: string[], opts?: { timeoutMs?: number }) => node([CLI, ...args], opts);

/** One KafkaClient call in a fresh process that never calls close(): the process must still exit by itself. */
function bareClient(brokers: string[]): Promise<Run> {
  const script = `
    const { KafkaClient } = require(${JSON.stringify(CORE)});
    const t0 = Date.now();
    new KafkaClient({ brokers: ${JSON.stringify(brokers)} }).listGroups().then(
      () => console.log(JSON.stringify({ ok: true })),
      (e) => console.log(JSON.stringify({ kind: e.kind, message: e.message, ms: Date.now() - t0 })),
    );`;
  return node(['-e', script], { timeoutMs: 30_000 });
}

// ---------------------------------------------------------------------------------------------
// Nothing to talk to

/** A TCP server that accepts connections and never answers; counts the ones still open. */
async function blackHole(): Promise<{ address: string; open: () => number; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.resume(); // read and drop what the client sends, so its FIN is seen (and the socket closes)
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    open: () => sockets.size,
    accepted: () => accepted,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function closedPort(): Promise<string> {
  return `127.0.0.1:${await freePort()}`;
}

async function assertUnreachableEverywhere(t: { diagnostic(s: string): void }, brokers: string[], reason: RegExp): Promise<void> {
  const where = brokers.join(', ');
  // In this process.
  const c = client({ brokers });
  const { err, ms } = await failure(c.listGroups());
  t.diagnostic(`KafkaClient: ${ms} ms: ${err.message}`);
  assert.equal(err.kind, 'unreachable', err.message);
  assert.ok(err.message.includes(where), `names the brokers: ${err.message}`);
  assert.match(err.message, reason);
  assert.ok(ms < 5000, `reported after ${ms} ms`);
  // The same client again: as quick (nothing half-open left from the first attempt).
  const again = await failure(c.describeGroup('any-group'));
  assert.equal(again.err.kind, 'unreachable', again.err.message);
  assert.ok(again.ms < 5000, `second call reported after ${again.ms} ms`);

  // The CLI, as a user runs it: exit 1 with the sentence, and the process is gone right after.
  const r = await cli(['lag', '--bootstrap', brokers.join(','), '--group', 'any-group'], { timeoutMs: 30_000 });
  t.diagnostic(`CLI: exit ${r.code ?? r.signal} after ${r.ms} ms: ${r.stderr.trim()}`);
  assert.equal(r.code, 1, `${r.signal ?? ''} ${r.stderr}`);
  assert.match(r.stderr, new RegExp(`^kafka-offsets: Cannot reach the Kafka cluster at ${where.replace(/[.]/g, '\\.')}`));
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  // One 4.5-s deadline plus a Node start, which takes over a second on a loaded 2-core machine; a second
  // deadline (a retry, 9 s) or a hang still fails it.
  assert.ok(r.ms < 8500, `CLI exited after ${r.ms} ms`);

  // A bare KafkaClient that is never closed: no socket or timer may keep its process alive.
  const b = await bareClient(brokers);
  t.diagnostic(`bare client: exit ${b.code ?? b.signal} after ${b.ms} ms: ${b.stdout.trim()}`);
  assert.equal(b.code, 0, `${b.signal ?? ''} ${b.stderr}`);
  assert.equal(JSON.parse(b.stdout).kind, 'unreachable', b.stdout);
  assert.ok(b.ms < 8500, `process exited after ${b.ms} ms`);
}

test('nothing listening on the port: unreachable (connection refused) within 5 s naming the broker; CLI and a bare client exit promptly', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await assertUnreachableEverywhere(t, [await closedPort()], /connection refused/);
});

test('two bootstrap brokers, neither listening: the sentence names both', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await assertUnreachableEverywhere(t, [await closedPort(), await closedPort()], /connection refused/);
});

test('a port that accepts and never answers: unreachable within 5 s; every socket the client opened is closed again; CLI and a bare client exit promptly', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const hole = await blackHole();
  try {
    await assertUnreachableEverywhere(t, [hole.address], /no answer/);
    assert.ok(hole.accepted() >= 3, `connections accepted: ${hole.accepted()}`);
    // The in-process client gave up: its sockets must be closed, not left to kafkajs's retries.
    const deadline = Date.now() + 2000;
    while (hole.open() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(hole.open(), 0, `${hole.open()} connection(s) still open after giving up`);
  } finally {
    await hole.close();
  }
});

test('a host name that does not resolve: unreachable within 5 s naming it; CLI and a bare client exit promptly', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await assertUnreachableEverywhere(t, ['no-such-host.invalid:9092'], /host name (not found|could not be resolved)|no answer/);
});

// ---------------------------------------------------------------------------------------------
// A broker of our own, behind a proxy

let broker: BrokerHandle | undefined;
let proxy: FreezeProxy | undefined; // its loseNextCommitAnswer: the stored commit whose answer is lost
let B: string; // the proxy: what every client of the fault broker uses
const consumers: JavaConsumer[] = [];

async function ownBroker(): Promise<BrokerHandle> {
  if (!broker) {
    const port = await freePort();
    proxy = new FreezeProxy(port);
    await proxy.listen();
    B = `127.0.0.1:${proxy.port}`;
    broker = await startBroker({ heap: '512m', port, extraProps: { 'advertised.listeners': `PLAINTEXT://127.0.0.1:${proxy.port}` } });
  } else if (!broker.running) {
    await broker.restart();
  }
  return broker;
}

after(async () => {
  await Promise.allSettled(consumers.map((c) => c.kill()));
  await Promise.allSettled(clients.map((c) => c.close()));
  if (broker?.pid) {
    try {
      process.kill(broker.pid, 'SIGCONT'); // in case a test failed while it was frozen
    } catch {
      // not running
    }
  }
  await broker?.stop({ timeoutMs: 10_000 });
  await proxy?.close();
  fs.rmSync(snapshotDir, { recursive: true, force: true });
}, { timeout: 60_000 });

/** A topic of 3 partitions × 50 messages and a group committed at 20 on each, on the own broker. */
async function data(): Promise<{ topic: string; group: string }> {
  const topic = unique('ft');
  const group = unique('fg');
  const fx = new Fixtures([B]);
  try {
    await fx.createTopic(topic, 3);
    for (let p = 0; p < 3; p++) await fx.produce(topic, p, 50);
    await fx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  } finally {
    await fx.close();
  }
  return { topic, group };
}

async function committedOn(brokers: string[], group: string, topic: string): Promise<Array<bigint | null>> {
  const c = new KafkaClient({ brokers });
  try {
    const m = await c.committedOffsets(group, [{ topic, partitions: [0, 1, 2] }]);
    return [0, 1, 2].map((p) => m.get(tpKey(topic, p)) ?? null);
  } finally {
    await c.close();
  }
}

/** SIGKILL now, synchronously (callable from inside an engine callback). */
function sigkillNow(b: BrokerHandle): void {
  assert.ok(b.pid, 'broker has a pid');
  process.kill(b.pid, 'SIGKILL');
}

async function restartAndTime(t: { diagnostic(s: string): void }, b: BrokerHandle): Promise<void> {
  const t0 = Date.now();
  // Wait for the killed process to be reaped before starting on the same ports.
  for (let i = 0; i < 100 && b.running; i++) await new Promise((r) => setTimeout(r, 50));
  await b.restart();
  t.diagnostic(`broker restarted in ${Date.now() - t0} ms`);
}

/** After the restart: the snapshot still says what was there before, and undo puts it back. */
async function assertSnapshotUndoes(snapshotFile: string, group: string, topic: string): Promise<void> {
  const snap = loadSnapshot(snapshotFile);
  assert.equal(snap.group, group);
  assert.deepEqual(snap.entries.map((e) => [e.topic, e.partition, e.offset]), [0, 1, 2].map((p) => [topic, p, 20n]));
  const c = client({ brokers: [B] });
  const undone = await undoSnapshot(c, snap, { snapshotDir });
  assert.deepEqual(undone.rows.map((r) => r.outcome), ['applied', 'applied', 'applied']);
  assert.deepEqual(await committedOn([B], group, topic), [20n, 20n, 20n]);
}

test('broker SIGKILLed during wait-until-empty: the wait rejects with a sentence naming the group and broker, within the request deadline', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { topic, group } = await data();
  const c = client({ brokers: [B] });
  const consumer = await harness.startJavaConsumer({ bootstrap: B, group, topic, sessionTimeoutMs: 30_000 });
  consumers.push(consumer);
  try {
    const isMember = () => c.describeGroup(group).then((d) => d.members.length > 0, () => false);
    await consumer.waitUntilMember(isMember, { timeoutMs: 60_000 });
    let polls = 0;
    let firstPoll!: () => void;
    const polled = new Promise<void>((r) => (firstPoll = r));
    const waiting = waitUntilEmpty(c, group, {
      timeoutMs: 60_000,
      pollMs: 300,
      onPoll: (d) => {
        assert.equal(d.members.length, 1);
        if (++polls === 2) firstPoll();
      },
    });
    waiting.catch(() => undefined);
    await polled;
    const killedAt = Date.now();
    await b.kill();
    const { err } = await failure(waiting);
    const ms = Date.now() - killedAt;
    t.diagnostic(`rejected ${ms} ms after the kill (${polls} polls): ${err.message}`);
    assert.ok(['unreachable', 'timeout'].includes(err.kind), err.message);
    assert.ok(err.message.includes(`"${group}"`) && err.message.includes(B), err.message);
    assert.ok(ms < REQUEST_DEADLINE_MS + 1000, `rejected ${ms} ms after the kill`);
  } finally {
    await consumer.kill();
  }
  await restartAndTime(t, b);
  assert.deepEqual(await committedOn([B], group, topic), [20n, 20n, 20n]);
});

test('broker SIGKILLed after planning, before applying: applyPlan rejects, nothing written; after restart the offsets are the old ones', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { topic, group } = await data();
  const c = client({ brokers: [B] });
  const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '7' }));
  const before = listSnapshots(snapshotDir).length;
  await b.kill();
  const { err, ms } = await failure(applyPlan(c, plan, { snapshotDir }));
  t.diagnostic(`rejected after ${ms} ms: ${err.message}`);
  assert.equal(err.kind, 'unreachable', err.message);
  assert.ok(err.message.includes(B) && err.message.includes(`"${group}"`), err.message);
  assert.ok(ms < 5000, `took ${ms} ms`);
  assert.equal(listSnapshots(snapshotDir).length, before, 'no snapshot: nothing was about to be committed');
  await restartAndTime(t, b);
  assert.deepEqual(await committedOn([B], group, topic), [20n, 20n, 20n]);
  // The same client applies the same plan once the broker is back.
  const result = await applyPlan(c, plan, { snapshotDir });
  assert.deepEqual(result.rows.map((r) => r.outcome), ['applied', 'applied', 'applied']);
  assert.deepEqual(await committedOn([B], group, topic), [7n, 7n, 7n]);
});

/** applyPlan's outcome when the commit's fate is unknown to the client: resolves with rows, or rejects with a KafkaOffsetsError. */
async function applyDespiteFault(p: Promise<ResetResult>): Promise<{ result?: ResetResult; err?: KafkaOffsetsError; ms: number }> {
  const t0 = Date.now();
  try {
    return { result: await p, ms: Date.now() - t0 };
  } catch (e) {
    assert.ok(e instanceof KafkaOffsetsError, `not a KafkaOffsetsError: ${(e as Error)?.stack ?? e}`);
    return { err: e, ms: Date.now() - t0 };
  }
}

test('broker SIGKILLed between the snapshot and the commit: reported as not applied (unknown/failed), old offsets after restart, snapshot intact, undo works', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { topic, group } = await data();
  const c = client({ brokers: [B] });
  const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '7' }));
  let snapshotFile = '';
  const { result, err, ms } = await applyDespiteFault(
    applyPlan(c, plan, {
      snapshotDir,
      onSnapshot: (f) => {
        snapshotFile = f;
        sigkillNow(b); // the commit is the next request
      },
    }),
  );
  t.diagnostic(`after ${ms} ms: ${err ? `rejected: ${err.message}` : result!.rows.map((r) => `${r.partition}: ${r.outcome} (${r.reason})`).join('; ')}`);
  assert.ok(ms < 2 * REQUEST_DEADLINE_MS, `took ${ms} ms`);
  if (result) {
    for (const r of result.rows) {
      assert.ok(r.outcome === 'unknown' || r.outcome === 'failed', `partition ${r.partition} reported ${r.outcome}`);
      assert.ok(r.reason && r.reason.includes(B), `the reason names the broker: ${r.reason}`);
    }
  }
  assert.ok(snapshotFile && fs.existsSync(snapshotFile), 'the snapshot was written before the commit');
  await restartAndTime(t, b);
  assert.deepEqual(await committedOn([B], group, topic), [20n, 20n, 20n], 'the commit never reached the broker: old offsets');
  await assertSnapshotUndoes(snapshotFile, group, topic);
});

test('the broker stored the commit but its answer was lost (connection cut): the read-back reports it applied', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await ownBroker();
  const { topic, group } = await data();
  const c = client({ brokers: [B] });
  const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '7' }));
  const lost = proxy!.loseNextCommitAnswer();
  const { result, err, ms } = await applyDespiteFault(applyPlan(c, plan, { snapshotDir }));
  await lost;
  t.diagnostic(`after ${ms} ms: ${err ? `rejected: ${err.message}` : result!.rows.map((r) => `${r.partition}: ${r.outcome}`).join('; ')}`);
  assert.ok(result, `applyPlan should report per partition: ${err?.message}`);
  assert.deepEqual(result.rows.map((r) => [r.outcome, r.readBack]), [['applied', 7n], ['applied', 7n], ['applied', 7n]]);
  assert.deepEqual(await committedOn([B], group, topic), [7n, 7n, 7n]);
  await assertSnapshotUndoes(result.snapshotFile, group, topic);
});

test('the broker stored the commit, then was SIGKILLed before answering: reported unknown (never "failed"), new offsets after restart, snapshot intact, undo works', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { topic, group } = await data();
  const c = client({ brokers: [B] });
  const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '7' }));
  let snapshotFile = '';
  const lost = proxy!.loseNextCommitAnswer(() => sigkillNow(b));
  const { result, err, ms } = await applyDespiteFault(applyPlan(c, plan, { snapshotDir, onSnapshot: (f) => (snapshotFile = f) }));
  await lost;
  t.diagnostic(`after ${ms} ms: ${err ? `rejected: ${err.message}` : result!.rows.map((r) => `${r.partition}: ${r.outcome} (${r.reason})`).join('; ')}`);
  assert.ok(ms < 2 * REQUEST_DEADLINE_MS, `took ${ms} ms`);
  assert.ok(result, `applyPlan should report per partition: ${err?.message}`);
  for (const r of result.rows) {
    // It was stored: "failed" or "still 20" would be a lie; the client cannot know, so: unknown.
    assert.equal(r.outcome, 'unknown', `partition ${r.partition}: ${r.outcome} (${r.reason})`);
    assert.match(r.reason ?? '', /could not read back/);
  }
  await restartAndTime(t, b);
  assert.deepEqual(await committedOn([B], group, topic), [7n, 7n, 7n], 'the stored commit survived the kill: new offsets, all of them');
  assert.equal(snapshotFile, result.snapshotFile);
  await assertSnapshotUndoes(snapshotFile, group, topic);
});

test('broker restarted under a client: the failed KafkaClient recovers on the next call (same object); an idle one too', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { topic, group } = await data();
  const failing = client({ brokers: [B] });
  const idle = client({ brokers: [B] });
  assert.equal((await groupLag(failing, group)).lag, 90n);
  assert.equal((await groupLag(idle, group)).lag, 90n);
  await b.kill();
  const down = await failure(groupLag(failing, group));
  t.diagnostic(`while down: ${down.ms} ms: ${down.err.message}`);
  assert.equal(down.err.kind, 'unreachable', down.err.message);
  assert.ok(down.ms < 5000, `took ${down.ms} ms`);
  await restartAndTime(t, b);
  const t0 = Date.now();
  assert.equal((await groupLag(failing, group)).lag, 90n);
  t.diagnostic(`failed client: first call after the restart succeeded in ${Date.now() - t0} ms`);
  // The idle client's connections died with the old process without it noticing.
  const t1 = Date.now();
  assert.equal((await groupLag(idle, group)).lag, 90n);
  t.diagnostic(`idle client: first call after the restart succeeded in ${Date.now() - t1} ms`);
  assert.deepEqual(await committedOn([B], group, topic), [20n, 20n, 20n]);
});

/**
 * SIGSTOP takes effect asynchronously: the kernel wakes one thread, which then stops the others. On
 * a loaded machine a JVM thread can still answer requests for tens of milliseconds: wait until every
 * thread of the process is stopped (state T in /proc/PID/task/TID/stat).
 */
async function untilStopped(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const states = fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      } catch {
        return 'T'; // the thread is gone
      }
    });
    if (states.every((s) => s === 'T' || s === 't')) return;
    assert.ok(Date.now() < deadline, `process ${pid} not stopped after 10 s: thread states ${[...new Set(states)].join('')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('broker frozen (SIGSTOP) mid-session: the call rejects within its request deadline; after SIGCONT the same client recovers', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const b = await ownBroker();
  const { group } = await data();
  const requestTimeoutMs = 3000;
  const c = client({ brokers: [B], requestTimeoutMs });
  assert.equal((await groupLag(c, group)).lag, 90n);
  process.kill(b.pid!, 'SIGSTOP');
  await untilStopped(b.pid!);
  let frozen: { err: KafkaOffsetsError; ms: number };
  try {
    frozen = await failure(groupLag(c, group));
  } finally {
    process.kill(b.pid!, 'SIGCONT');
  }
  t.diagnostic(`frozen: ${frozen.ms} ms: ${frozen.err.message}`);
  assert.ok(['timeout', 'unreachable'].includes(frozen.err.kind), frozen.err.message);
  assert.ok(frozen.err.message.includes(B), frozen.err.message);
  assert.ok(frozen.ms < requestTimeoutMs + 2000 + 1000, `took ${frozen.ms} ms`);
  // Thawed: the controller may fence and unfence the broker (missed heartbeats); the same client
  // must get through again by itself, each attempt bounded.
  const t0 = Date.now();
  const errors: string[] = [];
  for (;;) {
    try {
      assert.equal((await groupLag(c, group)).lag, 90n);
      break;
    } catch (e) {
      assert.ok(e instanceof KafkaOffsetsError, String(e));
      errors.push(e.message);
      assert.ok(Date.now() - t0 < 30_000, `no recovery within 30 s: ${errors.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  t.diagnostic(`thawed: recovered after ${Date.now() - t0} ms and ${errors.length} failed attempt(s) ${errors.join(' | ')}`);
});

// ---------------------------------------------------------------------------------------------
// Concurrent resets (shared broker: nothing is killed here)

async function sharedData(fx: Fixtures, groups: string[]): Promise<string> {
  const topic = unique('fct');
  await fx.createTopic(topic, 3);
  for (let p = 0; p < 3; p++) await fx.produce(topic, p, 50);
  for (const g of groups) await fx.commit(g, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  return topic;
}

test('two resets of the same group at once (two CLI processes, different targets): the committed offsets are exactly one plan, the one a successful process reported; never a mix', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const fx = new Fixtures();
  const group = unique('fcg');
  try {
    const topic = await sharedData(fx, [group]);
    const targets = [10n, 30n];
    for (let round = 0; round < 6; round++) {
      await fx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
      // Without the movement watch: with it, the second process mostly sees the first one's commit as
      // "offsets still moving" and stops before the lock and the stale-plan check this test is about.
      const runs = await Promise.all(
        targets.map((target) =>
          cli(['reset', '--bootstrap', bootstrap(), '--group', group, '--topic', topic, '--offset', String(target), '--yes', '--json', '--no-offsets-moving-check'], { timeoutMs: 60_000 }),
        ),
      );
      const now = await committedOn(brokers(), group, topic);
      const summary = runs.map((r, i) => {
        const doc = r.stdout ? JSON.parse(r.stdout) : null;
        const outcomes = doc?.result?.rows?.map((x: any) => x.outcome).join(',') ?? doc?.error?.message ?? r.stderr.trim();
        return `${targets[i]}: exit ${r.code} (${outcomes})`;
      });
      t.diagnostic(`round ${round}: committed [${now.join(', ')}]; ${summary.join('; ')}`);
      for (const r of runs) {
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code ?? r.signal}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        if (r.code === 1) assert.match(r.stderr + r.stdout, /in progress on this machine|changed since the preview/, r.stderr);
      }
      assert.ok(
        targets.some((target) => now.every((o) => o === target)),
        `committed [${now.join(', ')}] is not exactly one of the plans`,
      );
      const winners = targets.filter((_, i) => runs[i].code === 0);
      // Both may succeed one after the other (each from its own fresh preview: the lock serialises
      // them), or the second is refused; never both at once.
      assert.ok(winners.length >= 1, 'at least one reset reports success');
      assert.ok(winners.includes(now[0]!), `the offsets [${now.join(', ')}] are those of a reset that reported success (${winners.join(', ')})`);
    }
  } finally {
    await fx.close();
  }
});

test('two users confirm plans made from the same preview at the same instant (two clients, applyPlan at once): exactly one plan is committed, and one of them says so', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const fx = new Fixtures();
  const group = unique('fcs');
  const clientsAB = [client({ brokers: brokers() }), client({ brokers: brokers() })];
  try {
    const topic = await sharedData(fx, [group]);
    const targets = [10n, 30n];
    const tally = new Map<string, number>();
    for (let round = 0; round < 10; round++) {
      await fx.commit(group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
      // Both previews see 20 everywhere; both are then applied together: the race the stale-preview
      // check and the read-back exist for.
      const plans = await Promise.all(clientsAB.map((c, i) => planFromCluster(c, request({ group, topic, partition: -1, messageOffset: String(targets[i]) }))));
      const outcomes = await Promise.all(clientsAB.map((c, i) => applyDespiteFault(applyPlan(c, plans[i], { snapshotDir }))));
      const now = await committedOn(brokers(), group, topic);
      const words = outcomes.map((o) => {
        if (o.err) {
          assert.match(o.err.message, /in progress on this machine|changed since the preview/, o.err.message);
          return 'refused';
        }
        const set = [...new Set(o.result!.rows.map((r) => r.outcome))];
        // One commit is one OffsetCommit: a result is never partly applied.
        assert.equal(set.length, 1, `mixed outcomes in one result: ${set}`);
        if (set[0] === 'failed') for (const r of o.result!.rows) assert.match(r.reason ?? '', /read back \d+ instead of \d+ \(another commit meanwhile\?\)/);
        return set[0];
      });
      const key = words.join('/');
      tally.set(key, (tally.get(key) ?? 0) + 1);
      assert.ok(targets.some((target) => now.every((o) => o === target)), `committed [${now.join(', ')}] is not exactly one of the plans`);
      const applied = targets.filter((_, i) => words[i] === 'applied');
      // The per-group lock serialises the two; the second then finds its preview stale: one wins,
      // the other is refused — never both "applied".
      assert.equal(applied.length, 1, `expected exactly one reset to apply: ${key}`);
      assert.ok(words.includes('refused'), key);
      assert.ok(applied.includes(now[0]!), `committed [${now.join(', ')}] is not what a reset reported applied (${key})`);
    }
    t.diagnostic(`outcomes (10 → ${targets[0]} / → ${targets[1]}): ${[...tally].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  } finally {
    await fx.close();
  }
});

test('resets of two different groups in parallel both succeed', { timeout: TEST_TIMEOUT_MS }, async () => {
  const fx = new Fixtures();
  const groups = [unique('fpa'), unique('fpb')];
  try {
    const topic = await sharedData(fx, groups);
    const runs = await Promise.all(
      groups.map((g, i) => cli(['reset', '--bootstrap', bootstrap(), '--group', g, '--topic', topic, '--offset', String(5 + i), '--yes', '--json'], { timeoutMs: 60_000 })),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await committedOn(brokers(), groups[0], topic), [5n, 5n, 5n]);
    assert.deepEqual(await committedOn(brokers(), groups[1], topic), [6n, 6n, 6n]);
  } finally {
    await fx.close();
  }
});
