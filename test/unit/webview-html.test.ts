/**
 * The reset form's page (src/extension/resetPanelHtml.ts): a strict Content Security Policy with a
 * fresh nonce on every render, used on the one script tag; only the webview's own resources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resetPanelHtml, type ResetPanelHtmlParams } from '../../src/extension/resetPanelHtml';
import { contentSecurityPolicy, escapeAttribute, escapeHtml, makeNonce } from '../../src/extension/webviewPage';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const base = (nonce = makeNonce()): ResetPanelHtmlParams => ({
  cspSource: CSP_SOURCE,
  nonce,
  scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`,
  styleUri: `${CSP_SOURCE}/ext/media/webview.css`,
  codiconsUri: `${CSP_SOURCE}/ext/dist/codicons/codicon.css`,
  title: 'Reset Offsets: orders-consumer',
});

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'no CSP meta tag');
  return m[1].replace(/&amp;/g, '&');
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('the CSP denies by default and allows only the webview origin and the nonce', () => {
  const p = base();
  const d = directives(cspOf(resetPanelHtml(p)));
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('style-src'), [CSP_SOURCE]);
  assert.deepEqual(d.get('font-src'), [CSP_SOURCE]);
  assert.deepEqual(d.get('img-src'), [CSP_SOURCE]);
  assert.deepEqual(d.get('script-src'), [`'nonce-${p.nonce}'`]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('form-action'), ["'none'"]);
  assert.ok(!d.has('connect-src'), 'the webview needs no network');
});

test('no unsafe-inline, no unsafe-eval, no remote sources besides the webview origin', () => {
  const html = resetPanelHtml(base());
  const csp = cspOf(html);
  assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/.test(csp));
  assert.ok(!csp.includes('*'), 'no wildcards');
  // Every http(s) URL in the page is the webview's own resource origin (asWebviewUri), nothing remote.
  const urls = html.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  assert.ok(urls.length >= 4);
  for (const u of urls) assert.ok(u.startsWith(CSP_SOURCE), `remote URL in the page: ${u}`);
  const withoutCspSource = html.split(CSP_SOURCE).join('');
  assert.ok(!/https?:/.test(withoutCspSource), 'an http(s) source other than the webview origin');
  assert.ok(!/data:|blob:/.test(csp));
});

test('the nonce is fresh per render and is on the only script tag', () => {
  const nonces = new Set(Array.from({ length: 50 }, () => makeNonce()));
  assert.equal(nonces.size, 50);
  for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/, '128 bits, base64');

  const a = base();
  const b = base();
  assert.notEqual(a.nonce, b.nonce);
  for (const p of [a, b]) {
    const html = resetPanelHtml(p);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
    assert.equal(scripts.length, 1, 'exactly one script tag');
    assert.match(scripts[0][1], new RegExp(`nonce="${p.nonce.replace(/[+/]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="[^"]*\/dist\/webview\.js"/);
    assert.ok(cspOf(html).includes(`'nonce-${p.nonce}'`));
    // No inline script bodies and no inline event handlers or style attributes.
    assert.match(html, /<script [^>]*><\/script>/);
    assert.ok(!/\son[a-z]+=/i.test(html));
    assert.ok(!/\sstyle=/i.test(html));
    assert.ok(!/<style/i.test(html));
  }
});

test('stylesheets: the form css and the codicons, from the webview origin', () => {
  const html = resetPanelHtml(base());
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(links, [`${CSP_SOURCE}/ext/dist/codicons/codicon.css`, `${CSP_SOURCE}/ext/media/webview.css`]);
});

test('a weak or malformed nonce is refused', () => {
  for (const nonce of ['', 'abc', "x' 'unsafe-inline", 'a"b'.repeat(8)]) assert.throws(() => resetPanelHtml(base(nonce)));
});

test('the title and language are escaped / checked', () => {
  const html = resetPanelHtml({ ...base(), title: 'Reset Offsets: <img src=x onerror=alert(1)>"&', lang: 'en"><script>' });
  assert.ok(html.includes('<title>Reset Offsets: &lt;img src=x onerror=alert(1)&gt;&quot;&amp;</title>'));
  assert.ok(html.includes('<html lang="en">'));
  assert.equal(resetPanelHtml({ ...base(), lang: 'pt-br' }).includes('<html lang="pt-br">'), true);
  assert.equal(escapeHtml(`<'&">`), '&lt;&#39;&amp;&quot;&gt;');
  assert.equal(escapeAttribute(`<'&">`), `&lt;'&amp;&quot;&gt;`);
  // The policy reads as written in the page (what reviewers and tests grep for).
  assert.ok(resetPanelHtml(base('A'.repeat(22) + '==')).includes(`script-src 'nonce-${'A'.repeat(22)}=='`));
  assert.equal(contentSecurityPolicy('S', 'N').includes("script-src 'nonce-N'"), true);
});
