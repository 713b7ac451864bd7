/**
 * What the form's state means, read without changing it: the request it makes, the core's checks run
 * as the user types (the same sentences as the CLI and the quick picks: src/core/validate is pure and
 * bundled in here; the host runs them again on Preview), which of them to show, and whether the shown
 * preview may be applied. Pure: `now` is passed in.
 */
import type { FormInput, TopicInfo, ValidationIssueView } from '../protocol';
import { parseSeedRequest, validateModeValue, validateResetInput, validateTopicName, type ResetMode, type ValidationIssue } from '../core/validate';
import { localToIso } from './datetime';
import { takesValue } from './modes';
import type { Field, FormState, Model } from './model';

export function currentValue(f: FormState): { value: string; error?: string } {
  if (!takesValue(f.mode)) return { value: '' };
  const raw = f.values[f.mode] ?? '';
  if (f.mode !== 'datetime') return { value: raw };
  if (!raw) return { value: '', error: 'Pick a date and a time.' };
  const c = localToIso(raw);
  return c.ok ? { value: c.iso } : { value: '', error: c.error };
}

export function formInput(f: FormState): FormInput {
  const seed = f.mode === 'seed';
  const input: FormInput = {
    topic: seed || f.scope !== 'one' ? '' : f.topic,
    partitions: seed || f.scope !== 'one' || f.partitions === 'all' ? 'all' : [...f.chosen].sort((a, b) => a - b),
    mode: f.mode,
    value: currentValue(f).value,
    allowOldTimestamp: f.allowOld,
  };
  if (!seed && f.scope === 'all') input.allTopics = true;
  if (!seed && f.scope === 'several') input.topics = [...f.several].sort();
  if (f.overrides.length) input.overrides = [...f.overrides].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return input;
}

/** The group's own topics (those it has committed offsets on, or members reading them). */
export const ownTopics = (m: Pick<Model, 'groupInfo'>): TopicInfo[] => m.groupInfo?.topics.filter((t) => t.ofGroup) ?? [];

/** A preview remembers the input it was made from under this key. */
export const inputKey = (i: FormInput): string => JSON.stringify(i);

export const topicInfo = (m: Pick<Model, 'groupInfo'>, topic: string): TopicInfo | undefined => m.groupInfo?.topics.find((t) => t.topic === topic);

/** The core's checks of the form as it is. */
export function localIssues(m: Model, now: number): ValidationIssueView[] {
  const f = m.form;
  const issues: ValidationIssueView[] = [];
  const view = (i: ValidationIssue, field: Field = i.field === 'partition' ? 'partitions' : i.field): ValidationIssueView => ({ field, message: i.message, code: i.code ?? 'invalid' });
  if (f.mode === 'seed') {
    const raw = f.values.seed ?? '';
    if (!raw.trim()) return [{ field: 'value', message: 'Paste a request like {"topic":"orders","partition":0,"message_offset":10}.', code: 'invalid' }];
    const seed = parseSeedRequest(raw, m.group || 'group');
    if (!seed.ok) return [{ field: 'value', message: seed.error, code: 'invalid' }];
    const v = validateResetInput({ ...seed.input, allowOldTimestamp: f.allowOld });
    // In the pasted request everything is "the value": that is where the user fixes it.
    if (!v.ok) return v.issues.filter((i) => i.field !== 'group').map((i) => view(i, 'value'));
    const t = typeof seed.input.topic === 'string' ? seed.input.topic : '';
    if (m.groupInfo && !topicInfo(m, t)) issues.push({ field: 'value', message: `Topic "${t}" does not exist on this cluster.`, code: 'invalid' });
    return issues;
  }
  if (f.scope === 'all') {
    if (m.groupInfo && !ownTopics(m).length) issues.push({ field: 'topic', message: 'This group has no committed offsets on any topic yet: choose a topic.', code: 'invalid' });
  } else if (f.scope === 'several') {
    if (!f.several.length) issues.push({ field: 'topic', message: 'Choose at least one topic.', code: 'invalid' });
    const missing = m.groupInfo ? f.several.filter((t) => !topicInfo(m, t)) : [];
    if (missing.length) issues.push({ field: 'topic', message: `Topic "${missing[0]}" does not exist on this cluster.`, code: 'invalid' });
  } else {
    const topicErr = validateTopicName(f.topic);
    if (topicErr) issues.push({ field: 'topic', message: f.topic ? topicErr : 'Choose a topic.', code: 'invalid' });
    else if (m.groupInfo && !topicInfo(m, f.topic)) issues.push({ field: 'topic', message: `Topic "${f.topic}" does not exist on this cluster.`, code: 'invalid' });
    if (f.partitions === 'some' && f.chosen.length === 0) issues.push({ field: 'partitions', message: 'Choose at least one partition, or "All partitions".', code: 'invalid' });
  }
  if (takesValue(f.mode)) {
    const v = currentValue(f);
    if (v.error) issues.push({ field: 'value', message: v.error, code: 'invalid' });
    else {
      const r = validateModeValue(f.mode as ResetMode, v.value, now, f.allowOld, m.group || undefined);
      if (r.issue) issues.push(view(r.issue, 'value'));
    }
  }
  return issues;
}

export interface ShownIssues {
  /** Local issues, and the host's for fields not edited since. */
  all: ValidationIssueView[];
  /** The issues shown under a field now. */
  shown(field: Field): ValidationIssueView[];
}

export function shownIssues(m: Model, now: number): ShownIssues {
  const f = m.form;
  const local = localIssues(m, now);
  // The host's issues count until the user edits the field; local ones replace them then.
  const all = [...local, ...m.hostIssues.filter((hi) => !local.some((li) => li.field === hi.field))];
  // "Required"-style messages wait until the field was left or submitted; a wrong value shows as it is typed.
  const typed = takesValue(f.mode) && (f.values[f.mode] ?? '').trim() !== '';
  const shown = (field: Field) =>
    all.filter((i) => i.field === field && (m.touched.includes(field) || (field === 'value' && typed) || i.code === 'looks-like-seconds' || m.hostIssues.includes(i)));
  return { all, shown };
}

/** The form is waiting for the host, or the host is in a reset: no new request. */
export const isBusy = (m: Model): boolean => !!m.pending || m.hostBusy;

/** The shown preview is the plan of what the form says, and the host still holds it. */
export function previewUsable(m: Model): boolean {
  const p = m.preview;
  return !!p && !m.previewStale && p.canReset && m.previewKey === inputKey(formInput(m.form));
}

/** Why the shown preview cannot be applied ('' = it can). */
export function previewNote(m: Model): string {
  if (!m.preview) return '';
  if (m.previewStale) return 'This preview is no longer held by VS Code: press Preview again to reset.';
  if (m.previewKey !== inputKey(formInput(m.form))) return 'The form changed since this preview: press Preview again to reset.';
  if (!m.preview.canReset) return 'Some partitions cannot be reset: change the request.';
  return '';
}

/** From this many topics on, a search box narrows the Topic list. */
export const TOPIC_SEARCH_FROM = 10;

/** The topics the list shows: those containing the search text (any case), and always the chosen one. */
export function searchedTopics(m: Model): TopicInfo[] {
  const all = m.groupInfo?.topics ?? [];
  const q = (m.topicSearch ?? '').trim().toLowerCase();
  if (!q || all.length < TOPIC_SEARCH_FROM) return all;
  return all.filter((t) => t.topic === m.form.topic || t.topic.toLowerCase().includes(q));
}
