#!/usr/bin/env node
'use strict';
// Journey 5: reset audit (payments: two partitions committed, one without a commit) to Latest from the
// palette, then F1 → "Kafka: Undo Last Reset", confirm: the broker holds exactly the offsets from before
// the reset again — including "no commit" on the partition that had none (checked with the engine).
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

journey('05-undo', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { audit } = demo.groups;
  const payments = demo.topics.payments;
  const before = await j.committed(audit, null);
  if (!(`${payments}:0` in before) || `${payments}:1` in before) throw new Error(`fixture: audit should have p0 committed and no commit on p1: ${JSON.stringify(before)}`);
  const ends = await j.logEnds(payments, 3);

  await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(audit).waitFor({ timeout: 30_000 });

  // The reset: all partitions of payments to the log end.
  await j.runCommand('Kafka: Reset Offset');
  await j.pick(new RegExp(`^${audit}$`), { filter: audit });
  await j.pick(new RegExp(`^${payments}$`));
  await j.pick(/^All partitions/);
  await j.pick(/^Latest \(log end\)$/);
  await j.pick('Reset 3 partitions', { timeoutMs: 60_000 });
  await j.modal('Reset Offsets', { expect: `Reset group "${audit}" on cluster "${j.CLUSTER}"?` });
  await j.poll('the reset on the broker', async () => same(await j.committed(audit, null), ends));
  j.log('reset applied:', JSON.stringify(ends));

  // The undo, from the palette.
  await j.runCommand('Kafka: Undo Last Reset');
  const text = await j.modal('Undo Reset', {
    expect: [`Undo the reset of group "${audit}" on cluster "${j.CLUSTER}"?`, `${payments}/1: ${j.fmt(ends[`${payments}:1`])} → none (offset deleted)`, `${payments}/0: ${j.fmt(ends[`${payments}:0`])} → ${j.fmt(before[`${payments}:0`])}`],
    shot: 'confirm-undo',
  });
  j.log(`undo confirmed: ${text.slice(0, 200)}`);
  const after = await j.poll('the undo on the broker', async () => {
    const c = await j.committed(audit, null);
    return same(c, before) && c;
  }, { timeoutMs: 30_000 });
  j.log('restored:', JSON.stringify(after));

  // One live outcome: the reset's "Reset 3 partitions… [Undo]" and the progress toasts are gone from view,
  // the undo's own notification offers "Redo Reset", not a second "Undo".
  const toasts = () => j.page.locator('.notifications-toasts .notification-toast').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.innerText.replace(/\s+/g, ' ')));
  let shown;
  await j.poll(() => `only the "Restored" notification among the toasts (shows ${JSON.stringify(shown)})`, async () => {
    shown = await toasts();
    return shown.length === 1 && /Restored 3 partitions/.test(shown[0]) && /Redo Reset/.test(shown[0]);
  });
  await j.shot('one-notification');

  await j.refresh();
  await j.expand(audit);
  await j.expand(payments);
  await j.poll('p1 without a commit in the tree again', async () => (await j.rowText(/^p1/).catch(() => '')) === 'p1 no commit');
  await j.shot('restored');
});
