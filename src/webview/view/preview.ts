/** The preview: the plan per partition (./planTable.ts), its totals, the equivalent command, and Reset. */
import { html, nothing } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import type { Model, Preview } from '../model';
import { isBusy, previewNote, previewUsable } from '../form';
import { count, plural } from '../format';
import { icon, type Dispatch } from './parts';
import { planTable } from './planTable';

function totals(p: Preview) {
  const t = p.totals;
  const noCommit = t.noCommit ? html`<dt>Without a commit</dt><dd>${plural(t.noCommit, 'partition')}</dd>` : nothing;
  return html`<dl class="totals">
    <dt>Messages replayed</dt><dd id="total-replayed">${count(t.replayed)}</dd>
    <dt>Messages skipped</dt><dd id="total-skipped">${count(t.skipped)}</dd>
    <dt>Lag</dt><dd>${count(t.lagBefore)} → ${count(t.lagAfter)}</dd>
    ${noCommit}
  </dl>`;
}

function body(m: Model, d: Dispatch, p: Preview) {
  const why = previewNote(m);
  const resolved = p.resolvedTimestamp
    ? html`<p class="hint">Searched for the first message at or after ${p.resolvedTimestamp} (${new Date(p.resolvedTimestamp).toLocaleString()} your time).</p>`
    : nothing;
  const warnings = p.warnings.length ? html`<ul class="warnings">${p.warnings.map((w) => html`<li>${icon('warning')} ${w}</li>`)}</ul>` : nothing;
  return html`<h2 id="preview-heading" tabindex="-1">Preview</h2>
    <p class="summary"><strong>${p.description}</strong><br>${p.summary}</p>
    ${resolved}${warnings}
    ${planTable(m, d, p)}
    <p class="hint">${icon('edit')} sets one partition's target by hand: the preview is made again with it, clamped to the log like any target.</p>
    ${totals(p)}
    <details class="command">
      <summary>Equivalent kafka-consumer-groups command (dry run)</summary>
      <pre><code>${p.command}</code></pre>
      <button id="copy-button" class="secondary" type="button" @click=${() => d({ type: 'copy' })}>${icon('copy')}Copy</button>
    </details>
    <div class="actions">
      <button id="reset-button" class="primary" type="button" ?disabled=${isBusy(m) || !previewUsable(m)} @click=${() => d({ type: 'reset' })}>${icon('discard')}Reset ${plural(p.totals.partitions, 'partition')}…</button>
      <span class="hint">VS Code asks you to confirm. The current offsets are saved first, so the reset can be undone.</span>
    </div>
    <p id="preview-note" class="hint">${why ? html`<span>${icon('info')} ${why}</span>` : nothing}</p>`;
}

/** Drawn anew for each new preview (as a fresh section: focus, open details). */
export function previewView(m: Model, d: Dispatch) {
  const p = m.preview;
  return html`<section id="preview" aria-labelledby="preview-heading" ?hidden=${!p}>${p ? keyed(p.planId, body(m, d, p)) : nothing}</section>`;
}
