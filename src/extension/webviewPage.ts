/**
 * The one HTML page skeleton every webview of this extension uses, and the one home of its Content
 * Security Policy. Pure (no vscode import) so the policy is unit-tested (test/unit/webview-html.test.ts).
 *
 * Policy: nothing by default; styles, fonts and images only from the webview's own resource origin
 * (dist/ and media/ of the extension); scripts only with this render's nonce. No 'unsafe-inline', no
 * 'unsafe-eval', no remote content. Scripts never set style attributes, only classes and `hidden`.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPageParams {
  /** webview.cspSource */
  cspSource: string;
  /** makeNonce(): fresh for every render. */
  nonce: string;
  /** webview.asWebviewUri(…) of the page's one script, as a string. */
  scriptUri: string;
  /** Stylesheets in cascade order, as webview URI strings. */
  styleUris: string[];
  title: string;
  /** BCP 47 language of the UI (vscode.env.language); anything else falls back to "en". */
  lang?: string;
  /** What the empty root says until the script has rendered. */
  loadingText: string;
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

export function webviewPage(p: WebviewPageParams): string {
  // A nonce that could close the quoted source expression would let a caller widen the policy.
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(p.nonce)) throw new Error('A CSP nonce must be at least 16 base64 characters.');
  const e = escapeHtml;
  const a = escapeAttribute;
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(p.lang ?? '') ? p.lang! : 'en';
  const styles = p.styleUris.map((u) => `<link rel="stylesheet" href="${a(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${a(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${e(p.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${e(p.loadingText)}</p></main>
<script nonce="${a(p.nonce)}" src="${a(p.scriptUri)}"></script>
</body>
</html>
`;
}
