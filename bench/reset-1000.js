#!/usr/bin/env node
// Quick measurement (not the full benchmark suite): reset 1 group × 1 topic × 1,000 partitions on
// a broker given by KAFKA_BOOTSTRAP (or a fresh harness broker), in-process, and count requests.
// Run after `npm run pretest` (uses out/).
'use strict';
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..');
const core = require(path.join(root, 'out/src/core/index.js'));
const { startBroker } = require(path.join(root, 'test/support/broker.js'));
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const broker = process.env.KAFKA_BOOTSTRAP ? null : await startBroker();
  const bootstrap = process.env.KAFKA_BOOTSTRAP || broker.bootstrap;
  const topic = `bench-${Date.now()}`;
  const group = `bench-g-${Date.now()}`;
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1000 }], waitForLeaders: true });
  await admin.disconnect();
  const counts = {};
  const client = new core.KafkaClient({ brokers: [bootstrap] }, { onRequest: (api) => (counts[api] = (counts[api] || 0) + 1) });
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  await client.describeCluster(); // connect once, as the extension's cached client would be
  // 1,000 new partitions take a few seconds to get leaders on one broker: wait until they answer.
  for (let i = 0; ; i++) {
    try {
      await client.listOffsets(Array.from({ length: 1000 }, (_, partition) => ({ topic, partition })), -1);
      break;
    } catch (e) {
      if (i > 30) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  for (const k of Object.keys(counts)) delete counts[k];
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const v = core.validateResetInput({ group, topic, mode: i % 2 ? 'earliest' : 'latest' });
    const t0 = process.hrtime.bigint();
    const plan = await core.planFromCluster(client, v.request);
    const result = await core.applyPlan(client, plan, { snapshotDir });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (result.rows.some((r) => r.outcome !== 'applied')) throw new Error('not applied');
  }
  console.log(`reset 1 group × 1,000 partitions, in-process, warm connection: ${runs.map((r) => r.toFixed(0)).join(', ')} ms`);
  console.log('requests over 5 resets:', counts);
  await client.close();
  if (broker) await broker.stop();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
