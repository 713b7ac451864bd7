/** The whole form, drawn from the model: header, the request form, status and error, preview, result. */
import { html, nothing } from 'lit-html';
import type { Model } from '../model';
import { isBusy, shownIssues } from '../form';
import { headerView } from './header';
import { modeView, valueView } from './inputs';
import { topicView } from './topics';
import { partitionsView } from './partitions';
import { previewView } from './preview';
import { resultView } from './result';
import { icon, issueList, spinner, type Dispatch } from './parts';

function formView(m: Model, d: Dispatch, now: number) {
  const issues = shownIssues(m, now);
  const seed = m.form.mode === 'seed';
  const submit = (e: Event) => {
    e.preventDefault();
    d({ type: 'preview' });
  };
  return html`<form id="reset-form" novalidate aria-labelledby="form-heading" @submit=${submit}>
    <h2 id="form-heading" class="visually-hidden">Reset request</h2>
    <div id="form-msg" class="msg" aria-live="polite">${issueList(issues.shown('group'))}</div>
    ${modeView(m, d)}
    <fieldset id="target-fieldset" class="group" ?disabled=${seed}>
      <legend class="visually-hidden">Topic and partitions</legend>
      <p id="seed-note" class="hint" ?hidden=${!seed}>The topic and partition come from the pasted request.</p>
      ${topicView(m, d, issues)} ${m.form.scope === 'one' ? partitionsView(m, d, issues) : nothing}
    </fieldset>
    ${valueView(m, d, issues, now)}
    <div class="actions"><button id="preview-button" class="primary" type="submit" ?disabled=${isBusy(m)}>${icon('eye')}Preview</button></div>
  </form>`;
}

function statusView(m: Model) {
  const { text, busy } = m.status;
  return html`<div id="status" class="status" role="status" aria-live="polite">${text ? html`<span>${busy ? html`${spinner()} ` : nothing}${text}</span>` : nothing}</div>`;
}

function errorView(m: Model, d: Dispatch) {
  const e = m.error;
  const body = e
    ? html`<p>${icon('error')} ${e}</p><button class="link" type="button" @click=${() => d({ type: 'showOutput' })}>Show output</button>`
    : nothing;
  return html`<div id="error" class="error-box" role="alert" ?hidden=${!e}>${body}</div>`;
}

export function pageView(m: Model, d: Dispatch, now: number) {
  return html`${headerView(m, d)}${formView(m, d, now)}${statusView(m)}${errorView(m, d)}${previewView(m, d)}${resultView(m, d)}`;
}
