/**
 * Which topics the reset covers: all of the group's (the default when the form is opened on a group),
 * one topic (then the partitions fieldset chooses its partitions), or several chosen topics (each
 * whole). One `#topic` select holds the three: "All topics of this group", "Several topics…" and the
 * topics themselves, so choosing a topic is one step whatever was shown before.
 */
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { TopicInfo } from '../../protocol';
import type { Model } from '../model';
import { TOPIC_SEARCH_FROM, ownTopics, searchedTopics, topicInfo, type ShownIssues } from '../form';
import { count, plural } from '../format';
import { invalidAttr, issueList, type Dispatch } from './parts';

/** Option values that can never be topic names (Kafka allows only [a-zA-Z0-9._-]). */
const ALL = '*all';
const SEVERAL = '*several';

/** A topic of the group whose partitions were all never committed has no lag: say so, never "lag 0". */
export function lagText(t: TopicInfo): string {
  return t.lag === null ? 'no commit' : `lag ${count(t.lag)}`;
}

/** The sum of the topics' lag as a decimal string; null when none has a commit. */
function totalLag(topics: TopicInfo[]): string | null {
  const known = topics.filter((t) => t.lag !== null);
  return known.length ? known.reduce((sum, t) => sum + BigInt(t.lag!), 0n).toString() : null;
}

function topicOptions(m: Model) {
  const f = m.form;
  const selected = f.scope === 'all' ? ALL : f.scope === 'several' ? SEVERAL : f.topic;
  const option = (value: string, label: string) => html`<option value=${value} .selected=${live(value === selected)}>${label}</option>`;
  const g = m.groupInfo;
  if (!g) return option(selected, f.scope === 'all' ? 'All topics of this group' : f.topic || (m.groupLoading ? 'Loading topics…' : 'No topics'));
  const shown = searchedTopics(m);
  const own = shown.filter((t) => t.ofGroup);
  const others = shown.filter((t) => !t.ofGroup);
  const opt = (t: TopicInfo) => option(t.topic, t.ofGroup ? `${t.topic} — ${lagText(t)}` : t.topic);
  const ownCount = ownTopics(m).length;
  const scopes = html`${ownCount ? option(ALL, `All topics of this group (${ownCount})`) : nothing}${g.topics.length > 1 ? option(SEVERAL, 'Several topics…') : nothing}`;
  return html`${scopes}${own.length ? html`<optgroup label="Topics of this group">${own.map(opt)}</optgroup>` : nothing}${
    others.length ? html`<optgroup label="Other topics">${others.map(opt)}</optgroup>` : nothing
  }${f.scope === 'one' && f.topic && !topicInfo(m, f.topic) ? option(f.topic, `${f.topic} (not found)`) : nothing}${!g.topics.length && !f.topic ? option('', 'This cluster has no topics') : nothing}`;
}

function hint(m: Model): string {
  const f = m.form;
  if (f.scope === 'all') {
    const own = ownTopics(m);
    if (!m.groupInfo) return '';
    const lag = totalLag(own);
    const partitions = own.reduce((n, t) => n + t.partitionLag.filter((p) => p.committed !== null).length, 0);
    return `${own.map((t) => t.topic).join(', ')} · ${plural(partitions, 'partition')} with a commit · ${lag === null ? 'no commit' : `lag ${count(lag)}`}`;
  }
  if (f.scope === 'several') return f.several.length ? `${plural(f.several.length, 'topic')} chosen · every partition of each` : '';
  const t = topicInfo(m, f.topic);
  return !t ? '' : t.ofGroup ? `${plural(t.partitions, 'partition')} · ${lagText(t)}` : `${plural(t.partitions, 'partition')} · the group has no offsets on this topic yet`;
}

/** The checkboxes of "Several topics…": ids by position (topic names are data, not ids). */
function topicChoices(m: Model, d: Dispatch) {
  const g = m.groupInfo;
  if (!g) return nothing;
  const chosen = new Set(m.form.several);
  // The search narrows the list; chosen topics stay listed so they can be unticked.
  const listed = searchedTopics(m).filter((t) => !chosen.has(t.topic));
  const topics = [...g.topics.filter((t) => chosen.has(t.topic)), ...listed];
  const box = (t: TopicInfo, i: number) => {
    const toggle = (e: Event) => d({ type: 'toggleTopic', topic: t.topic, on: (e.target as HTMLInputElement).checked });
    const detail = t.ofGroup ? lagText(t) : 'no offsets of this group';
    return html`<span class="checkbox"><input id=${`topic-choice-${i}`} type="checkbox" .checked=${live(chosen.has(t.topic))} @change=${toggle}><label for=${`topic-choice-${i}`}>${t.topic}<span class="muted"> · ${plural(t.partitions, 'partition')} · ${detail}</span></label></span>`;
  };
  return html`<fieldset id="topic-choices" class="topic-choices"><legend class="visually-hidden">Topics to reset</legend>${topics.map(box)}</fieldset>`;
}

function topicSearchView(m: Model, d: Dispatch) {
  const all = m.groupInfo?.topics ?? [];
  if (all.length < TOPIC_SEARCH_FROM) return nothing;
  const q = (m.topicSearch ?? '').trim();
  const matches = searchedTopics(m).filter((t) => t.topic !== m.form.topic || t.topic.toLowerCase().includes(q.toLowerCase()));
  // Enter picks the first match, so a topic is found and chosen without leaving the keyboard.
  const enter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (q && matches[0]) d({ type: 'topic', topic: matches[0].topic });
  };
  return html`<input id="topic-search" type="search" placeholder=${`Search ${all.length} topics`} aria-label="Search topics" aria-controls="topic" aria-describedby="topic-search-count"
      .value=${live(m.topicSearch ?? '')} @input=${(e: Event) => d({ type: 'topicSearch', text: (e.target as HTMLInputElement).value })} @keydown=${enter} /><p id="topic-search-count" class="hint" aria-live="polite">${
    q ? (matches.length ? `${plural(matches.length, 'topic')} of ${all.length} match — Enter picks ${matches[0].topic}` : `No topic contains "${q}"`) : nothing
  }</p>`;
}

export function topicView(m: Model, d: Dispatch, issues: ShownIssues) {
  const shown = issues.shown('topic');
  const pick = (e: Event) => {
    const v = (e.target as HTMLSelectElement).value;
    d(v === ALL ? { type: 'scope', scope: 'all' } : v === SEVERAL ? { type: 'scope', scope: 'several' } : { type: 'topic', topic: v });
  };
  return html`<div class="field">
    <label for="topic">Topics</label>${topicSearchView(m, d)}<select
      id="topic"
      aria-describedby="topic-hint topic-msg"
      aria-invalid=${invalidAttr(shown)}
      @change=${pick}
      @blur=${() => d({ type: 'blur', field: 'topic' })}
    >${topicOptions(m)}</select><p id="topic-hint" class="hint">${hint(m)}</p>
    ${m.form.scope === 'several' ? topicChoices(m, d) : nothing}
    <div id="topic-msg" class="msg" aria-live="polite">${issueList(shown)}</div>
  </div>`;
}
