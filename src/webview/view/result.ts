/** The result of a reset or an undo: the outcome per partition, the snapshot, Undo. */
import { html, nothing } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import type { ResultRowView } from '../../protocol';
import type { Model, Result } from '../model';
import { isBusy } from '../form';
import { count, duration, plural } from '../format';
import { icon, type Dispatch } from './parts';

const COLUMNS = ['Partition', 'Before', 'Target', 'Read back', 'Status', 'Note'];

function status(r: ResultRowView) {
  if (r.outcome === 'applied') return html`<span class="applied">${icon('pass-filled')} applied</span>`;
  if (r.outcome === 'failed') return html`<span class="invalid">${icon('error')} failed</span>`;
  return html`<span class="warning">${icon('question')} unknown</span>`;
}

const row = (manyTopics: boolean) => (r: ResultRowView) => html`<tr data-topic=${r.topic} data-partition=${r.partition} data-outcome=${r.outcome}>
  <th scope="row">${manyTopics ? html`<span class="mono">${r.topic}</span> ` : nothing}p${r.partition}</th>
  <td class="num">${count(r.committed, 'none')}</td>
  <td class="num">${r.deleted ? 'none (deleted)' : count(r.target)}</td>
  <td class="num">${count(r.readBack, 'none')}</td>
  <td>${status(r)}</td>
  <td>${r.reason ?? ''}</td>
</tr>`;

function summary(r: Result) {
  const ok = r.failed + r.unknown === 0;
  const text = ok
    ? ` ${r.kind === 'undo' ? 'Restored' : 'Reset'} ${plural(r.applied, 'partition')} in ${duration(r.durationMs)}.`
    : ` ${r.failed + r.unknown} of ${plural(r.rows.length, 'partition')} not confirmed: ${r.applied} applied, ${r.failed} failed, ${r.unknown} unknown.`;
  return html`<p class=${ok ? 'applied' : 'invalid'}>${icon(ok ? 'pass-filled' : 'error')}${text}</p>`;
}

function body(m: Model, d: Dispatch, r: Result) {
  const undo =
    r.kind === 'reset'
      ? html`<button id="undo-button" class="secondary" type="button" ?disabled=${isBusy(m) || !r.canUndo} @click=${() => d({ type: 'undo' })}>${icon('history')}Undo this reset…</button>`
      : nothing;
  return html`<h2 id="result-heading" tabindex="-1">${r.kind === 'undo' ? 'Undo result' : 'Result'}</h2>
    ${summary(r)}
    <div class="table-wrap">
      <table id="result-table">
        <caption class="visually-hidden">Outcome per partition</caption>
        <thead><tr>${COLUMNS.map((c, i) => html`<th class=${i > 0 && i < 4 ? 'num' : nothing} scope="col">${c}</th>`)}</tr></thead>
        <tbody>${r.rows.map(row(new Set(r.rows.map((x) => x.topic)).size > 1))}</tbody>
      </table>
    </div>
    <p class="hint">The previous offsets were saved as ${r.snapshotName}.</p>
    <div class="actions">${undo}<button id="output-button" class="secondary" type="button" @click=${() => d({ type: 'showOutput' })}>${icon('output')}Show output</button></div>`;
}

/** Drawn anew for each new result (as a fresh section: focus, open details). */
export function resultView(m: Model, d: Dispatch) {
  const r = m.result;
  return html`<section id="result" aria-labelledby="result-heading" ?hidden=${!r}>${r ? keyed(r.requestId, body(m, d, r)) : nothing}</section>`;
}
