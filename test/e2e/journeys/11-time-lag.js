#!/usr/bin/env node
'use strict';
// Journey 11: why is my consumer stuck? The tree says how far behind billing is in time; Show Next
// Messages on a partition opens the records it will read next; Skip This Message from that document's
// title bar moves the group past the first one (preview, confirmation) and Undo puts it back; Show Group
// Details draws the lag over time. Screenshots of each (media/screenshot-time-lag.png is the details one).
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('11-time-lag', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  j.onCleanup(() => demo.stop());
  const { billing } = demo.groups;
  const orders = demo.topics.orders;

  await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);

  // The demo's records are hours old: the row says how far behind, after the lag.
  const row = await j.poll('billing\'s row to say how far behind it is', async () => {
    const t = await j.rowText(billing).catch(() => '');
    return /lag [\d,]+ · (\d+ h )?\d+ min behind/.test(t) && t;
  });
  j.log(`row: ${row}`);
  await j.expand(billing);
  await j.expand(orders);
  const committed = BigInt((await j.committed(billing, null))[`${orders}:0`]);
  await j.poll('partition 0 to say how far behind it is', async () => / behind/.test(await j.rowText(/^p0\d/).catch(() => '')));
  await j.shot('tree');

  // Show Next Messages on partition 0: the records from the committed offset.
  await contextMenu(j, /^p0\d/, 'Show Next Messages');
  const lines = j.page.locator('.editor-instance .view-lines');
  const text = await j.poll('the next messages document', async () => {
    const t = (await lines.first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    return t.includes(`=== ${orders} partition 0 · committed offset ${committed} ===`) && t.includes(`offset ${committed} `) && t;
  });
  j.log(`document: ${text.split('\n').slice(0, 4).join(' | ')}`);
  await j.page.mouse.move(1000, 300); // no tree tooltip over the screenshot
  await j.sleep(500);
  await j.shot('peek');

  // Skip This Message from the document's title bar: preview of one partition, confirmation, applied.
  await j.page.locator('.editor-actions [aria-label^="Skip This Message"]').first().click();
  await j.pick('Reset 1 partition', { timeoutMs: 60_000 });
  await j.modal('Reset Offsets', { expect: [`Reset group "${billing}" on cluster "${j.CLUSTER}"?`], shot: 'skip-confirm' });
  await j.poll('the skip on the broker', async () => BigInt((await j.committed(billing, null))[`${orders}:0`]) === committed + 1n);
  j.log(`skipped: ${orders}:0 ${committed} → ${committed + 1n}`);
  await j.runCommand('Kafka: Undo Last Reset');
  await j.modal('Undo Reset', { expect: `${orders}/0: ${j.fmt(committed + 1n)} → ${j.fmt(committed)}` });
  await j.poll('the undo on the broker', async () => BigInt((await j.committed(billing, null))[`${orders}:0`]) === committed);

  // Group Details: the status and the lag over time, drawn from the tree's samples.
  await contextMenu(j, billing, 'Show Group Details');
  const details = await j.findFrameWith('#lag-chart', 60_000);
  await j.refresh();
  await j.poll('a second sample in the details', async () => (await details.locator('#samples-table tbody tr').count()) >= 2);
  await j.poll('the chart to draw its line', async () => (await details.locator('#lag-chart path.line').count()) > 0);
  await j.page.mouse.move(1000, 300);
  await j.sleep(500);
  await j.shot('details');
});

/** Right-click a tree row and choose a menu item (the menu ignores a click that comes too soon: retried). */
async function contextMenu(j, rowText, label) {
  await j.row(rowText).click({ button: 'right' });
  const item = j.page.locator('.monaco-menu .action-item', { hasText: label }).first();
  await item.waitFor({ timeout: 10_000 });
  await j.poll(`the context menu to take the click on ${label}`, async () => {
    if (!(await item.isVisible().catch(() => false))) return true;
    await item.click({ timeout: 2000 }).catch(() => {});
    await j.sleep(500);
    return !(await item.isVisible().catch(() => false));
  }, { timeoutMs: 15_000, intervalMs: 100 });
}
