#!/usr/bin/env node
// `npm run test:electron`: the same extension-host suite (test/e2e/ext) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code. CI here cannot (no VS Code download
// on these machines), so `npm test` runs the suite in code-server instead (test/e2e/run-all.js).
// Starts its own broker like scripts/test.js and always stops it.
'use strict';
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { startBroker } = require('../support/broker.js');

async function main() {
  const { runTests } = require('@vscode/test-electron');
  const root = path.resolve(__dirname, '../..');
  const broker = await startBroker();
  try {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-electron-ws-'));
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test/e2e/suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { KAFKA_TEST_BOOTSTRAP: broker.bootstrap, KAFKA_OFFSETS_E2E_SUITE_DIR: path.join(root, 'test/e2e/ext') },
    });
  } finally {
    await broker.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`test:electron failed: ${e && e.message ? e.message : e}`);
    console.error('(On machines without access to the VS Code download server this cannot run; `npm test` runs the same suite in code-server.)');
    process.exit(1);
  },
);
