#!/usr/bin/env node
'use strict';
// Journey 7: the walkthrough (contributes.walkthroughs) opens from "Welcome: Open Walkthrough…" and
// lists its four steps; the "Look at lag" step's command link focuses the Consumer Groups view; "Connect a
// cluster" and "Look at lag" tick on their real events (the cluster answered, a group's lag was shown)
// while "Preview a reset" stays unticked until a reset is previewed.
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('07-walkthrough', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  j.onCleanup(() => demo.stop());
  const page = await j.workbench();
  // Not ui.runCommand: it waits for the palette to close, and this command opens a second quick pick.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Welcome: Open Walkthrough');
  await j.pick('Welcome: Open Walkthrough');
  await j.pick('Get started with Kafka Offsets');
  const steps = ['Connect a cluster', 'Look at lag', 'Preview a reset', 'Undo a reset'];
  for (const s of steps) await page.locator('.getting-started-step', { hasText: s }).first().waitFor({ timeout: 30_000 });
  const ticked = (s) =>
    page.locator('.getting-started-step', { hasText: s }).first().evaluate((el) => !!el.querySelector('.codicon-getting-started-step-checked') || el.getAttribute('aria-checked') === 'true');
  for (const s of steps) if (await ticked(s)) throw new Error(`"${s}" is ticked before anything happened`);
  await page.locator('.getting-started-step', { hasText: 'Look at lag' }).first().click();
  await page.locator('.getting-started-step.expanded', { hasText: 'Look at lag' }).first().waitFor({ timeout: 10_000 });
  await j.sleep(1000); // the markdown media renders in its own webview
  await j.shot('walkthrough');
  await page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .button-link', { hasText: 'Show Consumer Groups' }).first().click();
  await j.row(j.CLUSTER).waitFor({ timeout: 30_000 });
  await j.expand(j.CLUSTER);
  await j.poll('the billing group with its lag', async () => /lag \d/.test(await j.rowText(demo.groups.billing).catch(() => '')));
  for (const s of ['Connect a cluster', 'Look at lag']) await j.poll(`the walkthrough step "${s}" to be ticked`, () => ticked(s));
  for (const s of ['Preview a reset', 'Undo a reset']) if (await ticked(s)) throw new Error(`"${s}" is ticked although no reset was previewed or undone`);
  await j.shot('walkthrough-ticked');
});
