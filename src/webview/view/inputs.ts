/** The form's inputs besides the partitions: the mode, the topic, and the value with what it means. */
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { TopicInfo } from '../../protocol';
import type { Model } from '../model';
import { MODES, modeInfo, valueControlId } from '../modes';
import { TOPIC_SEARCH_FROM, currentValue, searchedTopics, topicInfo, type ShownIssues } from '../form';
import { localToIso, zoneLabel } from '../datetime';
import { validateModeValue } from '../../core/validate';
import { count, plural } from '../format';
import { icon, invalidAttr, issueList, type Dispatch } from './parts';

export function modeView(m: Model, d: Dispatch) {
  const mode = m.form.mode;
  const pick = (e: Event) => d({ type: 'mode', mode: (e.target as HTMLSelectElement).value as typeof mode });
  return html`<div class="field">
    <label for="mode">Reset to</label><select id="mode" aria-describedby="mode-hint" @change=${pick}>${MODES.map(
      (x) => html`<option value=${x.mode} .selected=${live(x.mode === mode)}>${x.label}</option>`,
    )}</select><p id="mode-hint" class="hint">${modeInfo(mode).hint}</p>
  </div>`;
}

function topicOptions(m: Model) {
  const topic = m.form.topic;
  const option = (value: string, label: string) => html`<option value=${value} .selected=${live(value === topic)}>${label}</option>`;
  const g = m.groupInfo;
  if (!g) return option(topic, topic || (m.groupLoading ? 'Loading topics…' : 'No topics'));
  const shown = searchedTopics(m);
  const own = shown.filter((t) => t.ofGroup);
  const others = shown.filter((t) => !t.ofGroup);
  const opt = (t: TopicInfo) => option(t.topic, t.ofGroup ? `${t.topic} — ${lagText(t)}` : t.topic);
  return html`${own.length ? html`<optgroup label="Topics of this group">${own.map(opt)}</optgroup>` : nothing}${
    others.length ? html`<optgroup label="Other topics">${others.map(opt)}</optgroup>` : nothing
  }${topic && !topicInfo(m, topic) ? option(topic, `${topic} (not found)`) : nothing}${!g.topics.length && !topic ? option('', 'This cluster has no topics') : nothing}`;
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

/** A topic of the group whose partitions were all never committed has no lag: say so, never "lag 0". */
function lagText(t: TopicInfo): string {
  return t.lag === null ? 'no commit' : `lag ${count(t.lag)}`;
}

export function topicView(m: Model, d: Dispatch, issues: ShownIssues) {
  const t = topicInfo(m, m.form.topic);
  const hint = !t ? '' : t.ofGroup ? `${plural(t.partitions, 'partition')} · ${lagText(t)}` : `${plural(t.partitions, 'partition')} · the group has no offsets on this topic yet`;
  const shown = issues.shown('topic');
  return html`<div class="field">
    <label for="topic">Topic</label>${topicSearchView(m, d)}<select
      id="topic"
      aria-describedby="topic-hint topic-msg"
      aria-invalid=${invalidAttr(shown)}
      @change=${(e: Event) => d({ type: 'topic', topic: (e.target as HTMLSelectElement).value })}
      @blur=${() => d({ type: 'blur', field: 'topic' })}
    >${topicOptions(m)}</select><p id="topic-hint" class="hint">${hint}</p>
    <div id="topic-msg" class="msg" aria-live="polite">${issueList(shown)}</div>
  </div>`;
}

/** What a date-time or timestamp means, so a wrong zone or unit shows before the preview. */
function meaning(m: Model, issues: ShownIssues, now: number) {
  const f = m.form;
  const shown = issues.shown('value');
  if (f.mode === 'datetime') {
    // Not live(): the picker normalises its value (no ":00" seconds), so comparing with the DOM would
    // set it again on every render while the user edits it.
    const c = f.values.datetime ? localToIso(f.values.datetime) : undefined;
    if (!c?.ok || shown.length) return nothing;
    const shifted = c.shiftedTo ? ` (that time does not exist on that day in your zone — clocks moved forward; ${c.shiftedTo} is used)` : '';
    return html`<p class="info">= ${c.iso} = ${new Date(c.ms).toISOString()}${shifted}</p>`;
  }
  if (f.mode !== 'timestamp' && f.mode !== 'duration') return nothing;
  const r = validateModeValue(f.mode, currentValue(f).value, now, true);
  const at = r.spec?.kind === 'timestamp' ? r.spec.timestamp : r.spec?.kind === 'duration' ? now - r.spec.ms : undefined;
  if (at === undefined || shown.some((i) => i.code === 'invalid')) return nothing;
  return html`<p class="info">= ${new Date(at).toISOString()} (${new Date(at).toLocaleString()} your time)</p>`;
}

function control(m: Model, d: Dispatch, invalid: ReturnType<typeof invalidAttr>, now: number) {
  const f = m.form;
  const info = modeInfo(f.mode);
  const typed = (mode: typeof f.mode) => (e: Event) => d({ type: 'value', mode, value: (e.target as HTMLInputElement).value });
  const blur = () => d({ type: 'blur', field: 'value' });
  if (f.mode === 'datetime') {
    // Not live(): the picker normalises its value (no ":00" seconds), so comparing with the DOM would
    // set it again on every render while the user edits it.
    const c = f.values.datetime ? localToIso(f.values.datetime) : undefined;
    return html`<div class="inline"><input id="value-datetime" type="datetime-local" step="1" aria-describedby="value-zone value-hint value-msg" aria-invalid=${invalid} .value=${f.values.datetime ?? ''} @input=${typed('datetime')} @blur=${blur}><span id="value-zone" class="zone">${zoneLabel(c?.ok ? c.ms : now)}</span></div>`;
  }
  if (f.mode === 'seed') {
    const keydown = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      d({ type: 'preview' });
    };
    return html`<textarea id="value-seed" rows="4" spellcheck="false" aria-describedby="value-hint value-msg" aria-invalid=${invalid} placeholder=${info.placeholder ?? ''} .value=${live(f.values.seed ?? '')} @input=${typed('seed')} @blur=${blur} @keydown=${keydown}></textarea>`;
  }
  return html`<input id="value" type="text" spellcheck="false" autocomplete="off" aria-describedby="value-hint value-msg" aria-invalid=${invalid} placeholder=${info.placeholder ?? ''} inputmode=${info.numeric ? 'numeric' : 'text'} .value=${live(f.values[f.mode] ?? '')} @input=${typed(f.mode)} @blur=${blur}>`;
}

/** The looks-like-seconds choice: multiply by 1000, or confirm it really is milliseconds. */
function secondsChoice(m: Model, d: Dispatch, issues: ShownIssues) {
  const f = m.form;
  const open = issues.all.some((i) => i.code === 'looks-like-seconds') || (f.allowOld && (f.mode === 'timestamp' || f.mode === 'seed'));
  const allow = (e: Event) => d({ type: 'allowOld', on: (e.target as HTMLInputElement).checked });
  return html`<div id="seconds-choice" class="seconds-choice" ?hidden=${!open}>
    <p>${icon('warning')} This number is before 1973 as milliseconds: it looks like seconds.</p>
    <div class="choice-row"><button id="use-seconds" class="secondary" type="button" ?hidden=${f.mode !== 'timestamp'} @click=${() => d({ type: 'useSeconds' })}>Use as seconds (× 1000)</button><span class="checkbox"><input id="allow-old" type="checkbox" .checked=${live(f.allowOld)} @change=${allow}><label for="allow-old">It really is milliseconds</label></span></div>
  </div>`;
}

export function valueView(m: Model, d: Dispatch, issues: ShownIssues, now: number) {
  const info = modeInfo(m.form.mode);
  if (!info.valueLabel) return html`<div id="value-row" class="field" hidden></div>`;
  const shown = issues.shown('value');
  return html`<div id="value-row" class="field">
    <label id="value-label" for=${valueControlId(m.form.mode)}>${info.valueLabel}</label>${control(m, d, invalidAttr(shown), now)}<p id="value-hint" class="hint">${info.hint}</p>
    <div id="value-msg" class="msg" aria-live="polite">${issueList(shown)}${meaning(m, issues, now)}</div>
    ${secondsChoice(m, d, issues)}
  </div>`;
}
