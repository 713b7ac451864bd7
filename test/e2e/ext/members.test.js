'use strict';
// A group with a live consumer cannot be reset: the extension says who is in it, explains the session
// timeout, and offers "Wait until empty". Real Java consumers (classic protocol, 3 s session timeout).
const assert = require('node:assert/strict');
const s = require('./support');

describe('A group with members: refused, explained, wait until empty', function () {
  this.timeout(240_000);
  let api;
  const topic = s.unique('members-topic');
  const key = `${topic}:0`;

  s.fileHooks(async (a) => {
    api = a;
    await s.createTopics([{ topic, partitions: 1, messages: 10 }]);
  });

  /** Reset every partition of `topic` to earliest from the palette flow; resolves with the command's result. */
  async function resetToEarliest(group) {
    const running = s.cmd('kafkaOffsets.resetOffset', { clusterId: s.CLUSTER_ID, group, topic, partition: -1 });
    await s.choose((i) => i.mode === 'earliest', { what: 'mode Earliest' });
    await s.choose((i) => i.action === 'apply', { what: 'the "Reset 1 partition…" item' });
    return running;
  }

  function assertMembersModal(m, group, consumer) {
    assert.equal(m.message, `Group "${group}" on Test still has 1 member: it cannot be reset while consumers are in it`);
    assert.ok(m.detail.includes(consumer.clientId), `the modal names the member's client id ${consumer.clientId}:\n${m.detail}`);
    assert.match(m.detail, /stays a member until its session timeout expires/);
    assert.match(m.detail, /closed cleanly leaves the group at once/);
    assert.deepEqual(m.buttons, ['Wait until empty']);
  }

  it('an active group is refused: the modal names the consumer and explains the session timeout; Cancel changes nothing', async () => {
    const group = s.unique('members-refused');
    const consumer = await s.startConsumer({ group, topic });
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(() => undefined); // Cancel

    const result = await s.within(90_000, 'the refused reset', resetToEarliest(group));
    assert.equal(result, undefined, 'nothing applied');
    const asked = s.modalsSince(modalMark);
    assert.equal(asked.length, 1, `only the members question: ${asked.map((m) => m.message).join(' / ')}`);
    assertMembersModal(asked[0], group, consumer);

    const log = s.logSince(mark);
    assert.ok(log.some((l) => l.startsWith('[warn] ') && l.includes(`Refused for now: group "${group}" on Test is Stable with members ${consumer.clientId}`)), log.join('\n'));
    assert.ok(log.some((l) => l.includes(`Reset of group "${group}" on Test cancelled: nothing changed.`)), log.join('\n'));
    assert.ok(!log.some((l) => l.includes(`Reset of group "${group}" on Test: `)), 'no reset reported');
    // The consumer (auto-commit at its position, the log end) is the only one that may have committed.
    const now = await s.committed(group);
    assert.notEqual(now[key], '0', `the offset was not reset to earliest: ${JSON.stringify(now)}`);
    assert.equal((await s.engineClient().describeGroup(group)).members.length, 1, 'the consumer is still in the group');
  });

  it('a wait that runs out says so and names who is left', async () => {
    await s.configure({ settings: { waitForEmptySeconds: 2 } });
    try {
      const group = s.unique('members-timeout');
      const consumer = await s.startConsumer({ group, topic });
      const modalMark = s.modals.length;
      s.onModal((message) => (/still has 1 member: it cannot be reset/.test(message) ? 'Wait until empty' : undefined));
      const started = Date.now();
      const result = await s.within(90_000, 'the timed-out wait', resetToEarliest(group));
      assert.equal(result, undefined);
      const asked = s.modalsSince(modalMark);
      assert.equal(asked.length, 2, asked.map((m) => m.message).join(' / '));
      assert.equal(asked[1].message, `Group "${group}" still has 1 member after waiting 2 s`);
      assert.ok(asked[1].detail.includes(consumer.clientId), asked[1].detail);
      assert.ok(Date.now() - started < 30_000, 'the 2 s wait did not hang');
      assert.notEqual((await s.committed(group))[key], '0');
    } finally {
      await s.configure({ settings: { waitForEmptySeconds: undefined } });
    }
  });

  it('wait until empty completes once the killed consumer times out, then the reset applies', async () => {
    const group = s.unique('members-wait');
    const consumer = await s.startConsumer({ group, topic, sessionTimeoutMs: 3000 });
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    let killedAt;
    s.onModal(async (message, detail, buttons) => {
      if (/still has 1 member: it cannot be reset/.test(message)) {
        // Killed, not closed: it stays a member until its 3 s session timeout expires.
        await consumer.kill();
        killedAt = Date.now();
        return 'Wait until empty';
      }
      if (/^Reset group /.test(message)) return 'Reset Offsets';
      return undefined;
    });

    const result = await s.within(120_000, 'the reset after waiting', resetToEarliest(group));
    const asked = s.modalsSince(modalMark);
    assert.deepEqual(asked.map((m) => m.answer), ['Wait until empty', 'Reset Offsets'], asked.map((m) => m.message).join(' / '));
    assertMembersModal(asked[0], group, consumer);
    assert.equal(asked[1].message, `Reset group "${group}" on cluster "Test"?`);
    assert.ok(killedAt, 'the consumer was killed');

    assert.ok(result, 'the reset was applied after the wait');
    assert.deepEqual(result.rows.map((r) => [r.partition, r.outcome, String(r.readBack)]), [[0, 'applied', '0']]);
    assert.deepEqual(await s.committed(group), { [key]: '0' });
    const log = s.logSince(mark);
    assert.ok(log.some((l) => l.includes(`Group "${group}" is now Empty with no members.`)), log.join('\n'));
    assert.ok(log.some((l) => l.includes(`  ${topic}/0: `) && l.includes('→ 0 applied')), log.join('\n'));
  });
});
