'use strict';
/**
 * The tree at scale (issue 18): one code-server session with the extension under development and
 * bench/ext/treeScale.js in the extension host, on a broker holding `groups` groups. The host opens
 * the Kafka view and times all lag and the refreshes; this side times what the user sees: the first
 * group rows in the view's DOM after the view was opened, and — asked while lag is still loading —
 * how long the Filter Groups command takes to show its input box (then closes it with Escape).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { withTimeout } = require('./proc');

const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {{devPath: string, bootstrap: string, groups: number, prefix: string, timeoutMs: number, screenshot?: string}} o */
async function treeScaleSession({ devPath, bootstrap, groups, prefix, timeoutMs, screenshot }) {
  const { startCodeServer, workbenchUrl, launchChromium } = require(path.join(ROOT, 'test/e2e/codeserver.js'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-tree-'));
  const outFile = path.join(tmp, 'tree.json');
  const deadline = Date.now() + timeoutMs;
  let server;
  let browser;
  try {
    const env = { ...(process.env.BENCH_CPU_PROFILE ? { BENCH_CPU_PROFILE: process.env.BENCH_CPU_PROFILE } : {}), BENCH_BOOTSTRAP: bootstrap, BENCH_EXPECT_GROUPS: String(groups), BENCH_GROUP_PREFIX: prefix, BENCH_EXT_OUT: outFile };
    server = await withTimeout(startCodeServer({ env }), 120_000, 'starting code-server');
    browser = await withTimeout(launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }), 60_000, 'launching chromium');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
    const url = workbenchUrl({ port: server.port, folder: tmp, extensionDevelopmentPath: devPath, extensionTestsPath: path.join(ROOT, 'bench/ext/treeScale.js') });
    await withTimeout(page.goto(url), 90_000, 'loading the workbench');
    const seen = watchPage(page, outFile, deadline).catch((e) => ({ error: e.message }));
    await withTimeout(exited, Math.max(1000, deadline - Date.now()), 'the extension-host measurement');
    const p = await seen;
    if (screenshot) await withTimeout(page.screenshot({ path: screenshot }), 10_000, 'screenshot').catch(() => {});
    if (!fs.existsSync(outFile)) throw new Error('the extension host wrote no results');
    return { ...JSON.parse(fs.readFileSync(outFile, 'utf8')), page: p };
  } finally {
    if (browser) await withTimeout(browser.close(), 10_000, 'closing chromium').catch(() => {});
    if (server) await withTimeout(server.stop(), 15_000, 'stopping code-server').catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Polls the DOM (every ~10 ms): first group row after view-opened; the filter's input box after filter-asked. */
async function watchPage(page, outFile, deadline) {
  const res = {};
  const mark = (name) => (fs.existsSync(`${outFile}.${name}`) ? Number(fs.readFileSync(`${outFile}.${name}`, 'utf8')) : undefined);
  const now = () => page.evaluate(() => performance.timeOrigin + performance.now());
  try {
    let opened;
    while ((opened = mark('view-opened')) === undefined) {
      if (Date.now() > deadline || fs.existsSync(outFile)) return { error: 'the view was never opened' };
      await sleep(10);
    }
    // The first group row (its aria-label starts "Consumer group <id>", src/extension/format.ts).
    for (;;) {
      const r = await page.evaluate(() => ({ t: performance.timeOrigin + performance.now(), rows: document.querySelectorAll('.monaco-list-row[aria-label^="Consumer group "]').length }));
      if (r.rows > 0) {
        res.firstGroupsMs = r.t - opened;
        res.firstRows = r.rows;
        break;
      }
      if (Date.now() > deadline || fs.existsSync(outFile)) {
        const labels = await page.evaluate(() => [...document.querySelectorAll('.monaco-list-row')].slice(0, 8).map((e) => e.getAttribute('aria-label')));
        return { ...res, error: `no group row appeared (rows: ${JSON.stringify(labels)})` };
      }
      await sleep(10);
    }
    let asked;
    while ((asked = mark('filter-asked')) === undefined) {
      if (Date.now() > deadline || fs.existsSync(outFile)) return { ...res, note: 'the filter was not asked (lag loaded first)' };
      await sleep(5);
    }
    for (;;) {
      const r = await page.evaluate(() => {
        const w = document.querySelector('.quick-input-widget');
        return { t: performance.timeOrigin + performance.now(), shown: !!w && getComputedStyle(w).display !== 'none' && !!w.querySelector('input') };
      });
      if (r.shown) {
        res.filterBoxMs = r.t - asked;
        break;
      }
      if (Date.now() > deadline) return { ...res, error: 'the filter input box never showed' };
      await sleep(5);
    }
    await page.keyboard.press('Escape');
    res.pageClockSkewNote = `page clock vs host clock differ by ${Math.round((await now()) - Date.now())} ms (same machine; both epoch)`;
    return res;
  } finally {
    fs.writeFileSync(`${outFile}.filter-done`, '1');
  }
}

module.exports = { treeScaleSession };
