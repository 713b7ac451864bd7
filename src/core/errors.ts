/**
 * Every failure the engine reports is a KafkaOffsetsError: a sentence a user can act on, naming the
 * group / topic / partition / broker involved, plus a kind the CLI maps to an exit code and the
 * extension to an action (Retry, Wait until empty…). Raw kafkajs errors never leave src/core.
 */

export type ErrorKind =
  /** The request itself is wrong: fix the input. CLI exit 2. */
  | 'validation'
  /** A topic or partition the request names does not exist. CLI exit 2. */
  | 'not-found'
  /** No broker answered within the deadline. */
  | 'unreachable'
  | 'authentication'
  | 'authorization'
  /** The group has members (our pre-check or the broker's own refusal). Nothing changed. */
  | 'group-not-empty'
  /** The commit was sent; some partitions failed (see the result rows). */
  | 'commit-failed'
  | 'timeout'
  | 'cancelled'
  /** Any other Kafka refusal. */
  | 'kafka';

export class KafkaOffsetsError extends Error {
  readonly kind: ErrorKind;
  /** Extra structured facts (members of a non-empty group, partitions that failed…). */
  readonly details?: unknown;

  constructor(kind: ErrorKind, message: string, details?: unknown) {
    super(message);
    this.name = 'KafkaOffsetsError';
    this.kind = kind;
    this.details = details;
  }

  /** Bad input (exit 2) vs. Kafka refused or failed (exit 1). */
  get exitCode(): 1 | 2 {
    return this.kind === 'validation' || this.kind === 'not-found' ? 2 : 1;
  }
}

export function isKafkaOffsetsError(e: unknown): e is KafkaOffsetsError {
  return e instanceof KafkaOffsetsError;
}

/** A one-line message for anything thrown, never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
