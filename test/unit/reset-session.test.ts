/**
 * The reset session's protocol (src/core/resetSession.ts) over scripted facts: a group description
 * per describe call, offsets per read, and a port that records what it was asked and answers as
 * told. Kafka's own behaviour is tested on a real broker (test/integration/reset.test.ts, cli.test.ts);
 * this is the order of questions, the re-plans and what each refusal leads to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_ROUNDS,
  movedPositions,
  runResetSession,
  type SessionOperation,
  type SessionPort,
  type SessionStep,
  type Replanned,
} from '../../src/core/resetSession';
import { KafkaOffsetsError, groupNotEmpty, groupNotEmptyDetails, stalePlan, stalePlanDetails } from '../../src/core/errors';
import type { GroupDescription, GroupMember, ResetResult } from '../../src/core/types';

const member: GroupMember = { memberId: 'm-1', clientId: 'billing-1', host: '/10.0.0.7', assignment: [] } as unknown as GroupMember;
const desc = (state: string, members: GroupMember[] = []): GroupDescription =>
  ({ groupId: 'g', state, protocolType: 'consumer', protocol: 'range', members, coordinator: { nodeId: 1, host: 'h', port: 9092 } }) as unknown as GroupDescription;
const EMPTY = desc('Empty');
const STABLE = desc('Stable', [member]);
const RESULT: ResetResult = { group: 'g', rows: [], snapshotFile: '/tmp/s.json', durationMs: 1 };

/** A client whose describeGroup answers the given descriptions in turn (the last one repeats). */
function client(...answers: GroupDescription[]) {
  let i = 0;
  return { describeGroup: async () => answers[Math.min(i++, answers.length - 1)], calls: () => i };
}

/** An operation over scripted reads: positions per read, refresh answers, apply outcomes in turn. */
function operation(o: { verb?: 'reset' | 'undo' | 'delete'; groupType?: 'consumer' | 'share'; positions?: Array<Record<string, bigint | null>>; refresh?: boolean[]; apply?: Array<ResetResult | Error> } = {}) {
  let reads = 0;
  let refreshes = 0;
  let applies = 0;
  const op: SessionOperation & { counts: () => { reads: number; refreshes: number; applies: number } } = {
    verb: o.verb ?? 'reset',
    group: 'g',
    groupType: o.groupType ?? 'consumer',
    partitions: () => [{ topic: 't', partition: 0 }],
    readPositions: async () => {
      const p = o.positions ?? [{ 't:0': 5n }];
      return new Map(Object.entries(p[Math.min(reads++, p.length - 1)]));
    },
    refresh: async () => (o.refresh ?? [false])[Math.min(refreshes++, (o.refresh?.length ?? 1) - 1)],
    apply: async () => {
      const a = (o.apply ?? [RESULT])[Math.min(applies++, (o.apply?.length ?? 1) - 1)];
      if (a instanceof Error) throw a;
      return a;
    },
    counts: () => ({ reads, refreshes, applies }),
  };
  return op;
}

type Answers = {
  notEmpty?: Array<'wait' | 'stop'>;
  moving?: Array<'check-again' | 'continue' | 'stop'>;
  confirm?: boolean;
  stale?: 'preview-again' | 'stop';
  waitSeconds?: number;
  cancelStep?: SessionStep['kind'];
};

/** A port that answers as told and records every question (with what the session said). */
function port(a: Answers = {}) {
  const asked: string[] = [];
  const confirmed: Array<Replanned | undefined> = [];
  const timeouts: Array<KafkaOffsetsError | undefined> = [];
  let notEmptyAnswers = 0;
  let movingAnswers = 0;
  const p: SessionPort = {
    waitSeconds: a.waitSeconds ?? 5,
    notEmpty: async (_op, d, timedOut) => {
      asked.push(`notEmpty:${d.state}${timedOut ? ':timedOut' : ''}`);
      timeouts.push(timedOut);
      return (a.notEmpty ?? ['stop'])[notEmptyAnswers++] ?? 'stop';
    },
    step: async (step, work) => {
      asked.push(`step:${step.kind}`);
      if (a.cancelStep === step.kind) throw new KafkaOffsetsError('cancelled', 'Cancelled.');
      return work(undefined, () => {});
    },
    offsetsMoving: async (_op, moved) => {
      asked.push(`moving:${moved.map((m) => `${m.topic}/${m.partition} ${m.from}→${m.to}`).join(',')}`);
      return (a.moving ?? ['stop'])[movingAnswers++] ?? 'stop';
    },
    confirm: async (_op, replanned) => {
      asked.push('confirm');
      confirmed.push(replanned);
      return a.confirm ?? true;
    },
    stalePlan: async () => {
      asked.push('stale');
      return a.stale ?? 'stop';
    },
    brokerRefused: () => {
      asked.push('brokerRefused');
    },
  };
  return { p, asked, confirmed, timeouts };
}

const fast = { windowMs: 1, pollMs: 1 };

test('an Empty group with quiet offsets: watched, confirmed once (nothing re-planned), applied', async () => {
  const { p, asked, confirmed } = port();
  const op = operation();
  const out = await runResetSession(client(EMPTY), op, p, fast);
  assert.deepEqual(out, { status: 'applied', result: RESULT });
  assert.deepEqual(asked, ['step:watch', 'confirm', 'step:apply']);
  assert.deepEqual(confirmed, [undefined]);
  assert.equal(op.counts().reads, 2, 'two reads, a window apart');
});

test('members: "stop" ends the session with nothing applied; "Cancel" at the confirmation likewise', async () => {
  const a = port({ notEmpty: ['stop'] });
  const op = operation();
  assert.deepEqual(await runResetSession(client(STABLE), op, a.p, fast), { status: 'cancelled' });
  assert.deepEqual(a.asked, ['notEmpty:Stable']);
  assert.equal(op.counts().applies, 0);
  const b = port({ confirm: false });
  assert.deepEqual(await runResetSession(client(EMPTY), op, b.p, fast), { status: 'cancelled' });
  assert.equal(op.counts().applies, 0);
});

test('members, then empty after waiting: re-planned from fresh offsets; the confirmation says so only if the targets changed', async () => {
  for (const changed of [true, false]) {
    const { p, asked, confirmed } = port({ notEmpty: ['wait'] });
    const op = operation({ refresh: [changed] });
    // describe (Stable) → the wait's polls (Stable, then Empty).
    const out = await runResetSession(client(STABLE, STABLE, EMPTY), op, p, fast);
    assert.equal(out.status, 'applied');
    assert.deepEqual(asked, ['notEmpty:Stable', 'step:wait-empty', 'step:watch', 'confirm', 'step:apply']);
    assert.equal(op.counts().refreshes, 1);
    assert.deepEqual(confirmed, [changed ? 'after-wait' : undefined]);
  }
});

test('a wait that runs out asks again, with the timeout as a group-not-empty (precheck) error naming the members', async () => {
  const { p, asked, timeouts } = port({ notEmpty: ['wait', 'stop'], waitSeconds: 0 });
  const out = await runResetSession(client(STABLE), operation(), p, fast);
  assert.deepEqual(out, { status: 'cancelled' });
  assert.deepEqual(asked, ['notEmpty:Stable', 'step:wait-empty', 'notEmpty:Stable:timedOut']);
  const details = groupNotEmptyDetails(timeouts[1]);
  assert.equal(details?.source, 'precheck');
  assert.deepEqual(details?.members.map((m) => m.clientId), ['billing-1']);
});

test('a cancelled wait or watch ends the session: nothing applied', async () => {
  for (const cancelStep of ['wait-empty', 'watch'] as const) {
    const { p } = port({ notEmpty: ['wait'], cancelStep });
    const op = operation();
    assert.deepEqual(await runResetSession(client(STABLE, EMPTY), op, p, fast), { status: 'cancelled' });
    assert.equal(op.counts().applies, 0, cancelStep);
  }
});

test('offsets still moving: "check again" watches again; "continue" re-plans and tells the confirmation; "stop" cancels', async () => {
  const moving = [{ 't:0': 5n }, { 't:0': 9n }];
  const again = port({ moving: ['check-again'] });
  const op1 = operation({ positions: [...moving, { 't:0': 9n }] });
  assert.equal((await runResetSession(client(EMPTY), op1, again.p, fast)).status, 'applied');
  assert.deepEqual(again.asked, ['step:watch', 'moving:t/0 5→9', 'step:watch', 'confirm', 'step:apply']);

  const cont = port({ moving: ['continue'] });
  const op2 = operation({ positions: moving, refresh: [true] });
  assert.equal((await runResetSession(client(EMPTY), op2, cont.p, fast)).status, 'applied');
  assert.deepEqual(cont.confirmed, ['after-moved']);

  const stop = port({ moving: ['stop'] });
  const op3 = operation({ positions: moving });
  assert.deepEqual(await runResetSession(client(EMPTY), op3, stop.p, fast), { status: 'cancelled' });
  assert.equal(op3.counts().applies, 0);
});

test('apply refused by our own pre-check (a member joined after ours): round again; by the broker: reported, session ends "refused"', async () => {
  const precheck = groupNotEmpty('Group "g" is Stable with 1 member: billing-1.', { source: 'precheck', state: 'Stable', members: [member] });
  const a = port();
  const op = operation({ apply: [precheck, RESULT] });
  assert.equal((await runResetSession(client(EMPTY), op, a.p, fast)).status, 'applied');
  assert.deepEqual(a.asked, ['step:watch', 'confirm', 'step:apply', 'step:watch', 'confirm', 'step:apply']);

  // What the next confirmation is told starts afresh: the plan it shows is the one confirmed before.
  const c = port({ moving: ['continue'] });
  const op2 = operation({ positions: [{ 't:0': 5n }, { 't:0': 9n }, { 't:0': 9n }], refresh: [true], apply: [precheck, RESULT] });
  assert.equal((await runResetSession(client(EMPTY), op2, c.p, fast)).status, 'applied');
  assert.deepEqual(c.confirmed, ['after-moved', undefined]);

  const broker = groupNotEmpty('The broker refused the commit (UNKNOWN_MEMBER_ID).', { source: 'broker', members: [] });
  const b = port();
  const out = await runResetSession(client(EMPTY), operation({ apply: [broker] }), b.p, fast);
  assert.deepEqual(out, { status: 'refused', error: broker });
  assert.deepEqual(b.asked.slice(-1), ['brokerRefused']);
});

test('a stale plan: "preview again" re-plans and confirms again (told why); an undo does not re-plan, the error is thrown', async () => {
  const stale = stalePlan('Committed offsets of group "g" changed since the preview.', { moved: [{ topic: 't', partition: 0 }] });
  const a = port({ stale: 'preview-again' });
  const op = operation({ apply: [stale, RESULT] });
  assert.equal((await runResetSession(client(EMPTY), op, a.p, fast)).status, 'applied');
  assert.deepEqual(a.confirmed, [undefined, 'after-stale']);
  assert.equal(op.counts().refreshes, 1);

  const b = port({ stale: 'stop' });
  assert.deepEqual(await runResetSession(client(EMPTY), operation({ apply: [stale] }), b.p, fast), { status: 'cancelled' });

  const undo = port({ stale: 'preview-again' });
  await assert.rejects(runResetSession(client(EMPTY), operation({ verb: 'undo', apply: [stale] }), undo.p, fast), (e: unknown) => e === stale);
  assert.ok(!undo.asked.includes('stale'));
});

test(`a group that keeps refilling: gives up after ${MAX_ROUNDS} rounds with a group-not-empty error; other errors pass through`, async () => {
  const precheck = groupNotEmpty('members', { source: 'precheck', members: [member] });
  const { p } = port();
  const op = operation({ apply: [precheck] });
  await assert.rejects(runResetSession(client(EMPTY), op, p, fast), (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'group-not-empty' && /gave up after 4 attempts/.test(e.message));
  assert.equal(op.counts().applies, MAX_ROUNDS);
  const boom = new KafkaOffsetsError('unreachable', 'Cannot reach the cluster.');
  await assert.rejects(runResetSession(client(EMPTY), operation({ apply: [boom] }), port().p, fast), (e: unknown) => e === boom);
});

test('a port that throws ends the session with that error (the CLI refuses where it cannot ask)', async () => {
  const refusal = new KafkaOffsetsError('offsets-moving', 'moving');
  const p: SessionPort = { ...port().p, offsetsMoving: async () => Promise.reject(refusal) };
  const op = operation({ positions: [{ 't:0': 1n }, { 't:0': 2n }] });
  await assert.rejects(runResetSession(client(EMPTY), op, p, fast), (e: unknown) => e === refusal);
  assert.equal(op.counts().applies, 0);
});

test('movedPositions: changed, appeared and vanished partitions, in key order of the reads', () => {
  const a = new Map<string, bigint | null>([['t:0', 1n], ['t:1', 2n], ['u:0', 3n]]);
  const b = new Map<string, bigint | null>([['t:0', 1n], ['t:1', 4n], ['t:2', 7n]]);
  assert.deepEqual(movedPositions(a, b), [
    { topic: 't', partition: 1, from: 2n, to: 4n },
    { topic: 'u', partition: 0, from: 3n, to: null },
    { topic: 't', partition: 2, from: null, to: 7n },
  ]);
  assert.deepEqual(movedPositions(a, new Map(a)), []);
});

test('typed error details: group-not-empty says who saw it; stale-plan names what moved; neither is "kafka"', () => {
  const pre = groupNotEmpty('x', { source: 'precheck', state: 'Stable', members: [member] });
  assert.equal(pre.kind, 'group-not-empty');
  assert.deepEqual(groupNotEmptyDetails(pre), { source: 'precheck', state: 'Stable', members: [member] });
  // A broker refusal raised without details (OffsetDelete's NON_EMPTY_GROUP) reads as the broker's.
  assert.deepEqual(groupNotEmptyDetails(new KafkaOffsetsError('group-not-empty', 'x')), { source: 'broker', members: [] });
  const st = stalePlan('y', { moved: [{ topic: 't', partition: 3 }] });
  assert.equal(st.kind, 'stale-plan');
  assert.equal(st.exitCode, 1);
  assert.deepEqual(stalePlanDetails(st), { moved: [{ topic: 't', partition: 3 }] });
  assert.equal(stalePlanDetails(pre), undefined);
  assert.equal(groupNotEmptyDetails(st), undefined);
});

test('no watch for a share group (nobody outside it moves start offsets) nor when told not to (--no-offsets-moving-check); a classic group is watched', async () => {
  for (const [op, opts] of [
    [operation({ groupType: 'share', positions: [{ 't:0': 5n }, { 't:0': 9n }] }), fast],
    [operation({ positions: [{ 't:0': 5n }, { 't:0': 9n }] }), { ...fast, watchOffsets: false }],
  ] as const) {
    const { p, asked } = port();
    assert.deepEqual(await runResetSession(client(EMPTY), op, p, opts), { status: 'applied', result: RESULT });
    assert.deepEqual(asked, ['confirm', 'step:apply']);
    assert.equal(op.counts().reads, 0, 'no positions read');
  }
  const { p, asked } = port();
  assert.deepEqual(await runResetSession(client(EMPTY), operation({ positions: [{ 't:0': 5n }, { 't:0': 9n }] }), p, fast), { status: 'cancelled' });
  assert.deepEqual(asked, ['step:watch', 'moving:t/0 5→9']);
});

test("a share delete's stale start offsets: previewed again and re-confirmed, like a reset (an undo's are not)", async () => {
  const stale = stalePlan('Start offsets of share group "g" changed since the preview.', { moved: [{ topic: 't', partition: 0 }] });
  const { p, asked, confirmed } = port({ stale: 'preview-again' });
  const op = operation({ verb: 'delete', groupType: 'share', apply: [stale, RESULT] });
  assert.deepEqual(await runResetSession(client(EMPTY), op, p, fast), { status: 'applied', result: RESULT });
  assert.deepEqual(asked, ['confirm', 'step:apply', 'stale', 'confirm', 'step:apply']);
  assert.deepEqual(confirmed, [undefined, 'after-stale']);
});
