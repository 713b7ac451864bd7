/**
 * Turn whatever kafkajs or the socket layer threw into one KafkaOffsetsError sentence that names the
 * thing involved. Never includes credentials: kafkajs messages carry hosts and mechanisms, not passwords,
 * and we never interpolate the sasl config.
 */
import { KafkaOffsetsError } from '../errors';
import { codeInfo } from './codes';

export interface ErrorContext {
  brokers: string[];
  /** What we were doing, e.g. `reading offsets of group "billing"`. */
  action: string;
  group?: string;
  topic?: string;
  username?: string;
  /**
   * The brokers the client knew from metadata when the call failed (absent while connecting). With
   * them, a connection failure to one broker of a cluster that did answer names that broker instead
   * of blaming the whole bootstrap list.
   */
  knownBrokers?: Array<{ nodeId: number; host: string; port: number }>;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** The "host:port" kafkajs attaches to connection and request-timeout errors, anywhere in the chain. */
function failedBrokerOf(e: any, depth = 0): string | undefined {
  if (!e || depth > 5) return undefined;
  if (typeof e.broker === 'string' && /:\d+$/.test(e.broker)) return e.broker;
  return failedBrokerOf(e.originalError ?? e.cause, depth + 1);
}

/**
 * When a call reached the cluster and then failed on one broker: that broker as the subject of the
 * sentence, and what to do. Undefined when nothing answered yet, or when the one broker that failed
 * is the whole cluster as the user named it (then the cluster-wide sentence is the true one).
 *  - several brokers: `broker 2 (h:9094) of the cluster at A, B, C` — retry once leadership moved;
 *  - one broker at an address the user did not give (Docker's classic `kafka:9092`): the address
 *    the cluster advertises is unreachable from here — check advertised.listeners.
 */
function oneBroker(e: any, ctx: ErrorContext): { subject: string; hint: string } | undefined {
  const failed = failedBrokerOf(e);
  const known = ctx.knownBrokers ?? [];
  if (!failed || known.length === 0) return undefined;
  const node = known.find((b) => `${b.host}:${b.port}` === failed);
  const name = node ? `broker ${node.nodeId} (${failed})` : `broker ${failed}`;
  const where = ctx.brokers.join(', ');
  if (known.length >= 2) return { subject: `${name} of the cluster at ${where}`, hint: MOVED_HINT };
  if (ctx.brokers.includes(failed)) return undefined;
  return {
    subject: `broker ${node ? `${node.nodeId} ` : ''}at ${failed} as advertised by the cluster at ${where}`,
    hint: 'This machine must be able to reach the address in the broker\'s advertised.listeners.',
  };
}

const MOVED_HINT = 'If that broker is restarting, retry once its partitions and groups have moved to the other brokers.';

function findCause(e: any, depth = 0): any {
  if (!e || depth > 5) return e;
  const inner = e.originalError ?? e.cause;
  return inner ? findCause(inner, depth + 1) : e;
}

export function mapKafkaError(err: unknown, ctx: ErrorContext): KafkaOffsetsError {
  if (err instanceof KafkaOffsetsError) return err;
  const e: any = err;
  const cause = findCause(e);
  const where = ctx.brokers.join(', ');
  const name: string = cause?.name ?? '';
  const type: string = cause?.type ?? '';
  const message: string = String(cause?.message ?? e);

  if (name === 'KafkaJSSASLAuthenticationError' || type === 'SASL_AUTHENTICATION_FAILED' || /SASL .*authentication failed/i.test(message)) {
    const who = ctx.username ? ` for user "${ctx.username}"` : '';
    return new KafkaOffsetsError('authentication', `Authentication failed${who} at ${where}: ${stripPrefix(message)}`);
  }
  if (type === 'GROUP_AUTHORIZATION_FAILED') {
    return new KafkaOffsetsError('authorization', `Not authorized on group "${ctx.group ?? '?'}" (needs Describe/Read on the group) while ${ctx.action}.`);
  }
  if (type === 'TOPIC_AUTHORIZATION_FAILED') {
    return new KafkaOffsetsError('authorization', `Not authorized on topic "${ctx.topic ?? '?'}" (needs Describe on the topic) while ${ctx.action}.`);
  }
  if (type === 'CLUSTER_AUTHORIZATION_FAILED') {
    return new KafkaOffsetsError('authorization', `Not authorized on the cluster at ${where} while ${ctx.action}.`);
  }
  const tls = /certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(message) && !/SASL/.test(message);
  if (tls || cause?.code?.startsWith?.('ERR_TLS') || cause?.code?.includes?.('CERT')) {
    return new KafkaOffsetsError('unreachable', `TLS connection to ${where} failed: ${message}. If the cluster uses a private CA, configure its CA file.`);
  }
  const netCode: string | undefined = cause?.code && NETWORK_CODES[cause.code] ? cause.code : undefined;
  if (netCode || name === 'KafkaJSConnectionError' || name === 'KafkaJSConnectionClosedError' || name === 'KafkaJSNonRetriableError' && /connect/i.test(message)) {
    const reason = netCode ? NETWORK_CODES[netCode] : stripPrefix(message);
    const one = oneBroker(e, ctx);
    if (one) return new KafkaOffsetsError('unreachable', `Cannot reach ${one.subject} (${reason}) while ${ctx.action}. ${one.hint}`);
    return new KafkaOffsetsError('unreachable', `Cannot reach the Kafka cluster at ${where} (${reason}) while ${ctx.action}.`);
  }
  if (/Broker not connected|Connection timeout|No brokers in the broker pool/i.test(message)) {
    const one = oneBroker(e, ctx);
    if (one) return new KafkaOffsetsError('unreachable', `Cannot reach ${one.subject} (no answer) while ${ctx.action}. ${one.hint}`);
    return new KafkaOffsetsError('unreachable', `Cannot reach the Kafka cluster at ${where} (no answer) while ${ctx.action}.`);
  }
  if (name === 'KafkaJSRequestTimeoutError' || name === 'KafkaJSLockTimeout' || name === 'KafkaJSTimeout') {
    const one = oneBroker(e, ctx);
    if (one) return new KafkaOffsetsError('unreachable', `${one.subject[0].toUpperCase()}${one.subject.slice(1)} did not answer in time while ${ctx.action}. ${one.hint}`);
    return new KafkaOffsetsError('unreachable', `Kafka at ${where} did not answer in time while ${ctx.action}.`);
  }
  if (typeof cause?.code === 'number') {
    const info = codeInfo(cause.code);
    return new KafkaOffsetsError('kafka', `Kafka refused while ${ctx.action}: ${info.type} (${info.message}).`);
  }
  if (type) return new KafkaOffsetsError('kafka', `Kafka refused while ${ctx.action}: ${type} (${message}).`);
  return new KafkaOffsetsError('kafka', `Failed while ${ctx.action} at ${where}: ${stripPrefix(message)}`);
}

function stripPrefix(m: string): string {
  return m.replace(/^KafkaJS\w*:\s*/, '').replace(/\s+/g, ' ').trim();
}
