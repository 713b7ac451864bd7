#!/usr/bin/env node
// Layer 3 of `npm test`: tests in a real VS Code (code-server 4.100.3 in Debian chromium).
//   1. smoke: the harness itself works (a tiny extension, env reaches the extension host);
//   2. ext: the Kafka Offsets extension's extension-host suite against the broker of this run
//      (KAFKA_TEST_BOOTSTRAP, set by scripts/test.js);
//   3. ui: browser journeys (test/e2e/journeys/*.js), each saving screenshots to test-results/.
// Each part is its own code-server; a failing part fails the run but does not stop the others.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

function run(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(signal ? 1 : code ?? 1));
  });
}

// --only ext:form,undo   extension-host files whose names contain a word (smoke is skipped)
// --only journey:09,05   journeys whose names contain a word (smoke and ext skipped)
// (a developer's loop: npm test runs everything; a narrowed run says so loudly)
function onlyArgs() {
  const i = process.argv.indexOf('--only');
  const spec = i > 0 ? process.argv[i + 1] || '' : '';
  const pick = (kind) => spec.split(';').filter((p) => p.startsWith(kind + ':')).flatMap((p) => p.slice(kind.length + 1).split(',').filter(Boolean));
  return spec ? { ext: pick('ext'), journey: pick('journey') } : null;
}

async function main() {
  const only = onlyArgs();
  if (only) console.log(`[e2e] !!! narrowed run: ext=${only.ext.join(',') || '(none)'} journeys=${only.journey.join(',') || '(none)'}`);
  const bootstrap = process.env.KAFKA_TEST_BOOTSTRAP;
  if (!bootstrap) throw new Error('KAFKA_TEST_BOOTSTRAP is not set: run through `npm test`.');
  const results = [];
  if (!only) results.push([
    'smoke',
    await run(['test/e2e/run-ext-tests.js', 'test/e2e/smoke', 'test/e2e/suite/index.js', 'test/e2e/smoke/workspace', '--env', 'KAFKA_OFFSETS_E2E_MARKER=ok', '--screenshot', 'test-results/smoke.png'], {
      KAFKA_OFFSETS_E2E_SUITE_DIR: 'test/e2e/smoke/suite',
    }),
  ]);
  const extSuite = path.join(root, 'test/e2e/ext');
  if (only && !only.ext.length) console.log('[e2e] !!! extension-host suite skipped (--only)');
  else if (fs.existsSync(extSuite)) {
    const workspace = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'ko-ws-'));
    results.push([
      'extension host',
      await run(['test/e2e/run-ext-tests.js', '.', 'test/e2e/suite/index.js', workspace, '--env', `KAFKA_TEST_BOOTSTRAP=${bootstrap}`, '--screenshot', 'test-results/ext-tests.png'], {
        KAFKA_OFFSETS_E2E_SUITE_DIR: 'test/e2e/ext',
        ...(only ? { KAFKA_OFFSETS_E2E_ONLY: only.ext.join(',') } : {}),
      }),
    ]);
  } else console.log('[e2e] !!! test/e2e/ext is missing: the extension has no extension-host tests');
  const journeys = path.join(root, 'test/e2e/journeys');
  if (fs.existsSync(journeys))
    for (const f of fs.readdirSync(journeys).filter((x) => x.endsWith('.js') && (!only || only.journey.some((w) => x.includes(w)))).sort()) results.push([`journey ${f}`, await run([path.join('test/e2e/journeys', f)], {})]);
  for (const [name, code] of results) console.log(`[e2e] ${name}: ${code === 0 ? 'PASS' : `FAIL (exit ${code})`}`);
  return results.every(([, c]) => c === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[e2e] ${e.message}`);
    process.exit(1);
  },
);
