#!/usr/bin/env node
'use strict';
/**
 * A local Kafka broker for development (`npm run kafka:start` / `kafka:stop`).
 *
 *   node scripts/kafka.js start [--port 9092]   broker on 127.0.0.1:9092, controller on port+1
 *   node scripts/kafka.js stop                  SIGTERM, SIGKILL after 15 s
 *   node scripts/kafka.js status                exit 0 when running and answering
 *
 * KAFKA_VERSION picks the release (default 4.3.1). State lives in .kafka/ (gitignored): data in
 * .kafka/data (kept across restarts), log in .kafka/broker.log, pid in .kafka/broker.pid.
 * Uses the same harness as the tests (test/support/broker.js).
 */

const fs = require('node:fs');
const path = require('node:path');
const { startBroker, isBrokerReady, DEFAULT_KAFKA_VERSION } = require('../test/support/broker.js');

const ROOT = path.resolve(__dirname, '..');
const STATE = path.join(ROOT, '.kafka');
const PID_FILE = path.join(STATE, 'broker.pid');
const LOG_FILE = path.join(STATE, 'broker.log');
const DATA_DIR = path.join(STATE, 'data');

/** @param {string[]} argv */
function parseArgs(argv) {
  const [command = 'status', ...rest] = argv;
  let port = 9092;
  for (let i = 0; i < rest.length; i++) {
    const m = /^--port(?:=(.*))?$/.exec(rest[i]);
    if (m) port = Number(m[1] ?? rest[++i]);
    else usage(`unknown argument: ${rest[i]}`);
  }
  if (!Number.isInteger(port) || port <= 0 || port >= 65535) usage('--port needs a port number');
  return { command, port };
}

/** @param {string} [msg] @returns {never} */
function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: node scripts/kafka.js start|stop|status [--port 9092]   (env KAFKA_VERSION)');
  process.exit(2);
}

/** The pid in .kafka/broker.pid if that process is still our broker (pids get reused). */
function brokerPid() {
  let pid;
  try {
    pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
  } catch {
    return undefined;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') ? pid : undefined;
  } catch {
    return undefined; // not running
  }
}

/** @param {number} port */
async function start(port) {
  if (await isBrokerReady('127.0.0.1', port)) {
    console.log(`Something already answers as a Kafka broker on 127.0.0.1:${port}${brokerPid() ? ` (pid ${brokerPid()})` : ''}; not starting another.`);
    return 0;
  }
  const running = brokerPid();
  if (running) {
    console.error(`Broker pid ${running} from ${PID_FILE} is running but not answering on ${port} (still starting, or another port?). See ${LOG_FILE}, or run stop first.`);
    return 1;
  }
  fs.mkdirSync(STATE, { recursive: true });
  console.log(`Starting Kafka ${DEFAULT_KAFKA_VERSION} on 127.0.0.1:${port} (log ${path.relative(process.cwd(), LOG_FILE)}) ...`);
  const t0 = Date.now();
  // detached: own session, not killed with this script; the harness unrefs it so we can exit.
  const broker = await startBroker({
    port,
    controllerPort: port + 1,
    dataDir: DATA_DIR,
    logFile: LOG_FILE,
    detached: true,
  });
  fs.writeFileSync(PID_FILE, `${broker.pid}\n`);
  console.log(`Kafka is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: bootstrap ${broker.bootstrap} (pid ${broker.pid}, log ${LOG_FILE})`);
  return 0;
}

async function stop() {
  const pid = brokerPid();
  if (!pid) {
    fs.rmSync(PID_FILE, { force: true });
    console.log('No dev broker running (no live pid in .kafka/broker.pid).');
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(pid)) {
    console.log(`pid ${pid} still alive after 15 s: SIGKILL`);
    process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(PID_FILE, { force: true });
  console.log(`Stopped Kafka broker pid ${pid}.`);
  return 0;
}

/**
 * Alive and not a zombie (a detached broker whose parent is gone is reaped by init, but not always at once).
 * @param {number} pid
 */
function isAlive(pid) {
  try {
    return !/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** @param {number} port */
async function status(port) {
  const pid = brokerPid();
  const ready = await isBrokerReady('127.0.0.1', port);
  if (ready) console.log(`Kafka answers on 127.0.0.1:${port}${pid ? ` (dev broker pid ${pid})` : ' (not started by this script)'}.`);
  else if (pid) console.log(`Dev broker pid ${pid} is running but not answering on 127.0.0.1:${port}; see ${LOG_FILE}.`);
  else console.log(`No Kafka on 127.0.0.1:${port}.`);
  return ready ? 0 : 1;
}

async function main() {
  const { command, port } = parseArgs(process.argv.slice(2));
  if (command === 'start') return start(port);
  if (command === 'stop') return stop();
  if (command === 'status') return status(port);
  return usage(`unknown command: ${command}`);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e.message || e);
    process.exit(1);
  },
);
