/**
 * Kafka's refusals of a delete (OffsetDelete, DeleteGroups) as sentences naming the group, topic and
 * partition, one home for the wording the CLI and the extension both show.
 */
import { KafkaOffsetsError } from '../errors';
import { KafkaCode, codeInfo } from './codes';

/**
 * A refusal of the whole request for a group. `what` says what was asked, e.g. "delete it" or
 * "delete its committed offsets". Nothing was deleted in any of these cases.
 */
export function groupRefusal(groupId: string, code: number, what: string): KafkaOffsetsError {
  const g = JSON.stringify(groupId);
  switch (code) {
    case KafkaCode.NON_EMPTY_GROUP:
      return new KafkaOffsetsError('group-not-empty', `The broker refused to ${what}: group ${g} is not empty (NON_EMPTY_GROUP) — a consumer joined it. Nothing was deleted.`, { source: 'broker', members: [] });
    case KafkaCode.GROUP_ID_NOT_FOUND:
      return new KafkaOffsetsError('not-found', `Group ${g} does not exist (GROUP_ID_NOT_FOUND): nothing to delete.`);
    case KafkaCode.GROUP_AUTHORIZATION_FAILED:
      return new KafkaOffsetsError('authorization', `Not authorized on group ${g}: to ${what} needs Delete on the group. Nothing was deleted.`);
    default: {
      const c = codeInfo(code);
      return new KafkaOffsetsError('kafka', `The broker refused to ${what} for group ${g}: ${c.type} (${c.message}). Nothing was deleted.`);
    }
  }
}

/** Why one partition's committed offset was not deleted, as a sentence. */
export function partitionRefusal(groupId: string, topic: string, partition: number, code: number): string {
  const where = `${JSON.stringify(topic)} partition ${partition}`;
  switch (code) {
    case KafkaCode.GROUP_SUBSCRIBED_TO_TOPIC:
      return `group ${JSON.stringify(groupId)} is subscribed to topic ${JSON.stringify(topic)} (GROUP_SUBSCRIBED_TO_TOPIC): a consumer of it is running, so the broker keeps the offset of ${where}`;
    case KafkaCode.UNKNOWN_TOPIC_OR_PARTITION:
      return `${where} does not exist (UNKNOWN_TOPIC_OR_PARTITION)`;
    case KafkaCode.TOPIC_AUTHORIZATION_FAILED:
      return `not authorized on topic ${JSON.stringify(topic)} (deleting its offsets needs Read on the topic)`;
    default: {
      const c = codeInfo(code);
      return `${c.type}: ${c.message}`;
    }
  }
}
