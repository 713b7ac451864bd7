'use strict';
// Small helpers for UI journeys: a real workbench (code-server) in headless chromium, driven with
// playwright-core. Selectors are VS Code 1.100's DOM classes; they are not API, so keep them here.
const fs = require('fs');
const path = require('path');
const { startCodeServer, workbenchUrl, launchChromium } = require('./codeserver');

const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'test-results');

/** Navigates to a workbench URL and waits until the workbench (activity bar included) is rendered. */
async function openWorkbench(page, url, { timeoutMs = 90e3 } = {}) {
  await page.goto(url);
  // .monaco-workbench appears first; the activity bar only once layout and contributions are in.
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
  return page;
}

/**
 * Runs a command from the palette by its title as shown there, e.g. "Kafka Offsets: Refresh".
 * Retries: right after the workbench appears, the extension host may not have registered the
 * extension's contributions yet, and an open palette does not pick up commands that arrive later.
 * Enter is only pressed when the highlighted row is the wanted one (fuzzy matching may rank a
 * different command first); otherwise the matching row is clicked.
 */
async function runCommand(page, title, { timeoutMs = 30e3 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Escape'); // close any open quick pick so F1 opens a fresh one
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(`>${title}`); // F1 pre-fills ">"; fill() replaces it, so put it back
    try {
      await row.waitFor({ timeout: Math.min(3e3, Math.max(1, deadline - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() >= deadline) {
        await page.keyboard.press('Escape');
        throw new Error(`command "${title}" not in the command palette after ${timeoutMs} ms`);
      }
    }
  }
  const focused = page.locator('.quick-input-list .monaco-list-row.focused').first();
  const focusedLabel = (await focused.getAttribute('aria-label').catch(() => null)) || '';
  if (focusedLabel.includes(title)) await page.keyboard.press('Enter');
  else await row.click();
  // The palette closes — or its widget is reused at once by the command's own quick pick (seen with
  // Reset Offset's group pick): either way, the widget no longer holds the ">title" command query.
  await page.waitForFunction(() => {
    const i = document.querySelector('.quick-input-widget input');
    return !i || i.offsetParent === null || !i.value.startsWith('>');
  }, null, { timeout: 5e3 });
}

/**
 * Returns the frame containing `selector`. Webview content sits two iframes deep (workbench ->
 * webview host iframe -> content iframe), and the frames appear asynchronously, so poll all frames.
 */
async function findFrameWith(page, selector, timeoutMs = 30e3) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame; // detached frames throw
    }
    if (Date.now() > deadline) throw new Error(`no frame contains ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

/** Saves <repo>/test-results/<name>.png and returns its path. */
async function screenshot(page, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Convenience for a journey: code-server + chromium + a page showing `folder` with the extension at
 * `extensionDevelopmentPath` loaded. close() tears everything down; call it in a finally block.
 */
async function startWorkbench({ extensionDevelopmentPath, folder, env, userSettings, viewport = { width: 1400, height: 900 } }) {
  const server = await startCodeServer({ env, userSettings });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    await openWorkbench(page, workbenchUrl({ port: server.port, folder, extensionDevelopmentPath }));
    const close = async () => { await browser.close().catch(() => {}); await server.stop(); };
    return { page, browser, server, close };
  } catch (e) {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    throw e;
  }
}

module.exports = { openWorkbench, runCommand, findFrameWith, screenshot, startWorkbench, RESULTS_DIR };
