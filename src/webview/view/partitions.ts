/** All partitions, or chosen ones: a checkbox per partition of the topic with its lag and owner. */
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Model } from '../model';
import type { ShownIssues } from '../form';
import { topicInfo } from '../form';
import { count } from '../format';
import { issueList, type Dispatch } from './parts';

function partitionList(m: Model, d: Dispatch) {
  const f = m.form;
  const t = topicInfo(m, f.topic);
  const legend = html`<legend class="visually-hidden">Partitions of ${f.topic}</legend>`;
  if (!t) return html`${legend}<p class="hint">${m.groupInfo ? 'Choose an existing topic first.' : 'Partitions appear when the topics are read.'}</p>`;
  const lagBy = new Map(t.partitionLag.map((p) => [p.partition, p]));
  const chosen = new Set(f.chosen);
  const boxes = Array.from({ length: t.partitions }, (_, p) => {
    const info = lagBy.get(p);
    const detail = info ? (info.committed === null ? 'no commit' : `lag ${count(info.lag)}`) : '';
    const toggle = (e: Event) => d({ type: 'togglePartition', partition: p, on: (e.target as HTMLInputElement).checked });
    const label = html`<label for=${`partition-${p}`} title=${info?.owner ? `assigned to ${info.owner}` : ''}>p${p}${detail ? html`<span class="muted"> · ${detail}</span>` : nothing}</label>`;
    return html`<span class="checkbox"><input id=${`partition-${p}`} type="checkbox" value=${p} .checked=${live(chosen.has(p))} @change=${toggle}>${label}</span>`;
  });
  const all = html`<button class="link" type="button" @click=${() => d({ type: 'chooseAll', on: true })}>Select all</button>`;
  const none = html`<button class="link" type="button" @click=${() => d({ type: 'chooseAll', on: false })}>Select none</button>`;
  return html`${legend}<div class="choice-row">${all}${none}</div><div class="partition-grid">${boxes}</div>`;
}

export function partitionsView(m: Model, d: Dispatch, issues: ShownIssues) {
  const f = m.form;
  const t = topicInfo(m, f.topic);
  const allLabel = t ? `All partitions (${count(String(t.partitions))})` : 'All partitions';
  // No white space between the two: they are inline boxes.
  const radio = (which: 'all' | 'some', label: string) =>
    html`<div class="radio"><input id=${`partitions-${which}`} type="radio" name="partitions" value=${which} .checked=${live(f.partitions === which)} @change=${() => d({ type: 'partitions', which })}><label for=${`partitions-${which}`}>${label}</label></div>`;
  return html`<fieldset class="field partitions" aria-describedby="partitions-msg">
    <legend>Partitions</legend>
    ${radio('all', allLabel)}${radio('some', 'Chosen partitions')}
    <fieldset id="partition-list" class="partition-list" ?hidden=${f.partitions !== 'some'}>${f.partitions === 'some' ? partitionList(m, d) : nothing}</fieldset>
    <div id="partitions-msg" class="msg" aria-live="polite">${issueList(issues.shown('partitions'))}</div>
  </fieldset>`;
}
