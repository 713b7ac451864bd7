#!/usr/bin/env node
'use strict';
// Journey 4: reset a Stable group (a real Java consumer, 3 s session timeout). The refusal dialog names
// the member; "Wait until empty" shows a progress notification; the consumer is killed (no LeaveGroup),
// its session expires, the wait completes, the reset is confirmed and applied (checked on the broker).
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');
const { startJavaConsumer } = require('../../support/broker');

journey('04-stable-wait-empty', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { shipping } = demo.groups;
  const orders = demo.topics.orders;
  const before = await j.committed(shipping, null);

  // The shipping service: a Java console consumer that does not commit (the offsets stay where the demo put them).
  const consumer = await startJavaConsumer({ bootstrap: j.bootstrap, group: shipping, topic: orders, sessionTimeoutMs: 3000, consumerProps: { 'enable.auto.commit': 'false' } });
  j.onCleanup(() => consumer.kill());
  await consumer.waitUntilMember(async () => {
    const d = await j.describeGroup(shipping);
    return d.state === 'Stable' && d.members.some((m) => m.clientId === consumer.clientId);
  });
  j.log(`consumer ${consumer.clientId} (pid ${consumer.pid}) is a member; group Stable`);

  const page = await j.workbench({ 'kafkaOffsets.waitForEmptySeconds': 90 });
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.poll(`the tree to show ${shipping} with 1 member`, async () => /1 member/.test(await j.rowText(shipping).catch(() => '')));

  await j.runCommand('Kafka: Reset Offset');
  await j.pick(new RegExp(`^${shipping}$`), { filter: shipping });
  await j.pick(new RegExp(`^${orders}$`));
  await j.pick(/^All partitions/);
  await j.pick(/^Earliest \(log start\)$/);
  await j.pick('Reset 6 partitions', { timeoutMs: 60_000 });

  // The refusal names the member and offers to wait.
  await j.modal('Wait until empty', {
    expect: [`Group "${shipping}" on ${j.CLUSTER} still has 1 member: it cannot be reset while consumers are in it`, consumer.clientId, 'session timeout'],
    shot: 'refused',
  });
  const toast = page.locator('.notification-toast', { hasText: `Waiting for group "${shipping}" to become empty` });
  await toast.waitFor({ timeout: 15_000 });
  await page.mouse.move(700, 400);
  await j.sleep(1500); // a progress tick, so the notification shows how long it has waited
  await j.shot('wait-progress');
  if (JSON.stringify(await j.committed(shipping, null)) !== JSON.stringify(before)) throw new Error('offsets changed while the group had a member');

  // Kill the consumer (SIGKILL: no LeaveGroup): the broker drops it after the 3 s session timeout.
  const killedAt = Date.now();
  await consumer.kill();
  j.log('consumer killed');

  await j.modal('Reset Offsets', { expect: [`Reset group "${shipping}" on cluster "${j.CLUSTER}"?`], timeoutMs: 60_000, shot: 'confirm-after-wait' });
  j.log(`the wait completed ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);

  const expected = { ...before };
  for (let p = 0; p < 6; p++) expected[`${orders}:${p}`] = '0';
  const after = await j.poll('the reset to reach the broker', async () => {
    const c = await j.committed(shipping, null);
    return JSON.stringify(Object.entries(c).sort()) === JSON.stringify(Object.entries(expected).sort()) && c;
  }, { timeoutMs: 30_000 });
  j.log('broker:', JSON.stringify(after));
  await j.sleep(500);
  await j.shot('applied');
});
