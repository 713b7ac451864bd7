#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: a local Kafka broker with demo data, and VS Code with the extension.
 *
 *   1. build (dist/ for the extension, out/ for the engine that commits the demo offsets)
 *   2. Kafka on 127.0.0.1:9092 (the extension's built-in "Local" cluster is localhost:9092): used as
 *      is when something answers there; otherwise started like `npm run kafka:start` (data in
 *      .kafka/data, log .kafka/broker.log) but owned by this process
 *   3. demo data (test/support/demo-data.js); the shipping consumer runs in this process
 *   4. VS Code: `code --extensionDevelopmentPath=<repo> .kafka/demo-workspace` when `code` is on PATH,
 *      otherwise code-server on 127.0.0.1:8080 (or a free port) with the extension loaded
 *
 * Ctrl-C (SIGINT/SIGTERM) stops what this run started and nothing else: the shipping consumer,
 * code-server, and the broker only if this run started it. A desktop VS Code window is not ours to
 * close (the `code` launcher hands it to the running VS Code and returns).
 * Running it again is fine: an existing broker is reused, existing topics are kept, offsets are
 * re-committed to the demo's values.
 *
 * Env: DEMO_NO_EDITOR=1  no editor; exit after creating the data (tests/CI) unless DEMO_KEEP=1
 *      DEMO_EDITOR=code|code-server  force one editor
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const STATE = path.join(ROOT, '.kafka');
const WORKSPACE = path.join(STATE, 'demo-workspace');
const PID_FILE = path.join(STATE, 'broker.pid'); // shared with scripts/kafka.js (status/stop see our broker)
const HOST = '127.0.0.1';
const PORT = 9092;
const BOOTSTRAP = `${HOST}:${PORT}`;
const CODE_SERVER_PORT = 8080;

const env = (name) => !!process.env[name] && process.env[name] !== '0';
const noEditor = env('DEMO_NO_EDITOR');
const keep = env('DEMO_KEEP');
const t0 = Date.now();
const secs = (from = t0) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`[demo] ${line}`);

/** What this run started, so cleanup stops exactly that. */
const owned = {
  /** @type {{stop(): Promise<void>} | undefined} */ data: undefined,
  /** @type {{stop(): Promise<void>, pid: number} | undefined} */ codeServer: undefined,
  /** @type {any} the harness's BrokerHandle, only when this run started the broker */ broker: undefined,
};

/** Never hang on the way out: each step gets a bounded time. */
const bounded = (p, ms) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);

let stopping;
let brokerStarting = false;

/** Pids of kafka.Kafka processes whose parent is this process. */
function childBrokers() {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('kafka.Kafka')) pids.push(Number(d));
    } catch {}
  }
  return pids;
}

function cleanUp() {
  stopping ??= (async () => {
    if (owned.data) {
      say('stopping the shipping consumer');
      await bounded(owned.data.stop(), 5000);
    }
    if (owned.codeServer) {
      say(`stopping code-server (pid ${owned.codeServer.pid})`);
      await bounded(owned.codeServer.stop(), 10_000);
    }
    if (brokerStarting && !owned.broker) {
      // Ctrl-C while the broker is still starting: the harness has no handle for it yet. It is our
      // own child (detached, but still our child), so find it by parent pid and stop it.
      const pids = childBrokers();
      for (const pid of pids) {
        say(`stopping the Kafka broker this demo was starting (pid ${pid})`);
        try { process.kill(pid, 'SIGTERM'); } catch {}
      }
      for (let i = 0; i < 60 && childBrokers().length; i++) await new Promise((r) => setTimeout(r, 250));
      for (const pid of childBrokers()) try { process.kill(pid, 'SIGKILL'); } catch {}
    }
    if (owned.broker) {
      say(`stopping the Kafka broker this demo started (pid ${owned.broker.pid})`);
      const pid = owned.broker.pid;
      await bounded(owned.broker.stop({ timeoutMs: 15_000 }), 20_000);
      owned.broker = undefined;
      try {
        if (fs.readFileSync(PID_FILE, 'utf8').trim() === String(pid)) fs.rmSync(PID_FILE);
      } catch {}
    }
  })();
  return stopping;
}

// Installed first, so a Ctrl-C during the (slow) broker start or code-server install still cleans
// up (code-server's own exit handler covers one still starting). A terminal Ctrl-C reaches npm and
// this process, and npm forwards it once more: a second signal just waits for the first cleanup.
// Exit code 0 is this process's; `npm run` itself reports 130, because its `sh -c` dies of the
// terminal's SIGINT.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) return;
    console.log('');
    say(`${sig}: stopping what the demo started`);
    cleanUp().then(() => {
      say('stopped.');
      process.exit(0);
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

async function ensureBroker() {
  const { startBroker, isBrokerReady, DEFAULT_KAFKA_VERSION } = require('../test/support/broker.js');
  if (await isBrokerReady(HOST, PORT)) {
    say(`Kafka already answers on ${BOOTSTRAP}: using it (the demo will not stop it)`);
    return;
  }
  if (await portInUse(PORT)) {
    // Probably a broker still starting (e.g. `npm run kafka:start` in another terminal): give it a minute.
    say(`port ${PORT} is taken but no Kafka answers yet; waiting up to 60 s ...`);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (await isBrokerReady(HOST, PORT)) return say(`Kafka answers on ${BOOTSTRAP} now: using it (the demo will not stop it)`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`Port ${PORT} is in use by something that is not a ready Kafka broker; free it (or stop it) and run the demo again.`);
  }
  const t = Date.now();
  say(`starting Kafka ${DEFAULT_KAFKA_VERSION} on ${BOOTSTRAP} (data .kafka/data, log .kafka/broker.log; Kafka is downloaded with Maven the first time) ...`);
  fs.mkdirSync(STATE, { recursive: true });
  // Same data dir as `npm run kafka:start`, so a second demo run finds its topics again.
  // Detached (own process group) so a terminal Ctrl-C does not reach the broker directly: cleanUp()
  // stops it last, after the shipping consumer has left the group. Otherwise the LeaveGroup can be
  // lost, and the restarted broker would show a stale shipping member until its session expires.
  brokerStarting = true;
  owned.broker = await startBroker({ port: PORT, controllerPort: PORT + 1, dataDir: path.join(STATE, 'data'), logFile: path.join(STATE, 'broker.log'), detached: true });
  const pid = owned.broker.pid;
  fs.writeFileSync(PID_FILE, `${pid}\n`);
  // Last resort if we exit without cleanUp() (a crash): a detached broker would outlive us. Only a
  // SIGKILL of this process leaves it running; then .kafka/broker.pid lets `npm run kafka:stop` stop it.
  process.on('exit', () => {
    if (owned.broker?.running) try { process.kill(pid, 'SIGKILL'); } catch {}
  });
  say(`Kafka is up in ${secs(t)} (pid ${owned.broker.pid})`);
}

function writeWorkspace() {
  fs.mkdirSync(WORKSPACE, { recursive: true });
  fs.writeFileSync(
    path.join(WORKSPACE, 'DEMO.md'),
    [
      '# Kafka Offsets demo',
      '',
      'Open the **Kafka** view in the activity bar; the cluster **Local** is the demo broker on localhost:9092.',
      '',
      '| group | what it shows |',
      '|---|---|',
      '| billing | Empty, lag on `orders` and `payments`: right-click → Reset Offset (Form)…, date-time 3 hours ago, preview, reset; then Undo Last Reset |',
      '| shipping | Stable: a consumer runs in the `npm run demo` process; a reset is refused and names the member |',
      '| audit | `payments` partition 1 has no committed offset ("no commit") |',
      '| reporting | caught up: lag 0 |',
      '',
      'Topics: `orders` (6 partitions) and `payments` (3), messages spread over the 6 hours before the first demo run.',
      'Run `npm run demo` again to put every group back to these offsets.',
      '',
    ].join('\n'),
  );
}

/** Opens the editor; returns the line telling the user where to look. */
async function openEditor() {
  writeWorkspace();
  const choice = process.env.DEMO_EDITOR || (onPath('code') ? 'code' : 'code-server');
  if (choice === 'code') {
    say('opening VS Code (code on PATH) with the extension under development');
    // The launcher returns once the window is handed over; the window is the user's to close.
    const r = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { stdio: 'inherit' });
    await new Promise((resolve, reject) => {
      r.once('error', reject);
      r.once('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`\`code\` exited with ${code}`))));
    });
    return 'VS Code opened a new window with the extension (close it yourself; Ctrl-C here does not).';
  }
  const { ensureCodeServer, startCodeServer, workbenchUrl } = require('../test/e2e/codeserver.js');
  const t = Date.now();
  say('preparing code-server (installed once into ~/.cache/kafka-offsets, about a minute the first time) ...');
  await ensureCodeServer();
  const port = (await portInUse(CODE_SERVER_PORT)) ? undefined : CODE_SERVER_PORT; // undefined: a free port
  owned.codeServer = await startCodeServer({ port, startTimeoutMs: 120_000 });
  say(`code-server up in ${secs(t)} (pid ${owned.codeServer.pid}, log ${owned.codeServer.logFile})`);
  return `Open in your browser:  ${workbenchUrl({ port: owned.codeServer.port, folder: WORKSPACE, extensionDevelopmentPath: ROOT })}`;
}

async function main() {
  let t = Date.now();
  say('building (node scripts/build.js --tests: dist/ for the extension, out/ for the engine) ...');
  execFileSync(process.execPath, [path.join(__dirname, 'build.js'), '--tests'], { cwd: ROOT, stdio: 'inherit' });
  say(`built in ${secs(t)}`);

  await ensureBroker();

  t = Date.now();
  say('creating demo data ...');
  const { createDemoData } = require('../test/support/demo-data.js');
  owned.data = await createDemoData(BOOTSTRAP, { log: (line) => say(`  ${line}`) });
  say(`demo data ready in ${secs(t)}`);

  if (noEditor && !keep) {
    await cleanUp();
    say(`done in ${secs()} (DEMO_NO_EDITOR: no editor; everything this run started is stopped again).`);
    process.exit(0);
  }
  const where = noEditor ? 'No editor (DEMO_NO_EDITOR); kept running (DEMO_KEEP).' : await openEditor();

  const bar = '='.repeat(100);
  console.log(
    [
      '',
      bar,
      `  Kafka Offsets demo is ready (${secs()})`,
      '',
      `  ${where}`,
      '',
      '  In the Kafka view (activity bar), cluster "Local" (localhost:9092):',
      '    billing    Empty, lag on orders + payments  -> Reset Offset (Form)..., date-time 3 hours ago, preview, reset, undo',
      '    shipping   Stable (its consumer runs in this process), lag on orders -> a reset is refused, naming the member',
      '    audit      payments partition 1 has "no commit"',
      '    reporting  caught up, lag 0',
      '  Topics orders (6 partitions) and payments (3), messages over 6 hours.',
      '',
      `  Ctrl-C stops: the shipping consumer${owned.codeServer ? ', code-server' : ''}${owned.broker ? ', the Kafka broker (started by this demo)' : ' (the broker was already running and stays)'}.`,
      bar,
      '',
    ].join('\n'),
  );
  setInterval(() => {}, 1 << 30); // stay until a signal
}

main().catch(async (e) => {
  if (stopping) return; // interrupted by Ctrl-C: a step failing because we stop it is no news; the signal handler exits
  console.error(`[demo] failed: ${e && e.message ? e.message : e}`);
  await cleanUp();
  process.exit(1);
});
