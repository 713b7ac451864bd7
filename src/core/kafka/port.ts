/**
 * The engine port: what the rest of src/core (lag, reset, share lag and reset) asks of a Kafka
 * cluster, as an interface. KafkaClient (client.ts) is the one implementation that speaks Kafka;
 * core modules depend on this type only, so a reader sees the whole surface in one place and a test
 * could stand in for the cluster without kafkajs. Every method runs under a deadline and the
 * caller's AbortSignal, and fails with one KafkaOffsetsError sentence naming the group/topic/broker.
 */
import type { BrokerRef, GroupDescription, GroupListing, TopicDescription, TopicHiddenWhy, TopicPartitionRef } from '../types';
import type { KafkaOffsetsError } from '../errors';
import type { CallOptions } from './connection';
import type { TopicLayout } from './layouts';
import type { ShareStartOffset } from './shareOffsets';
import type { PartitionRecords, RecordRead, ReadRecordsOptions } from './records';

export type { CallOptions, TopicLayout, ShareStartOffset };

/** topic:partition → offset; null where there is none (no commit, no record at/after a timestamp). */
export type OffsetMap = Map<string, bigint | null>;

export interface KafkaEngine {
  /** The bootstrap brokers as configured. */
  readonly brokers: string[];

  // Cluster and topics
  describeCluster(o?: CallOptions): Promise<{ brokers: BrokerRef[]; controllerId: number | null }>;
  clusterIdentity(o?: CallOptions): Promise<{ clusterId: string | null; brokers: string[] }>;
  listTopics(o?: CallOptions): Promise<TopicDescription[]>;
  topicLayouts(topics: string[], o?: CallOptions): Promise<Map<string, TopicLayout>>;
  topicVisibility(topics: string[], o?: CallOptions): Promise<Map<string, number | TopicHiddenWhy>>;
  partitionCounts(topics: string[], o?: CallOptions): Promise<Map<string, number>>;

  // Log offsets (ListOffsets): -2 earliest, -1 latest, else a timestamp in ms
  listOffsets(partitions: TopicPartitionRef[], spec: number, o?: CallOptions): Promise<OffsetMap>;
  listOffsetsMulti(partitions: TopicPartitionRef[], specs: number[], o?: CallOptions): Promise<OffsetMap[]>;
  logOffsetsOrWhy(partitions: TopicPartitionRef[], specs: number[], o?: CallOptions): Promise<{ offsets: OffsetMap[]; failed: Map<string, TopicHiddenWhy> }>;

  // Records (Fetch): read only, at given offsets
  readRecords(reads: RecordRead[], o?: ReadRecordsOptions): Promise<PartitionRecords[]>;

  // Groups
  listGroups(o?: CallOptions): Promise<GroupListing[]>;
  describeAllGroups(o?: CallOptions): Promise<GroupDescription[]>;
  describeGroups(groups: GroupListing[], o?: CallOptions): Promise<GroupDescription[]>;
  describeGroup(groupId: string, o?: CallOptions): Promise<GroupDescription>;
  committedOffsets(groupId: string, topics: Array<{ topic: string; partitions: number[] }> | null, o?: CallOptions): Promise<OffsetMap>;
  committedOffsetsOfGroups(groupIds: string[], o?: CallOptions): Promise<Map<string, OffsetMap | KafkaOffsetsError>>;

  // The writes (only the reset and delete engines, after their safety checks)
  commitOffsets(groupId: string, offsets: Array<{ topic: string; partition: number; offset: bigint }>, o?: CallOptions): Promise<Array<{ topic: string; partition: number; errorCode: number }>>;
  deleteOffsets(groupId: string, partitions: TopicPartitionRef[], o?: CallOptions): Promise<Array<{ topic: string; partition: number; errorCode: number }>>;
  /** DeleteGroups for one group: Kafka's error code for it (0 = deleted). */
  deleteGroup(groupId: string, o?: CallOptions): Promise<number>;

  // Share groups (KIP-932): start offsets instead of committed offsets
  shareStartOffsets(groupId: string, partitions: TopicPartitionRef[] | null, o?: CallOptions): Promise<Map<string, ShareStartOffset>>;
  alterShareStartOffsets(
    groupId: string,
    offsets: Array<{ topic: string; partition: number; offset: bigint }>,
    o?: CallOptions,
  ): Promise<Array<{ topic: string; partition: number; errorCode: number; errorMessage: string | null }>>;
  deleteShareStartOffsets(groupId: string, topics: string[], o?: CallOptions): Promise<Array<{ topic: string; errorCode: number }>>;

  close(): Promise<void>;
}
