#!/usr/bin/env node
'use strict';
// Journey 9: find the troubled group in a 300 px side bar with 60-character group ids (issue 15):
// sort by lag and "only groups with lag" from the view's title, the view's description saying what is
// shown, and a group whose partition has no commit saying so on its row and in its tooltip.
const { journey, REPO } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('09-triage', async (j) => {
  // Long ids as real services name their groups: about 60 characters each.
  const long = `${j.prefix}payments-reconciliation-service-eu-west-1-`;
  const demo = await createDemoData(j.bootstrap, { prefix: long, shippingConsumer: false });
  j.onCleanup(() => demo.stop());
  const { billing, audit, reporting } = demo.groups;
  j.log('groups', [billing, audit, reporting].map((g) => `${g} (${g.length} chars)`).join(', '));

  const lagOf = async (g) => {
    const client = new j.engine.KafkaClient({ brokers: [j.bootstrap] });
    try { return (await j.engine.groupLag(client, g)).lag; } finally { await client.close(); }
  };
  const lags = { [billing]: await lagOf(billing), [audit]: await lagOf(audit), [reporting]: await lagOf(reporting) };
  const largest = Object.entries(lags).sort((a, b) => (a[1] > b[1] ? -1 : 1))[0][0];

  await j.workbench();
  await j.openView();
  // A 300 px side bar: drag its edge.
  const page = j.page;
  const box = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const width = Math.round((await page.locator('.part.sidebar').boundingBox()).width);
  j.log(`side bar ${width} px`);
  if (Math.abs(width - 300) > 20) throw new Error(`the side bar should be about 300 px wide, is ${width}`);

  await j.expand(j.CLUSTER);
  // The view's message (above the tree) repeats the description while something hides groups: alone in
  // its container, the view's own title and description merge into a header a narrow side bar cuts off.
  const description = () => page.locator('.part.sidebar .tree-explorer-viewlet-tree-view-message, .part.sidebar .message').first().textContent().catch(() => '');
  const rowIds = async () =>
    page.locator('.monaco-list-row[aria-level="2"] .label-name').evaluateAll((els) => els.map((e) => e.textContent.trim().replace(/^\S+ · /, '')));
  // A row shows "…billing" when every shown id starts with the same long prefix (the cluster row names it).
  // Such rows no longer contain the whole id as text: find them by their accessible name, which does.
  const row = (g) => page.locator(`.monaco-list-row[aria-label*="${g}"]`).first();
  const rowText = (g) => row(g).evaluate((el) => `${el.querySelector('.label-name')?.textContent ?? ''} ${el.querySelector('.label-description')?.textContent ?? ''}`.replace(/\s+/g, ' ').trim());
  const is = (label, id) => label === id || (label.startsWith('…') && id.endsWith(label.slice(1)));
  await j.poll('audit to say it has a partition without commit', async () => /1 without commit/.test(await rowText(audit).catch(() => '')));
  let d;
  await j.poll(() => `the view's message "N groups · filter: …" (shows "${d}")`, async () => /^\d+ (of \d+ )?groups? · filter: /.test((d = (await description()).trim())));
  await j.shot('names-300');
  // At 300 px the ids are cut, so each lagging row leads with its compact lag, and a group with lag and
  // nobody consuming (all three are Empty here) has its label in the warning colour.
  const { compactLag } = require(require('node:path').join(REPO, 'out/src/extension/tree/lagMark.js'));
  // ... and the part of the id that tells the groups apart, since their shared start is cut: lag and
  // name both inside the 300 px, not behind an ellipsis.
  const sidebarRight = (await page.locator('.part.sidebar').boundingBox()).x + width;
  for (const g of [billing, audit]) {
    const name = g.slice(g.lastIndexOf('-') + 1);
    const label = await row(g).locator('.label-name').first().textContent();
    if (label !== `${compactLag(BigInt(lags[g]))} · …${name}`) throw new Error(`row ${g} (lag ${lags[g]}) should read "<compact lag> · …${name}": "${label}"`);
    const right = await row(g).locator('.label-name').first().evaluate((el) => el.getBoundingClientRect().right);
    if (right > sidebarRight) throw new Error(`the label of ${g} ends at ${right} px, beyond the side bar (${sidebarRight} px)`);
  }
  const clusterText = await j.rowText(j.CLUSTER);
  if (!clusterText.includes(`${long}…`)) throw new Error(`the cluster row should name the shared prefix ${long}…: "${clusterText}"`);
  const colourOf = (g) => row(g).locator('.label-name').first().evaluate((el) => getComputedStyle(el).color);
  const decorated = (g) => row(g).evaluate((el) => !!el.querySelector('[class*="monaco-decoration-itemColor"]'));
  await j.poll(`the stalled group ${billing} to be coloured`, () => decorated(billing));
  if (await decorated(reporting)) throw new Error(`${reporting} has no lag: its label must not be coloured`);
  j.log(`label colours: stalled ${await colourOf(billing)}, no lag ${await colourOf(reporting)}`);
  if ((await colourOf(billing)) === (await colourOf(reporting))) throw new Error('the stalled group is not coloured differently');

  await j.runCommand('Kafka: Sort Groups by Lag');
  let ids;
  await j.poll(() => `${largest} (lag ${lags[largest]}) on top (rows: ${JSON.stringify(ids)})`, async () => is((ids = await rowIds())[0], largest));
  await j.poll(() => `"by lag" in the description (shows "${d}")`, async () => / · by lag · updated /.test((d = (await description()).trim())));
  await j.shot('by-lag-300');

  await j.runCommand('Kafka: Show Only Groups with Lag');
  await j.poll(() => `${reporting} (lag 0) hidden (rows: ${JSON.stringify(ids)})`, async () => !(ids = await rowIds()).some((l) => is(l, reporting)) && ids.some((l) => is(l, billing)));
  await j.poll(() => `"N of M groups · … · with lag · by lag" (shows "${d}")`, async () => /^\d+ of \d+ groups · filter: .* · with lag · by lag · updated /.test((d = (await description()).trim())));
  j.log(`description: ${d}`);
  await row(audit).hover();
  await j.poll('the tooltip of audit with its line on partitions without commit', async () => /Without commit/.test(await page.locator('.monaco-hover').first().textContent().catch(() => '')));
  await j.shot('with-lag-300');

  // The same view in the light and high-contrast themes (the dark one is above).
  for (const [theme, shot, cls] of [['Light Modern', 'light', 'vs'], ['Dark High Contrast', 'hc-dark', 'hc-black'], ['Light High Contrast', 'hc-light', 'hc-light']]) {
    await j.runCommand('Preferences: Color Theme');
    await j.pick(new RegExp(`^${theme}$`), { filter: theme });
    await j.poll(`the ${theme} theme`, async () => (await page.locator('.monaco-workbench').getAttribute('class')).split(/\s+/).includes(cls));
    await j.sleep(500);
    await j.shot(`with-lag-300-${shot}`);
  }

  // Back to the defaults for the next journey of this workbench (settings are per run anyway).
  await j.runCommand('Kafka: Show All Groups');
  await j.runCommand('Kafka: Sort Groups by Name');
});
