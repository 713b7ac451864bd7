#!/usr/bin/env node
'use strict';
// Journey 2: right-click billing → "Reset Offset (Form)…", date-time mode, Preview, Reset, confirm in
// VS Code's modal; the broker then holds exactly the previewed targets (checked with the engine).
const { journey, REPO } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

/** A datetime-local value (the browser runs in the machine's zone: format the local wall clock). */
function localInput(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

journey('02-form-datetime', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { billing } = demo.groups;
  const orders = demo.topics.orders;
  const before = await j.committed(billing, null);
  // Enough topics for the form's topic search (from 10 on); the journey's cleanup deletes them by prefix.
  const { Kafka, logLevel } = require(require('node:path').join(REPO, 'node_modules/kafkajs'));
  const admin = new Kafka({ brokers: [j.bootstrap], clientId: 'journey-02-topics', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: Array.from({ length: 10 }, (_, i) => ({ topic: `${j.prefix}inventory-${i}`, numPartitions: 1 })) });
  } finally {
    await admin.disconnect();
  }

  const page = await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(billing).waitFor({ timeout: 30_000 });

  // Right-click the group → "Reset Offset (Form)…".
  const form = await j.openFormFromRow(billing);
  // The state line is a label ("State: ✓ Empty — no members…"), not a bare circle beside Reload.
  await j.poll('the state line', async () => /^State: .*Empty — no members, it can be reset/.test(((await form.locator('#group-state').textContent()) || '').replace(/\s+/g, ' ').trim()));
  // Topic search: typing narrows the Topic list, Enter picks the first match.
  await form.locator('#topic-search').fill('inventory-3');
  let options;
  await j.poll(() => `the Topic list narrowed to inventory-3 and the chosen topic (shows ${JSON.stringify(options)})`, async () => {
    // Topic options only (not "All topics of this group" / "Several topics…").
    options = (await form.locator('#topic option').evaluateAll((os) => os.map((o) => o.value))).filter((v) => v.startsWith(j.prefix));
    return options.includes(`${j.prefix}inventory-3`) && !options.includes(`${j.prefix}inventory-4`) && options.length <= 2;
  });
  await j.shot('form-topic-search');
  await form.locator('#topic-search').press('Enter');
  await j.poll('Enter to pick the first match', async () => (await form.locator('#topic').inputValue()) === `${j.prefix}inventory-3`);
  await form.locator('#topic-search').fill('');
  await form.locator('#topic').selectOption(orders);
  await form.locator('#mode').selectOption('datetime');
  // Three hours ago: the middle of the demo data (messages span the last 6 hours).
  const at = localInput(Date.now() - 3 * 3600_000);
  await form.locator('#value-datetime').fill(at);
  await form.locator('#partitions-all').check().catch(() => {});
  await form.locator('#preview-button').click();
  await form.locator('#preview-table tbody tr').first().waitFor({ timeout: 60_000 });

  const rows = await form.locator('#preview-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ partition: Number(tr.getAttribute('data-partition')), cells: [...tr.querySelectorAll('th,td')].map((c) => c.textContent.trim()) })),
  );
  const targets = {};
  for (const r of rows) targets[`${orders}:${r.partition}`] = r.cells[4].replace(/[^0-9]/g, '');
  j.log('previewed targets', JSON.stringify(targets));
  if (rows.length !== 6) throw new Error(`the preview should list the 6 partitions of ${orders}, lists ${rows.length}: ${JSON.stringify(rows)}`);
  for (const [k, t] of Object.entries(targets)) {
    // The middle of the log: neither the start (0) nor the end (500) and different from the commit.
    if (!(Number(t) > 0 && Number(t) < 500)) throw new Error(`target of ${k} should be inside the log for ${at}: ${t}`);
  }
  // "Restarts at": the time of the message at each target — at or after the chosen date-time, within the 6 hours of data.
  const restarts = await form.locator('#preview-table tbody tr td.restarts time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  const chosen = Date.now() - 3 * 3600_000 - 120_000;
  if (restarts.length !== 6 || restarts.some((ms) => !(ms >= chosen && ms <= Date.now()))) throw new Error(`each row should say when consumption restarts (after ${new Date(chosen).toISOString()}): ${restarts.map((ms) => new Date(ms).toISOString())}`);
  await page.mouse.move(1000, 300); // no tree tooltip over the screenshot
  await j.sleep(500);
  await j.shot('form-preview');

  await form.locator('#reset-button').click();
  const text = await j.modal('Reset Offsets', { expect: [`Reset group "${billing}" on cluster "${j.CLUSTER}"?`, orders], shot: 'confirm' });
  j.log(`confirmed: ${text.slice(0, 160)}`);

  await form.locator('#result-table tbody tr').first().waitFor({ timeout: 60_000 });
  const outcomes = await form.locator('#result-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')));
  if (outcomes.length !== 6 || outcomes.some((o) => o !== 'applied')) throw new Error(`result rows: ${outcomes.join(', ')}`);
  await j.shot('form-result');
  // The result ("applied") in the light theme, where a fixed green failed AA: its colour is the theme's own.
  // (Journey 09 shows the tree in the high-contrast themes too.)
  for (const [theme, shot, cls] of [['Light Modern', 'light', 'vs']]) {
    await j.runCommand('Preferences: Color Theme');
    await j.pick(new RegExp(`^${theme}$`), { filter: theme });
    await j.poll(`the ${theme} theme`, async () => (await page.locator('.monaco-workbench').getAttribute('class')).split(/\s+/).includes(cls));
    await j.sleep(500);
    await j.shot(`form-result-${shot}`);
  }

  // The broker holds exactly the previewed targets on orders; payments is untouched.
  const after = await j.committed(billing, null);
  const expected = { ...before, ...targets };
  if (JSON.stringify(Object.entries(after).sort()) !== JSON.stringify(Object.entries(expected).sort()))
    throw new Error(`committed offsets on the broker differ from the preview:\n  broker:   ${JSON.stringify(after)}\n  expected: ${JSON.stringify(expected)}`);
  j.log('broker holds the previewed offsets');
});
