/**
 * The reset form's topic scopes and edited targets through update() (src/webview/update.ts): opened
 * on a group it covers all of the group's topics, "Several topics…" chooses some, and a row of the
 * preview table can get a target typed by hand, which asks the host for a new preview.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, Form, GROUP, M, NOW, init, lastRequestId, preview } from './webview-fixtures';
import type { GroupInfo, PlanRowView } from '../../src/protocol';

const row = (topic: string, partition: number, target: string): PlanRowView => ({ topic, partition, committed: '40', logStart: '0', logEnd: '100', target, clamped: null, lagBefore: '60', lagAfter: String(100 - Number(target)) });

function onGroup(info: GroupInfo = GROUP): Form {
  const form = Form.fresh();
  form.send({ type: 'start' });
  form.host(init(), { type: 'group', info });
  return form;
}

test('opened on a group, the form covers all of its topics; a group with no offsets yet falls back to one topic', () => {
  const form = onGroup();
  assert.equal(form.model.form.scope, 'all');
  form.send({ type: 'mode', mode: 'latest' }, { type: 'preview' });
  const sent = form.lastPosted();
  assert.deepEqual(sent.type === 'preview' && sent.input, { topic: '', partitions: 'all', allTopics: true, mode: 'latest', value: '', allowOldTimestamp: false });

  const fresh = onGroup({ ...GROUP, topics: GROUP.topics.map((t) => ({ ...t, ofGroup: false, lag: null, partitionLag: [] })) });
  assert.equal(fresh.model.form.scope, 'one', 'nothing committed: "all topics" would be empty');
  assert.equal(fresh.model.form.topic, 'orders');

  const onTopic = Form.fresh();
  onTopic.host(init({}, { topic: 'payments' }), { type: 'group', info: GROUP });
  assert.deepEqual([onTopic.model.form.scope, onTopic.model.form.topic], ['one', 'payments'], 'opened on a topic: that topic');
  onTopic.send({ type: 'scope', scope: 'all' });
  assert.equal(F.formInput(onTopic.model.form).allTopics, true);
  onTopic.send({ type: 'topic', topic: 'orders' });
  assert.deepEqual([onTopic.model.form.scope, F.formInput(onTopic.model.form).topic], ['one', 'orders'], 'choosing a topic is one step from any scope');
});

test('several topics: starts from the topic shown, toggles, sorted in the request, at least one required; survives a reload', () => {
  const form = Form.fresh();
  form.host(init({}, { topic: 'payments' }), { type: 'group', info: GROUP });
  form.send({ type: 'scope', scope: 'several' });
  assert.deepEqual(form.model.form.several, ['payments']);
  form.send({ type: 'toggleTopic', topic: 'orders', on: true }, { type: 'mode', mode: 'earliest' });
  assert.deepEqual(F.formInput(form.model.form), { topic: '', partitions: 'all', topics: ['orders', 'payments'], mode: 'earliest', value: '', allowOldTimestamp: false });
  const again = form.reload();
  assert.deepEqual([again.model.form.scope, again.model.form.several], ['several', ['orders', 'payments']]);
  form.send({ type: 'toggleTopic', topic: 'orders', on: false }, { type: 'toggleTopic', topic: 'payments', on: false });
  assert.match(F.localIssues(form.model, NOW).find((i) => i.field === 'topic')?.message ?? '', /at least one topic/);
  assert.deepEqual(form.send({ type: 'preview' }), [{ type: 'focus', id: 'topic' }]);
});

test('editing a target: bad text stays in the row with the reason; a good one becomes an override and a new preview', () => {
  const form = onGroup();
  form.send({ type: 'mode', mode: 'earliest' }, { type: 'preview' });
  const first = lastRequestId(form, 'preview');
  form.host(preview(first, { rows: [row('orders', 0, '0'), row('orders', 1, '0')] }));

  assert.deepEqual(form.send({ type: 'editTarget', topic: 'orders', partition: 1 }), [{ type: 'focus', id: 'target-input' }]);
  assert.deepEqual(form.model.editing, { topic: 'orders', partition: 1, text: '0' });
  form.send({ type: 'editText', text: '12.5' });
  assert.deepEqual(form.send({ type: 'applyEdit' }), [{ type: 'focus', id: 'target-input' }]);
  assert.match(form.model.editing?.error ?? '', /decimal whole number/);
  assert.equal(form.posted().filter((x) => x.type === 'preview').length, 1, 'nothing asked of the host');

  form.send({ type: 'editText', text: ' 55 ' }, { type: 'applyEdit' });
  assert.equal(form.model.editing, undefined);
  const sent = form.lastPosted();
  assert.ok(sent.type === 'preview' && sent.requestId !== first);
  assert.deepEqual(sent.type === 'preview' && sent.input.overrides, [{ topic: 'orders', partition: 1, offset: '55' }]);
  assert.ok(!F.previewUsable(form.model), 'the old preview no longer matches the form: Reset waits for the new one');
  form.host(preview(lastRequestId(form, 'preview'), { rows: [row('orders', 0, '0'), { ...row('orders', 1, '55'), overridden: true }] }));
  assert.ok(F.previewUsable(form.model));

  // Saved with the form; Revert asks for a preview without it; another mode forgets the edits.
  assert.deepEqual(M.restore(JSON.parse(JSON.stringify(M.persist(form.model))), NOW).form.overrides, [{ topic: 'orders', partition: 1, offset: '55' }]);
  form.send({ type: 'revertTarget', topic: 'orders', partition: 1 });
  const reverted = form.lastPosted();
  assert.ok(reverted.type === 'preview' && reverted.input.overrides === undefined);
  form.host(preview(lastRequestId(form, 'preview'), { rows: [row('orders', 0, '0')] }));
  form.send({ type: 'editTarget', topic: 'orders', partition: 0 }, { type: 'editText', text: '3' }, { type: 'applyEdit' });
  assert.equal(form.model.form.overrides.length, 1);
  form.send({ type: 'mode', mode: 'latest' });
  assert.deepEqual([form.model.form.overrides, form.model.editing], [[], undefined]);
});

test('no edit while a request is pending, and Escape (cancelEdit) leaves the form as it was', () => {
  const form = onGroup();
  form.send({ type: 'mode', mode: 'earliest' }, { type: 'preview' });
  assert.deepEqual(form.send({ type: 'editTarget', topic: 'orders', partition: 0 }), [], 'no preview shown yet, and one is pending');
  form.host(preview(lastRequestId(form, 'preview'), { rows: [row('orders', 0, '0')] }));
  form.send({ type: 'editTarget', topic: 'orders', partition: 0 }, { type: 'editText', text: '9' }, { type: 'cancelEdit' });
  assert.deepEqual([form.model.editing, form.model.form.overrides], [undefined, []]);
  assert.ok(F.previewUsable(form.model));
});
