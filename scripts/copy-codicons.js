#!/usr/bin/env node
// Copies the codicon font and its stylesheet from node_modules/@vscode/codicons/dist into
// dist/codicons, where the reset form webview loads them (its localResourceRoots are dist/ and media/
// only: node_modules is not shipped in the vsix). Run after scripts/build.js; idempotent.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'node_modules', '@vscode', 'codicons', 'dist');
const to = path.join(root, 'dist', 'codicons');
const files = ['codicon.css', 'codicon.ttf'];

if (!fs.existsSync(from)) {
  console.error(`copy-codicons: ${path.relative(root, from)} is missing; run npm install (@vscode/codicons is a dev dependency).`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
