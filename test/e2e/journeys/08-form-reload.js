#!/usr/bin/env node
'use strict';
// Journey 8: a Reset Offsets form survives a window reload. Open the form on billing, fill it in and
// preview; reload the page (VS Code reloads the window); the form comes back on its own (the panel
// serializer), with the same topic, mode and value, the old preview marked as no longer held, and
// Preview + Reset work again against the broker.
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('08-form-reload', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { billing } = demo.groups;
  const orders = demo.topics.orders;

  const page = await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(billing).waitFor({ timeout: 30_000 });
  let form = await j.openFormFromRow(billing);
  await form.locator('#topic').selectOption(orders);
  await form.locator('#mode').selectOption('offset');
  await form.locator('#value').fill('7');
  await form.locator('#preview-button').click();
  await form.locator('#preview-table tbody tr').first().waitFor({ timeout: 60_000 });
  j.log('previewed; reloading the window');

  // Through VS Code's own command, as a user would: the window saves its editors, then reloads.
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
  await j.runCommand('Developer: Reload Window');
  await navigated;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  form = await j.findFrameWith('#mode', 90_000);
  await form.locator('#topic option').first().waitFor({ state: 'attached', timeout: 30_000 });
  const restored = {
    topic: await form.locator('#topic').inputValue(),
    mode: await form.locator('#mode').inputValue(),
    value: await form.locator('#value').inputValue(),
  };
  j.log('restored form', JSON.stringify(restored));
  if (restored.topic !== orders || restored.mode !== 'offset' || restored.value !== '7')
    throw new Error(`the form did not come back as it was: ${JSON.stringify(restored)}`);
  const tab = page.locator('.tabs-container .tab', { hasText: `Reset Offsets: ${billing}` });
  await tab.first().waitFor({ timeout: 10_000 });
  await form.locator('#preview-note', { hasText: 'no longer held' }).waitFor({ timeout: 10_000 });
  if (!(await form.locator('#reset-button').isDisabled())) throw new Error('Reset must be disabled for a preview the host no longer holds');
  await j.shot('restored');

  // The restored panel is connected to the extension again: a new preview and a reset work.
  await form.locator('#preview-button').click();
  await j.poll('Reset enabled by a fresh preview', async () => !(await form.locator('#reset-button').isDisabled()), { timeoutMs: 60_000, intervalMs: 250 });
  await form.locator('#reset-button').click();
  await j.modal('Reset Offsets', { expect: [`Reset group "${billing}" on cluster "${j.CLUSTER}"?`] });
  await form.locator('#result-table tbody tr').first().waitFor({ timeout: 60_000 });
  const after = await j.committed(billing, null);
  const values = Object.entries(after).filter(([k]) => k.startsWith(`${orders}:`)).map(([, v]) => v);
  if (values.length !== 6 || values.some((v) => String(v) !== '7')) throw new Error(`offsets of ${orders} after the reset: ${JSON.stringify(after)}`);
  j.log('reset from the restored form applied: every partition of orders at 7');
});
