/**
 * Every change of the reset form: update(model, event) → the next model and the effects to run
 * (messages to post to the host, an element to focus). Pure: no DOM, no clock (events carry `now`), no
 * vscode API; the entry (./main.ts) runs the effects, saves the model and draws it. The answers from
 * the host are handled in ./hostMessages.ts, the events and effects are typed in ./events.ts.
 *
 * Requests: each carries an id made here; `pending` is the one whose answer is awaited (answers to
 * other ids are dropped, so an outdated preview never replaces a newer one). Copy is not pending: it
 * does not block the form.
 */
import type { FormMode, WebviewToHost } from '../protocol';
import type { Effect, Event, Step } from './events';
import { formInput, inputKey, isBusy, localIssues, previewUsable, topicInfo } from './form';
import { onHostMessage } from './hostMessages';
import { valueControlId } from './modes';
import { withDatetimeDefault, type Field, type Model, type Pending } from './model';
import { parseInt64 } from '../core/numbers';

/** A draft of the next model: its own copies of what events change in place. */
type Draft = Model;
const draft = (m: Model): Draft => ({ ...m, form: { ...m.form, values: { ...m.form.values }, several: [...m.form.several], overrides: [...m.form.overrides] }, touched: [...m.touched] });

export function update(model: Model, event: Event): Step {
  const s = draft(model);
  const effects: Effect[] = [];
  handle(s, event, effects);
  // The first topic is preselected once the topics are known.
  if (s.groupInfo && !s.form.topic) {
    const own = s.groupInfo.topics.filter((t) => t.ofGroup);
    s.form.topic = (own[0] ?? s.groupInfo.topics[0])?.topic ?? '';
  }
  return { model: s, effects };
}

function touch(s: Draft, ...fields: Field[]): void {
  for (const f of fields) if (!s.touched.includes(f)) s.touched.push(f);
}

/** Any change of the form: the host's issues were about the old input. */
function changed(s: Draft): void {
  s.hostIssues = [];
}

function nextId(s: Draft, now: number): string {
  s.seq += 1;
  return `${now.toString(36)}-${s.seq.toString(36)}`;
}

/** Post a request; `kind` makes it the awaited one. */
function request(s: Draft, effects: Effect[], message: Extract<WebviewToHost, { requestId: string }>, kind?: Pending['kind'], key?: string): void {
  if (kind) s.pending = { id: message.requestId, kind, ...(key ? { key } : {}) };
  s.error = undefined;
  effects.push({ type: 'post', message });
}

function setChosen(s: Draft, chosen: number[]): void {
  s.form.chosen = [...chosen].sort((a, b) => a - b);
  touch(s, 'partitions');
  rescoped(s);
}

/** The partitions the reset covers changed: targets edited for the old ones no longer apply. */
function rescoped(s: Draft): void {
  s.form.overrides = [];
  s.editing = undefined;
  changed(s);
}

function handle(s: Draft, e: Event, effects: Effect[]): void {
  const f = s.form;
  switch (e.type) {
    case 'start':
      effects.push({ type: 'post', message: { type: 'ready' } });
      return;
    case 'mode':
      f.mode = e.mode;
      if (e.mode !== 'timestamp' && e.mode !== 'seed') f.allowOld = false;
      s.touched = s.touched.filter((t) => t !== 'value');
      s.form = withDatetimeDefault(f, e.now);
      rescoped(s);
      return;
    case 'topic':
      f.scope = 'one';
      f.topic = e.topic;
      f.chosen = [];
      touch(s, 'topic');
      rescoped(s);
      return;
    case 'topicSearch':
      s.topicSearch = e.text;
      return;
    case 'scope':
      f.scope = e.scope;
      // Several topics start from the one shown, so the list is never empty by surprise.
      if (e.scope === 'several' && !f.several.length && f.topic) f.several = [f.topic];
      touch(s, 'topic');
      rescoped(s);
      return;
    case 'toggleTopic': {
      const next = new Set(f.several);
      if (e.on) next.add(e.topic);
      else next.delete(e.topic);
      f.several = [...next].sort();
      touch(s, 'topic');
      rescoped(s);
      return;
    }
    case 'partitions':
      f.partitions = e.which;
      rescoped(s);
      return;
    case 'editTarget': {
      if (isBusy(s)) return;
      const row = s.preview?.rows.find((r) => r.topic === e.topic && r.partition === e.partition);
      if (!row) return;
      s.editing = { topic: e.topic, partition: e.partition, text: row.target };
      effects.push({ type: 'focus', id: 'target-input' });
      return;
    }
    case 'editText':
      if (s.editing) s.editing = { ...s.editing, text: e.text, error: undefined };
      return;
    case 'cancelEdit':
      s.editing = undefined;
      return;
    case 'applyEdit': {
      const ed = s.editing;
      if (!ed || isBusy(s)) return;
      const parsed = parseInt64(ed.text, 'The target');
      if (!parsed.ok) {
        s.editing = { ...ed, error: parsed.error };
        effects.push({ type: 'focus', id: 'target-input' });
        return;
      }
      f.overrides = [...f.overrides.filter((o) => o.topic !== ed.topic || o.partition !== ed.partition), { topic: ed.topic, partition: ed.partition, offset: parsed.value.toString() }];
      s.editing = undefined;
      changed(s);
      // The host plans it (clamped, checked) and the table shows the result: what Reset applies.
      return preview(s, e.now, effects);
    }
    case 'revertTarget':
      if (isBusy(s)) return;
      f.overrides = f.overrides.filter((o) => o.topic !== e.topic || o.partition !== e.partition);
      changed(s);
      return preview(s, e.now, effects);
    case 'togglePartition': {
      const next = new Set(f.chosen);
      if (e.on) next.add(e.partition);
      else next.delete(e.partition);
      setChosen(s, [...next]);
      return;
    }
    case 'chooseAll': {
      const count = topicInfo(s, f.topic)?.partitions ?? 0;
      setChosen(s, e.on ? Array.from({ length: count }, (_, i) => i) : []);
      return;
    }
    case 'value':
      f.values[e.mode] = e.value;
      if (e.mode === 'timestamp') f.allowOld = false;
      changed(s);
      return;
    case 'blur':
      touch(s, e.field);
      return;
    case 'allowOld':
      f.allowOld = e.on;
      changed(s);
      return;
    case 'useSeconds': {
      const v = (f.values.timestamp ?? '').trim();
      if (!/^\d+$/.test(v)) return;
      f.values.timestamp = (BigInt(v) * 1000n).toString();
      f.allowOld = false;
      changed(s);
      effects.push({ type: 'focus', id: 'value' });
      return;
    }
    case 'reloadGroup':
      s.groupLoading = true;
      s.groupError = undefined;
      effects.push({ type: 'post', message: { type: 'reloadGroup', requestId: nextId(s, e.now) } });
      return;
    case 'preview':
      return preview(s, e.now, effects);
    case 'reset': {
      const p = s.preview;
      if (!p || !previewUsable(s) || isBusy(s)) return;
      s.status = { text: 'Waiting for your confirmation in VS Code…', busy: true };
      request(s, effects, { type: 'reset', requestId: nextId(s, e.now), planId: p.planId }, 'reset');
      return;
    }
    case 'undo':
      if (!s.result?.canUndo || isBusy(s)) return;
      s.status = { text: 'Waiting for your confirmation in VS Code…', busy: true };
      request(s, effects, { type: 'undo', requestId: nextId(s, e.now) }, 'undo');
      return;
    case 'copy':
      if (!s.preview) return;
      s.lastCopyId = nextId(s, e.now);
      request(s, effects, { type: 'copyCommand', requestId: s.lastCopyId, planId: s.preview.planId });
      return;
    case 'showOutput':
      effects.push({ type: 'post', message: { type: 'showOutput' } });
      return;
    case 'host':
      onHostMessage(s, e.message, e.now, effects);
      return;
  }
}

/** Preview: check the form first (focus the first field to fix), then ask the host. */
function preview(s: Draft, now: number, effects: Effect[]): void {
  if (isBusy(s)) return;
  touch(s, 'topic', 'partitions', 'value');
  s.hostIssues = [];
  const issues = localIssues(s, now).filter((i) => i.code === 'invalid' || !s.form.allowOld);
  if (issues.length) {
    const first = issues[0].field;
    effects.push({ type: 'focus', id: first === 'topic' ? 'topic' : first === 'partitions' ? 'partitions-some' : valueControlId(s.form.mode) });
    s.status = { text: issues.length === 1 ? 'Fix the highlighted field first.' : `Fix the ${issues.length} highlighted problems first.`, busy: false };
    return;
  }
  const input = formInput(s.form);
  s.status = { text: 'Reading offsets…', busy: true };
  request(s, effects, { type: 'preview', requestId: nextId(s, now), input }, 'preview', inputKey(input));
}
