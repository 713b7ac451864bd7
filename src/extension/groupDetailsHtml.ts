/**
 * The Group Details panel's HTML page: the reset form's Content Security Policy (no inline script or
 * style, scripts only with this render's nonce, nothing remote), its two stylesheets and one script.
 * Pure (no vscode import), unit-tested with the policy in test/unit/group-details.test.ts.
 */
import { contentSecurityPolicy, escapeAttribute as a, escapeHtml as e } from './resetPanelHtml';

export interface DetailsHtmlParams {
  cspSource: string;
  nonce: string;
  /** dist/details.js, media/webview.css, media/details.css as webview URIs. */
  scriptUri: string;
  baseStyleUri: string;
  styleUri: string;
  title: string;
}

export function groupDetailsHtml(p: DetailsHtmlParams): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(p.nonce)) throw new Error('A CSP nonce must be at least 16 base64 characters.');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(p.baseStyleUri)}">
<link rel="stylesheet" href="${a(p.styleUri)}">
<title>${e(p.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the group’s details…</p></main>
<script nonce="${a(p.nonce)}" src="${a(p.scriptUri)}"></script>
</body>
</html>
`;
}
