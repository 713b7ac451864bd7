#!/usr/bin/env node
'use strict';
// Journey 9: find the troubled group in a 300 px side bar with 60-character group ids (issue 15):
// sort by lag and "only groups with lag" from the view's title, the view's description saying what is
// shown, a group whose partition has no commit saying so on its row and in its tooltip, sort by time lag
// from the title's "Sort Groups…" pick, and lag up/down since the last refresh on the rows (all in the
// dark, light and both high-contrast themes).
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
    page.locator('.monaco-list-row[aria-level="2"] .label-name').evaluateAll((els) => els.map((e) => e.textContent.trim().replace(/^\S+( [↑↓]\S+)? · /, '')));
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

  // Sort by time lag from the view title's "Sort Groups…" icon (a pick of name / lag / time lag).
  await page.mouse.move(box.x + 150, box.y + 200); // the title's actions show while the pointer is over the view
  await page.locator('.part.sidebar .action-label[aria-label^="Sort Groups"]').first().click();
  await j.pick(/^Sort by time lag$/);
  await j.poll(() => `"by time lag" in the description (shows "${d}")`, async () => / · with lag · by time lag · updated /.test((d = (await description()).trim())));
  const behind = async (g) => {
    const client = new j.engine.KafkaClient({ brokers: [j.bootstrap] });
    try { return (await j.engine.groupLag(client, g, { timeLag: true })).timeLagMs; } finally { await client.close(); }
  };
  const oldest = (await behind(billing)) >= (await behind(audit)) ? billing : audit;
  await j.poll(() => `${oldest} (longest behind) on top (rows: ${JSON.stringify(ids)})`, async () => is((ids = await rowIds())[0], oldest));
  await j.shot('by-time-lag-300');

  // What changed since the last refresh: 250 more records on orders partition 0 raise the lag of every
  // group reading it (billing; reporting, caught up before, now lags and shows again), audit reads
  // payments only. The marker follows the compact lag, so the 300 px row still shows both.
  const { Kafka, logLevel } = require(require('node:path').join(REPO, 'node_modules/kafkajs'));
  const producer = new Kafka({ brokers: [j.bootstrap], clientId: 'journey-09-more', logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic: demo.topics.orders, acks: -1, messages: Array.from({ length: 250 }, (_, i) => ({ partition: 0, value: `more-${i}` })) });
  } finally {
    await producer.disconnect();
  }
  await j.refresh();
  const labelOf = (g) => row(g).locator('.label-name').first().textContent().catch(() => '');
  let l;
  await j.poll(() => `${billing} to read "<lag> ↑250 · …" (reads "${l}")`, async () => / ↑250 · …/.test((l = await labelOf(billing))));
  await j.poll(() => `${reporting} back with "250 ↑250 · …" (reads "${l}")`, async () => /^250 ↑250 · …/.test((l = await labelOf(reporting))));
  if (/[↑↓]/.test(await labelOf(audit))) throw new Error(`${audit} reads payments only: no marker expected, reads "${await labelOf(audit)}"`);
  for (const g of [billing, reporting]) {
    const right = await row(g).locator('.label-name').first().evaluate((el) => el.getBoundingClientRect().right);
    if (right > sidebarRight) throw new Error(`the label of ${g} with its marker ends at ${right} px, beyond the side bar (${sidebarRight} px)`);
  }
  await row(billing).hover();
  await j.poll('the tooltip of billing with the change since the last refresh', async () => /Since the last refresh .*lag \+250/.test(await page.locator('.monaco-hover').first().textContent().catch(() => '')));
  await j.shot('changes-300');
  await page.mouse.move(box.x + 150, box.y + box.height - 20);

  // The lagging, unconsumed rows keep their colour in every theme (VS Code's list.warningForeground is
  // unset in high contrast: the extension's own colour falls back to editorWarning.foreground there),
  // with at least AA contrast (4.5:1) on the side bar.
  const colourReadable = async (theme) => {
    const label = await colourOf(billing);
    const plain = await j.row(j.CLUSTER).locator('.label-name').first().evaluate((el) => getComputedStyle(el).color);
    const background = await page.locator('.part.sidebar').evaluate((el) => getComputedStyle(el).backgroundColor);
    const ratio = contrast(label, background);
    j.log(`${theme}: stalled label ${label}, plain ${plain}, side bar ${background}, contrast ${ratio.toFixed(2)}:1`);
    if (label === plain) throw new Error(`${theme}: the stalled group's label has the plain text colour ${plain}`);
    if (ratio < 4.5) throw new Error(`${theme}: the stalled group's label colour ${label} has ${ratio.toFixed(2)}:1 on ${background}, below AA (4.5:1)`);
  };
  await colourReadable('Dark Modern');

  // The same view in the light and high-contrast themes (the dark one is above).
  for (const [theme, shot, cls] of [['Light Modern', 'light', 'vs'], ['Dark High Contrast', 'hc-dark', 'hc-black'], ['Light High Contrast', 'hc-light', 'hc-light']]) {
    await j.runCommand('Preferences: Color Theme');
    await j.pick(new RegExp(`^${theme}$`), { filter: theme });
    await j.poll(`the ${theme} theme`, async () => (await page.locator('.monaco-workbench').getAttribute('class')).split(/\s+/).includes(cls));
    await j.sleep(500);
    await j.shot(`with-lag-300-${shot}`);
    await colourReadable(theme);
  }

  // Back to the defaults for the next journey of this workbench (settings are per run anyway).
  await j.runCommand('Kafka: Show All Groups');
  await j.runCommand('Kafka: Sort Groups by Name');
});

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (the background taken as opaque). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
