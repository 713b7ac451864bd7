'use strict';
/**
 * The data the scenarios run on: topics (created and answering ListOffsets), messages with
 * timestamps spread over 6 hours, lag groups' committed offsets, and the reset scenarios themselves.
 */
const fs = require('node:fs');
const path = require('node:path');
const { withTimeout } = require('./proc');
const { CFG, TIMEOUT, HOUR, log, range, pad, sleep } = require('./config');

/** Every topic of a run: 25 × 20 for the lag groups, 1,000 partitions, 10 × 100, and the scaling sizes. */
function benchTopics() {
  return [
    ...range(25).map((i) => ({ topic: `bench-lag-t${pad(i, 2)}`, partitions: 20 })),
    { topic: 'bench-p1000', partitions: 1000 },
    ...range(10).map((i) => ({ topic: `bench-multi-${pad(i, 2)}`, partitions: 100 })),
    ...CFG.partitionScale.filter((n) => n !== 1000).map((n) => ({ topic: `bench-scale-p${n}`, partitions: n })),
  ];
}

/** Offset `value` on every partition of the layout: where a reset group starts each run. */
const initialFor = (topicsOf, value) => topicsOf.flatMap(({ topic, partitions }) => range(partitions).map((partition) => ({ topic, partition, offset: BigInt(value) })));

/**
 * The headline resets: 1,000 partitions to a date-time and to an offset, and 10 topics × 100
 * partitions to an offset (ours from a CSV plan, written into `dir`). M messages per partition;
 * `datetime` is the middle of their timestamps.
 */
function resetScenarios(M, datetime, dir) {
  const p1000 = [{ topic: 'bench-p1000', partitions: 1000 }];
  const multi = range(10).map((i) => ({ topic: `bench-multi-${pad(i, 2)}`, partitions: 100 }));
  const csvFile = path.join(dir, 'plan-10-topics.csv');
  fs.writeFileSync(csvFile, initialFor(multi, 3).map((r) => `${r.topic},${r.partition},${r.offset}`).join('\n') + '\n');

  return [
    {
      id: 'reset-datetime-1000',
      title: 'Reset 1 group × 1 topic × 1,000 partitions to a date-time',
      short: 'reset 1,000 partitions to a date-time',
      group: 'bench-reset-datetime',
      layout: p1000,
      initial: M - 2,
      ours: ['--topic', 'bench-p1000', '--to-datetime', datetime],
      theirs: ['--topic', 'bench-p1000', '--to-datetime', datetime],
      input: { topic: 'bench-p1000', mode: 'datetime', value: datetime },
      specs: 3,
      harnessVariant: CFG.fastFlagsVariant,
    },
    {
      id: 'reset-offset-1000',
      title: 'Reset 1 group × 1 topic × 1,000 partitions to an offset',
      short: 'reset 1,000 partitions to an offset',
      group: 'bench-reset-offset',
      layout: p1000,
      initial: M - 2,
      ours: ['--topic', 'bench-p1000', '--offset', '3'],
      theirs: ['--topic', 'bench-p1000', '--to-offset', '3'],
      input: { topic: 'bench-p1000', messageOffset: '3' },
      specs: 2,
    },
    {
      id: 'reset-10-topics',
      title: 'Reset 1 group × 10 topics × 100 partitions to an offset (ours: a CSV plan via --from-file; theirs: --all-topics --to-offset)',
      short: 'reset 10 topics × 100 partitions to an offset',
      group: 'bench-reset-10-topics',
      layout: multi,
      initial: M - 2,
      ours: ['--from-file', csvFile],
      theirs: ['--all-topics', '--to-offset', '3'],
      input: { mode: 'csv', value: fs.readFileSync(csvFile, 'utf8') },
      specs: 2,
    },
  ];
}

async function createTopics(admin, client, topics) {
  // Few topics per call: one CreateTopics of many thousand partitions may outlast the admin timeout.
  const batches = [];
  let cur = [];
  let size = 0;
  for (const t of topics) {
    if (size + t.partitions > 3000 && cur.length) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(t);
    size += t.partitions;
  }
  if (cur.length) batches.push(cur);
  for (const b of batches) {
    try {
      await withTimeout(
        admin.createTopics({ topics: b.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: 1 })), waitForLeaders: true, timeout: 120_000 }),
        TIMEOUT.setup,
        `creating ${b.map((t) => t.topic).join(', ')}`,
      );
    } catch (e) {
      // kafkajs's wait for leaders gives up at the first UNKNOWN_TOPIC_OR_PARTITION, which a large
      // topic answers for seconds after CreateTopics succeeded (5,000 partitions: ~12 s here, while
      // the broker creates the logs). Wait until the broker lists the topics, then poll below.
      if (!/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/i.test(String(e.message))) throw e;
      log(`kafkajs's wait for leaders gave up (${e.message}); waiting for the broker to list the topics`);
      const until = Date.now() + TIMEOUT.setup;
      for (;;) {
        const existing = new Set(await admin.listTopics());
        if (b.every((t) => existing.has(t.topic))) break;
        if (Date.now() > until) throw new Error(`topics ${b.map((t) => t.topic).join(', ')} not listed ${TIMEOUT.setup / 1000} s after their creation`);
        await sleep(500);
      }
    }
  }
  // Leaders known to the metadata is not yet "answers": poll until every partition answers ListOffsets.
  const parts = topics.flatMap((t) => range(t.partitions).map((partition) => ({ topic: t.topic, partition })));
  const deadline = Date.now() + TIMEOUT.setup;
  for (;;) {
    try {
      await client.listOffsets(parts, -1);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`partitions still not answering ListOffsets: ${e.message}`);
      await sleep(500);
    }
  }
}

/** M messages per partition, timestamps evenly spread over 6 hours starting at firstTs. */
async function produceAll(producer, topics, M, firstTs) {
  const step = Math.floor((6 * HOUR) / M);
  for (const { topic, partitions } of topics) {
    let messages = [];
    const flush = async () => {
      if (!messages.length) return;
      await withTimeout(producer.send({ topic, messages, acks: 1 }), TIMEOUT.setup, `producing to ${topic}`);
      messages = [];
    };
    for (let p = 0; p < partitions; p++) {
      for (let i = 0; i < M; i++) messages.push({ partition: p, value: `m${i}`, timestamp: String(firstTs + i * step) });
      if (messages.length >= 20_000) await flush();
    }
    await flush();
  }
}

/** Lag groups [from, to): group i commits all 20 partitions of topic i mod 25, at offsets 0..M. */
async function commitLagGroups(client, core, from, to, M) {
  await core.mapLimit(range(to - from).map((k) => from + k), 16, async (i) => {
    const topic = `bench-lag-t${pad(i % 25, 2)}`;
    const offsets = range(20).map((partition) => ({ topic, partition, offset: BigInt((i + partition) % (M + 1)) }));
    const res = await client.commitOffsets(lagGroupId(i), offsets);
    const bad = res.filter((r) => r.errorCode !== 0);
    if (bad.length) throw new Error(`setup commit of ${lagGroupId(i)} failed: error ${bad[0].errorCode}`);
  });
}
const lagGroupId = (i) => `bench-lag-${pad(i, 4)}`;

module.exports = { benchTopics, initialFor, resetScenarios, createTopics, produceAll, commitLagGroups };
