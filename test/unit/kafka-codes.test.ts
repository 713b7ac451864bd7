/**
 * The named Kafka error codes (src/core/kafka/codes.ts) are Kafka's own: each name maps to the code
 * kafkajs's protocol table gives that name, so a typo in a number cannot hide behind a right name.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { KafkaCode, codeInfo, isNotCoordinator, RETRIABLE_PARTITION_ERRORS } from '../../src/core/kafka/codes';

/** Kafka renamed these codes since kafkajs 2.2.4's table was written; it still uses the old names. */
const KAFKAJS_NAME: Record<string, string> = {
  NOT_LEADER_OR_FOLLOWER: 'NOT_LEADER_FOR_PARTITION',
  COORDINATOR_LOAD_IN_PROGRESS: 'GROUP_LOAD_IN_PROGRESS',
  COORDINATOR_NOT_AVAILABLE: 'GROUP_COORDINATOR_NOT_AVAILABLE',
  NOT_COORDINATOR: 'NOT_COORDINATOR_FOR_GROUP',
};

test('every named code is the code Kafka gives that name', () => {
  for (const [name, code] of Object.entries(KafkaCode)) {
    if (code === 0) continue;
    assert.equal(codeInfo(code).type, KAFKAJS_NAME[name] ?? name, `code ${code}`);
  }
});

test('the coordinator and leadership families are made of named codes', () => {
  assert.deepEqual([14, 15, 16, 17].map(isNotCoordinator), [true, true, true, false]);
  for (const code of RETRIABLE_PARTITION_ERRORS) assert.ok(Object.values(KafkaCode).includes(code as never), `code ${code} is named`);
  assert.equal(codeInfo(12345).type, 'ERROR_12345');
});
