import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvPlan, formatCsvPlan, csvPlanGroups } from '../../src/core/csv';

test('round trip: format then parse gives the same rows', () => {
  const rows = [
    { topic: 'orders', partition: 0, offset: 12n },
    { topic: 'orders', partition: 5, offset: 9007199254740993n },
    { topic: 'pay.ments_1', partition: 2, offset: 0n },
  ];
  const text = formatCsvPlan(rows);
  assert.equal(text, 'orders,0,12\norders,5,9007199254740993\npay.ments_1,2,0\n');
  assert.deepEqual(parseCsvPlan(text), { ok: true, rows });
  const withGroup = formatCsvPlan(rows.map((r) => ({ ...r, group: 'g1' })), true);
  assert.deepEqual(parseCsvPlan(withGroup, 'g1'), { ok: true, rows: rows.map((r) => ({ group: 'g1', ...r })) });
});

test('tolerates BOM, CRLF, blank lines and spaces', () => {
  const r = parseCsvPlan('\uFEFForders, 1 ,5\r\n\r\n orders,2,6 \r\n');
  assert.deepEqual(r, { ok: true, rows: [{ topic: 'orders', partition: 1, offset: 5n }, { topic: 'orders', partition: 2, offset: 6n }] });
});

test('a multi-group file read for one group gives the rows of that group (as kafka-consumer-groups), and says when it has none', () => {
  assert.deepEqual(parseCsvPlan('g1,t,0,1\ng2,t,1,1\ng1,u,0,5\ng2,t,0,9\n', 'g1'), {
    ok: true,
    rows: [{ group: 'g1', topic: 't', partition: 0, offset: 1n }, { group: 'g1', topic: 'u', partition: 0, offset: 5n }],
  });
  assert.deepEqual(parseCsvPlan('g1,t,0,1\ng2,t,1,1\n', 'g3'), { ok: false, errors: ['The CSV plan has no rows for group "g3" (it has rows for "g1", "g2").'] });
  const all = parseCsvPlan('g1,t,0,1\ng2,t,1,1\ng1,u,0,5\n');
  assert.ok(all.ok);
  assert.deepEqual(csvPlanGroups(all.rows), ['g1', 'g2']);
  assert.deepEqual(csvPlanGroups([{ topic: 't', partition: 0, offset: 1n }]), []);
});

test('refuses duplicates, headers, bad numbers, empty files — with line numbers', () => {
  const dup = parseCsvPlan('t,0,1\nt,0,2\n');
  assert.deepEqual(dup, { ok: false, errors: ['Line 2 repeats t partition 0 (first on line 1).'] });
  const header = parseCsvPlan('topic,partition,offset\nt,0,1\n');
  assert.match(!header.ok ? header.errors[0] : '', /no header line|header/);
  assert.equal(parseCsvPlan('t,0,1.5').ok, false);
  assert.equal(parseCsvPlan('t,-1,5').ok, false);
  assert.equal(parseCsvPlan('t,0').ok, false);
  assert.deepEqual(parseCsvPlan('\n\n'), { ok: false, errors: ['The CSV plan has no rows.'] });
});
