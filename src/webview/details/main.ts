/**
 * The Group Details panel, inside the webview: says `ready`, draws each `details` the host sends, and
 * asks for a `refresh` on the button. It holds no state worth saving (the host has the history), so a
 * reload simply asks again. Messages: src/protocol.ts (DetailsToHost / DetailsToWebview).
 */
import { render } from 'lit-html';
import type { DetailsToHost, DetailsToWebview, GroupDetails } from '../../protocol';
import { detailsView } from './view';

interface VsCodeApi {
  postMessage(message: DetailsToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('app')!;
let details: GroupDetails | undefined;
let pending: string | undefined;
let counter = 0;

function draw(): void {
  render(
    detailsView(details, pending !== undefined, () => {
      pending = `r${++counter}`;
      api.postMessage({ type: 'refresh', requestId: pending });
      draw();
    }),
    root,
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as DetailsToWebview;
  if (!m || typeof m !== 'object' || m.type !== 'details') return;
  details = m.details;
  if (m.requestId !== undefined && m.requestId === pending) pending = undefined;
  draw();
});

root.removeAttribute('aria-busy');
root.replaceChildren();
draw();
api.postMessage({ type: 'ready' });
