/**
 * The reset form, inside the webview (browser): the entry that wires the VS Code webview API to the
 * form's model–view–update. The model (./model.ts) changes only in update() (./update.ts, pure), the
 * views (./view/) draw it with lit-html, and this file runs the effects update() returns: messages to
 * the host and focus. The form never decides anything that matters: the host re-validates every
 * request, reads the offsets, keeps the plan and applies it only after VS Code's own confirmation
 * dialog. Messages: src/protocol.ts.
 *
 * State: what persist() picks is kept with setState() whenever it changes, so hiding and showing the
 * panel (which reloads this script) or reloading VS Code loses nothing.
 *
 * Stable element ids (for the extension-host tests and journeys): #mode, #topic, #partitions-all,
 * #partitions-some, #partition-<n>, #value, #value-datetime, #value-seed, #allow-old, #preview-button,
 * #reset-button, #undo-button, #preview-table, #result-table, #status, #error.
 */
import { render } from 'lit-html';
import type { HostToWebview, WebviewToHost } from '../protocol';
import { persist, restore, type Model } from './model';
import type { Msg } from './events';
import { update } from './update';
import { pageView } from './view/page';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('app')!;
let model: Model = restore(api.getState(), Date.now());
/** What setState() last got: a form nothing happened to yet saves nothing (its next load is a first load). */
let saved = JSON.stringify(persist(model));

function dispatch(msg: Msg): void {
  const step = update(model, { ...msg, now: Date.now() });
  model = step.model;
  const state = persist(model);
  const json = JSON.stringify(state);
  if (json !== saved) {
    saved = json;
    api.setState(state);
  }
  render(pageView(model, dispatch, Date.now()), root);
  for (const effect of step.effects) {
    if (effect.type === 'post') api.postMessage(effect.message);
    else document.getElementById(effect.id)?.focus();
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToWebview;
  if (message && typeof message === 'object' && typeof message.type === 'string') dispatch({ type: 'host', message });
});

root.removeAttribute('aria-busy');
root.replaceChildren();
dispatch({ type: 'start' });
