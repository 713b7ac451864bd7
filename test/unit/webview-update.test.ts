/**
 * The reset form's update() (src/webview/update.ts) across requests and reloads: which answers it
 * takes, when its preview may be applied, and what survives the webview being unloaded (only what
 * persist() keeps, through a JSON round trip like setState/getState).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, Form, M, filledForm, init, lastRequestId, preview, result } from './webview-fixtures';

test('start says ready; a fresh form takes the host\'s initial target once, not after a reload', () => {
  const form = Form.fresh();
  assert.deepEqual(form.send({ type: 'start' }), [{ type: 'post', message: { type: 'ready' } }]);
  form.host(init({}, { topic: 'payments', partition: 1 }));
  assert.deepEqual([form.model.form.topic, form.model.form.partitions, form.model.form.chosen], ['payments', 'some', [1]]);
  assert.deepEqual(form.model.target, { clusterId: 'local', group: 'billing' });

  form.send({ type: 'topic', topic: 'orders' });
  const again = form.reload();
  again.host(init({}, { topic: 'payments', partition: 1 }));
  assert.equal(again.model.form.topic, 'orders', 'a restored form keeps what the user chose');
  assert.deepEqual(again.model.target, { clusterId: 'local', group: 'billing' });
});

test('Preview posts the form\'s input once; Reset is enabled for that preview only', () => {
  const form = filledForm();
  const effects = form.send({ type: 'preview' });
  const sent = form.lastPosted();
  assert.equal(sent.type, 'preview');
  assert.deepEqual(sent.type === 'preview' && sent.input, { topic: 'orders', partitions: 'all', mode: 'offset', value: '7', allowOldTimestamp: false });
  assert.equal(effects.length, 1);
  assert.equal(form.model.pending?.kind, 'preview');
  assert.ok(F.isBusy(form.model));
  assert.equal(form.model.status.text, 'Reading offsets…');
  assert.deepEqual(form.send({ type: 'preview' }), [], 'no second request while one is pending');

  const id = lastRequestId(form, 'preview');
  assert.deepEqual(form.host(preview(id)), [{ type: 'focus', id: 'preview-heading' }]);
  assert.equal(form.model.pending, undefined);
  assert.ok(F.previewUsable(form.model));
  assert.equal(F.previewNote(form.model), '');

  form.send({ type: 'value', mode: 'offset', value: '8' });
  assert.ok(!F.previewUsable(form.model), 'the form no longer says what was previewed');
  assert.match(F.previewNote(form.model), /form changed/);
  assert.deepEqual(form.send({ type: 'reset' }), [], 'Reset does nothing then');
  form.send({ type: 'value', mode: 'offset', value: '7' });
  assert.ok(F.previewUsable(form.model), 'back to the previewed input');
});

test('a preview arriving for an outdated request is dropped; so are its errors', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const first = lastRequestId(form, 'preview');
  form.host(preview(first));
  form.send({ type: 'value', mode: 'offset', value: '9' }, { type: 'preview' });
  const second = lastRequestId(form, 'preview');
  assert.notEqual(first, second);

  const before = form.model;
  assert.deepEqual(form.host(preview('older-one', { summary: 'outdated' })), []);
  assert.deepEqual(form.host({ type: 'error', requestId: first, message: 'too late' }), []);
  assert.deepEqual(form.host({ type: 'status', requestId: 'older-one', message: 'Reading…' }), []);
  assert.deepEqual(form.model, before, 'answers to requests no longer awaited change nothing');

  form.host(preview(second, { summary: 'the one asked for' }));
  assert.equal(form.model.preview?.summary, 'the one asked for');
  assert.ok(F.previewUsable(form.model));
});

test('reload mid-preview: the lost answer is replayed by the host and keeps the input it was asked for', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const id = lastRequestId(form, 'preview');

  const reloaded = form.reload();
  assert.equal(reloaded.model.pending?.id, id, 'the pending request is saved');
  assert.deepEqual(reloaded.send({ type: 'start' }), [{ type: 'post', message: { type: 'ready' } }]);
  reloaded.host(init({ planId: id }));
  assert.equal(reloaded.model.pending, undefined, 'the answer to the old load is lost: nothing is awaited');
  assert.ok(!F.isBusy(reloaded.model));

  assert.deepEqual(reloaded.host(preview(id, { replay: true })), [], 'a replay does not take the focus');
  assert.equal(reloaded.model.preview?.planId, id);
  assert.equal('replay' in (reloaded.model.preview ?? {}), false);
  assert.ok(F.previewUsable(reloaded.model), 'the replayed preview is of what the form says');
  assert.equal(reloaded.model.status.text, '');
});

test('reload mid-preview whose plan the host does not hold: nothing awaited, no preview, Preview works', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const reloaded = form.reload();
  reloaded.host(init({ planId: null }));
  assert.equal(reloaded.model.pending, undefined);
  assert.equal(reloaded.model.preview, undefined);
  reloaded.send({ type: 'preview' });
  assert.equal(reloaded.lastPosted().type, 'preview');
});

test('reload with a stale preview: kept on screen but not applicable until previewed again', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const id = lastRequestId(form, 'preview');
  form.host(preview(id));

  // The host still holds it: a replay follows and the preview stays applicable.
  const kept = form.reload();
  kept.host(init({ planId: id }), preview(id, { replay: true }));
  assert.ok(!kept.model.previewStale);
  assert.ok(F.previewUsable(kept.model));

  // VS Code was reloaded: the host holds no plan.
  const stale = form.reload();
  stale.host(init({ planId: null }));
  assert.equal(stale.model.previewStale, true);
  assert.equal(stale.model.preview?.planId, id, 'the old preview is still shown');
  assert.ok(!F.previewUsable(stale.model));
  assert.match(F.previewNote(stale.model), /no longer held by VS Code/);
  assert.deepEqual(stale.send({ type: 'reset' }), [], 'Reset posts nothing');

  // Staleness survives a further reload, and a fresh preview clears it.
  const again = stale.reload();
  assert.equal(again.model.previewStale, true);
  again.send({ type: 'start' });
  again.host(init({ planId: null }));
  again.send({ type: 'preview' });
  again.host(preview(lastRequestId(again, 'preview')));
  assert.equal(again.model.previewStale, false);
  assert.ok(F.previewUsable(again.model));
});

test('apply the preview, then undo it: requests, results, the preview used up', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const planId = lastRequestId(form, 'preview');
  form.host(preview(planId));

  form.send({ type: 'reset' });
  const reset = form.lastPosted();
  assert.deepEqual(reset.type === 'reset' && reset.planId, planId);
  assert.equal(form.model.pending?.kind, 'reset');
  assert.equal(form.model.status.text, 'Waiting for your confirmation in VS Code…');
  assert.deepEqual(form.send({ type: 'reset' }), [], 'no second reset while one is pending');
  form.host({ type: 'status', requestId: lastRequestId(form, 'reset'), message: 'Waiting until the group is empty…' });
  assert.deepEqual(form.model.status, { text: 'Waiting until the group is empty…', busy: true });

  assert.deepEqual(form.host(result(lastRequestId(form, 'reset'), 'reset')), [{ type: 'focus', id: 'result-heading' }]);
  assert.equal(form.model.preview, undefined, 'a reset uses its plan up');
  assert.equal(form.model.result?.kind, 'reset');
  assert.equal(form.model.status.text, 'Reset done.');

  form.send({ type: 'undo' });
  assert.equal(form.lastPosted().type, 'undo');
  form.host(result(lastRequestId(form, 'undo'), 'undo'));
  assert.equal(form.model.result?.kind, 'undo');
  assert.equal(form.model.result?.canUndo, false);
  assert.equal(form.model.status.text, 'Undo done.');
  assert.deepEqual(form.send({ type: 'undo' }), [], 'an undo result cannot be undone from the form');
});

test('a cancelled reset leaves the preview applicable; a result the host can no longer undo disables Undo after reload', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  form.host(preview(lastRequestId(form, 'preview')));
  form.send({ type: 'reset' });
  form.host({ type: 'cancelled', requestId: lastRequestId(form, 'reset'), message: 'Nothing was changed.' });
  assert.equal(form.model.pending, undefined);
  assert.ok(F.previewUsable(form.model));
  assert.equal(form.model.status.text, 'Nothing was changed.');

  form.send({ type: 'reset' });
  form.host(result(lastRequestId(form, 'reset'), 'reset', { failed: 1, applied: 2 }));
  assert.equal(form.model.status.text, 'Some partitions were not confirmed: see the result.');
  const reloaded = form.reload();
  reloaded.host(init({ canUndo: false }));
  assert.equal(reloaded.model.result?.canUndo, false);
  assert.deepEqual(reloaded.send({ type: 'undo' }), []);
});

test('reload during a reset the host is still running: the form stays busy and takes the replayed result', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const planId = lastRequestId(form, 'preview');
  form.host(preview(planId));
  form.send({ type: 'reset' });
  const resetId = lastRequestId(form, 'reset');

  const reloaded = form.reload();
  reloaded.host(init({ planId, busy: true }));
  assert.equal(reloaded.model.pending?.id, resetId, 'the reset is still awaited');
  assert.ok(F.isBusy(reloaded.model));
  assert.deepEqual(reloaded.model.status, { text: 'A reset or undo is in progress: answer the dialog in VS Code.', busy: true });
  reloaded.host(result(resetId, 'reset'));
  assert.equal(reloaded.model.pending, undefined);
  assert.equal(reloaded.model.result?.requestId, resetId);

  // A later reload replays the same result: it changes nothing else.
  const later = reloaded.reload();
  later.host(init({ planId: null, canUndo: true }), result(resetId, 'reset', { replay: true }));
  assert.equal(later.model.result?.canUndo, true);
  assert.equal(later.model.status.text, '');
});

test('Copy is not awaited: its error is shown, its confirmation said, and the form is not blocked', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const planId = lastRequestId(form, 'preview');
  form.host(preview(planId));
  form.send({ type: 'copy' });
  const copy = form.lastPosted();
  assert.deepEqual(copy.type === 'copyCommand' && copy.planId, planId);
  assert.ok(!F.isBusy(form.model));
  form.host({ type: 'error', requestId: lastRequestId(form, 'copyCommand'), message: 'No clipboard.' });
  assert.equal(form.model.error, 'No clipboard.');
  form.send({ type: 'copy' });
  assert.equal(form.model.error, undefined, 'a new request clears the error');
  form.host({ type: 'copied', requestId: lastRequestId(form, 'copyCommand') });
  assert.equal(form.model.status.text, 'Command copied to the clipboard.');
});

test('persist keeps the form, preview, result, pending request and target — nothing the host sends each load', () => {
  const form = filledForm();
  form.send({ type: 'preview' });
  const saved = M.persist(form.model);
  assert.deepEqual(Object.keys(saved).sort(), ['form', 'pending', 'target', 'v']);
  assert.equal(M.restore({ v: 2, form: {} }, 0).form.topic, '', 'an unknown saved shape starts afresh');
  assert.equal(M.restore({ v: 1, form: { mode: 'drop-table', chosen: [1, -1, 'x'] } }, 0).form.mode, 'offset');
  assert.deepEqual(M.restore({ v: 1, form: { chosen: [1, -1, 'x', 2.5] } }, 0).form.chosen, [1]);
});
