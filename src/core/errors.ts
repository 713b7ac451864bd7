/**
 * Every failure the engine reports is a KafkaOffsetsError: a sentence a user can act on, naming the
 * group / topic / partition / broker involved, plus a kind the CLI maps to an exit code and the
 * extension to an action (Retry, Wait until empty…). Raw kafkajs errors never leave src/core.
 */

import type { GroupMember, TopicPartitionRef } from './types';

export type ErrorKind =
  /** The request itself is wrong: fix the input. CLI exit 2. */
  | 'validation'
  /** A topic or partition the request names does not exist. CLI exit 2. */
  | 'not-found'
  /** No broker answered within the deadline. */
  | 'unreachable'
  | 'authentication'
  | 'authorization'
  /**
   * The group has members. Nothing changed. details (groupNotEmptyDetails): `source` says who saw
   * them — our pre-check ('precheck': describe said so; members listed) or the broker, which refused
   * the commit because a consumer joined after the check ('broker'; members unknown).
   */
  | 'group-not-empty'
  /**
   * The plan is stale: the offsets it was made from changed before the commit (someone consumes or
   * resets concurrently). Nothing was committed; plan again. details (stalePlanDetails): what moved.
   */
  | 'stale-plan'
  /**
   * An Empty group whose committed offsets moved while they were watched: consumers with manually
   * assigned partitions commit without joining. Nothing was changed (the CLI refuses; the extension asks).
   */
  | 'offsets-moving'
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

/** The facts of a 'group-not-empty' refusal. */
export interface GroupNotEmptyDetails {
  source: 'precheck' | 'broker';
  /** The state the pre-check saw; absent for the broker's refusal. */
  state?: string;
  /** Who the pre-check saw (client id, host…); empty for the broker's refusal. */
  members: GroupMember[];
}

/** The facts of a 'stale-plan' refusal: the partitions whose offsets moved since the plan. */
export interface StalePlanDetails {
  moved: TopicPartitionRef[];
}

export function groupNotEmpty(message: string, details: GroupNotEmptyDetails): KafkaOffsetsError {
  return new KafkaOffsetsError('group-not-empty', message, details);
}

export function stalePlan(message: string, details: StalePlanDetails): KafkaOffsetsError {
  return new KafkaOffsetsError('stale-plan', message, details);
}

/** The details of a 'group-not-empty' error, or undefined for any other error. */
export function groupNotEmptyDetails(e: unknown): GroupNotEmptyDetails | undefined {
  if (!(e instanceof KafkaOffsetsError) || e.kind !== 'group-not-empty') return undefined;
  // A refusal raised without details came from a broker's answer (e.g. OffsetDelete's NON_EMPTY_GROUP).
  return (e.details as GroupNotEmptyDetails | undefined) ?? { source: 'broker', members: [] };
}

/** The details of a 'stale-plan' error, or undefined for any other error. */
export function stalePlanDetails(e: unknown): StalePlanDetails | undefined {
  if (!(e instanceof KafkaOffsetsError) || e.kind !== 'stale-plan') return undefined;
  return (e.details as StalePlanDetails | undefined) ?? { moved: [] };
}

export function isKafkaOffsetsError(e: unknown): e is KafkaOffsetsError {
  return e instanceof KafkaOffsetsError;
}

/** A one-line message for anything thrown, never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
