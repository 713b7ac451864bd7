'use strict';
// Smallest possible extension: one command, activated on demand (VS Code >= 1.74 derives the
// onCommand activation event from contributes.commands).
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('smoke.hello', () => {
    vscode.window.showInformationMessage('Hello from the smoke extension');
    // Returned so tests can check both that the command ran and what env this process sees.
    return { greeting: 'hello', marker: process.env.KAFKA_OFFSETS_E2E_MARKER };
  }));
}
function deactivate() {}
module.exports = { activate, deactivate };
