/**
 * Error sentences from the error objects kafkajs itself builds (its own error classes, with the
 * fields its connection layer fills in): which broker a failure names, and that nothing else leaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KafkaJSConnectionError, KafkaJSRequestTimeoutError, KafkaJSNumberOfRetriesExceeded, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { mapKafkaError } from '../../src/core/kafka/errors';

const bootstrap = ['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094'];
const known = [
  { nodeId: 1, host: '127.0.0.1', port: 9092 },
  { nodeId: 2, host: '127.0.0.1', port: 9093 },
  { nodeId: 3, host: '127.0.0.1', port: 9094 },
];
const action = 'reading log-end offsets';
const refused = () => new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9094', { broker: '127.0.0.1:9094', code: 'ECONNREFUSED' });

test('connected cluster, one broker refuses: the sentence names that broker and its node id', () => {
  const e = mapKafkaError(refused(), { brokers: bootstrap, action, knownBrokers: known });
  assert.equal(e.kind, 'unreachable');
  assert.equal(
    e.message,
    'Cannot reach broker 3 (127.0.0.1:9094) of the cluster at 127.0.0.1:9092, 127.0.0.1:9093, 127.0.0.1:9094 (connection refused) while reading log-end offsets. If that broker is restarting, retry once its partitions and groups have moved to the other brokers.',
  );
});

test('the failing broker is found inside kafkajs retry wrappers', () => {
  const wrapped = new KafkaJSNumberOfRetriesExceeded(refused(), { retryCount: 1, retryTime: 100 });
  const e = mapKafkaError(wrapped, { brokers: bootstrap, action, knownBrokers: known });
  assert.match(e.message, /^Cannot reach broker 3 \(127\.0\.0\.1:9094\) of the cluster/);
});

test('a broker not (yet) in the metadata is named by address', () => {
  const e = mapKafkaError(refused(), { brokers: ['kafka-a:9092'], action, knownBrokers: known.slice(0, 2) });
  assert.match(e.message, /^Cannot reach broker 127\.0\.0\.1:9094 of the cluster at kafka-a:9092 \(connection refused\)/);
});

test('a single-broker cluster keeps the cluster-wide sentence (no "other brokers" to move to)', () => {
  const e = mapKafkaError(refused(), { brokers: ['127.0.0.1:9094'], action, knownBrokers: [known[2]] });
  assert.equal(e.message, 'Cannot reach the Kafka cluster at 127.0.0.1:9094 (connection refused) while reading log-end offsets.');
});

test('a single broker advertising an address this machine cannot reach (Docker\'s kafka:9092): named, with advertised.listeners', () => {
  const dns = new KafkaJSConnectionError('Connection error: getaddrinfo ENOTFOUND kafka', { broker: 'kafka:9092', code: 'ENOTFOUND' });
  const e = mapKafkaError(dns, { brokers: ['localhost:9092'], action, knownBrokers: [{ nodeId: 1, host: 'kafka', port: 9092 }] });
  assert.equal(
    e.message,
    "Cannot reach broker 1 at kafka:9092 as advertised by the cluster at localhost:9092 (host name not found) while reading log-end offsets. This machine must be able to reach the address in the broker's advertised.listeners.",
  );
});

test('while connecting (no metadata yet) the whole bootstrap list is the subject', () => {
  const e = mapKafkaError(refused(), { brokers: bootstrap, action });
  assert.equal(e.message, `Cannot reach the Kafka cluster at ${bootstrap.join(', ')} (connection refused) while reading log-end offsets.`);
});

test('a request timeout on one broker names it', () => {
  const t = new KafkaJSRequestTimeoutError('Request ListOffsets(key: 2, version: 4) timed out', { broker: '127.0.0.1:9093', clientId: 'kafka-offsets', correlationId: 7, createdAt: 0, sentAt: 0, pendingDuration: 0 });
  const e = mapKafkaError(t, { brokers: bootstrap, action, knownBrokers: known });
  assert.match(e.message, /^Broker 2 \(127\.0\.0\.1:9093\) of the cluster at .* did not answer in time while reading log-end offsets\./);
});

test('authentication failure names the user, never a password', () => {
  // kafkajs's .d.ts declares no constructor arguments for this class; its JS takes the message.
  const Sasl = KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;
  const a = new Sasl('SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512');
  const e = mapKafkaError(a, { brokers: bootstrap, action, username: 'alice' });
  assert.equal(e.kind, 'authentication');
  assert.match(e.message, /^Authentication failed for user "alice" at 127\.0\.0\.1:9092/);
});
