'use strict';
/**
 * Demo data on a real broker, for `npm run demo` and for tests (plain CommonJS, no build step of its
 * own). Safe to run again and again on the same broker:
 *
 *   topics   orders (6 partitions, 500 messages each), payments (3, 400 each); message timestamps
 *            rise per partition over the last 6 hours, so a date-time or duration reset lands in
 *            the middle of the data. A topic that already holds messages is left as it is.
 *   groups   billing    Empty, committed in the middle of orders and payments  -> lag
 *            shipping   a live kafkajs consumer in the calling process (Stable) -> lag
 *            audit      committed on the even partitions of payments only      -> "no commit" on the rest
 *            reporting  committed at the log end of orders                     -> lag 0
 *            Offsets are re-committed on every run (as fractions of each partition's log), so a
 *            second run restores the intended state after someone reset a group in the demo.
 *
 *   const { createDemoData } = require('./demo-data.js');
 *   const demo = await createDemoData('127.0.0.1:9092', { prefix: 'x-' });
 *   demo.topics.orders, demo.groups.billing ...   // the real names (prefix + name)
 *   await demo.stop();                             // the shipping consumer leaves the group
 *
 * How offsets are committed: through the engine's own KafkaClient#commitOffsets (out/src/core, built
 * by `node scripts/build.js --tests`; built here if missing). That is one OffsetCommit with
 * generation -1 and no member id, exactly what a reset sends, so the demo groups never get a member
 * from this (kafkajs's admin.setOffsets/resetOffsets join the group and can commit -1/-2 sentinels,
 * which would make "billing" look consumed). test/support/fixtures.ts commits the same way.
 * kafkajs's public producer/admin/consumer API is used for what a real application would do:
 * create topics, produce, and be the shipping service.
 */

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Kafka, logLevel } = require('kafkajs');

const ROOT = path.resolve(__dirname, '../..');
const ENGINE = path.join(ROOT, 'out/src/core/index.js');

const SPAN_MS = 6 * 3600_000;
/** client.id of the demo's kafkajs clients, so an earlier demo's shipping consumer is recognised. */
const CLIENT_ID = 'kafka-offsets-demo';

/** Topic layouts: messages per partition for a topic this call creates. */
const TOPICS = {
  orders: { partitions: 6, perPartition: 500 },
  payments: { partitions: 3, perPartition: 400 },
};

/**
 * Where each group's committed offset should be, in percent of the partition's log (0 = log start,
 * 100 = log end), or null for "no commit". Relative rather than absolute offsets so the same intent
 * holds on a topic produced by an earlier run (or one the user already had).
 * @type {Record<string, Record<string, (partition: number) => number | null>>}
 */
const INTENT = {
  // Different positions per partition: the tree shows uneven lag, a date-time reset visibly moves it.
  billing: { orders: (p) => 35 + 5 * p, payments: () => 50 },
  shipping: { orders: () => 70 },
  audit: { payments: (p) => (p % 2 === 0 ? 80 : null) },
  reporting: { orders: () => 100 },
};

/** The engine (compiled TypeScript in out/); built once if this checkout has never been built with --tests. */
function loadEngine() {
  if (!fs.existsSync(ENGINE)) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--tests'], { cwd: ROOT, stdio: 'inherit' });
  }
  return require(ENGINE);
}

/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR. */
const COORDINATOR_CODES = new Set([14, 15, 16]);

/**
 * Run a group request, retrying for up to 30 s while the group coordinator is not ready. On a broker
 * that just started, the first group request creates __consumer_offsets and each of its partitions
 * answers COORDINATOR_LOAD_IN_PROGRESS for a few seconds; the engine retries once, which is right for
 * a user's reset but too little for a demo run on a fresh broker.
 * @template T @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function whenCoordinatorReady(fn) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    let retriable;
    try {
      const r = await fn();
      retriable = Array.isArray(r) && r.length > 0 && r.every((x) => COORDINATOR_CODES.has(x.errorCode));
      if (!retriable || Date.now() > deadline) return r;
    } catch (e) {
      if (!/COORDINATOR/.test(String(e && e.message)) || Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A deterministic message body: the same demo every time, and readable if someone looks. */
function message(topic, partition, i, timestamp) {
  const n = (i * 7919 + partition * 104729) % 1000;
  const customer = `customer-${(n % 37) + 1}`;
  const value =
    topic === 'orders'
      ? { orderId: `o-${partition}-${i}`, customer, items: (n % 5) + 1, amount: (n * 1.37 + 5).toFixed(2) }
      : { paymentId: `p-${partition}-${i}`, orderId: `o-${n % 6}-${i}`, method: ['card', 'sepa', 'paypal'][n % 3], amount: (n * 1.37 + 5).toFixed(2) };
  return { key: customer, value: JSON.stringify(value), partition, timestamp: String(timestamp) };
}

/**
 * @param {string} bootstrap host:port
 * @param {{now?: number, prefix?: string, shippingConsumer?: boolean, log?: (line: string) => void}} [opts]
 *   now: end of the 6-hour window (ms) for messages produced by this call; prefix: prepended verbatim
 *   to every topic and group name; shippingConsumer: false = no live consumer (shipping stays Empty);
 *   log: progress lines (default: silent).
 */
async function createDemoData(bootstrap, { now = Date.now(), prefix = '', shippingConsumer = true, log = () => {} } = {}) {
  const { KafkaClient, tpKey } = loadEngine();
  const topics = { orders: `${prefix}orders`, payments: `${prefix}payments` };
  const groups = { billing: `${prefix}billing`, shipping: `${prefix}shipping`, audit: `${prefix}audit`, reporting: `${prefix}reporting` };
  const kafka = new Kafka({ brokers: [bootstrap], clientId: CLIENT_ID, logLevel: logLevel.NOTHING });
  const client = new KafkaClient({ brokers: [bootstrap], clientId: CLIENT_ID });
  /** @type {import('kafkajs').Consumer | undefined} */
  let consumer;
  const produced = { orders: 0, payments: 0 };

  const stopShipping = async () => {
    const c = consumer;
    consumer = undefined;
    // disconnect() sends LeaveGroup, so the group is Empty at once rather than after the session timeout.
    if (c) await c.disconnect().catch(() => {});
  };

  try {
    // 1. Topics: create what is missing, produce into what is empty, leave data that exists alone.
    const existing = new Map((await client.listTopics()).map((t) => [t.topic, t.partitions]));
    const admin = kafka.admin();
    await admin.connect();
    try {
      const missing = Object.entries(topics).filter(([, name]) => !existing.has(name));
      if (missing.length) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map(([key, name]) => ({ topic: name, numPartitions: TOPICS[key].partitions, replicationFactor: 1 })),
        });
        for (const [key, name] of missing) existing.set(name, TOPICS[key].partitions);
        log(`created topics ${missing.map(([, n]) => n).join(', ')}`);
      }
    } finally {
      await admin.disconnect().catch(() => {});
    }

    /** @param {string} topic */
    const partsOf = (topic) => Array.from({ length: existing.get(topic) }, (_, partition) => ({ topic, partition }));
    const logEnds = await client.listOffsets([...partsOf(topics.orders), ...partsOf(topics.payments)], -1);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      for (const [key, name] of Object.entries(topics)) {
        const hasData = partsOf(name).some((p) => (logEnds.get(tpKey(name, p.partition)) ?? 0n) > 0n);
        if (hasData) {
          log(`topic ${name} already has messages: kept as is`);
          continue;
        }
        const count = existing.get(name);
        const per = TOPICS[key].perPartition;
        for (let partition = 0; partition < count; partition++) {
          // Strictly increasing per partition, ~43 s apart, last one a little before `now`; partitions
          // are shifted slightly so they do not share exact timestamps.
          const ts = (i) => now - SPAN_MS + Math.round(((i + 0.5 + partition / count) * SPAN_MS) / (per + 1));
          const batch = Array.from({ length: per }, (_, i) => message(key, partition, i, ts(i)));
          for (let i = 0; i < batch.length; i += 500) await producer.send({ topic: name, acks: -1, messages: batch.slice(i, i + 500) });
          produced[key] += per;
        }
        log(`produced ${produced[key]} messages to ${name} (${count} partitions, timestamps over the last 6 hours)`);
      }
    } finally {
      await producer.disconnect().catch(() => {});
    }

    // 2. Offsets, from the logs as they are now.
    const all = [...partsOf(topics.orders), ...partsOf(topics.payments)];
    const [starts, ends] = await client.listOffsetsMulti(all, [-2, -1]);
    for (const [key, group] of Object.entries(groups)) {
      if (key === 'shipping') {
        let d = await whenCoordinatorReady(() => client.describeGroup(group));
        // A demo consumer killed without leaving (or whose broker stopped first) stays a member
        // until its 10 s session expires: wait for that rather than skip the re-commit.
        const deadline = Date.now() + 15_000;
        if (d.members.length > 0 && d.members.every((m) => m.clientId === CLIENT_ID)) log(`group ${group}: waiting up to 15 s for ${d.members.length} earlier demo member(s) to leave or expire ...`);
        while (d.members.length > 0 && d.members.every((m) => m.clientId === CLIENT_ID) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 1000));
          d = await whenCoordinatorReady(() => client.describeGroup(group));
        }
        // Still members: another demo is running (the broker would refuse our commit; its position is fine).
        if (d.members.length > 0) {
          log(`group ${group} has ${d.members.length} live member(s) (another demo running?): offsets left as they are`);
          continue;
        }
      }
      const commits = [];
      const noCommit = [];
      for (const [topicKey, at] of Object.entries(INTENT[key])) {
        for (const { topic, partition } of partsOf(topics[topicKey])) {
          const pct = at(partition);
          if (pct === null) {
            noCommit.push({ topic, partition });
            continue;
          }
          const s = starts.get(tpKey(topic, partition)) ?? 0n;
          const e = ends.get(tpKey(topic, partition)) ?? 0n;
          commits.push({ topic, partition, offset: s + ((e - s) * BigInt(pct)) / 100n });
        }
      }
      const res = commits.length ? await whenCoordinatorReady(() => client.commitOffsets(group, commits)) : [];
      const bad = res.filter((r) => r.errorCode !== 0);
      if (bad.length) throw new Error(`committing offsets of demo group "${group}" failed: ${bad.map((r) => `${r.topic}:${r.partition} error ${r.errorCode}`).join(', ')} (does the group have members?)`);
      // "No commit" must stay so on a second run even if someone reset those partitions meanwhile.
      if (noCommit.length) {
        // Grouped by topic here: KafkaClient.topicsOf went away with the split of client.ts (main 0f2286e).
        const byTopic = new Map();
        for (const p of noCommit) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
        const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
        const current = await whenCoordinatorReady(() => client.committedOffsets(group, topics));
        const stray = noCommit.filter((p) => current.get(tpKey(p.topic, p.partition)) != null);
        if (stray.length) await whenCoordinatorReady(() => client.deleteOffsets(group, stray));
      }
      log(`group ${group}: committed ${commits.length} partition(s)${noCommit.length ? `, no commit on ${noCommit.map((p) => `${p.topic}:${p.partition}`).join(', ')}` : ''}`);
    }

    // 3. The shipping service: joins the group and stays, never committing (autoCommit off), so
    //    the group is Stable and its lag stays where it was committed.
    if (shippingConsumer) {
      // maxWaitTime: a paused consumer sleeps that long per fetch loop, and disconnect() waits for
      // the loop (default 5 s); heartbeats still go out every second.
      const c = kafka.consumer({ groupId: groups.shipping, sessionTimeout: 10_000, heartbeatInterval: 1000, rebalanceTimeout: 10_000, maxWaitTimeInMs: 500, allowAutoTopicCreation: false });
      consumer = c;
      await c.connect();
      await c.subscribe({ topics: [topics.orders], fromBeginning: false });
      await c.run({ autoCommit: false, eachMessage: async () => {} });
      // Paused: no fetching (a paused kafkajs consumer still heartbeats, so it stays a member).
      c.pause([{ topic: topics.orders }]);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const d = await whenCoordinatorReady(() => client.describeGroup(groups.shipping));
        if (d.state === 'Stable' && d.members.length > 0) break;
        if (Date.now() > deadline) throw new Error(`demo consumer did not make group "${groups.shipping}" Stable within 30 s (state ${d.state}, ${d.members.length} members)`);
        await new Promise((r) => setTimeout(r, 200));
      }
      log(`group ${groups.shipping}: consumer running in this process (pid ${process.pid}), Stable`);
    }
  } catch (e) {
    await stopShipping();
    throw e;
  } finally {
    await client.close();
  }

  return { topics, groups, produced, stopShipping, stop: stopShipping };
}

module.exports = { createDemoData, DEMO_TOPICS: TOPICS };
