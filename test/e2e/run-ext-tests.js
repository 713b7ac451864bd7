#!/usr/bin/env node
'use strict';
// Runs extension-host tests in a real VS Code (code-server + headless chromium): the offline
// equivalent of @vscode/test-electron's runTests({ extensionDevelopmentPath, extensionTestsPath }).
//
// usage: node test/e2e/run-ext-tests.js <extensionDevelopmentPath> <extensionTestsPath.js> <workspaceFolder>
//             [--env KEY=VALUE ...] [--timeout-ms N] [--screenshot FILE]
//
// --env values are set on the code-server process; its Node extension host inherits them, so the
// test module and the extension read them from process.env. Relative path-ish env values are NOT
// rewritten, except KAFKA_OFFSETS_E2E_SUITE_DIR (see below).
// Exit code: the one VS Code reports for run() (0 resolved / 1 rejected); 1 on timeout or harness error.
const fs = require('fs');
const path = require('path');
const util = require('util');
const { startCodeServer, workbenchUrl, launchChromium } = require('./codeserver');
// Prefix test/e2e/suite/index.js puts on every extension-host console line (see why there).
const { LOG_TAG } = require('./suite/index.js');

const REPO = path.resolve(__dirname, '..', '..');
const USAGE = 'usage: node test/e2e/run-ext-tests.js <extensionDevelopmentPath> <extensionTestsPath.js> <workspaceFolder> [--env KEY=VALUE ...] [--timeout-ms N] [--screenshot FILE]';

function parseArgs(argv) {
  const pos = [];
  const opts = { env: {}, timeoutMs: 10 * 60e3, screenshot: path.join(REPO, 'test-results', 'ext-tests.png') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { // accepts both `--flag value` and `--flag=value`
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const flag = a.split('=')[0];
    if (flag === '--env') {
      const kv = val();
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new Error(`--env expects KEY=VALUE, got "${kv}"`);
      opts.env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (flag === '--timeout-ms') {
      opts.timeoutMs = Number(val());
      if (!(opts.timeoutMs > 0)) throw new Error('--timeout-ms must be a positive number');
    } else if (flag === '--screenshot') {
      opts.screenshot = path.resolve(val());
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE); process.exit(0);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else pos.push(a);
  }
  if (pos.length !== 3) throw new Error(USAGE);
  const [devPath, testsPath, folder] = pos.map(p => path.resolve(p));
  for (const [what, p] of [['extensionDevelopmentPath', devPath], ['extensionTestsPath', testsPath], ['workspaceFolder', folder]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} does not exist: ${p}`);
  }
  if (!fs.existsSync(path.join(devPath, 'package.json'))) throw new Error(`no package.json in extensionDevelopmentPath ${devPath}`);
  if (!testsPath.endsWith('.js')) throw new Error(`extensionTestsPath must be a .js file: ${testsPath}`);
  return { devPath, testsPath, folder, ...opts };
}

// Turns one page-console message into extension-host output, or null if it is workbench noise.
//  - Lines tagged by test/e2e/suite/index.js (mocha's reporter): printed verbatim. The first one also
//    means "tests started".
//  - From then on, log-service lines ("%c INFO", "color: #33f", fmt, ...args): that is how VS Code shows
//    the extension host's console.* during a test run (no "[Extension Host]" marker); formatted here
//    with util.format because the browser leaves "%s" unexpanded. Workbench lines logged during the
//    run come through too (harmless); the gallery-lookup failure is dropped as known noise.
//  - "%c[Extension Host] %cmsg", "color: blue", "", ...args: VS Code's format when NOT running tests
//    (plain extension development, UI journeys); matched too in case a VS Code version uses it here.
const LEVEL = /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)\b/;
const NOISE = /open-vsx\.org/;
async function hostLine(msg, state) {
  const text = msg.text();
  const i = text.indexOf(LOG_TAG);
  if (i >= 0) { state.testsStarted = true; return text.slice(i + LOG_TAG.length).trimEnd(); }
  const level = LEVEL.exec(text);
  const isHost = text.includes('[Extension Host]');
  if (!isHost && !(level && state.testsStarted)) return null;
  const args = await Promise.all(msg.args().map(a => a.jsonValue().catch(() => '<unserializable>')));
  if (isHost) {
    // drop the styling arguments that belong to the "%c" markers in args[0]
    const first = String(args[0]).replace(/%c/g, '').replace(/^\s*\[Extension Host\]\s?/, '');
    const styles = (String(args[0]).match(/%c/g) || []).length;
    return util.format(first, ...args.slice(1 + styles)).trimEnd();
  }
  const line = util.format(...args.slice(2)).trimEnd();
  if (NOISE.test(line)) return null;
  return level[1] === 'INFO' ? line : `[${level[1].toLowerCase()}] ${line}`;
}

async function main() {
  // A closed pipe (`... | head`) must not kill us before cleanup; the result is in the exit code anyway.
  for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
  const opts = parseArgs(process.argv.slice(2));
  const verbose = !!process.env.VERBOSE;
  // The suite dir is read inside the extension host, whose cwd is not ours: make it absolute here.
  for (const env of [process.env, opts.env]) {
    if (env.KAFKA_OFFSETS_E2E_SUITE_DIR) env.KAFKA_OFFSETS_E2E_SUITE_DIR = path.resolve(env.KAFKA_OFFSETS_E2E_SUITE_DIR);
  }

  let server, browser, page, finishing = false, printQueue = Promise.resolve();
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1);

  // Single exit path: screenshot (best effort), close browser, stop code-server, exit.
  async function finish(code, why) {
    if (finishing) return;
    finishing = true;
    await withTimeout(printQueue, 5e3).catch(() => {});
    if (why) console.error(why);
    if (page && opts.screenshot) {
      try {
        fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
        await withTimeout(page.screenshot({ path: opts.screenshot }), 10e3);
        console.error(`run-ext-tests: screenshot ${path.relative(process.cwd(), opts.screenshot)}`);
      } catch (e) { console.error(`run-ext-tests: screenshot failed: ${e.message}`); }
    }
    if (browser) await withTimeout(browser.close(), 10e3).catch(() => {});
    if (server) {
      if (code !== 0 && verbose) console.error(fs.readFileSync(server.logFile, 'utf8'));
      await server.stop().catch(e => console.error(`run-ext-tests: stopping code-server: ${e.message}`));
    }
    console.error(`run-ext-tests: exit ${code} after ${secs()} s`);
    process.exit(code);
  }
  process.once('SIGINT', () => finish(130, 'run-ext-tests: SIGINT, cleaning up'));
  process.once('SIGTERM', () => finish(143, 'run-ext-tests: SIGTERM, cleaning up'));
  const hardTimer = setTimeout(() => finish(1, [
    '',
    '################################################################################',
    `# run-ext-tests: TIMEOUT after ${opts.timeoutMs} ms — the test run never reported back.`,
    '# The extension host may have hung, crashed or never loaded the tests.',
    '# Re-run with VERBOSE=1 for the browser console and the code-server log.',
    '################################################################################',
  ].join('\n')), opts.timeoutMs);

  try {
    server = await startCodeServer({ env: opts.env });
    console.error(`run-ext-tests: code-server ready on ${server.url} after ${secs()} s`);
    // Our SIGINT/SIGTERM handler cleans up (screenshot, browser, code-server); playwright's own would
    // kill the browser and exit first.
    browser = await launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    // The workbench calls window.codeAutomationExit(code) once run() settles (web counterpart of the
    // desktop window closing with that exit code). Must be exposed before navigation.
    const exitCode = new Promise(resolve => page.exposeFunction('codeAutomationExit', code => resolve(Number(code))));
    // Messages are handled one after another (argument values are fetched asynchronously) so the
    // output keeps its order; finish() waits for this queue before closing the browser.
    const state = { testsStarted: false };
    page.on('console', msg => {
      printQueue = printQueue.then(async () => {
        const line = await hostLine(msg, state);
        if (line !== null) console.log(line);
        else if (verbose) console.error(`[browser ${msg.type()}] ${msg.text()}`);
      }).catch(() => {});
    });
    page.on('pageerror', err => { if (verbose) console.error(`[page error] ${err.message}`); });
    page.on('crash', () => finish(1, 'run-ext-tests: the browser page crashed'));

    const url = workbenchUrl({ port: server.port, folder: opts.folder, extensionDevelopmentPath: opts.devPath, extensionTestsPath: opts.testsPath });
    if (verbose) console.error(`run-ext-tests: ${url}`);
    await page.goto(url);
    const code = await exitCode;
    clearTimeout(hardTimer);
    await withTimeout(printQueue, 5e3).catch(() => {}); // test output first, then our verdict
    console.error(`run-ext-tests: tests finished with exit code ${code}`);
    await finish(code === 0 ? 0 : 1);
  } catch (e) {
    clearTimeout(hardTimer);
    await finish(1, `run-ext-tests: ${e && e.stack || e}`);
  }
}

function withTimeout(p, ms) {
  let t;
  return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms); })]).finally(() => clearTimeout(t));
}

main().catch(e => { console.error(`run-ext-tests: ${e.message}`); process.exit(1); });
