#!/usr/bin/env node
'use strict';
// Journey 10: right-click billing → "Reset Offset (Form)…" covers all of the group's topics at once
// (orders and payments: one preview with a line per topic), Earliest, Preview; one partition's target
// is edited in the table (a wrong value is refused in the row, then 123 is applied and previewed
// again); Reset and VS Code's modal; the broker then holds exactly the previewed targets — every
// partition of both topics at its log start except the edited one — and another group is untouched.
const { journey } = require('./lib/journey');
const { createDemoData } = require('../../support/demo-data');

journey('10-group-reset', async (j) => {
  const demo = await createDemoData(j.bootstrap, { prefix: j.prefix, shippingConsumer: false });
  const { billing, audit } = demo.groups;
  const { orders, payments } = demo.topics;
  const auditBefore = await j.committed(audit, null);

  const page = await j.workbench();
  await j.openView();
  await j.expand(j.CLUSTER);
  await j.row(billing).waitFor({ timeout: 30_000 });

  const form = await j.openFormFromRow(billing);
  // Opened on the group: all of its topics, named in the hint.
  await j.poll('the form to cover all topics of the group', async () => (await form.locator('#topic').inputValue()) === '*all' && /payments/.test(await form.locator('#topic-hint').innerText()));
  const hint = await form.locator('#topic-hint').innerText();
  if (!hint.includes(orders) || !hint.includes(payments)) throw new Error(`the hint should name both topics: ${hint}`);
  if (await form.locator('#partitions-all').count()) throw new Error('no partition choice is offered for all topics');
  await form.locator('#mode').selectOption('earliest');
  await form.locator('#preview-button').click();
  const rowsSel = '#preview-table tbody tr[data-partition]';
  await form.locator(rowsSel).first().waitFor({ timeout: 60_000 });

  const readRows = () =>
    form.locator(rowsSel).evaluateAll((trs) =>
      trs.map((tr) => ({ topic: tr.getAttribute('data-topic'), partition: Number(tr.getAttribute('data-partition')), edited: tr.classList.contains('overridden'), target: tr.querySelectorAll('td')[3].textContent.replace(/[^0-9]/g, '') })),
    );
  const rows = await readRows();
  const topicLines = await form.locator('#preview-table tr.topic-row').allInnerTexts();
  j.log('preview', JSON.stringify(rows), JSON.stringify(topicLines));
  if (rows.length !== 9) throw new Error(`one preview across both topics: 6 + 3 rows expected, got ${rows.length}`);
  if (topicLines.length !== 2 || !topicLines[0].includes(orders) || !/6 partitions/.test(topicLines[0]) || !topicLines[1].includes(payments) || !/3 partitions/.test(topicLines[1]))
    throw new Error(`a totals line per topic expected: ${JSON.stringify(topicLines)}`);
  if (rows.some((r) => r.target !== '0')) throw new Error(`earliest = log start 0 everywhere: ${JSON.stringify(rows)}`);
  await page.mouse.move(1000, 300);
  await j.sleep(300);
  await j.shot('preview-all-topics');

  // Edit payments p1: a wrong value stays in the row with the reason; 123 is previewed again.
  const row = form.locator(`${rowsSel}[data-topic="${payments}"][data-partition="1"]`);
  await row.locator('button.edit-target').click();
  const input = form.locator('#target-input');
  await input.fill('12.5');
  await input.press('Enter');
  await form.locator('#target-msg:not([hidden])').waitFor({ timeout: 10_000 });
  const refusal = await form.locator('#target-msg').innerText();
  if (!/decimal whole number/.test(refusal)) throw new Error(`the row should say why 12.5 is refused: ${refusal}`);
  await input.fill('123');
  await input.press('Enter');
  await j.poll('the new preview with the edited target', async () => {
    const now = await readRows();
    const r = now.find((x) => x.topic === payments && x.partition === 1);
    return r && r.edited && r.target === '123' && now.filter((x) => x.edited).length === 1;
  }, { timeoutMs: 60_000 });
  if (!(await form.locator('#reset-button').isEnabled())) throw new Error('Reset applies the new preview');
  const command = await form.locator('details.command code').textContent();
  if (!/--from-file/.test(command)) throw new Error(`an edited plan is a --from-file plan for kafka-consumer-groups: ${command}`);
  await j.sleep(300);
  await j.shot('preview-edited');

  await form.locator('#reset-button').click();
  const text = await j.modal('Reset Offsets', { expect: [`Reset group "${billing}" on cluster "${j.CLUSTER}"?`, 'All topics of the group', `${payments}/1 → 123`], shot: 'confirm' });
  j.log(`confirmed: ${text.slice(0, 200)}`);

  await form.locator('#result-table tbody tr').first().waitFor({ timeout: 60_000 });
  const outcomes = await form.locator('#result-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')));
  if (outcomes.length !== 9 || outcomes.some((o) => o !== 'applied')) throw new Error(`result rows: ${outcomes.join(', ')}`);
  await j.shot('result');

  const after = await j.committed(billing, null);
  const expected = {};
  for (let p = 0; p < 6; p++) expected[`${orders}:${p}`] = '0';
  for (let p = 0; p < 3; p++) expected[`${payments}:${p}`] = p === 1 ? '123' : '0';
  if (JSON.stringify(Object.entries(after).sort()) !== JSON.stringify(Object.entries(expected).sort()))
    throw new Error(`committed offsets on the broker differ from the preview:\n  broker:   ${JSON.stringify(after)}\n  expected: ${JSON.stringify(expected)}`);
  const auditAfter = await j.committed(audit, null);
  if (JSON.stringify(auditAfter) !== JSON.stringify(auditBefore)) throw new Error(`another group changed: ${JSON.stringify(auditBefore)} → ${JSON.stringify(auditAfter)}`);
  j.log('broker holds the previewed offsets across both topics');
});
