/**
 * The preview's table: one row per planned partition, grouped under a line per topic with that topic's
 * totals when the plan spans several topics. Each target can be edited: the row's input takes a
 * decimal offset, and applying it asks the host for a new preview in which that partition's target is
 * the typed one, clamped to its log range like any target — the table always shows what Reset applies.
 */
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { PlanRowView } from '../../protocol';
import type { Model, Preview } from '../model';
import { isBusy } from '../form';
import { count, plural } from '../format';
import { icon, type Dispatch } from './parts';

const COLUMNS = ['Partition', 'Committed', 'Log start', 'Log end', 'Target', 'Restarts at', 'Lag before → after', 'Note'];

/**
 * Where consumption restarts, in time: the timestamp of the message at the target (local time). At the
 * log end there is no message yet: the group waits for the next one.
 */
function restartsAt(r: PlanRowView) {
  if (r.targetTimestamp === undefined) return html`<span class="muted" title="The message at the target could not be read">—</span>`;
  if (r.targetTimestamp === null) return html`<span class="muted" title="At the log end: the group waits for the next message">—</span>`;
  const at = new Date(r.targetTimestamp);
  return html`<time datetime=${at.toISOString()} title=${at.toISOString()}>${at.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })}</time>`;
}

function note(r: PlanRowView, d: Dispatch, busy: boolean) {
  const edited = r.overridden
    ? html`<span class="edited">${icon('edit')} edited</span> <button class="link revert-target" type="button" ?disabled=${busy} @click=${() => d({ type: 'revertTarget', topic: r.topic, partition: r.partition })}>Revert</button>`
    : nothing;
  if (r.error) return html`<span class="invalid">${icon('error')} ${r.error}</span>`;
  if (r.clamped === 'earliest') return html`${edited} <span class="clamped" title="The requested offset is before the log start">${icon('arrow-left')} clamped to log start</span>`;
  if (r.clamped === 'latest') return html`${edited} <span class="clamped" title="The requested offset is after the log end">${icon('arrow-right')} clamped to log end</span>`;
  return edited;
}

/** The target cell: the value with an Edit button, or the input while this row is edited. */
function target(m: Model, d: Dispatch, r: PlanRowView, name: string) {
  const ed = m.editing;
  if (ed && ed.topic === r.topic && ed.partition === r.partition) {
    const keydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        d({ type: 'applyEdit' });
      } else if (e.key === 'Escape') {
        e.preventDefault();
        d({ type: 'cancelEdit' });
      }
    };
    return html`<div class="target-edit">
      <input id="target-input" type="text" inputmode="numeric" spellcheck="false" autocomplete="off" aria-label=${`New target offset of ${name}`} aria-invalid=${ed.error ? 'true' : nothing} aria-describedby="target-msg" .value=${live(ed.text)} @input=${(e: Event) => d({ type: 'editText', text: (e.target as HTMLInputElement).value })} @keydown=${keydown}>
      <button id="target-apply" class="secondary" type="button" @click=${() => d({ type: 'applyEdit' })}>Apply</button>
      <button id="target-cancel" class="link" type="button" @click=${() => d({ type: 'cancelEdit' })}>Cancel</button>
      <p id="target-msg" class="invalid" ?hidden=${!ed.error}>${ed.error ? html`${icon('error')} ${ed.error}` : nothing}</p>
    </div>`;
  }
  const edge = r.clamped === 'earliest' ? 'start' : 'end';
  const mark = r.clamped ? html`<span class="clamp-mark" title=${`clamped to log ${edge}`} aria-label=${`clamped to log ${edge}`}>*</span>` : nothing;
  const edit = html`<button class="icon-button edit-target" type="button" title=${`Edit the target of ${name}`} aria-label=${`Edit the target of ${name}`} ?disabled=${isBusy(m) || !!m.editing} @click=${() => d({ type: 'editTarget', topic: r.topic, partition: r.partition })}>${icon('edit')}</button>`;
  return html`${count(r.target)}${mark} ${edit}`;
}

/** Under a topic's line (`manyTopics`) a row names only its partition; the line above names the topic. */
function row(m: Model, d: Dispatch, r: PlanRowView, manyTopics: boolean) {
  const name = `${r.topic} partition ${r.partition}`;
  return html`<tr data-topic=${r.topic} data-partition=${r.partition} class=${r.overridden ? 'overridden' : nothing}>
    <th scope="row" title=${manyTopics ? r.topic : nothing}>p${r.partition}</th>
    <td class=${r.committed === null ? 'num muted' : 'num'}>${count(r.committed, 'none')}</td>
    <td class="num">${count(r.logStart)}</td>
    <td class="num">${count(r.logEnd)}</td>
    <td class="num strong">${target(m, d, r, name)}</td>
    <td class="restarts">${restartsAt(r)}</td>
    <td class="num">${count(r.lagBefore, 'none')} → ${count(r.lagAfter)}</td>
    <td>${note(r, d, isBusy(m))}</td>
  </tr>`;
}

/** One topic's line: its partition count, lag before → after and the messages replayed or skipped. */
export function topicTotals(rows: PlanRowView[]): { partitions: number; lagBefore: string; lagAfter: string; replayed: string; skipped: string } {
  let before = 0n, after = 0n, replayed = 0n, skipped = 0n;
  for (const r of rows) {
    after += BigInt(r.lagAfter);
    if (r.committed === null) continue;
    before += BigInt(r.lagBefore ?? '0');
    const delta = BigInt(r.target) - BigInt(r.committed);
    if (delta < 0n) replayed -= delta;
    else skipped += delta;
  }
  return { partitions: rows.length, lagBefore: before.toString(), lagAfter: after.toString(), replayed: replayed.toString(), skipped: skipped.toString() };
}

function topicRow(topic: string, rows: PlanRowView[]) {
  const t = topicTotals(rows);
  const moves = [t.replayed !== '0' ? `replays ${count(t.replayed)}` : '', t.skipped !== '0' ? `skips ${count(t.skipped)}` : ''].filter(Boolean).join(' · ');
  return html`<tr class="topic-row" data-topic-totals=${topic}><th scope="rowgroup" colspan="8"><span class="mono">${topic}</span><span class="muted"> — ${plural(t.partitions, 'partition')} · lag ${count(t.lagBefore)} → ${count(t.lagAfter)}${moves ? ` · ${moves}` : ''}</span></th></tr>`;
}

export function planTable(m: Model, d: Dispatch, p: Preview) {
  const topics = [...new Set(p.rows.map((r) => r.topic))];
  const many = topics.length > 1;
  const body = many
    ? topics.map((topic) => {
        const rows = p.rows.filter((r) => r.topic === topic);
        return html`${topicRow(topic, rows)}${rows.map((r) => row(m, d, r, true))}`;
      })
    : p.rows.map((r) => row(m, d, r, false));
  return html`<div class="table-wrap">
      <table id="preview-table">
        <caption class="visually-hidden">Plan: ${p.summary}</caption>
        <thead><tr>${COLUMNS.map((c, i) => html`<th class=${i > 0 && i < 7 && i !== 5 ? 'num' : nothing} scope="col">${c}</th>`)}</tr></thead>
        <tbody>${body}</tbody>
      </table>
    </div>`;
}
