/**
 * The Group Details panel's HTML page: the common webview page (webviewPage.ts: the reset form's strict
 * CSP, nonce) with its two stylesheets and one script. Pure (no vscode import), unit-tested with the
 * policy in test/unit/group-details.test.ts.
 */
import { webviewPage } from './webviewPage';

export interface DetailsHtmlParams {
  cspSource: string;
  nonce: string;
  /** dist/details.js, media/webview.css, media/details.css as webview URIs. */
  scriptUri: string;
  baseStyleUri: string;
  styleUri: string;
  title: string;
  /** BCP 47 language of the UI, e.g. vscode.env.language. */
  lang?: string;
}

export function groupDetailsHtml(p: DetailsHtmlParams): string {
  return webviewPage({
    cspSource: p.cspSource,
    nonce: p.nonce,
    scriptUri: p.scriptUri,
    styleUris: [p.baseStyleUri, p.styleUri],
    title: p.title,
    lang: p.lang,
    loadingText: 'Loading the group’s details…',
  });
}
