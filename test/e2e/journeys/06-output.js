#!/usr/bin/env node
'use strict';
// Journey 6: after a reset, F1 → "Kafka: Show Output": the Output view shows the "Kafka Offsets"
// channel with the reset record (plan, "Reset of group … applied", before → after per partition).
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('06-output', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { billing } = demo.groups;
  const payments = demo.topics.payments;
  const before = await j.committed(billing, null);

  const page = await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(billing).waitFor({ timeout: 30_000 });

  await j.runCommand('Kafka: Reset Offset');
  await j.pick(new RegExp(`^${billing}$`), { filter: billing });
  await j.pick(new RegExp(`^${payments}$`));
  await j.pick(/^p0$/);
  await j.pick(/^Earliest \(log start\)$/);
  await j.pick('Reset 1 partition', { timeoutMs: 60_000 });
  await j.modal('Reset Offsets', { expect: `Reset group "${billing}" on cluster "${j.CLUSTER}"?` });
  await j.poll('the reset on the broker', async () => (await j.committed(billing, null))[`${payments}:0`] === '0');

  await j.runCommand('Kafka: Show Output');
  const panel = page.locator('.part.panel');
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
  // The channel picker of the Output view names our channel.
  await j.poll('the Output view to show the "Kafka Offsets" channel', async () => {
    const sel = panel.locator('select.monaco-select-box').first();
    const v = await sel.evaluate((s) => (s.selectedOptions[0] ? s.selectedOptions[0].textContent : '')).catch(() => '');
    const title = await sel.getAttribute('title').catch(() => '');
    return /Kafka Offsets/.test(`${v} ${title}`);
  }, { timeoutMs: 15_000 });

  // The reset record, in the editor of the Output view (it scrolls to the end: the record is the last thing written).
  const wanted = [
    `Reset of group "${billing}" on ${j.CLUSTER}:`,
    '1 applied, 0 failed, 0 unknown',
    `${payments}/0: ${j.fmt(before[`${payments}:0`])} → 0 applied`,
  ];
  const text = await j.poll(`the output to contain ${wanted.join(' / ')}`, async () => {
    const t = await panel.locator('.monaco-editor .view-lines').first().evaluate((el) => [...el.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'));
    return wanted.every((w) => t.includes(w)) && t;
  }, { timeoutMs: 20_000 });
  j.log(`output:\n${text.split('\n').slice(-8).join('\n')}`);
  await page.mouse.move(1000, 300);
  await j.sleep(800);
  await j.shot('output');
});
