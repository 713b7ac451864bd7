'use strict';
/**
 * One VS Code session for the bench: code-server (test/e2e/codeserver.js) with the extension under
 * development, bench/ext/host.js as the extension-host "tests" module, driven by headless chromium.
 * The extension host measures activation and the tree; this side measures the reset form's webview
 * (first contentful paint from the webview's own Paint Timing, and the form rendered with its group).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { withTimeout } = require('./proc');

const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{devPath: string, env: Record<string,string>, outFile: string, timeoutMs: number, screenshot?: string}} o
 * @returns {Promise<any>} the host's results plus `webview`
 */
async function vscodeSession({ devPath, env, outFile, timeoutMs, screenshot }) {
  const { startCodeServer, workbenchUrl, launchChromium } = require(path.join(ROOT, 'test/e2e/codeserver.js'));
  const deadline = Date.now() + timeoutMs;
  for (const f of [outFile, `${outFile}.form-opened`, `${outFile}.webview-done`]) fs.rmSync(f, { force: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-ws-'));
  let server;
  let browser;
  try {
    server = await withTimeout(startCodeServer({ env: { ...env, BENCH_EXT_OUT: outFile } }), 90_000, 'starting code-server');
    browser = await withTimeout(launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }), 30_000, 'launching chromium');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: devPath, extensionTestsPath: path.join(ROOT, 'bench/ext/host.js') });
    await withTimeout(page.goto(url), 60_000, 'loading the workbench');
    const webview = measureWebview(page, outFile, deadline).catch((e) => ({ error: e.message }));
    await withTimeout(exited, Math.max(1000, deadline - Date.now()), 'the extension-host measurement');
    const w = await webview;
    if (screenshot) await withTimeout(page.screenshot({ path: screenshot }), 10_000, 'screenshot').catch(() => {});
    if (!fs.existsSync(outFile)) throw new Error('the extension host wrote no results');
    return { ...JSON.parse(fs.readFileSync(outFile, 'utf8')), webview: w };
  } finally {
    if (browser) await withTimeout(browser.close(), 10_000, 'closing chromium').catch(() => {});
    if (server) await withTimeout(server.stop(), 15_000, 'stopping code-server').catch(() => {});
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * Waits for the host's "form opened" mark, then looks for the webview's content frame (the one with
 * acquireVsCodeApi) and reads its paint entries; then polls until the script has built the form
 * (#mode exists) and until it shows the group's data (#topic offers a topic). Times are relative to
 * the moment the host ran the command.
 */
async function measureWebview(page, outFile, deadline) {
  const mark = `${outFile}.form-opened`;
  try {
    while (!fs.existsSync(mark)) {
      if (Date.now() > deadline || fs.existsSync(outFile)) return { error: 'the form was never opened' };
      await sleep(20);
    }
    await sleep(5);
    const openedAt = Number(fs.readFileSync(mark, 'utf8'));
    const until = Math.min(deadline, Date.now() + 25_000);
    /** @type {any} */
    let found = null;
    while (Date.now() < until) {
      for (const frame of page.frames()) {
        const r = await frame
          .evaluate(() => {
            // @ts-ignore
            if (typeof acquireVsCodeApi !== 'function') return null;
            const paints = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, performance.timeOrigin + e.startTime]));
            const rendered = !!document.querySelector('#mode');
            /** @type {HTMLSelectElement | null} */
            const topic = document.querySelector('#topic');
            const withData = !!topic && [...topic.options].some((o) => o.value !== '');
            return { paints, rendered, withData, now: performance.timeOrigin + performance.now(), text: (document.body?.innerText || '').slice(0, 200) };
          })
          .catch(() => null);
        if (!r) continue;
        if (!found) found = { paints: r.paints };
        if (r.paints['first-contentful-paint'] && !found.fcp) found.fcp = r.paints['first-contentful-paint'] - openedAt;
        if (r.paints['first-paint'] && !found.fp) found.fp = r.paints['first-paint'] - openedAt;
        // ± the polling interval:
        if (r.rendered && !found.renderedMs) found.renderedMs = r.now - openedAt;
        if (r.withData && !found.dataMs) found.dataMs = r.now - openedAt;
        if (!found.firstSeenMs) found.firstSeenMs = r.now - openedAt;
        found.text = r.text;
      }
      if (found && found.fcp !== undefined && found.dataMs !== undefined) break;
      await sleep(10);
    }
    if (!found) return { error: 'no webview content frame appeared within 25 s' };
    return { firstContentfulPaintMs: found.fcp, firstPaintMs: found.fp, formRenderedMs: found.renderedMs, formWithDataMs: found.dataMs, firstSeenMs: found.firstSeenMs, text: found.text };
  } finally {
    fs.writeFileSync(`${outFile}.webview-done`, '1');
  }
}

module.exports = { vscodeSession };
