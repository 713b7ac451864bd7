/**
 * Hostile clients for the tests: what any consumer may legally send a broker. Test code only (kafkajs
 * used directly as a client); nothing here is a mock of Kafka.
 */
import { Kafka, logLevel, AssignerProtocol, PartitionAssigner, Consumer } from 'kafkajs';

/**
 * A kafkajs consumer whose own assignor (it leads the group) hands itself partition 0 of `topic` plus
 * partitions of `extraTopics` — names it never subscribed to, e.g. invalid ones with a space or ESC.
 * The broker stores the assignment bytes as sent, so DescribeGroups shows them to everyone. kafkajs
 * itself drops the unsubscribed topics from what it fetches, so the member stays Stable.
 */
export async function hostileAssignmentConsumer(opts: {
  brokers: string[];
  group: string;
  topic: string;
  extraTopics: string[];
  clientId?: string;
}): Promise<Consumer> {
  const kafka = new Kafka({ brokers: opts.brokers, clientId: opts.clientId ?? 'hostile-assignor', logLevel: logLevel.NOTHING });
  const assigner: PartitionAssigner = () => ({
    name: 'HostileAssigner',
    version: 0,
    protocol: ({ topics }) => ({ name: 'HostileAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) }),
    assign: async ({ members }) =>
      members.map((m) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: { [opts.topic]: [0], ...Object.fromEntries(opts.extraTopics.map((t) => [t, [0, 1]])) },
          userData: Buffer.alloc(0),
        }),
      })),
  });
  const consumer = kafka.consumer({ groupId: opts.group, partitionAssigners: [assigner], sessionTimeout: 10_000, heartbeatInterval: 500, rebalanceTimeout: 10_000 });
  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: false });
  let joined!: () => void;
  const joinedP = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  await joinedP;
  return consumer;
}
