/**
 * The reset form, inside the webview (browser). Plain DOM, no framework.
 *
 * It collects the input, checks it as the user types with the core's own validator (the same
 * sentences as the CLI and the quick picks: src/core/validate is pure and bundled in here), asks the
 * extension host for a preview, and shows the plan and then the result. It never decides anything that
 * matters: the host re-validates every request, reads the offsets, keeps the plan and applies it only
 * after VS Code's own confirmation dialog. Messages: src/protocol.ts.
 *
 * State: the form, the last preview and the last result are kept with setState(), so hiding and
 * showing the panel (which reloads this script) loses nothing. On each load the script says `ready`;
 * the host's `init` says whether the saved preview can still be applied.
 *
 * Stable element ids (for the extension-host tests): #mode, #topic, #partitions-all, #partitions-some,
 * #partition-<n>, #value, #value-datetime, #value-seed, #allow-old, #preview-button, #reset-button,
 * #undo-button, #preview-table, #result-table, #status, #error.
 */
import type {
  ClusterInfo,
  FormInput,
  FormMode,
  GroupInfo,
  HostToWebview,
  PlanRowView,
  SavedPanelTarget,
  ResultRowView,
  TopicInfo,
  ValidationIssueView,
  WebviewToHost,
} from '../protocol';
import { parseSeedRequest, validateModeValue, validateResetInput, validateTopicName, type ResetMode, type ValidationIssue } from '../core/validate';
import { h, fill, icon, byId } from './dom';
import { localToIso, toLocalInput, zoneLabel } from './datetime';
import { count, plural, duration } from './format';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const api = acquireVsCodeApi();

type Preview = Extract<HostToWebview, { type: 'preview' }>;
type Result = Extract<HostToWebview, { type: 'result' }>;
type Field = ValidationIssueView['field'];

// ---------------------------------------------------------------------------------------------
// Modes

interface ModeInfo {
  mode: FormMode;
  label: string;
  /** Label of the value field; none = the mode takes no value. */
  valueLabel?: string;
  hint: string;
  placeholder?: string;
  numeric?: boolean;
}

const MODES: ModeInfo[] = [
  { mode: 'offset', label: 'Offset', valueLabel: 'Offset', hint: 'A message offset (a decimal whole number). Clamped to each partition’s log start and log end.', placeholder: '42', numeric: true },
  { mode: 'timestamp', label: 'Timestamp (ms)', valueLabel: 'Timestamp in milliseconds', hint: 'Unix time in milliseconds (13 digits today): the first offset at or after it.', placeholder: '1700000000000', numeric: true },
  { mode: 'datetime', label: 'Date and time', valueLabel: 'Date and time', hint: 'The first offset at or after this moment, read in your time zone.' },
  { mode: 'duration', label: 'Duration back from now', valueLabel: 'Duration (ISO-8601)', hint: 'How far back from now, e.g. PT30M (30 minutes), PT2H, P1DT12H.', placeholder: 'PT30M' },
  { mode: 'earliest', label: 'Earliest (log start)', hint: 'Replay everything still in the log.' },
  { mode: 'latest', label: 'Latest (log end)', hint: 'Skip everything: the lag becomes 0.' },
  { mode: 'shiftBy', label: 'Shift by', valueLabel: 'Messages to shift by', hint: 'Moves each committed offset by n: negative replays, positive skips.', placeholder: '-100', numeric: true },
  {
    mode: 'seed',
    label: 'Paste a request (JSON)',
    valueLabel: 'Request (JSON)',
    hint: 'The reset API’s JSON body as is: topic, partition (-1 or absent = all) and exactly one of message_offset and timestamp (ms).',
    placeholder: '{"topic":"orders","partition":0,"message_offset":10}',
  },
];
const modeInfo = (mode: FormMode): ModeInfo => MODES.find((m) => m.mode === mode) ?? MODES[0];

// ---------------------------------------------------------------------------------------------
// State

interface FormState {
  topic: string;
  partitions: 'all' | 'some';
  chosen: number[];
  mode: FormMode;
  /** What was typed, per mode (switching modes keeps each value). datetime: the picker's local value. */
  values: Partial<Record<FormMode, string>>;
  allowOld: boolean;
}

interface Pending {
  id: string;
  kind: 'preview' | 'reset' | 'undo';
  /** preview: the input it was asked for. */
  key?: string;
}

interface Saved {
  v: 1;
  form: FormState;
  preview?: Preview;
  /** The input the preview was made from: when the form no longer matches, Reset is disabled. */
  previewKey?: string;
  /** The host no longer holds this preview's plan (e.g. VS Code was reloaded). */
  previewStale?: boolean;
  result?: Result;
  pending?: Pending;
  /** Which form this is: read by the host to restore the panel after VS Code reloads. */
  target?: SavedPanelTarget;
}

const MODE_SET = new Set<string>(MODES.map((m) => m.mode));

function loadState(): Saved {
  const fresh: Saved = { v: 1, form: { topic: '', partitions: 'all', chosen: [], mode: 'offset', values: {}, allowOld: false } };
  const s = api.getState() as Partial<Saved> | undefined;
  if (!s || s.v !== 1 || typeof s.form !== 'object' || s.form === null) return fresh;
  const f = s.form as Partial<FormState>;
  const form: FormState = {
    topic: typeof f.topic === 'string' ? f.topic : '',
    partitions: f.partitions === 'some' ? 'some' : 'all',
    chosen: Array.isArray(f.chosen) ? f.chosen.filter((n) => Number.isInteger(n) && n >= 0) : [],
    mode: typeof f.mode === 'string' && MODE_SET.has(f.mode) ? f.mode : 'offset',
    values: typeof f.values === 'object' && f.values !== null ? f.values : {},
    allowOld: f.allowOld === true,
  };
  return { ...s, v: 1, form } as Saved;
}

const state: Saved = loadState();
let firstLoad = api.getState() === undefined;
const save = (): void => api.setState(state);

/** What the host told us (not saved: `init` and `group` arrive on every load). */
let cluster: ClusterInfo | undefined;
let group = '';
let groupInfo: GroupInfo | undefined;
let groupError: string | undefined;
let groupLoading = true;
let hostBusy = false;
/** Issues the host returned for the last preview request, by field. */
let hostIssues: ValidationIssueView[] = [];
/** Fields the user has left or submitted: only these show "required"-style messages. */
const touched = new Set<Field>();

/** A preview request lost while the webview was unloaded, whose answer the host replays. */
let recovered: { planId: string; key?: string } | undefined;
/** The last Copy request (not tracked as pending: it does not block the form). */
let lastCopyId: string | undefined;

let seq = 0;
const newId = (): string => `${Date.now().toString(36)}-${(++seq).toString(36)}`;
const send = (m: WebviewToHost): void => api.postMessage(m);

// ---------------------------------------------------------------------------------------------
// The form's input

function currentValue(): { value: string; error?: string } {
  const f = state.form;
  if (f.mode === 'earliest' || f.mode === 'latest') return { value: '' };
  const raw = f.values[f.mode] ?? '';
  if (f.mode !== 'datetime') return { value: raw };
  if (!raw) return { value: '', error: 'Pick a date and a time.' };
  const c = localToIso(raw);
  return c.ok ? { value: c.iso } : { value: '', error: c.error };
}

function formInput(): FormInput {
  const f = state.form;
  return {
    topic: f.mode === 'seed' ? '' : f.topic,
    partitions: f.mode === 'seed' || f.partitions === 'all' ? 'all' : [...f.chosen].sort((a, b) => a - b),
    mode: f.mode,
    value: currentValue().value,
    allowOldTimestamp: f.allowOld,
  };
}

const inputKey = (i: FormInput): string => JSON.stringify(i);

const topicInfo = (topic: string): TopicInfo | undefined => groupInfo?.topics.find((t) => t.topic === topic);

/** The core's checks, run as the user types (the host runs them again on Preview). */
function localIssues(): ValidationIssueView[] {
  const f = state.form;
  const issues: ValidationIssueView[] = [];
  const view = (i: ValidationIssue, field: Field = i.field === 'partition' ? 'partitions' : i.field): ValidationIssueView => ({ field, message: i.message, code: i.code ?? 'invalid' });
  if (f.mode === 'seed') {
    const raw = f.values.seed ?? '';
    if (!raw.trim()) return [{ field: 'value', message: 'Paste a request like {"topic":"orders","partition":0,"message_offset":10}.', code: 'invalid' }];
    const seed = parseSeedRequest(raw, group || 'group');
    if (!seed.ok) return [{ field: 'value', message: seed.error, code: 'invalid' }];
    const v = validateResetInput({ ...seed.input, allowOldTimestamp: f.allowOld });
    // In the pasted request everything is "the value": that is where the user fixes it.
    if (!v.ok) return v.issues.filter((i) => i.field !== 'group').map((i) => view(i, 'value'));
    const t = typeof seed.input.topic === 'string' ? seed.input.topic : '';
    if (groupInfo && !topicInfo(t)) issues.push({ field: 'value', message: `Topic "${t}" does not exist on this cluster.`, code: 'invalid' });
    return issues;
  }
  const topicErr = validateTopicName(f.topic);
  if (topicErr) issues.push({ field: 'topic', message: f.topic ? topicErr : 'Choose a topic.', code: 'invalid' });
  else if (groupInfo && !topicInfo(f.topic)) issues.push({ field: 'topic', message: `Topic "${f.topic}" does not exist on this cluster.`, code: 'invalid' });
  if (f.partitions === 'some' && f.chosen.length === 0) issues.push({ field: 'partitions', message: 'Choose at least one partition, or "All partitions".', code: 'invalid' });
  if (f.mode !== 'earliest' && f.mode !== 'latest') {
    const v = currentValue();
    if (v.error) issues.push({ field: 'value', message: v.error, code: 'invalid' });
    else {
      const r = validateModeValue(f.mode as ResetMode, v.value, Date.now(), f.allowOld, group || undefined);
      if (r.issue) issues.push(view(r.issue, 'value'));
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The page

const root = byId('app');
root.removeAttribute('aria-busy');

const ui = {
  title: h('h1', {}, 'Reset offsets'),
  where: h('p', { class: 'where' }),
  groupState: h('p', { id: 'group-state', class: 'group-state', attrs: { 'aria-live': 'polite' } }),
  reload: h('button', { id: 'reload-button', class: 'secondary icon-button', attrs: { type: 'button', title: 'Read the group’s topics, lag and members again' } }, icon('refresh'), 'Reload'),
  formMsg: h('div', { id: 'form-msg', class: 'msg', attrs: { 'aria-live': 'polite' } }),

  mode: h('select', { id: 'mode', attrs: { 'aria-describedby': 'mode-hint' } }),
  modeHint: h('p', { id: 'mode-hint', class: 'hint' }),

  targetFieldset: h('fieldset', { id: 'target-fieldset', class: 'group' }),
  seedNote: h('p', { id: 'seed-note', class: 'hint', attrs: { hidden: true } }, 'The topic and partition come from the pasted request.'),
  topic: h('select', { id: 'topic', attrs: { 'aria-describedby': 'topic-hint topic-msg' } }),
  topicHint: h('p', { id: 'topic-hint', class: 'hint' }),
  topicMsg: h('div', { id: 'topic-msg', class: 'msg', attrs: { 'aria-live': 'polite' } }),

  partsAll: h('input', { id: 'partitions-all', attrs: { type: 'radio', name: 'partitions', value: 'all' } }),
  partsAllLabel: h('label', { attrs: { for: 'partitions-all' } }, 'All partitions'),
  partsSome: h('input', { id: 'partitions-some', attrs: { type: 'radio', name: 'partitions', value: 'some' } }),
  partsSomeLabel: h('label', { attrs: { for: 'partitions-some' } }, 'Chosen partitions'),
  partsList: h('fieldset', { id: 'partition-list', class: 'partition-list' }),
  partsMsg: h('div', { id: 'partitions-msg', class: 'msg', attrs: { 'aria-live': 'polite' } }),

  valueRow: h('div', { id: 'value-row', class: 'field' }),
  valueLabel: h('label', { id: 'value-label', attrs: { for: 'value' } }),
  value: h('input', { id: 'value', attrs: { type: 'text', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'value-hint value-msg' } }),
  valueDt: h('input', { id: 'value-datetime', attrs: { type: 'datetime-local', step: '1', 'aria-describedby': 'value-zone value-hint value-msg' } }),
  zone: h('span', { id: 'value-zone', class: 'zone' }),
  valueSeed: h('textarea', { id: 'value-seed', attrs: { rows: 4, spellcheck: 'false', 'aria-describedby': 'value-hint value-msg' } }),
  valueHint: h('p', { id: 'value-hint', class: 'hint' }),
  valueMsg: h('div', { id: 'value-msg', class: 'msg', attrs: { 'aria-live': 'polite' } }),
  secondsBox: h('div', { id: 'seconds-choice', class: 'seconds-choice', attrs: { hidden: true } }),
  allowOld: h('input', { id: 'allow-old', attrs: { type: 'checkbox' } }),

  previewButton: h('button', { id: 'preview-button', class: 'primary', attrs: { type: 'submit' } }, icon('eye'), 'Preview'),

  status: h('div', { id: 'status', class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } }),
  error: h('div', { id: 'error', class: 'error-box', attrs: { role: 'alert', hidden: true } }),

  previewSection: h('section', { id: 'preview', attrs: { 'aria-labelledby': 'preview-heading', hidden: true } }),
  resultSection: h('section', { id: 'result', attrs: { 'aria-labelledby': 'result-heading', hidden: true } }),
};

const form = h(
  'form',
  { id: 'reset-form', attrs: { novalidate: true, 'aria-labelledby': 'form-heading' } },
  h('h2', { id: 'form-heading', class: 'visually-hidden' }, 'Reset request'),
  ui.formMsg,
  h('div', { class: 'field' }, h('label', { attrs: { for: 'mode' } }, 'Reset to'), ui.mode, ui.modeHint),
  ui.targetFieldset,
  ui.valueRow,
  h('div', { class: 'actions' }, ui.previewButton),
);

fill(
  ui.targetFieldset,
  h('legend', { class: 'visually-hidden' }, 'Topic and partitions'),
  ui.seedNote,
  h('div', { class: 'field' }, h('label', { attrs: { for: 'topic' } }, 'Topic'), ui.topic, ui.topicHint, ui.topicMsg),
  h(
    'fieldset',
    { class: 'field partitions', attrs: { 'aria-describedby': 'partitions-msg' } },
    h('legend', {}, 'Partitions'),
    h('div', { class: 'radio' }, ui.partsAll, ui.partsAllLabel),
    h('div', { class: 'radio' }, ui.partsSome, ui.partsSomeLabel),
    ui.partsList,
    ui.partsMsg,
  ),
);

const useSeconds = h('button', { id: 'use-seconds', class: 'secondary', attrs: { type: 'button' }, on: { click: useAsSeconds } }, 'Use as seconds (× 1000)');
fill(
  ui.secondsBox,
  h('p', {}, icon('warning'), ' This number is before 1973 as milliseconds: it looks like seconds.'),
  h(
    'div',
    { class: 'choice-row' },
    useSeconds,
    h('span', { class: 'checkbox' }, ui.allowOld, h('label', { attrs: { for: 'allow-old' } }, 'It really is milliseconds')),
  ),
);

fill(
  root,
  h('header', {}, ui.title, ui.where, h('div', { class: 'group-line' }, ui.groupState, ui.reload)),
  form,
  ui.status,
  ui.error,
  ui.previewSection,
  ui.resultSection,
);

for (const m of MODES) ui.mode.appendChild(h('option', { attrs: { value: m.mode } }, m.label));

// ---------------------------------------------------------------------------------------------
// Rendering

function renderHeader(): void {
  if (cluster) {
    fill(
      ui.where,
      'Group ',
      h('strong', { class: 'mono' }, group),
      ' on ',
      h('strong', {}, cluster.name),
      h('span', { class: 'muted' }, ` (${cluster.brokers.join(', ')})`),
      cluster.protected ? h('span', { class: 'badge' }, icon('lock'), 'protected: you will type the group id to confirm') : null,
    );
  }
  if (groupLoading && !groupInfo) fill(ui.groupState, icon('loading', 'codicon-modifier-spin'), ' Reading the group…');
  else if (groupError) fill(ui.groupState, icon('error', 'error-fg'), ` ${groupError}`);
  else if (groupInfo) {
    const members = groupInfo.members;
    const empty = members.length === 0 && (groupInfo.state === 'Empty' || groupInfo.state === 'Dead');
    fill(
      ui.groupState,
      icon(empty ? 'circle-large-outline' : 'warning', empty ? '' : 'warning-fg'),
      ` ${groupInfo.state === 'Dead' ? 'No such group yet (Dead)' : groupInfo.state}`,
      members.length ? ` · ${plural(members.length, 'member')}: ${members.slice(0, 4).map((m) => `${m.clientId} (${m.host})`).join(', ')}${members.length > 4 ? ', …' : ''}` : '',
      !empty ? h('span', { class: 'muted' }, ' — stop its consumers before resetting') : null,
    );
  }
  (ui.reload as HTMLButtonElement).disabled = groupLoading;
}

function renderTopics(): void {
  const f = state.form;
  const select = ui.topic as HTMLSelectElement;
  select.replaceChildren();
  if (!groupInfo) {
    select.appendChild(h('option', { attrs: { value: f.topic } }, f.topic || (groupLoading ? 'Loading topics…' : 'No topics')));
    select.value = f.topic;
  } else {
    const own = groupInfo.topics.filter((t) => t.ofGroup);
    const others = groupInfo.topics.filter((t) => !t.ofGroup);
    if (!f.topic) f.topic = (own[0] ?? others[0])?.topic ?? '';
    const opt = (t: TopicInfo) => h('option', { attrs: { value: t.topic } }, t.ofGroup ? `${t.topic} — lag ${count(t.lag, '0')}` : t.topic);
    if (own.length) select.appendChild(h('optgroup', { attrs: { label: 'Topics of this group' } }, ...own.map(opt)));
    if (others.length) select.appendChild(h('optgroup', { attrs: { label: 'Other topics' } }, ...others.map(opt)));
    if (f.topic && !topicInfo(f.topic)) select.appendChild(h('option', { attrs: { value: f.topic } }, `${f.topic} (not found)`));
    if (!groupInfo.topics.length && !f.topic) select.appendChild(h('option', { attrs: { value: '' } }, 'This cluster has no topics'));
    select.value = f.topic;
  }
  const t = topicInfo(f.topic);
  fill(
    ui.topicHint,
    t
      ? t.ofGroup
        ? `${plural(t.partitions, 'partition')} · lag ${count(t.lag, '0')}`
        : `${plural(t.partitions, 'partition')} · the group has no offsets on this topic yet`
      : '',
  );
  renderPartitions();
}

function renderPartitions(): void {
  const f = state.form;
  const t = topicInfo(f.topic);
  (ui.partsAll as HTMLInputElement).checked = f.partitions === 'all';
  (ui.partsSome as HTMLInputElement).checked = f.partitions === 'some';
  fill(ui.partsAllLabel, t ? `All partitions (${count(String(t.partitions))})` : 'All partitions');
  ui.partsList.hidden = f.partitions !== 'some';
  if (f.partitions !== 'some') return;
  const list = ui.partsList;
  list.replaceChildren(h('legend', { class: 'visually-hidden' }, `Partitions of ${f.topic}`));
  if (!t) {
    list.appendChild(h('p', { class: 'hint' }, groupInfo ? 'Choose an existing topic first.' : 'Partitions appear when the topics are read.'));
    return;
  }
  const lagBy = new Map(t.partitionLag.map((p) => [p.partition, p]));
  const chosen = new Set(f.chosen);
  const tools = h(
    'div',
    { class: 'choice-row' },
    h('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => setChosen(Array.from({ length: t.partitions }, (_, i) => i)) } }, 'Select all'),
    h('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => setChosen([]) } }, 'Select none'),
  );
  const grid = h('div', { class: 'partition-grid' });
  for (let p = 0; p < t.partitions; p++) {
    const info = lagBy.get(p);
    const box = h('input', { id: `partition-${p}`, attrs: { type: 'checkbox', value: p, checked: chosen.has(p) } });
    box.addEventListener('change', () => {
      const next = new Set(state.form.chosen);
      if (box.checked) next.add(p);
      else next.delete(p);
      setChosen([...next].sort((a, b) => a - b), false);
    });
    const detail = info ? (info.committed === null ? 'no commit' : `lag ${count(info.lag)}`) : '';
    grid.appendChild(
      h(
        'span',
        { class: 'checkbox' },
        box,
        h('label', { attrs: { for: `partition-${p}`, title: info?.owner ? `assigned to ${info.owner}` : '' } }, `p${p}`, detail ? h('span', { class: 'muted' }, ` · ${detail}`) : null),
      ),
    );
  }
  list.append(tools, grid);
}

function setChosen(chosen: number[], rerender = true): void {
  state.form.chosen = chosen;
  touched.add('partitions');
  changed();
  if (rerender) renderPartitions();
}

function renderMode(): void {
  const f = state.form;
  const info = modeInfo(f.mode);
  (ui.mode as HTMLSelectElement).value = f.mode;
  fill(ui.modeHint, info.hint);
  const seed = f.mode === 'seed';
  (ui.targetFieldset as HTMLFieldSetElement).disabled = seed;
  ui.seedNote.hidden = !seed;

  const row = ui.valueRow;
  row.hidden = !info.valueLabel;
  if (!info.valueLabel) {
    row.replaceChildren();
    return;
  }
  fill(ui.valueLabel, info.valueLabel);
  let control: HTMLElement;
  if (f.mode === 'datetime') {
    const input = ui.valueDt as HTMLInputElement;
    if (!f.values.datetime) f.values.datetime = toLocalInput(Date.now() - 3600_000);
    input.value = f.values.datetime;
    ui.valueLabel.setAttribute('for', 'value-datetime');
    control = h('div', { class: 'inline' }, input, ui.zone);
  } else if (seed) {
    const ta = ui.valueSeed as HTMLTextAreaElement;
    ta.value = f.values.seed ?? '';
    ta.placeholder = info.placeholder ?? '';
    ui.valueLabel.setAttribute('for', 'value-seed');
    control = ta;
  } else {
    const input = ui.value as HTMLInputElement;
    input.value = f.values[f.mode] ?? '';
    input.placeholder = info.placeholder ?? '';
    input.inputMode = info.numeric ? 'numeric' : 'text';
    ui.valueLabel.setAttribute('for', 'value');
    control = input;
  }
  fill(ui.valueHint, info.hint);
  fill(row, ui.valueLabel, control, ui.valueHint, ui.valueMsg, ui.secondsBox);
}

/** Inline messages and what the value resolves to. */
function renderMessages(): void {
  const f = state.form;
  const local = localIssues();
  // The host's issues count until the user edits the field; local ones replace them then.
  const all = [...local, ...hostIssues.filter((hi) => !local.some((li) => li.field === hi.field))];
  // "Required"-style messages wait until the field was left or submitted; a wrong value shows as it is typed.
  const typed = f.mode !== 'earliest' && f.mode !== 'latest' && (f.values[f.mode] ?? '').trim() !== '';
  const show = (field: Field) =>
    all.filter((i) => i.field === field && (touched.has(field) || (field === 'value' && typed) || i.code === 'looks-like-seconds' || hostIssues.includes(i)));
  const put = (el: HTMLElement, field: Field, control?: HTMLElement | null) => {
    const list = show(field);
    fill(el, ...list.map((i) => h('p', { class: i.code === 'looks-like-seconds' ? 'warning' : 'invalid' }, icon(i.code === 'looks-like-seconds' ? 'warning' : 'error'), ` ${i.message}`)));
    if (control) {
      if (list.some((i) => i.code !== 'looks-like-seconds')) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  };
  put(ui.formMsg, 'group');
  put(ui.topicMsg, 'topic', ui.topic);
  put(ui.partsMsg, 'partitions');
  const valueControl = f.mode === 'datetime' ? ui.valueDt : f.mode === 'seed' ? ui.valueSeed : ui.value;
  put(ui.valueMsg, 'value', valueControl);

  const seconds = all.some((i) => i.code === 'looks-like-seconds') || (f.allowOld && (f.mode === 'timestamp' || f.mode === 'seed'));
  ui.secondsBox.hidden = !seconds;
  (ui.allowOld as HTMLInputElement).checked = f.allowOld;
  useSeconds.hidden = f.mode !== 'timestamp';

  // What a date-time or timestamp means, so a wrong zone or unit shows before the preview.
  if (f.mode === 'datetime') {
    const c = f.values.datetime ? localToIso(f.values.datetime) : undefined;
    fill(ui.zone, zoneLabel(c?.ok ? c.ms : Date.now()));
    if (c?.ok && !show('value').length)
      ui.valueMsg.appendChild(
        h('p', { class: 'info' }, `= ${c.iso} = ${new Date(c.ms).toISOString()}`, c.shiftedTo ? ` (that time does not exist on that day in your zone — clocks moved forward; ${c.shiftedTo} is used)` : ''),
      );
  } else if (f.mode === 'timestamp' || f.mode === 'duration') {
    const r = validateModeValue(f.mode, currentValue().value, Date.now(), true);
    const at = r.spec?.kind === 'timestamp' ? r.spec.timestamp : r.spec?.kind === 'duration' ? Date.now() - r.spec.ms : undefined;
    if (at !== undefined && !show('value').some((i) => i.code === 'invalid')) ui.valueMsg.appendChild(h('p', { class: 'info' }, `= ${new Date(at).toISOString()} (${new Date(at).toLocaleString()} your time)`));
  }
}

function previewUsable(): boolean {
  const p = state.preview;
  return !!p && !state.previewStale && p.canReset && state.previewKey === inputKey(formInput());
}

function renderButtons(): void {
  const busy = !!state.pending || hostBusy;
  (ui.previewButton as HTMLButtonElement).disabled = busy;
  const reset = document.getElementById('reset-button') as HTMLButtonElement | null;
  if (reset) reset.disabled = busy || !previewUsable();
  const note = document.getElementById('preview-note');
  if (note && state.preview) {
    const why = state.previewStale
      ? 'This preview is no longer held by VS Code: press Preview again to reset.'
      : state.previewKey !== inputKey(formInput())
        ? 'The form changed since this preview: press Preview again to reset.'
        : !state.preview.canReset
          ? 'Some partitions cannot be reset: change the request.'
          : '';
    fill(note, why ? h('span', {}, icon('info'), ` ${why}`) : '');
  }
  const undo = document.getElementById('undo-button') as HTMLButtonElement | null;
  if (undo) undo.disabled = busy || !state.result?.canUndo;
}

function numCell(text: string, cls = ''): HTMLTableCellElement {
  return h('td', { class: `num${cls ? ` ${cls}` : ''}` }, text);
}

function planRow(r: PlanRowView): HTMLTableRowElement {
  const note = r.error
    ? h('span', { class: 'invalid' }, icon('error'), ` ${r.error}`)
    : r.clamped === 'earliest'
      ? h('span', { class: 'clamped', attrs: { title: 'The requested offset is before the log start' } }, icon('arrow-left'), ' clamped to log start')
      : r.clamped === 'latest'
        ? h('span', { class: 'clamped', attrs: { title: 'The requested offset is after the log end' } }, icon('arrow-right'), ' clamped to log end')
        : '';
  const target = h('td', { class: 'num strong' }, count(r.target));
  if (r.clamped) target.appendChild(h('span', { class: 'clamp-mark', attrs: { title: `clamped to log ${r.clamped === 'earliest' ? 'start' : 'end'}`, 'aria-label': `clamped to log ${r.clamped === 'earliest' ? 'start' : 'end'}` } }, '*'));
  return h(
    'tr',
    { attrs: { 'data-partition': r.partition } },
    h('th', { attrs: { scope: 'row' } }, `p${r.partition}`),
    numCell(count(r.committed, 'none'), r.committed === null ? 'muted' : ''),
    numCell(count(r.logStart)),
    numCell(count(r.logEnd)),
    target,
    numCell(`${count(r.lagBefore, 'none')} → ${count(r.lagAfter)}`),
    h('td', {}, note),
  );
}

function renderPreview(focus = false): void {
  const p = state.preview;
  const s = ui.previewSection;
  s.hidden = !p;
  if (!p) return s.replaceChildren();
  const heading = h('h2', { id: 'preview-heading', attrs: { tabindex: -1 } }, 'Preview');
  const table = h(
    'table',
    { id: 'preview-table' },
    h('caption', { class: 'visually-hidden' }, `Plan: ${p.summary}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Partition', 'Committed', 'Log start', 'Log end', 'Target', 'Lag before → after', 'Note'].map((c, i) => h('th', { class: i > 0 && i < 6 ? 'num' : '', attrs: { scope: 'col' } }, c)),
      ),
    ),
    h('tbody', {}, ...p.rows.map(planRow)),
  );
  const t = p.totals;
  const totals = h(
    'dl',
    { class: 'totals' },
    h('dt', {}, 'Messages replayed'),
    h('dd', { id: 'total-replayed' }, count(t.replayed)),
    h('dt', {}, 'Messages skipped'),
    h('dd', { id: 'total-skipped' }, count(t.skipped)),
    h('dt', {}, 'Lag'),
    h('dd', {}, `${count(t.lagBefore)} → ${count(t.lagAfter)}`),
    t.noCommit ? h('dt', {}, 'Without a commit') : null,
    t.noCommit ? h('dd', {}, plural(t.noCommit, 'partition')) : null,
  );
  const copy = h('button', { id: 'copy-button', class: 'secondary', attrs: { type: 'button' }, on: { click: () => {
    lastCopyId = newId();
    request({ type: 'copyCommand', requestId: lastCopyId, planId: p.planId });
  } } }, icon('copy'), 'Copy');
  fill(
    s,
    heading,
    h('p', { class: 'summary' }, h('strong', {}, p.description), h('br'), p.summary),
    p.resolvedTimestamp ? h('p', { class: 'hint' }, `Searched for the first message at or after ${p.resolvedTimestamp} (${new Date(p.resolvedTimestamp).toLocaleString()} your time).`) : null,
    p.warnings.length ? h('ul', { class: 'warnings' }, ...p.warnings.map((w) => h('li', {}, icon('warning'), ` ${w}`))) : null,
    h('div', { class: 'table-wrap' }, table),
    totals,
    h('details', { class: 'command' }, h('summary', {}, 'Equivalent kafka-consumer-groups command (dry run)'), h('pre', {}, h('code', {}, p.command)), copy),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { id: 'reset-button', class: 'primary', attrs: { type: 'button' }, on: { click: doReset } },
        icon('discard'),
        `Reset ${plural(p.totals.partitions, 'partition')}…`,
      ),
      h('span', { class: 'hint' }, 'VS Code asks you to confirm. The current offsets are saved first, so the reset can be undone.'),
    ),
    h('p', { id: 'preview-note', class: 'hint' }),
  );
  renderButtons();
  if (focus) heading.focus();
}

function resultRow(r: ResultRowView): HTMLTableRowElement {
  const status =
    r.outcome === 'applied'
      ? h('span', { class: 'applied' }, icon('pass-filled'), ' applied')
      : r.outcome === 'failed'
        ? h('span', { class: 'invalid' }, icon('error'), ' failed')
        : h('span', { class: 'warning' }, icon('question'), ' unknown');
  return h(
    'tr',
    { attrs: { 'data-partition': r.partition, 'data-outcome': r.outcome } },
    h('th', { attrs: { scope: 'row' } }, `p${r.partition}`),
    numCell(count(r.committed, 'none')),
    numCell(r.deleted ? 'none (deleted)' : count(r.target)),
    numCell(count(r.readBack, 'none')),
    h('td', {}, status),
    h('td', {}, r.reason ?? ''),
  );
}

function renderResult(focus = false): void {
  const r = state.result;
  const s = ui.resultSection;
  s.hidden = !r;
  if (!r) return s.replaceChildren();
  const heading = h('h2', { id: 'result-heading', attrs: { tabindex: -1 } }, r.kind === 'undo' ? 'Undo result' : 'Result');
  const ok = r.failed + r.unknown === 0;
  fill(
    s,
    heading,
    h(
      'p',
      { class: ok ? 'applied' : 'invalid' },
      icon(ok ? 'pass-filled' : 'error'),
      ok
        ? ` ${r.kind === 'undo' ? 'Restored' : 'Reset'} ${plural(r.applied, 'partition')} in ${duration(r.durationMs)}.`
        : ` ${r.failed + r.unknown} of ${plural(r.rows.length, 'partition')} not confirmed: ${r.applied} applied, ${r.failed} failed, ${r.unknown} unknown.`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'result-table' },
        h('caption', { class: 'visually-hidden' }, 'Outcome per partition'),
        h('thead', {}, h('tr', {}, ...['Partition', 'Before', 'Target', 'Read back', 'Status', 'Note'].map((c, i) => h('th', { class: i > 0 && i < 4 ? 'num' : '', attrs: { scope: 'col' } }, c)))),
        h('tbody', {}, ...r.rows.map(resultRow)),
      ),
    ),
    h('p', { class: 'hint' }, `The previous offsets were saved as ${r.snapshotName}.`),
    h(
      'div',
      { class: 'actions' },
      r.kind === 'reset' ? h('button', { id: 'undo-button', class: 'secondary', attrs: { type: 'button' }, on: { click: doUndo } }, icon('history'), 'Undo this reset…') : null,
      h('button', { id: 'output-button', class: 'secondary', attrs: { type: 'button' }, on: { click: () => send({ type: 'showOutput' }) } }, icon('output'), 'Show output'),
    ),
  );
  renderButtons();
  if (focus) heading.focus();
}

function setStatus(text: string, busy = false): void {
  fill(ui.status, text ? h('span', {}, busy ? icon('loading', 'codicon-modifier-spin') : null, busy ? ' ' : '', text) : '');
}

function setError(text: string | undefined): void {
  ui.error.hidden = !text;
  fill(ui.error, text ? h('p', {}, icon('error'), ` ${text}`) : '', text ? h('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => send({ type: 'showOutput' }) } }, 'Show output') : '');
}

function renderAll(): void {
  renderHeader();
  renderMode();
  renderTopics();
  renderMessages();
  renderPreview();
  renderResult();
  renderButtons();
}

// ---------------------------------------------------------------------------------------------
// Events

/** Any change of the form: save, re-check, and let the Reset button follow. */
function changed(): void {
  hostIssues = [];
  save();
  renderMessages();
  renderButtons();
}

ui.mode.addEventListener('change', () => {
  state.form.mode = (ui.mode as HTMLSelectElement).value as FormMode;
  if (state.form.mode !== 'timestamp' && state.form.mode !== 'seed') state.form.allowOld = false;
  touched.delete('value');
  renderMode();
  changed();
});
ui.topic.addEventListener('change', () => {
  state.form.topic = (ui.topic as HTMLSelectElement).value;
  state.form.chosen = [];
  touched.add('topic');
  renderTopics();
  changed();
});
for (const radio of [ui.partsAll, ui.partsSome])
  radio.addEventListener('change', () => {
    state.form.partitions = (ui.partsSome as HTMLInputElement).checked ? 'some' : 'all';
    renderPartitions();
    changed();
  });
const onValue = (mode: () => FormMode, el: HTMLInputElement | HTMLTextAreaElement) => {
  el.addEventListener('input', () => {
    state.form.values[mode()] = el.value;
    if (mode() === 'timestamp') state.form.allowOld = false;
    changed();
  });
  el.addEventListener('blur', () => {
    touched.add('value');
    renderMessages();
  });
};
onValue(() => state.form.mode, ui.value as HTMLInputElement);
onValue(() => 'datetime', ui.valueDt as HTMLInputElement);
onValue(() => 'seed', ui.valueSeed as HTMLTextAreaElement);
ui.valueSeed.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    doPreview();
  }
});
ui.topic.addEventListener('blur', () => {
  touched.add('topic');
  renderMessages();
});
ui.allowOld.addEventListener('change', () => {
  state.form.allowOld = (ui.allowOld as HTMLInputElement).checked;
  changed();
});
ui.reload.addEventListener('click', () => {
  groupLoading = true;
  groupError = undefined;
  renderHeader();
  send({ type: 'reloadGroup', requestId: newId() });
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  doPreview();
});

function useAsSeconds(): void {
  const v = (state.form.values.timestamp ?? '').trim();
  if (!/^\d+$/.test(v)) return;
  state.form.values.timestamp = (BigInt(v) * 1000n).toString();
  state.form.allowOld = false;
  renderMode();
  changed();
  (ui.value as HTMLInputElement).focus();
}

function request(m: Extract<WebviewToHost, { requestId: string }>, kind?: Pending['kind'], key?: string): void {
  if (kind) state.pending = { id: m.requestId, kind, ...(key ? { key } : {}) };
  save();
  setError(undefined);
  send(m);
  renderButtons();
}

function doPreview(): void {
  if (state.pending || hostBusy) return;
  for (const f of ['topic', 'partitions', 'value'] as Field[]) touched.add(f);
  hostIssues = [];
  const issues = localIssues().filter((i) => i.code === 'invalid' || !state.form.allowOld);
  renderMessages();
  if (issues.length) {
    const first = issues[0].field;
    const el = first === 'topic' ? ui.topic : first === 'partitions' ? (ui.partsSome as HTMLElement) : state.form.mode === 'datetime' ? ui.valueDt : state.form.mode === 'seed' ? ui.valueSeed : ui.value;
    el.focus();
    setStatus(issues.length === 1 ? 'Fix the highlighted field first.' : `Fix the ${issues.length} highlighted problems first.`);
    return;
  }
  const input = formInput();
  setStatus('Reading offsets…', true);
  request({ type: 'preview', requestId: newId(), input }, 'preview', inputKey(input));
}

function doReset(): void {
  const p = state.preview;
  if (!p || !previewUsable() || state.pending || hostBusy) return;
  setStatus('Waiting for your confirmation in VS Code…', true);
  request({ type: 'reset', requestId: newId(), planId: p.planId }, 'reset');
}

function doUndo(): void {
  if (!state.result?.canUndo || state.pending || hostBusy) return;
  setStatus('Waiting for your confirmation in VS Code…', true);
  request({ type: 'undo', requestId: newId() }, 'undo');
}

// ---------------------------------------------------------------------------------------------
// Messages from the host

function isMine(requestId: string | undefined): boolean {
  return !!requestId && state.pending?.id === requestId;
}

function finish(): void {
  state.pending = undefined;
  save();
  renderButtons();
}

function applyTarget(topic: string | undefined, partition: number | undefined): void {
  if (topic !== undefined) {
    state.form.topic = topic;
    if (state.form.mode === 'seed') state.form.mode = 'offset';
  }
  if (partition !== undefined && partition >= 0) {
    state.form.partitions = 'some';
    state.form.chosen = [partition];
  } else if (topic !== undefined) {
    state.form.partitions = 'all';
    state.form.chosen = [];
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = event.data as HostToWebview;
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'init': {
      cluster = msg.cluster;
      group = msg.group;
      state.target = { clusterId: msg.cluster.id, group: msg.group };
      hostBusy = msg.session.busy;
      if (firstLoad) {
        applyTarget(msg.initial.topic, msg.initial.partition);
        firstLoad = false;
      }
      // The saved preview can be applied only if the host still holds its plan (a replay follows if so).
      if (state.preview && msg.session.planId !== state.preview.planId) state.previewStale = true;
      if (state.result) state.result = { ...state.result, canUndo: state.result.canUndo && msg.session.canUndo };
      // An answer we were waiting for while hidden is lost; the replays that follow bring what matters
      // (a replayed preview of that request still gets the input it was asked for).
      if (state.pending && !(msg.session.busy && state.pending.kind !== 'preview')) {
        if (state.pending.kind === 'preview' && state.pending.id === msg.session.planId) recovered = { planId: state.pending.id, key: state.pending.key };
        state.pending = undefined;
      }
      save();
      setStatus(hostBusy ? 'A reset or undo is in progress: answer the dialog in VS Code.' : '', hostBusy);
      renderAll();
      return;
    }
    case 'target':
      applyTarget(msg.topic, msg.partition);
      save();
      renderAll();
      return;
    case 'group':
      groupInfo = msg.info;
      groupError = undefined;
      groupLoading = false;
      renderHeader();
      renderTopics();
      renderMessages();
      renderButtons();
      save();
      return;
    case 'groupError':
      groupError = msg.message;
      groupLoading = false;
      renderHeader();
      renderTopics();
      return;
    case 'preview': {
      if (!isMine(msg.requestId) && !msg.replay) return;
      // The input this preview was made from. Unknown (state lost) = '' = never matches the form, so Reset
      // stays disabled until the user previews what the form shows.
      const key = isMine(msg.requestId)
        ? state.pending?.key
        : state.preview?.planId === msg.planId
          ? state.previewKey
          : recovered?.planId === msg.planId
            ? recovered.key
            : undefined;
      if (isMine(msg.requestId)) finish();
      const { replay: _replay, ...preview } = msg;
      state.preview = preview;
      state.previewKey = key ?? '';
      state.previewStale = false;
      save();
      setStatus(msg.replay ? '' : 'Preview ready.');
      renderPreview(!msg.replay);
      return;
    }
    case 'invalid':
      if (!isMine(msg.requestId)) return;
      finish();
      hostIssues = msg.issues;
      setStatus('The request was refused: see the highlighted fields.');
      renderMessages();
      return;
    case 'error':
      // Answers to requests no longer awaited (an older preview) are dropped; Copy is never "pending".
      if (!isMine(msg.requestId) && msg.requestId !== lastCopyId) return;
      if (isMine(msg.requestId)) finish();
      setStatus('');
      setError(msg.message);
      return;
    case 'status':
      if (isMine(msg.requestId)) setStatus(msg.message, true);
      return;
    case 'cancelled':
      if (!isMine(msg.requestId)) return;
      finish();
      setStatus(msg.message);
      return;
    case 'result': {
      if (!isMine(msg.requestId) && !msg.replay) return;
      const mine = isMine(msg.requestId);
      if (mine) finish();
      const { replay: _replay, ...result } = msg;
      const isNew = mine || state.result?.requestId !== msg.requestId;
      state.result = result;
      // A new result uses the plan up (reset) or outdates it (undo). A replay of a known one changes nothing else.
      if (isNew && (!msg.replay || state.previewStale)) {
        state.preview = undefined;
        state.previewKey = undefined;
      }
      save();
      setStatus(msg.replay ? '' : result.failed + result.unknown === 0 ? `${result.kind === 'undo' ? 'Undo' : 'Reset'} done.` : 'Some partitions were not confirmed: see the result.');
      renderPreview();
      renderResult(!msg.replay);
      return;
    }
    case 'copied':
      if (msg.requestId === lastCopyId) setStatus('Command copied to the clipboard.');
      return;
  }
});

renderAll();
send({ type: 'ready' });
