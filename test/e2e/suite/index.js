'use strict';
// extensionTestsPath module (the contract @vscode/test-electron also uses): VS Code's extension host
// require()s this file and calls run(); the workbench reports exit code 0 if the promise resolves,
// 1 if it rejects. Test files are found at run time so one runner serves every suite:
//   KAFKA_OFFSETS_E2E_SUITE_DIR=<dir>  -> runs <dir>/**/*.test.js   (default: this file's directory)
const fs = require('fs');
const path = require('path');
const util = require('util');

// Why mocha's output is tagged: when tests run from the CLI (extensionTestsPath set), VS Code sends
// the extension host's console to the workbench's log service, which prints it in the page console
// with NO "[Extension Host]" prefix, mixed with the workbench's own INFO lines, and with printf-style
// arguments ("%s%s", mocha's style) left unformatted. The console itself cannot be wrapped (VS Code
// makes console.log & co non-writable in the extension host), so mocha's reporter output is formatted
// here into single strings starting with LOG_TAG. run-ext-tests.js prints tagged lines verbatim and
// treats the first one as "tests started" (from then on it forwards other log lines too, formatted).
const LOG_TAG = '[ko-e2e] ';
const tagged = (...args) => console.log(LOG_TAG + util.format(...args));

function findTests(dir) {
  const found = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') found.push(...findTests(p));
    else if (e.isFile() && e.name.endsWith('.test.js')) found.push(p);
  }
  return found;
}

exports.LOG_TAG = LOG_TAG;
exports.run = function run() {
  // mocha 11 is CommonJS, later majors are ESM-first; this shape works for both.
  const m = require('mocha');
  const Mocha = m.default || m.Mocha || m;
  // The extension host's cwd is not ours; a relative dir is taken relative to the repo root.
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const dir = path.resolve(repoRoot, process.env.KAFKA_OFFSETS_E2E_SUITE_DIR || __dirname);
  // First tagged line: tells run-ext-tests.js the tests started, so VS Code's own report of a
  // rejected run() ("[err] ...") is forwarded too.
  tagged(`e2e suite: *.test.js under ${dir}`);
  // KAFKA_OFFSETS_E2E_ONLY=form,undo narrows the suite to files whose names contain one of the
  // words (a developer's loop; npm test never sets it).
  const only = (process.env.KAFKA_OFFSETS_E2E_ONLY || '').split(',').filter(Boolean);
  const files = (fs.existsSync(dir) ? findTests(dir).sort() : []).filter((f) => !only.length || only.some((w) => path.basename(f).includes(w)));
  // Zero tests must not look like success (a mistyped dir would otherwise pass silently).
  if (!files.length) return Promise.reject(new Error(`no *.test.js files under ${dir}`));

  Mocha.reporters.Base.consoleLog = tagged; // the spec reporter prints through this
  // color off: output travels through the browser console to a log, escape codes would only be noise.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60000, color: false });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) { reject(e); } // e.g. a syntax error in a test file, thrown while loading
  });
};
