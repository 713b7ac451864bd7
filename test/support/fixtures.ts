/**
 * Test fixtures on the real broker: topics, messages with chosen timestamps, deleted records, and
 * offsets committed "by a consumer". These use kafkajs's public producer/admin API (test code only;
 * the product's Kafka access stays in src/core/kafka). Nothing here is a mock of Kafka.
 */
import { Kafka, logLevel, Admin, Producer } from 'kafkajs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaClient } from '../../src/core';
import { harness } from './harness';

export function bootstrap(): string {
  const b = process.env.KAFKA_TEST_BOOTSTRAP;
  if (!b) {
    throw new Error('KAFKA_TEST_BOOTSTRAP is not set: integration tests need the broker that `npm test` (scripts/test.js) starts. Run them through npm test.');
  }
  return b;
}

/** The bootstrap list as an array: scripts/test.js also runs the suites against a 3-broker cluster. */
export function brokers(): string[] {
  return bootstrap().split(',').map((b) => b.trim()).filter(Boolean);
}

/**
 * Replication factor of the topics tests create: 1 on the single test broker, 3 when scripts/test.js
 * runs the suites against its 3-broker cluster (KAFKA_TEST_REPLICATION_FACTOR), so every partition
 * has followers and leaders spread over the brokers.
 */
export function replicationFactor(): number {
  return Number(process.env.KAFKA_TEST_REPLICATION_FACTOR || 1);
}

let seq = 0;
/** A name unique to this run, so tests never see each other's topics and groups. */
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`;
}

const brokersList = brokers;

export class Fixtures {
  readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;

  constructor(readonly brokers = brokersList()) {
    this.kafka = new Kafka({ brokers, clientId: 'kafka-offsets-tests', logLevel: logLevel.NOTHING });
  }

  async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /**
   * Create a topic and wait until every partition has a leader in the metadata. kafkajs's own
   * waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a 3.9 cluster answers for a moment
   * from brokers that have not seen the new topic yet; so we wait ourselves.
   */
  async createTopic(topic: string, partitions: number, rf = replicationFactor()): Promise<void> {
    const admin = await this.adminClient();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: rf }], waitForLeaders: false });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const md = await admin.fetchTopicMetadata({ topics: [topic] });
        const ps = md.topics[0]?.partitions ?? [];
        if (ps.length === partitions && ps.every((p) => p.leader >= 0) && (await this.everyBrokerKnows(topic))) return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic}: partitions without a leader after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** True when each bootstrap broker's own metadata lists the topic (the engine may ask any of them). */
  private async everyBrokerKnows(topic: string): Promise<boolean> {
    if (this.brokers.length < 2) return true;
    for (const b of this.brokers) {
      const c = new KafkaClient({ brokers: [b] });
      try {
        if (typeof (await c.topicVisibility([topic])).get(topic) !== 'number') return false;
      } finally {
        await c.close();
      }
    }
    return true;
  }

  /** Produce `count` messages to one partition, message i with timestamp tsOf(i). */
  async produce(topic: string, partition: number, count: number, tsOf: (i: number) => number = () => Date.now()): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    const batch = Array.from({ length: count }, (_, i) => ({ value: `m${i}`, partition, timestamp: String(tsOf(i)) }));
    for (let i = 0; i < batch.length; i += 500) await this.producer.send({ topic, messages: batch.slice(i, i + 500), acks: -1 });
  }

  /** Apache's kafka-delete-records (kafkajs 2.2.4's deleteTopicRecords fails with BrokerNotFound on KRaft 4.x). */
  async deleteRecordsBefore(topic: string, partition: number, offset: number): Promise<void> {
    const file = path.join(os.tmpdir(), `ko-delete-${process.pid}-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 1, partitions: [{ topic, partition, offset }] }));
    try {
      const r = await harness.runKafkaTool('org.apache.kafka.tools.DeleteRecordsCommand', ['--bootstrap-server', this.brokers[0], '--offset-json-file', file]);
      if (r.code !== 0) throw new Error(`kafka-delete-records failed: ${r.stderr || r.stdout}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  /** Commit offsets for an empty group the same way our engine does (through the engine's client). */
  async commit(group: string, offsets: Array<{ topic: string; partition: number; offset: number }>): Promise<void> {
    const c = new KafkaClient({ brokers: this.brokers });
    try {
      const res = await c.commitOffsets(group, offsets.map((o) => ({ ...o, offset: BigInt(o.offset) })));
      const bad = res.filter((r) => r.errorCode !== 0);
      if (bad.length) throw new Error(`fixture commit failed: ${JSON.stringify(bad)}`);
    } finally {
      await c.close();
    }
  }

  /**
   * Play a consumer with manually assigned partitions: it never joins `group` (the group stays Empty)
   * but commits `from + 1`, `from + 2`, … on one partition every 200 ms until stopped. `stop()` resolves
   * with the last offset it committed.
   */
  keepCommitting(group: string, topic: string, partition: number, from: number): { stop(): Promise<number> } {
    let offset = from;
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        await this.commit(group, [{ topic, partition, offset: ++offset }]);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        await loop;
        return offset;
      },
    };
  }

  /** A kafkajs consumer that joins `group` (a live member). */
  async liveConsumer(group: string, topic: string, opts: { sessionTimeout?: number } = {}) {
    const consumer = this.kafka.consumer({ groupId: group, sessionTimeout: opts.sessionTimeout ?? 10_000, heartbeatInterval: 500, rebalanceTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    let joined!: () => void;
    const joinedP = new Promise<void>((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    // autoCommit off: the consumer must not move offsets under the test's feet.
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joinedP;
    return consumer;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }
}
