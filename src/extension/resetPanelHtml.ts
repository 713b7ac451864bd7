/**
 * The reset form's HTML page: the common webview page (webviewPage.ts: strict CSP, nonce) with the
 * codicons and form stylesheets and the form's script. Pure (no vscode import), unit-tested in
 * test/unit/webview-html.test.ts.
 */
import { webviewPage } from './webviewPage';

export interface ResetPanelHtmlParams {
  /** webview.cspSource */
  cspSource: string;
  /** makeNonce(): fresh for every render. */
  nonce: string;
  /** webview.asWebviewUri(…) of dist/webview.js, media/webview.css, dist/codicons/codicon.css, as strings. */
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /** Page title, e.g. "Reset offsets — my-group". */
  title: string;
  /** BCP 47 language of the UI, e.g. vscode.env.language. */
  lang?: string;
}

export function resetPanelHtml(p: ResetPanelHtmlParams): string {
  return webviewPage({
    cspSource: p.cspSource,
    nonce: p.nonce,
    scriptUri: p.scriptUri,
    styleUris: [p.codiconsUri, p.styleUri],
    title: p.title,
    lang: p.lang,
    loadingText: 'Loading the reset form…',
  });
}
