/**
 * Kafka's error codes by Kafka's own names, and the few families of them the engine acts on. The one
 * home for these numbers: everything else in src/core/kafka compares against a name from here, and
 * codeInfo() turns any code (named here or not) into Kafka's name and sentence for a message.
 */
import { errorCodes } from './internals';

export const KafkaCode = {
  NONE: 0,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  REPLICA_NOT_AVAILABLE: 9,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  INVALID_TOPIC_EXCEPTION: 17,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
  OFFSET_NOT_AVAILABLE: 78,
  GROUP_SUBSCRIBED_TO_TOPIC: 86,
} as const;

export interface KafkaCodeInfo {
  code: number;
  type: string;
  message: string;
}

const byCode = new Map(errorCodes.map((e) => [e.code, e]));

/** Kafka's name and sentence for a code; a code kafkajs 2.2.4 does not know is `ERROR_<n>`. */
export function codeInfo(code: number): KafkaCodeInfo {
  const e = byCode.get(code);
  return e ? { code, type: e.type, message: e.message } : { code, type: `ERROR_${code}`, message: `Kafka error code ${code}` };
}

/** The group's coordinator moved or is still loading: look it up again and retry (nothing was stored). */
export function isNotCoordinator(code: number | undefined): boolean {
  return code === KafkaCode.NOT_COORDINATOR || code === KafkaCode.COORDINATOR_NOT_AVAILABLE || code === KafkaCode.COORDINATOR_LOAD_IN_PROGRESS;
}

/** The coordinator is not ready yet (right after a broker start): FindCoordinator is asked again. */
export function isCoordinatorLoading(code: number): boolean {
  return code === KafkaCode.COORDINATOR_NOT_AVAILABLE || code === KafkaCode.COORDINATOR_LOAD_IN_PROGRESS;
}

/** Per-partition answers that mean "leadership is moving" (or the topic was just created): refresh metadata, ask again. */
export const RETRIABLE_PARTITION_ERRORS: ReadonlySet<number> = new Set([
  KafkaCode.NOT_LEADER_OR_FOLLOWER,
  KafkaCode.LEADER_NOT_AVAILABLE,
  KafkaCode.UNKNOWN_TOPIC_OR_PARTITION,
  KafkaCode.REPLICA_NOT_AVAILABLE,
  KafkaCode.FENCED_LEADER_EPOCH,
  KafkaCode.UNKNOWN_LEADER_EPOCH,
  KafkaCode.OFFSET_NOT_AVAILABLE,
]);
