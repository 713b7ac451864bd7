#!/usr/bin/env node
// Type-checks every layer against the APIs it really runs with (see tsconfig.*.json): the whole tree
// with everything (tests included), then src/core + src/cli without DOM types, src/webview without Node
// types, src/extension without DOM types. Two at a time (the machines have 2 cores).
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const configs = ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.webview.json', 'tsconfig.extension.json'];

function check(config) {
  return new Promise((resolve) => {
    // --incremental: a re-check after a small edit reuses the last run's results (.tsbuild/, ignored by git).
    const info = path.join(root, '.tsbuild', config.replace(/\.json$/, '.tsbuildinfo'));
    const child = spawn(process.execPath, [tsc, '-p', config, '--noEmit', '--pretty', 'false', '--incremental', '--tsBuildInfoFile', info], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ config, code, out }));
  });
}

async function main() {
  const queue = [...configs];
  const results = [];
  await Promise.all([0, 1].map(async () => {
    while (queue.length) results.push(await check(queue.shift()));
  }));
  let failed = 0;
  for (const r of results) {
    if (r.code === 0) continue;
    failed++;
    process.stderr.write(`[typecheck] ${r.config} failed:\n${r.out}\n`);
  }
  if (failed) process.exit(1);
  console.log(`[typecheck] ${configs.join(', ')}: ok`);
}

main();
