'use strict';
// "Reset Offset (Form)…": the webview form. The host side is exercised with the typed protocol of
// src/protocol.ts — messages delivered through the panel's own onDidReceiveMessage listeners, i.e.
// through the host's protocol guard, exactly where the webview's messages arrive — and the results are
// checked on the broker with the engine. One test also checks that the real webview script loads in
// the browser and starts the protocol (`ready`).
const assert = require('node:assert/strict');
const vscode = require('vscode');
const s = require('./support');

const VIEW_TYPE = 'kafkaOffsets.resetForm';

describe('Reset Offset (Form): the webview panel', function () {
  this.timeout(180_000);
  let api;
  const topic = s.unique('form-orders');
  const other = s.unique('form-other');
  const key = (t, p) => `${t}:${p}`;
  const initial = () => ({ [key(topic, 0)]: '40', [key(topic, 1)]: '50', [key(topic, 2)]: '60', [key(other, 0)]: '5' });
  let requests = 0;
  const rid = (what) => `${what}-${++requests}`;

  async function fixtureGroup() {
    const group = s.unique('form-group');
    await s.commit(group, [
      { topic, partition: 0, offset: 40 },
      { topic, partition: 1, offset: 50 },
      { topic, partition: 2, offset: 60 },
      { topic: other, partition: 0, offset: 5 },
    ]);
    return group;
  }

  /** Open the form on a group (as from its context menu) and return the panel's record. */
  async function openForm(group, extra = {}) {
    const before = s.webviews.length;
    await s.within(30_000, 'Reset Offset (Form)…', s.cmd('kafkaOffsets.openResetForm', { clusterId: s.CLUSTER_ID, group, ...extra }));
    return s.poll(`a ${VIEW_TYPE} webview panel for ${group}`, () => s.webviews.slice(before).find((w) => w.viewType === VIEW_TYPE && w.panel.title.includes(group)), { timeoutMs: 10_000 });
  }

  /** ready → init + group info, as the webview starts every session. */
  async function start(form) {
    const from = form.posted.length;
    s.deliver(form, { type: 'ready' });
    const init = await s.posted(form, (m) => m.type === 'init', 'init', { from });
    const group = await s.posted(form, (m) => m.type === 'group' || m.type === 'groupError', 'the group info', { from });
    assert.equal(group.type, 'group', `group info, not an error: ${JSON.stringify(group)}`);
    return { init, group: group.info };
  }

  async function preview(form, input) {
    const requestId = rid('preview');
    const from = form.posted.length;
    s.deliver(form, { type: 'preview', requestId, input: { topic, partitions: 'all', mode: 'earliest', value: '', allowOldTimestamp: false, ...input } });
    return s.posted(form, (m) => m.requestId === requestId && ['preview', 'invalid', 'error'].includes(m.type), `the answer to ${requestId}`, { from, timeoutMs: 60_000 });
  }

  async function request(form, message, what) {
    const requestId = rid(message.type);
    const from = form.posted.length;
    s.deliver(form, { ...message, requestId });
    return s.posted(form, (m) => m.requestId === requestId && ['result', 'cancelled', 'error'].includes(m.type), what, { from, timeoutMs: 120_000 });
  }

  before(async function () {
    this.timeout(120_000);
    api = await s.activate();
    await s.createTopics([
      { topic, partitions: 3, messages: 100 },
      { topic: other, partitions: 1, messages: 20 },
    ]);
  });

  after(async () => {
    s.onModal(undefined);
    for (const w of s.webviews) if (!w.disposed) w.panel.dispose();
    await s.closeAll();
    await s.resetSettings();
  });

  afterEach(() => s.onModal(undefined));

  // First in this file, so its webview is the only one loading: code-server serves every webview from
  // one origin, and two webview iframes registering their service workers at the same moment can leave
  // the second one waiting for a controller that never comes (a code-server/VS Code-web race, not the
  // extension's). Later tests open several panels quickly; they only exchange messages with the host.
  it('the real webview script loads under its CSP and starts the protocol with "ready"', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group);
    const state = () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => `${t.label}${t.isActive ? ' (active)' : ''}`));
      return `received: ${JSON.stringify(form.received)}; panel visible=${form.panel.visible} active=${form.panel.active}; tabs: ${tabs.join(', ')}`;
    };
    await s.poll(() => `the webview in the browser to post "ready" (${state()})`, () => form.received.some((m) => m && m.type === 'ready'), { timeoutMs: 30_000 });
    await s.posted(form, (m) => m.type === 'init', 'init (the answer to the real webview\'s ready)');
  });

  it('opens one webview panel per group, with a strict CSP; opening it again reveals the same panel', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group, { topic });
    assert.equal(form.panel.title, `Reset Offsets: ${group}`);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE) && t.label === form.panel.title);
    await s.poll(() => `one webview tab titled "${form.panel.title}" (tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} [${t.input && t.input.constructor.name}${t.input && t.input.viewType ? ` ${t.input.viewType}` : ''}]`).join(', ')})`, () => tabs().length === 1);

    const html = form.panel.webview.html;
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    assert.ok(meta, 'a Content-Security-Policy meta tag');
    const csp = meta[1].replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp);
    assert.ok(nonce, `scripts only with a nonce: ${csp}`);
    assert.ok(html.includes(`nonce="${nonce[1]}"`), 'the script carries that nonce');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // No remote content: the only sources are the webview's own resource origin (webview.cspSource).
    const foreign = csp.split(/[\s;]+/).filter((t) => /^https?:|^\*$|^data:/.test(t) && !form.panel.webview.cspSource.split(/\s+/).includes(t));
    assert.deepEqual(foreign, [], `sources besides ${form.panel.webview.cspSource}`);

    const count = s.webviews.length;
    await s.cmd('kafkaOffsets.openResetForm', { clusterId: s.CLUSTER_ID, group, topic, partition: 1 });
    await s.poll('the existing panel to be revealed', () => form.panel.visible && form.panel.active);
    assert.equal(s.webviews.length, count, 'no second panel for the same group');
    await s.posted(form, (m) => m.type === 'target' && m.topic === topic && m.partition === 1, 'the new target (topic, p1)');
  });

  it('ready → init and the group: cluster, topics with per-partition lag', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group, { topic });
    const { init, group: info } = await start(form);
    assert.deepEqual(init.cluster, { id: s.CLUSTER_ID, name: 'Test', brokers: [s.bootstrap()], protected: false });
    assert.equal(init.group, group);
    assert.deepEqual(init.initial, { topic });
    assert.equal(info.state, 'Empty');
    const t = info.topics.find((x) => x.topic === topic);
    assert.ok(t && t.ofGroup, `topic ${topic} listed as the group's: ${JSON.stringify(info.topics.map((x) => x.topic))}`);
    assert.equal(t.partitions, 3);
    assert.equal(t.lag, '150');
    assert.deepEqual(t.partitionLag.map((p) => [p.partition, p.committed, p.logEnd, p.lag]), [
      [0, '40', '100', '60'],
      [1, '50', '100', '50'],
      [2, '60', '100', '40'],
    ]);
  });

  it('preview then reset of chosen partitions changes exactly those, after the confirmation', async () => {
    const group = await fixtureGroup();
    const bystander = s.unique('form-bystander');
    await s.commit(bystander, [0, 1, 2].map((partition) => ({ topic, partition, offset: 70 })));
    const form = await openForm(group, { topic });
    await start(form);

    const p = await preview(form, { partitions: [0, 2], mode: 'offset', value: '10' });
    assert.equal(p.type, 'preview', JSON.stringify(p));
    assert.deepEqual(p.rows.map((r) => [r.partition, r.committed, r.target, r.lagBefore, r.lagAfter]), [
      [0, '40', '10', '60', '90'],
      [2, '60', '10', '40', '90'],
    ]);
    assert.equal(p.totals.partitions, 2);
    assert.equal(p.totals.lagBefore, '100');
    assert.equal(p.totals.lagAfter, '180');
    assert.equal(p.totals.replayed, '80');
    assert.equal(p.canReset, true);
    // Previewing changed nothing.
    assert.deepEqual(await s.committed(group), initial());

    const modalMark = s.modals.length;
    s.onModal(s.answerWith('Reset Offsets'));
    const r = await request(form, { type: 'reset', planId: p.planId }, 'the reset result');
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.kind, 'reset');
    assert.equal(r.applied, 2);
    assert.deepEqual(r.rows.map((x) => [x.partition, x.outcome, x.readBack]), [
      [0, 'applied', '10'],
      [2, 'applied', '10'],
    ]);
    const asked = s.modalsSince(modalMark);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, `Reset group "${group}" on cluster "Test"?`);

    assert.deepEqual(await s.committed(group), { ...initial(), [key(topic, 0)]: '10', [key(topic, 2)]: '10' });
    const bystanderNow = await s.committed(bystander);
    assert.deepEqual(bystanderNow, { [key(topic, 0)]: '70', [key(topic, 1)]: '70', [key(topic, 2)]: '70' });
  });

  it('the confirmation of chosen partitions names them (not "all")', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group, { topic });
    await start(form);
    const p = await preview(form, { partitions: [0, 2], mode: 'offset', value: '10' });
    const modalMark = s.modals.length;
    s.onModal(() => undefined); // Cancel
    const r = await request(form, { type: 'reset', planId: p.planId }, 'the cancelled reset');
    assert.equal(r.type, 'cancelled');
    assert.deepEqual(await s.committed(group), initial(), 'Cancel changed nothing');
    const [asked] = s.modalsSince(modalMark);
    assert.match(asked.detail, /p0: 40 → 10/);
    assert.match(asked.detail, /p2: 60 → 10/);
    assert.doesNotMatch(asked.detail, /p1: /);
    assert.doesNotMatch(asked.detail, /all 2 partitions/, `2 of the topic's 3 partitions are not "all":\n${asked.detail}`);
    assert.match(asked.detail, new RegExp(`Topic: ${topic} — partitions 0, 2 \\(of 3\\)`), asked.detail);
  });

  it('Undo in the form restores the offsets from before its reset', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group, { topic });
    await start(form);
    const p = await preview(form, { partitions: 'all', mode: 'earliest' });
    s.onModal(s.answerWith('Reset Offsets'));
    const r = await request(form, { type: 'reset', planId: p.planId }, 'the reset result');
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.canUndo, true);
    assert.deepEqual(await s.committed(group), { ...initial(), [key(topic, 0)]: '0', [key(topic, 1)]: '0', [key(topic, 2)]: '0' });

    s.onModal(s.answerWith('Undo Reset'));
    const u = await request(form, { type: 'undo' }, 'the undo result');
    assert.equal(u.type, 'result', JSON.stringify(u));
    assert.equal(u.kind, 'undo');
    assert.equal(u.applied, 3);
    assert.deepEqual(await s.committed(group), initial());
  });

  it('bad input gets the validator\'s sentence; stale plans and forged messages change nothing', async () => {
    const group = await fixtureGroup();
    const form = await openForm(group, { topic });
    await start(form);
    const mark = api.log.recent().length;
    const modalMark = s.modals.length;
    s.onModal(s.answerWith('Reset Offsets')); // would confirm anything that got that far

    const bad = await preview(form, { partitions: 'all', mode: 'offset', value: 'ten' });
    assert.equal(bad.type, 'invalid', JSON.stringify(bad));
    assert.equal(bad.issues[0].field, 'value');
    assert.ok(bad.issues[0].message.length > 0);

    const seconds = await preview(form, { partitions: 'all', mode: 'timestamp', value: '1700000000' });
    assert.equal(seconds.type, 'invalid', JSON.stringify(seconds));
    assert.equal(seconds.issues[0].code, 'looks-like-seconds');

    const stale = await request(form, { type: 'reset', planId: 'never-previewed' }, 'the refusal of an unknown plan');
    assert.equal(stale.type, 'error');
    assert.match(stale.message, /out of date/);

    const posts = form.posted.length;
    s.deliver(form, { type: 'reset', requestId: 'forged-1', planId: 'x', offsets: [{ topic, partition: 0, offset: '0' }] });
    s.deliver(form, { type: 'deleteEverything', requestId: 'forged-2' });
    s.deliver(form, 'reset');
    await s.poll('the guard to log the malformed messages', () => s.logSince(mark).filter((l) => l.includes('ignored a malformed message from the webview')).length >= 3);
    assert.equal(form.posted.slice(posts).filter((m) => m.requestId === 'forged-1' || m.requestId === 'forged-2').length, 0, 'no answer to forged messages');

    assert.equal(s.modalsSince(modalMark).length, 0, 'nothing reached the confirmation');
    assert.deepEqual(await s.committed(group), initial());
  });

  it('a reset of chosen partitions that waits for a consumer to leave still changes only those', async () => {
    const group = s.unique('form-members');
    const consumer = await s.startConsumer({ group, topic, sessionTimeoutMs: 3000 });
    const form = await openForm(group, { topic });
    await start(form);
    const before = await s.committed(group);
    const p = await preview(form, { partitions: [0, 2], mode: 'earliest' });
    assert.equal(p.type, 'preview', JSON.stringify(p));
    assert.deepEqual(p.rows.map((r) => r.partition), [0, 2]);

    const modalMark = s.modals.length;
    s.onModal(async (message) => {
      if (/still has 1 member/.test(message)) {
        await consumer.kill(); // stays a member until its 3 s session timeout
        return 'Wait until empty';
      }
      if (/^Reset group /.test(message)) return 'Reset Offsets';
      return undefined;
    });
    const r = await request(form, { type: 'reset', planId: p.planId }, 'the reset after waiting');
    const asked = s.modalsSince(modalMark);
    assert.deepEqual(asked.map((m) => m.answer), ['Wait until empty', 'Reset Offsets'], asked.map((m) => m.message).join(' / '));
    assert.doesNotMatch(asked[1].detail, /p1: /, `the confirmation after the wait is about p0 and p2 only:\n${asked[1].detail}`);
    assert.match(asked[1].detail, /partitions 0, 2 \(of 3\)/, asked[1].detail);
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.deepEqual(r.rows.map((x) => x.partition), [0, 2], 'the applied partitions');
    const now = await s.committed(group);
    assert.equal(now[key(topic, 0)], '0');
    assert.equal(now[key(topic, 2)], '0');
    // p1 is only ever committed by the consumer itself (its position, the log end), never to earliest.
    assert.notEqual(now[key(topic, 1)], '0', `p1 untouched by the reset (it was ${before[key(topic, 1)]}, now ${now[key(topic, 1)]})`);
  });
});
