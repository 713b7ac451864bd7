/**
 * The reset form's state: one plain object, changed only by update() (./update.ts) and drawn by the
 * views (./view/). Part of it is kept with the webview's setState() so hiding and showing the panel, or
 * reloading VS Code, loses nothing (`Saved`); the rest is what the host tells each load again.
 */
import type { ClusterInfo, FormMode, GroupInfo, HostToWebview, OverrideView, SavedPanelTarget, ValidationIssueView } from '../protocol';
import { toLocalInput } from './datetime';
import { isMode } from './modes';

export type Preview = Extract<HostToWebview, { type: 'preview' }>;
export type Result = Extract<HostToWebview, { type: 'result' }>;
export type Field = ValidationIssueView['field'];

/** Which topics: every topic the group committed, the one `topic`, or the `several` chosen. */
export type Scope = 'all' | 'one' | 'several';

export interface FormState {
  scope: Scope;
  /** The topic of scope 'one' (kept while another scope is shown, so switching back restores it). */
  topic: string;
  /** The topics of scope 'several', sorted. */
  several: string[];
  /** Targets edited in the preview table (cleared when the topics, partitions or mode change). */
  overrides: OverrideView[];
  partitions: 'all' | 'some';
  chosen: number[];
  mode: FormMode;
  /** What was typed, per mode (switching modes keeps each value). datetime: the picker's local value. */
  values: Partial<Record<FormMode, string>>;
  allowOld: boolean;
}

/** The request the form waits for: its answer (and only its) is taken. */
export interface Pending {
  id: string;
  kind: 'preview' | 'reset' | 'undo';
  /** preview: the input it was asked for. */
  key?: string;
}

/** What setState() keeps. */
export interface Saved {
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

export interface Model extends Saved {
  /** No saved state at load: the host's `initial` target fills the form once. */
  firstLoad: boolean;
  /** What the host told this load (`init` and `group` arrive on every load). */
  cluster?: ClusterInfo;
  group: string;
  groupInfo?: GroupInfo;
  groupError?: string;
  groupLoading: boolean;
  /** What the user typed to narrow the Topic list (a cluster can have hundreds of topics); not saved. */
  topicSearch?: string;
  /** The host is in a reset or undo (maybe one asked before a reload): nothing else may start. */
  hostBusy: boolean;
  /** Issues the host returned for the last preview request. */
  hostIssues: ValidationIssueView[];
  /** Fields the user has left or submitted: only these show "required"-style messages. */
  touched: Field[];
  /** A preview request lost while the webview was unloaded, whose answer the host replays. */
  recovered?: { planId: string; key?: string };
  /** The last Copy request (not pending: it does not block the form). */
  lastCopyId?: string;
  /** The preview row whose target is being edited, with the text typed so far. */
  editing?: { topic: string; partition: number; text: string; error?: string };
  /** Request ids made in this load. */
  seq: number;
  status: { text: string; busy: boolean };
  error?: string;
}

export const freshForm = (): FormState => ({ scope: 'one', topic: '', several: [], overrides: [], partitions: 'all', chosen: [], mode: 'offset', values: {}, allowOld: false });

const isOverride = (o: unknown): o is OverrideView => {
  const x = o as Partial<OverrideView> | null;
  return typeof x === 'object' && x !== null && typeof x.topic === 'string' && Number.isInteger(x.partition) && typeof x.offset === 'string';
};

/** The datetime picker starts an hour back rather than empty. */
export function withDatetimeDefault(form: FormState, now: number): FormState {
  if (form.mode !== 'datetime' || form.values.datetime) return form;
  return { ...form, values: { ...form.values, datetime: toLocalInput(now - 3600_000) } };
}

/** The model of a load, from what getState() returned (untrusted shape: anything unusable is reset). */
export function restore(raw: unknown, now: number): Model {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Saved>;
  const ok = s.v === 1 && typeof s.form === 'object' && s.form !== null;
  const f = (ok ? s.form : {}) as Partial<FormState>;
  const form: FormState = {
    scope: f.scope === 'all' || f.scope === 'several' ? f.scope : 'one',
    topic: typeof f.topic === 'string' ? f.topic : '',
    several: Array.isArray(f.several) ? f.several.filter((t): t is string => typeof t === 'string') : [],
    overrides: Array.isArray(f.overrides) ? f.overrides.filter(isOverride) : [],
    partitions: f.partitions === 'some' ? 'some' : 'all',
    chosen: Array.isArray(f.chosen) ? f.chosen.filter((n) => Number.isInteger(n) && n >= 0) : [],
    mode: isMode(f.mode) ? f.mode : 'offset',
    values: typeof f.values === 'object' && f.values !== null ? f.values : {},
    allowOld: f.allowOld === true,
  };
  const { preview, previewKey, previewStale, result, pending, target } = ok ? s : ({} as Partial<Saved>);
  return {
    ...persist({ v: 1, form, preview, previewKey, previewStale, result, pending, target }),
    v: 1,
    form: withDatetimeDefault(form, now),
    firstLoad: raw === undefined,
    group: '',
    groupLoading: true,
    hostBusy: false,
    hostIssues: [],
    touched: [],
    seq: 0,
    status: { text: '', busy: false },
  };
}

/** What setState() keeps of the model. */
export function persist(m: Saved): Saved {
  const saved: Saved = { v: 1, form: m.form };
  if (m.preview) saved.preview = m.preview;
  if (m.previewKey !== undefined) saved.previewKey = m.previewKey;
  if (m.previewStale !== undefined) saved.previewStale = m.previewStale;
  if (m.result) saved.result = m.result;
  if (m.pending) saved.pending = m.pending;
  if (m.target) saved.target = m.target;
  return saved;
}
