/**
 * The reset session: the whole safety protocol around one commit (a reset or an undo), in one place,
 * for every front end (the extension's palette, menus and form; the CLI). It decides what happens
 * next; the front end only asks and shows, through a small port.
 *
 * One round, repeated (at most MAX_ROUNDS) while something changed under us:
 *   1. describe the group. Members (or a state other than Empty/Dead)? → port.notEmpty: 'wait' polls
 *      until it is empty (port.step 'wait-empty', cancellable; its limit is port.waitSeconds), then
 *      re-plans from fresh offsets; a wait that ran out asks again with the timeout error.
 *   2. watch the offsets for windowMs: an Empty group whose offsets move is consumed by clients with
 *      manually assigned partitions, which never show up as members → port.offsetsMoving:
 *      'check-again' starts the round over, 'continue' re-plans from fresh offsets and goes on.
 *   3. port.confirm, told whether (and why) the plan was made again since the user last saw it.
 *   4. op.apply under port.step 'apply' (snapshot first, then one commit; the engine re-checks).
 *      - group-not-empty from our own pre-check (a member joined after step 1): next round;
 *      - group-not-empty from the broker: port.brokerRefused; the session ends with 'refused';
 *      - stale-plan (a reset whose offsets moved since step 3): port.stalePlan: 'preview-again'
 *        re-plans and starts the round over.
 *
 * Any 'stop' (or false) ends the session with 'cancelled': nothing was changed. A port method may also
 * throw to end the session with that error (the CLI refuses this way where it cannot ask).
 *
 * What is applied is an operation (SessionOperation, built in ./sessionOperations.ts): a reset, an
 * undo or a share group's delete of start offsets. A share group's operation reads share-partition
 * start offsets, and step 2 is skipped for it (watchesCommits: share consumers cannot fetch without
 * joining, so an Empty share group has nobody moving its start offsets). The port is generic in the
 * operation, so a front end sees its own fields.
 */
import type { GroupDescription, GroupType, ResetResult, TopicPartitionRef } from './types';
import type { KafkaEngine } from './kafka/port';
import { KafkaOffsetsError, groupNotEmpty, groupNotEmptyDetails } from './errors';
import { mapLimit, sleep } from './deadline';
import { topicsOf } from './tp';
import { waitUntilEmpty } from './reset';
import { isResettable } from './groupState';
import { watchesCommits } from './groupReset';

/** How long the offsets are watched for movement before confirming (the contract's "last few seconds"). */
export const ACTIVITY_WINDOW_MS = 3000;
/** Rounds before giving up: a group that keeps refilling or moving is not going to settle. */
export const MAX_ROUNDS = 4;

/** What a session applies. */
export interface SessionOperation {
  /** 'delete': a share group forgets its start offsets on a topic (DeleteShareGroupOffsets). */
  verb: 'reset' | 'undo' | 'delete';
  group: string;
  /** Share groups have start offsets instead of committed ones; undefined is a classic group. */
  groupType: GroupType | undefined;
  /** The partitions the commit would touch (watched in step 2). */
  partitions(): TopicPartitionRef[];
  /** The group's positions of those partitions now (committed offsets, or start offsets), by tpKey. */
  readPositions(signal?: AbortSignal): Promise<Map<string, bigint | null>>;
  /** Read the offsets again and re-plan; true when what would be committed changed. */
  refresh(signal?: AbortSignal): Promise<boolean>;
  apply(signal?: AbortSignal): Promise<ResetResult>;
}

/** A partition whose position moved while watched. */
export interface MovedOffset {
  topic: string;
  partition: number;
  from: bigint | null;
  to: bigint | null;
}

/** A step that takes time; the front end shows progress and may cancel it by aborting the signal. */
export type SessionStep =
  | { kind: 'wait-empty'; group: string; timeoutMs: number }
  | { kind: 'watch'; group: string; windowMs: number }
  | { kind: 'apply'; group: string; verb: SessionOperation['verb'] };

/** Progress of 'wait-empty': the group as seen at each poll and how long is left. */
export interface WaitProgress {
  group: GroupDescription;
  remainingMs: number;
  totalMs: number;
}

/** Why the plan about to be confirmed was made again since the user saw it. */
export type Replanned = 'after-wait' | 'after-moved' | 'after-stale';

/** What the session reports on the way (for a log; nothing to decide). */
export type SessionEvent =
  | { kind: 'not-empty'; group: GroupDescription }
  | { kind: 'emptied'; group: GroupDescription }
  | { kind: 'wait-cancelled'; group: string }
  | { kind: 'replanned'; why: Replanned; changed: boolean }
  | { kind: 'precheck-refused'; error: KafkaOffsetsError };

export interface SessionPort<Op extends SessionOperation = SessionOperation> {
  /** The longest wait for the group to empty, in seconds. */
  readonly waitSeconds: number;
  /** The group may not be committed to now. timedOut: the wait before this one ran out (its error). */
  notEmpty(op: Op, group: GroupDescription, timedOut?: KafkaOffsetsError): Promise<'wait' | 'stop'>;
  /** Run a step under progress; cancelling aborts the signal. report is called for 'wait-empty' polls. */
  step<T>(step: SessionStep, work: (signal: AbortSignal | undefined, report: (p: WaitProgress) => void) => Promise<T>): Promise<T>;
  /** The group has no members but these positions moved while watched. */
  offsetsMoving(op: Op, moved: MovedOffset[], windowMs: number): Promise<'check-again' | 'continue' | 'stop'>;
  /** Ask for the go-ahead. replanned: the plan was made again since the user saw it, and why. */
  confirm(op: Op, replanned: Replanned | undefined): Promise<boolean>;
  /** A reset's plan went stale between the confirmation and the commit (error kind 'stale-plan'). */
  stalePlan(op: Op, error: KafkaOffsetsError): Promise<'preview-again' | 'stop'>;
  /** The broker refused the commit: a consumer joined between the checks and the commit. */
  brokerRefused(op: Op, error: KafkaOffsetsError, elapsedMs: number): void;
  event?(op: Op, e: SessionEvent): void;
}

export type SessionOutcome = { status: 'applied'; result: ResetResult } | { status: 'cancelled' } | { status: 'refused'; error: KafkaOffsetsError };

export interface SessionOptions {
  /** Step 2's window; ACTIVITY_WINDOW_MS unless a test needs it short. */
  windowMs?: number;
  /**
   * false skips step 2 (the CLI's --no-offsets-moving-check, for scripts that know no consumer with
   * manually assigned partitions commits to the group). Share groups skip it anyway.
   */
  watchOffsets?: boolean;
  /** Poll interval of the wait (default waitUntilEmpty's). */
  pollMs?: number;
  /** Cancels the session's own reads (describe, re-plan); the steps get theirs from port.step. */
  signal?: AbortSignal;
}

/** The client calls the session itself makes (the operation makes its own). */
export type SessionClient = Pick<KafkaEngine, 'describeGroup'>;

const isCancel = (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'cancelled';

export async function runResetSession<Op extends SessionOperation>(client: SessionClient, op: Op, port: SessionPort<Op>, o: SessionOptions = {}): Promise<SessionOutcome> {
  const windowMs = o.windowMs ?? ACTIVITY_WINDOW_MS;
  const event = (e: SessionEvent) => port.event?.(op, e);
  let replanned: Replanned | undefined;
  let last: GroupDescription | undefined;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // 1. Members.
    const d = (last = await client.describeGroup(op.group, { signal: o.signal }));
    if (!isResettable(d)) {
      event({ kind: 'not-empty', group: d });
      const emptied = await waitForEmpty(client, op, port, d, o.pollMs);
      if (!emptied) return { status: 'cancelled' };
      const changed = await op.refresh(o.signal);
      event({ kind: 'replanned', why: 'after-wait', changed });
      if (changed) replanned = 'after-wait';
    }

    // 2. Offsets moving although nobody is a member?
    let moved: MovedOffset[] = [];
    if (o.watchOffsets !== false && watchesCommits(op.groupType)) {
      try {
        moved = await port.step({ kind: 'watch', group: op.group, windowMs }, (signal) => watchPositions(op, windowMs, signal));
      } catch (e) {
        if (isCancel(e)) return { status: 'cancelled' };
        throw e;
      }
    }
    if (moved.length > 0) {
      const choice = await port.offsetsMoving(op, moved, windowMs);
      if (choice === 'check-again') continue;
      if (choice !== 'continue') return { status: 'cancelled' };
      // The plan's "committed" column is stale now; the engine refuses a plan whose offsets moved.
      const changed = await op.refresh(o.signal);
      event({ kind: 'replanned', why: 'after-moved', changed });
      if (changed) replanned = 'after-moved';
    }

    // 3. Confirmation.
    if (!(await port.confirm(op, replanned))) return { status: 'cancelled' };

    // 4. Apply.
    const started = Date.now();
    try {
      const result = await port.step({ kind: 'apply', group: op.group, verb: op.verb }, (signal) => op.apply(signal));
      return { status: 'applied', result };
    } catch (e) {
      if (!(e instanceof KafkaOffsetsError)) throw e;
      const notEmpty = groupNotEmptyDetails(e);
      if (notEmpty?.source === 'precheck') {
        // The engine's own pre-check saw members that joined after ours: go round again.
        event({ kind: 'precheck-refused', error: e });
        replanned = undefined;
        continue;
      }
      if (notEmpty) {
        port.brokerRefused(op, e, Date.now() - started);
        return { status: 'refused', error: e };
      }
      if (e.kind === 'stale-plan' && op.verb !== 'undo') {
        if ((await port.stalePlan(op, e)) !== 'preview-again') return { status: 'cancelled' };
        const changed = await op.refresh(o.signal);
        event({ kind: 'replanned', why: 'after-stale', changed });
        replanned = 'after-stale';
        continue;
      }
      throw e;
    }
  }
  throw groupNotEmpty(`Group "${op.group}" kept getting members or moving offsets; gave up after ${MAX_ROUNDS} attempts. Nothing was changed.`, {
    source: 'precheck',
    ...(last ? { state: last.state, members: last.members } : { members: [] }),
  });
}

/**
 * Step 1's wait: ask, wait (cancellable), ask again after a wait that ran out. True once the group is
 * empty, false when the user stops.
 */
async function waitForEmpty<Op extends SessionOperation>(client: SessionClient, op: Op, port: SessionPort<Op>, first: GroupDescription, pollMs?: number): Promise<boolean> {
  let d = first;
  let timedOut: KafkaOffsetsError | undefined;
  for (;;) {
    if ((await port.notEmpty(op, d, timedOut)) !== 'wait') return false;
    const totalMs = port.waitSeconds * 1000;
    try {
      const empty = await port.step({ kind: 'wait-empty', group: op.group, timeoutMs: totalMs }, (signal, report) =>
        waitUntilEmpty(client, op.group, {
          timeoutMs: totalMs,
          signal,
          ...(pollMs !== undefined ? { pollMs } : {}),
          onPoll: (now, remainingMs) => {
            d = now;
            report({ group: now, remainingMs, totalMs });
          },
        }),
      );
      port.event?.(op, { kind: 'emptied', group: empty });
      return true;
    } catch (e) {
      if (isCancel(e)) {
        port.event?.(op, { kind: 'wait-cancelled', group: op.group });
        return false;
      }
      if (e instanceof KafkaOffsetsError && e.kind === 'group-not-empty') {
        timedOut = e;
        continue;
      }
      throw e;
    }
  }
}

/** Step 2: the positions twice, windowMs apart; what moved. */
export async function watchPositions(op: Pick<SessionOperation, 'group' | 'readPositions'>, windowMs: number, signal?: AbortSignal): Promise<MovedOffset[]> {
  const first = await op.readPositions(signal);
  await sleep(windowMs, signal, `watching group "${op.group}" for commits`);
  return movedPositions(first, await op.readPositions(signal));
}

/**
 * Step 2 for a batch (a several-group reset): every group's positions twice, one window apart for all
 * of them; the groups whose positions moved, with what moved.
 */
export async function watchGroups(ops: Array<Pick<SessionOperation, 'group' | 'readPositions'>>, windowMs: number, signal?: AbortSignal): Promise<Map<string, MovedOffset[]>> {
  const read = () => mapLimit(ops, 8, (op) => op.readPositions(signal));
  const first = await read();
  await sleep(windowMs, signal, `watching ${ops.length} groups for commits`);
  const second = await read();
  return new Map(ops.map((op, i) => [op.group, movedPositions(first[i], second[i])] as const).filter(([, moved]) => moved.length > 0));
}

/**
 * An Empty group can still be consumed: consumers with manually assigned partitions never join, but
 * they commit. Read the committed offsets twice, windowMs apart, and report what moved.
 */
export async function detectActiveConsumption(
  client: KafkaEngine,
  group: string,
  o: { signal?: AbortSignal; windowMs?: number; partitions?: TopicPartitionRef[] } = {},
): Promise<MovedOffset[]> {
  const topics = o.partitions ? topicsOf(o.partitions) : null;
  return watchPositions({ group, readPositions: (signal) => client.committedOffsets(group, topics, { signal }) }, o.windowMs ?? ACTIVITY_WINDOW_MS, o.signal);
}

/** The partitions whose position differs between two reads (a partition missing in one read has none). */
export function movedPositions(first: Map<string, bigint | null>, second: Map<string, bigint | null>): MovedOffset[] {
  const moved: MovedOffset[] = [];
  for (const key of new Set([...first.keys(), ...second.keys()])) {
    const a = first.get(key) ?? null;
    const b = second.get(key) ?? null;
    if (a !== b) {
      const i = key.lastIndexOf(':');
      moved.push({ topic: key.slice(0, i), partition: Number(key.slice(i + 1)), from: a, to: b });
    }
  }
  return moved;
}
