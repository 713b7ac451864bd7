/**
 * The reset form's HTML page: a strict Content Security Policy, the stylesheets and the one script
 * (with a fresh nonce), and an empty root the script fills. Pure (no vscode import) so the policy is
 * unit-tested (test/unit/webview-html.test.ts).
 *
 * Policy: nothing by default; styles, fonts and images only from the webview's own resource origin
 * (dist/ and media/ of the extension); scripts only with this render's nonce. No 'unsafe-inline', no
 * 'unsafe-eval', no remote content. The script never sets style attributes, only classes and `hidden`.
 */
import { randomBytes } from 'node:crypto';

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

/** 128 random bits, base64: what a CSP nonce should be. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** For a double-quoted attribute value: single quotes stay readable (the CSP is full of them). */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function resetPanelHtml(p: ResetPanelHtmlParams): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(p.nonce)) throw new Error('A CSP nonce must be at least 16 base64 characters.');
  const e = escapeHtml;
  const a = escapeAttribute;
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(p.lang ?? '') ? p.lang! : 'en';
  return `<!DOCTYPE html>
<html lang="${a(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(p.codiconsUri)}">
<link rel="stylesheet" href="${a(p.styleUri)}">
<title>${e(p.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the reset form…</p></main>
<script nonce="${a(p.nonce)}" src="${a(p.scriptUri)}"></script>
</body>
</html>
`;
}
