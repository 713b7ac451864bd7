#!/usr/bin/env node
'use strict';
// Journey 3: F1 → "Kafka: Reset Offset" → group → topic → one partition → Latest → "Reset 1 partition…",
// confirm in the modal; the broker holds the log end on that partition only, and after a refresh the
// tree shows lag 0 for it.
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('03-palette-latest', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { billing } = demo.groups;
  const orders = demo.topics.orders;
  const P = 2;
  const before = await j.committed(billing, null);
  const ends = await j.logEnds(orders, 6);
  const end = ends[`${orders}:${P}`];
  if (before[`${orders}:${P}`] === end) throw new Error(`fixture: p${P} should have lag before the reset`);

  const page = await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(billing).waitFor({ timeout: 30_000 });

  await j.runCommand('Kafka: Reset Offset');
  await j.pick(new RegExp(`^${billing}$`), { filter: billing });
  await j.pick(new RegExp(`^${orders}$`));
  await j.pick(new RegExp(`^p${P}$`));
  await j.pick(/^Latest \(log end\)$/);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reset 1 partition' }).first().waitFor({ timeout: 60_000 });
  await j.shot('preview-pick');
  await j.pick('Reset 1 partition');
  await j.modal('Reset Offsets', { expect: [`Reset group "${billing}" on cluster "${j.CLUSTER}"?`, `partition ${P}`], shot: 'confirm' });

  // On the broker: p2 at the log end, everything else as it was.
  const after = await j.poll('the reset to reach the broker', async () => {
    const c = await j.committed(billing, null);
    return c[`${orders}:${P}`] === end && c;
  });
  const expected = { ...before, [`${orders}:${P}`]: end };
  if (JSON.stringify(Object.entries(after).sort()) !== JSON.stringify(Object.entries(expected).sort()))
    throw new Error(`committed offsets:\n  broker:   ${JSON.stringify(after)}\n  expected: ${JSON.stringify(expected)}`);

  // The tree, after a refresh: p2 at the log end with lag 0; the other partitions keep their lag.
  await j.refresh();
  await j.expand(billing);
  await j.expand(orders);
  const want = `p${P} ${j.fmt(end)} / ${j.fmt(end)} · lag 0`;
  await j.poll(`the tree row "${want}"`, async () => (await j.rowText(new RegExp(`^p${P}\\d`)).catch(() => '')) === want);
  const p0 = await j.rowText(/^p0\d/);
  if (/lag 0$/.test(p0)) throw new Error(`p0 should keep its lag: ${p0}`);
  await j.shot('tree-lag0');
});
