#!/usr/bin/env node
// `npm test`: every test layer in one run, each summarised by node:test.
//   1. unit (no broker)                      out/test/unit
//   2. integration + differential (real broker started here, once)   out/test/integration
//   3. extension-host tests in code-server (real VS Code), when present   test/e2e
//   4. a real 3-broker cluster (replication factor 3): the reset, lag, differential, CLI and KIP-848
//      suites of layer 2 again, so every request has to find the right coordinator and leaders;
//      then the cluster fault suite (out/test/cluster), which starts its own cluster and stops brokers
// Brokers are always stopped, also on failure or Ctrl-C (the harness kills its children on exit).
// Flags: --unit (only unit), --no-e2e (skip layer 3), --no-cluster (skip layer 4), --cluster (only
// layer 4); every skip is said loudly.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startBroker } = require('../test/support/broker.js');
const { startCluster } = require('../test/support/cluster.js');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function run(cmd, argv, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(signal ? 1 : code ?? 1));
  });
}

function testFiles(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(dir, f));
}

const version = process.env.KAFKA_VERSION || '4.3.1';

/** Layer 2's files, minus KIP-848 on Kafka 3.x (the consumer group protocol is GA from 4.0). */
function integrationFiles() {
  const files = testFiles('out/test/integration');
  if (!/^[0-3]\./.test(version)) return files;
  console.log(`[test] !!! Kafka ${version}: the KIP-848 test is NOT run (the consumer group protocol needs Kafka 4.0+)`);
  return files.filter((f) => !f.endsWith('kip848.test.js'));
}

// The suites that only talk to the cluster through the bootstrap list. Not faults/secure (they start
// and kill brokers of their own) nor demo-data (single-broker demo topics).
const ON_CLUSTER = ['reset.test.js', 'differential.test.js', 'cli.test.js', 'kip848.test.js'];

async function clusterLayer(results) {
  const t0 = Date.now();
  const cluster = await startCluster({ size: 3, version, logDir: path.join(root, 'test-results', 'cluster') });
  console.log(`[test] 3-broker cluster ${cluster.bootstrap} up in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs: test-results/cluster)`);
  try {
    const files = integrationFiles().filter((f) => ON_CLUSTER.includes(path.basename(f)));
    const env = { KAFKA_TEST_BOOTSTRAP: cluster.bootstrap, KAFKA_TEST_REPLICATION_FACTOR: '3' };
    results.push(['integration on 3 brokers', await run(process.execPath, ['--test', '--test-concurrency=1', ...files], env)]);
  } finally {
    await cluster.stop();
  }
  results.push(['cluster faults', await run(process.execPath, ['--test', '--test-concurrency=1', ...testFiles('out/test/cluster')])]);
}

async function main() {
  const results = [];
  const t0 = Date.now();
  if (args.includes('--cluster')) {
    await clusterLayer(results);
    return results;
  }
  const unit = testFiles('out/test/unit');
  results.push(['unit', await run(process.execPath, ['--test', ...unit])]);
  if (args.includes('--unit')) return results;

  const broker = await startBroker({ logFile: path.join(root, 'test-results', 'broker.log') });
  console.log(`[test] broker ${broker.bootstrap} up (log: ${broker.logFile})`);
  try {
    const env = { KAFKA_TEST_BOOTSTRAP: broker.bootstrap, KAFKA_TEST_JARS: broker.jarsDir };
    // One file at a time: several files share the broker and some stop/kill consumers on purpose.
    results.push(['integration', await run(process.execPath, ['--test', '--test-concurrency=1', ...integrationFiles()], env)]);
    const e2e = path.join(root, 'test/e2e/run-all.js');
    if (args.includes('--no-e2e')) console.log('[test] !!! extension-host/browser tests SKIPPED (--no-e2e): this run does not prove the extension works');
    else if (fs.existsSync(e2e)) results.push(['e2e (code-server)', await run(process.execPath, [e2e], env)]);
  } finally {
    await broker.stop();
  }
  if (args.includes('--no-cluster')) console.log('[test] !!! 3-broker cluster tests SKIPPED (--no-cluster): this run does not prove coordinator/leader routing or broker failover');
  else await clusterLayer(results);
  console.log(`[test] total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return results;
}

// If Node ran out of work while a layer was still awaited (a promise nobody resolves), it would exit
// with code 0 in the middle of the run: a silent pass. Never let that happen.
let finished = false;
process.on('exit', (code) => {
  if (!finished && code === 0) {
    console.error('[test] !!! the run ended before every layer reported (an await never resolved): FAIL');
    process.exitCode = 1;
  }
});

main().then(
  (results) => {
    finished = true;
    for (const [name, code] of results) console.log(`[test] ${name}: ${code === 0 ? 'PASS' : `FAIL (exit ${code})`}`);
    process.exit(results.every(([, code]) => code === 0) ? 0 : 1);
  },
  (e) => {
    finished = true;
    console.error(`[test] ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
