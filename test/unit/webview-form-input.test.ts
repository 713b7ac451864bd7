/**
 * The reset form's input through update() (src/webview/update.ts) and what it shows
 * (src/webview/form.ts): the core's checks as the user types — wrong values at once, "required"
 * messages only once a field was left or submitted — the host's refusals until the field is edited,
 * and partition subsets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, Form, GROUP, NOW, filledForm, init, lastRequestId } from './webview-fixtures';

const shown = (form: Form, field: 'topic' | 'partitions' | 'value' | 'group') => F.shownIssues(form.model, NOW).shown(field);

test('validation as you type: a wrong value shows at once, an empty one only after leaving the field', () => {
  const form = filledForm();
  assert.deepEqual(shown(form, 'value'), []);
  form.send({ type: 'value', mode: 'offset', value: 'ten' });
  assert.equal(shown(form, 'value').length, 1, 'a wrong value shows as it is typed');
  assert.equal(shown(form, 'value')[0].code, 'invalid');

  form.send({ type: 'value', mode: 'offset', value: '' });
  assert.deepEqual(shown(form, 'value'), [], 'an empty field is not scolded while the user is in it');
  form.send({ type: 'blur', field: 'value' });
  assert.equal(shown(form, 'value').length, 1, 'once left, the empty field says what it needs');

  form.send({ type: 'value', mode: 'offset', value: '12' });
  assert.deepEqual(F.shownIssues(form.model, NOW).all, []);
});

test('switching modes keeps each mode\'s value and forgets that the value field was left', () => {
  const form = filledForm();
  form.send({ type: 'blur', field: 'value' }, { type: 'mode', mode: 'duration' });
  assert.deepEqual(shown(form, 'value'), [], 'the duration field is new: not touched yet');
  form.send({ type: 'value', mode: 'duration', value: 'PT30M' }, { type: 'mode', mode: 'offset' });
  assert.equal(form.model.form.values.offset, '7');
  assert.equal(form.model.form.values.duration, 'PT30M');
  assert.deepEqual(F.formInput(form.model.form), { topic: 'orders', partitions: 'all', mode: 'offset', value: '7', allowOldTimestamp: false });

  form.send({ type: 'mode', mode: 'datetime' });
  assert.match(form.model.form.values.datetime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'the picker starts filled (an hour back)');
  form.send({ type: 'mode', mode: 'earliest' });
  assert.deepEqual(F.formInput(form.model.form).value, '', 'earliest takes no value');
});

test('a timestamp that looks like seconds warns at once; "use as seconds" multiplies it and focuses the field', () => {
  const form = filledForm();
  form.send({ type: 'mode', mode: 'timestamp' }, { type: 'value', mode: 'timestamp', value: '1700000000' });
  const [warning] = shown(form, 'value');
  assert.equal(warning.code, 'looks-like-seconds');
  assert.deepEqual(form.send({ type: 'useSeconds' }), [{ type: 'focus', id: 'value' }]);
  assert.equal(form.model.form.values.timestamp, '1700000000000');
  assert.deepEqual(shown(form, 'value'), []);

  // "It really is milliseconds": the warning no longer stops Preview; typing again withdraws it.
  form.send({ type: 'value', mode: 'timestamp', value: '1700000000' }, { type: 'allowOld', on: true });
  assert.equal(form.model.form.allowOld, true);
  form.send({ type: 'preview' });
  assert.equal(form.lastPosted().type, 'preview');
  form.host({ type: 'cancelled', requestId: lastRequestId(form, 'preview'), message: '' });
  form.send({ type: 'value', mode: 'timestamp', value: '1700000001' });
  assert.equal(form.model.form.allowOld, false);
});

test('Preview of an invalid form posts nothing, shows every problem and focuses the first field to fix', () => {
  const form = Form.fresh();
  form.host(init({}, { topic: 'orders' }), { type: 'group', info: GROUP });
  form.send({ type: 'partitions', which: 'some' }, { type: 'value', mode: 'offset', value: '' });
  const effects = form.send({ type: 'preview' });
  assert.deepEqual(effects, [{ type: 'focus', id: 'partitions-some' }]);
  assert.equal(form.model.status.text, 'Fix the 2 highlighted problems first.');
  assert.equal(shown(form, 'partitions').length, 1);
  assert.equal(shown(form, 'value').length, 1);
  assert.equal(form.posted().length, 0);

  form.send({ type: 'mode', mode: 'seed' }, { type: 'value', mode: 'seed', value: '{"topic":"nope","message_offset":1}' });
  assert.deepEqual(form.send({ type: 'preview' }), [{ type: 'focus', id: 'value-seed' }]);
  assert.match(shown(form, 'value')[0].message, /"nope" does not exist/);
});

test('the host\'s refusal shows under its field until that field is edited', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  form.host({ type: 'invalid', requestId: lastRequestId(form, 'preview'), issues: [{ field: 'value', message: 'Offset refused by the host.', code: 'invalid' }] });
  assert.equal(form.model.status.text, 'The request was refused: see the highlighted fields.');
  assert.deepEqual(shown(form, 'value').map((i) => i.message), ['Offset refused by the host.']);
  form.send({ type: 'value', mode: 'offset', value: '8' });
  assert.deepEqual(shown(form, 'value'), []);
});

test('the first topic of the group is preselected when the topics arrive; an unknown topic is named', () => {
  const form = Form.fresh();
  form.host(init());
  assert.equal(form.model.form.topic, '');
  assert.ok(form.model.groupLoading);
  form.host({ type: 'group', info: GROUP });
  assert.equal(form.model.form.topic, 'orders');
  assert.equal(form.model.groupLoading, false);

  form.host({ type: 'target', topic: 'gone' });
  assert.match(F.localIssues(form.model, NOW).find((i) => i.field === 'topic')?.message ?? '', /"gone" does not exist/);
  assert.deepEqual(shown(form, 'topic'), [], 'shown once the field is left or submitted');
  form.send({ type: 'blur', field: 'topic' });
  assert.equal(shown(form, 'topic').length, 1);
  assert.equal(form.model.form.topic, 'gone');

  form.send({ type: 'reloadGroup' });
  assert.equal(form.lastPosted().type, 'reloadGroup');
  assert.ok(form.model.groupLoading);
  form.host({ type: 'groupError', message: 'Cluster "Local" is unreachable.' });
  assert.equal(form.model.groupError, 'Cluster "Local" is unreachable.');
  assert.equal(form.model.groupLoading, false);
});

test('partition subsets: toggles, select all / none, a new topic clears the choice, a target picks one', () => {
  const form = filledForm();
  form.send({ type: 'partitions', which: 'some' });
  assert.deepEqual(shown(form, 'partitions'), [], 'not scolded before a choice was made');
  form.send({ type: 'togglePartition', partition: 2, on: true }, { type: 'togglePartition', partition: 0, on: true });
  assert.deepEqual(form.model.form.chosen, [0, 2]);
  assert.deepEqual(F.formInput(form.model.form).partitions, [0, 2]);
  form.send({ type: 'togglePartition', partition: 2, on: false });
  assert.deepEqual(form.model.form.chosen, [0]);

  form.send({ type: 'chooseAll', on: true });
  assert.deepEqual(form.model.form.chosen, [0, 1, 2], 'every partition of orders');
  form.send({ type: 'chooseAll', on: false });
  assert.deepEqual(form.model.form.chosen, []);
  assert.match(shown(form, 'partitions')[0]?.message ?? '', /at least one partition/);

  form.send({ type: 'togglePartition', partition: 1, on: true }, { type: 'topic', topic: 'payments' });
  assert.deepEqual(form.model.form.chosen, [], 'partitions of another topic are not carried over');

  form.host({ type: 'target', topic: 'orders', partition: 1 });
  assert.deepEqual([form.model.form.topic, form.model.form.partitions, form.model.form.chosen], ['orders', 'some', [1]]);
  form.send({ type: 'preview' });
  const sent = form.lastPosted();
  assert.deepEqual(sent.type === 'preview' && sent.input.partitions, [1]);
  form.host({ type: 'target', topic: 'orders' });
  assert.deepEqual([form.model.form.partitions, form.model.form.chosen], ['all', []]);

  form.send({ type: 'partitions', which: 'some' }, { type: 'togglePartition', partition: 1, on: true }, { type: 'partitions', which: 'all' });
  assert.deepEqual(F.formInput(form.model.form).partitions, 'all', 'All partitions wins over a remembered choice');
});
