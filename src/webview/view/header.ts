/** The form's header: which group on which cluster, the group's state and members, Reload. */
import { html, nothing } from 'lit-html';
import type { Model } from '../model';
import { plural } from '../format';
import { isResettable } from '../../core/groupState';
import { icon, spinner, type Dispatch } from './parts';

function where(m: Model) {
  const c = m.cluster;
  if (!c) return nothing;
  const badge = c.protected ? html`<span class="badge">${icon('lock')}protected: you will type the group id to confirm</span>` : nothing;
  return html`Group <strong class="mono">${m.group}</strong> on <strong>${c.name}</strong><span class="muted"> (${c.brokers.join(', ')})</span>${badge}`;
}

function groupState(m: Model) {
  const g = m.groupInfo;
  if (m.groupLoading && !g) return html`${spinner()} Reading the group…`;
  if (m.groupError) return html`${icon('error', 'error-fg')} ${m.groupError}`;
  if (!g) return nothing;
  const members = g.members;
  const empty = isResettable(g);
  const who = members.length
    ? ` · ${plural(members.length, 'member')}: ${members.slice(0, 4).map((x) => `${x.clientId} (${x.host})`).join(', ')}${members.length > 4 ? ', …' : ''}`
    : '';
  // "State:" and a tick, not a bare "○ Empty": beside the Reload button an empty circle read as an
  // unchecked radio button.
  return html`<span class="muted">State:</span> ${icon(empty ? 'check' : 'warning', empty ? '' : 'warning-fg')} ${g.state === 'Dead' ? 'No such group yet (Dead)' : g.state}${who}${
    empty ? html`<span class="muted"> — no members, it can be reset</span>` : html`<span class="muted"> — stop its consumers before resetting</span>`
  }`;
}

export function headerView(m: Model, d: Dispatch) {
  return html`<header>
    <h1>Reset offsets</h1>
    <p class="where">${where(m)}</p>
    <div class="group-line">
      <p id="group-state" class="group-state" aria-live="polite">${groupState(m)}</p>
      <button id="reload-button" class="secondary icon-button" type="button" title="Read the group’s topics, lag and members again" ?disabled=${m.groupLoading} @click=${() => d({ type: 'reloadGroup' })}>${icon('refresh')}Reload</button>
    </div>
  </header>`;
}
