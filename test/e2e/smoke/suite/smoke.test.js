'use strict';
// Permanent check that the code-server harness works end to end. Run it with:
//   KAFKA_OFFSETS_E2E_SUITE_DIR=test/e2e/smoke/suite node test/e2e/run-ext-tests.js \
//     test/e2e/smoke test/e2e/suite/index.js test/e2e/smoke/workspace --env KAFKA_OFFSETS_E2E_MARKER=ok
// Passing any other marker value must make the run fail (that is how the harness's failure path is checked).
const assert = require('assert');
const vscode = require('vscode');

describe('e2e harness smoke (real VS Code extension host)', () => {
  it('loads the extension under development and runs its command', async () => {
    const ext = vscode.extensions.getExtension('kafka-offsets-e2e.kafka-offsets-e2e-smoke');
    assert.ok(ext, 'smoke extension not loaded: extensionDevelopmentPath did not reach the workbench');
    const result = await vscode.commands.executeCommand('smoke.hello');
    assert.strictEqual(result && result.greeting, 'hello');
    assert.ok(ext.isActive, 'running the command should have activated the extension');
  });

  it('sees the env the runner passed with --env', async () => {
    assert.strictEqual(process.env.KAFKA_OFFSETS_E2E_MARKER, 'ok', 'test module process');
    const result = await vscode.commands.executeCommand('smoke.hello');
    assert.strictEqual(result.marker, 'ok', 'extension code');
  });

  it('opened the requested workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1);
    assert.strictEqual(folders[0].uri.path.split('/').pop(), 'workspace', folders[0].uri.toString());
    console.log(`VS Code ${vscode.version}, uiKind=${vscode.env.uiKind}, remoteName=${vscode.env.remoteName}, node ${process.version}`);
  });
});
