#!/usr/bin/env node
'use strict';
// Journey 7: the walkthrough (contributes.walkthroughs) opens from "Welcome: Open Walkthrough…" and
// lists its four steps; the "Look at lag" step's command link focuses the Consumer Groups view.
const { journey } = require('./lib/journey');

journey('07-walkthrough', async (j) => {
  const page = await j.workbench();
  await j.openView(); // the extension is active and its contributions are in
  // Not ui.runCommand: it waits for the palette to close, and this command opens a second quick pick.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Welcome: Open Walkthrough');
  await j.pick('Welcome: Open Walkthrough');
  await j.pick('Get started with Kafka Offsets');
  const steps = ['Connect a cluster', 'Look at lag', 'Preview a reset', 'Undo a reset'];
  for (const s of steps) await page.locator('.getting-started-step', { hasText: s }).first().waitFor({ timeout: 30_000 });
  await page.locator('.getting-started-step', { hasText: 'Look at lag' }).first().click();
  await page.locator('.getting-started-step.expanded', { hasText: 'Look at lag' }).first().waitFor({ timeout: 10_000 });
  await j.sleep(1000); // the markdown media renders in its own webview
  await j.shot('walkthrough');
  await page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .button-link', { hasText: 'Show Consumer Groups' }).first().click();
  await j.row(j.CLUSTER).waitFor({ timeout: 15_000 });
});
