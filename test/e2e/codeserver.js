'use strict';
// code-server (VS Code 1.100.3 server + web workbench) as a test host, because desktop VS Code cannot
// be downloaded on our CI machines. See /work/shared/docs/vscode-e2e.md for the background facts.
//
//   ensureCodeServer()            -> absolute path of the code-server binary (installs once, then ~instant)
//   startCodeServer(opts)         -> { url, port, pid, stateDir, logFile, stop() }
//   workbenchUrl(opts)            -> URL opening a folder with an extension under development (+ tests)
//   launchChromium()              -> playwright-core Browser running Debian's chromium
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const http = require('http');
const net = require('net');
const { spawn, execFileSync } = require('child_process');

// 4.100.3 is the newest code-server whose engines.node accepts Node 20 (4.103.2+ need Node 22).
const CS_VERSION = '4.100.3';
// Pinned by code-server 4.100.3: @vscode/ripgrep version in lib/vscode/npm-shrinkwrap.json, and the rg
// release tag in that package's lib/postinstall.js. Bumping CS_VERSION means re-reading both.
const RG_PKG_VERSION = '1.15.11';
const RG_TAG = 'v13.0.0-10';

// Outside the repo so `npm ci` / `git clean` do not throw away a 1-minute native build.
const CACHE_DIR = process.env.KAFKA_OFFSETS_E2E_CACHE || path.join(os.homedir(), '.cache', 'kafka-offsets');
const CS_DIR = path.join(CACHE_DIR, 'code-server');
// Written last, only after a complete install: its presence is the "already installed" fast path.
const MARKER = path.join(CS_DIR, `.installed-${CS_VERSION}`);
const CS_BIN = path.join(CS_DIR, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const log = (...a) => console.error('[codeserver]', ...a); // stderr: keep stdout for test output

function onPath(cmd) {
  return process.env.PATH.split(path.delimiter).some(d => d && fs.existsSync(path.join(d, cmd)));
}
function dpkgInstalled(pkg) {
  try { execFileSync('dpkg', ['-s', pkg], { stdio: 'ignore' }); return true; } catch { return false; }
}

// Debian packages: chromium (the browser we drive), ripgrep (seeds @vscode/ripgrep, see below) and
// libkrb5-dev (headers for VS Code's `kerberos` native module, compiled from source at install).
// `apt-get update` is slow, so it only runs when something is actually missing.
function ensureDebianPackages() {
  const need = [];
  if (!fs.existsSync(CHROMIUM)) need.push('chromium');
  if (!onPath('rg')) need.push('ripgrep');
  if (!dpkgInstalled('libkrb5-dev')) need.push('libkrb5-dev');
  if (!need.length) return;
  log(`apt-get install ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...need], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

// Cross-process lock (mkdir is atomic) so two test runs never npm-install into the same dir at once.
async function withLock(fn) {
  const lock = `${CS_DIR}.lock`;
  await fsp.mkdir(CACHE_DIR, { recursive: true });
  for (let i = 0; ; i++) {
    try { fs.mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than 30 min belongs to a killed install; a real install takes ~1-3 min.
      try { if (Date.now() - fs.statSync(lock).mtimeMs > 30 * 60e3) { fs.rmSync(lock, { recursive: true, force: true }); continue; } } catch {}
      if (i % 30 === 0) log(`waiting for another install to finish (${lock})`);
      await new Promise(r => setTimeout(r, 1000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

function npmInstallCodeServer() {
  fs.rmSync(CS_DIR, { recursive: true, force: true }); // a half-finished install is not worth repairing
  const tmp = path.join(CS_DIR, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  // @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless its cache file
  // $TMPDIR/vscode-ripgrep-cache-<pkg>/ripgrep-<tag>-<target>.tar.gz exists: seed it with Debian's rg.
  const rgCache = path.join(tmp, `vscode-ripgrep-cache-${RG_PKG_VERSION}`);
  const stage = path.join(tmp, 'rg-stage');
  fs.mkdirSync(rgCache, { recursive: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(execFileSync('sh', ['-c', 'command -v rg']).toString().trim(), path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  execFileSync('tar', ['czf', path.join(rgCache, `ripgrep-${RG_TAG}-x86_64-unknown-linux-musl.tar.gz`), '-C', stage, 'rg']);
  fs.writeFileSync(path.join(CS_DIR, 'package.json'), JSON.stringify({ name: 'kafka-offsets-code-server-host', private: true }) + '\n');

  const logFile = path.join(CACHE_DIR, 'code-server-install.log');
  log(`npm install code-server@${CS_VERSION} into ${CS_DIR} (about a minute; log: ${logFile})`);
  const out = fs.openSync(logFile, 'w');
  try {
    execFileSync('npm', ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CS_VERSION}`], {
      cwd: CS_DIR,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        TMPDIR: tmp, // where @vscode/ripgrep looks for the seeded cache
        npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
        npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which aborts on the prompt otherwise
      },
    });
  } catch (e) {
    fs.closeSync(out);
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    throw new Error(`code-server install failed (full log ${logFile}):\n${tail}`);
  }
  fs.closeSync(out);
  const rg = path.join(CS_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!fs.existsSync(CS_BIN) || !fs.existsSync(rg)) throw new Error(`code-server install incomplete (no ${CS_BIN} or ${rg}); log ${logFile}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(MARKER, `${new Date().toISOString()}\n`);
}

/** Installs code-server once (plus Debian packages) and returns the binary path. Cheap when installed. */
async function ensureCodeServer() {
  ensureDebianPackages(); // three stat/dpkg checks when everything is present
  if (fs.existsSync(MARKER) && fs.existsSync(CS_BIN)) return CS_BIN;
  return withLock(async () => {
    if (!(fs.existsSync(MARKER) && fs.existsSync(CS_BIN))) { // re-check: another process may have finished it
      const t0 = Date.now();
      npmInstallCodeServer();
      log(`code-server ${CS_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    return CS_BIN;
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function httpOk(url) {
  return new Promise(resolve => {
    const req = http.get(url, { timeout: 1000 }, res => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

// Settings that keep the workbench quiet and deterministic: no welcome page, no tips, no update or
// gallery checks, no workspace-trust prompt.
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // Test workspaces live inside this git repo: without this a "open the parent repository?" toast
  // covers the bottom-right of every screenshot.
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Starts code-server with a throwaway profile. `env` is merged over process.env for the code-server
 * process; the Node extension host inherits it (verified by test/e2e/smoke).
 * Resolves once GET /healthz answers.
 */
async function startCodeServer({ port, extensionsDir, userSettings = {}, env = {}, startTimeoutMs = 60e3 } = {}) {
  const bin = await ensureCodeServer();
  port = port || await freePort();
  // Short path on purpose: VS Code creates unix sockets under $TMPDIR and sun_path is 108 bytes.
  const stateDir = fs.mkdtempSync('/tmp/kocs-');
  const dirs = { user: path.join(stateDir, 'u'), xdg: path.join(stateDir, 'x'), tmp: path.join(stateDir, 't') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...userSettings }, null, 2));
  // code-server's workbench is a remote window: after a window reload, settings of "machine" scope
  // (kafkaOffsets.clusters) are taken only from the remote machine's settings, as in Remote-SSH. A
  // user of code-server keeps them there too (README); so do the tests.
  fs.mkdirSync(path.join(dirs.user, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'Machine', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...userSettings }, null, 2));
  extensionsDir = extensionsDir || path.join(stateDir, 'e');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const config = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(config, ''); // an explicit empty config: never read or write ~/.config/code-server
  const logFile = path.join(stateDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');

  const child = spawn(bin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', config,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', extensionsDir, '--user-data-dir', dirs.user,
  ], {
    // detached => own process group, so stop() can signal code-server AND its extension host/pty
    // helpers with kill(-pid) even if code-server itself is wedged.
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg },
  });
  fs.closeSync(out);
  const pid = child.pid;
  let exited = false;
  const exitedP = new Promise(r => child.once('exit', (code, sig) => { exited = true; r({ code, sig }); }));
  // Last line of defence if our process dies without calling stop() (uncaught error, process.exit):
  // don't leak a server or its state dir. Only synchronous work is possible in an 'exit' handler.
  const onExit = () => {
    try { process.kill(-pid, 'SIGKILL'); } catch {}
    if (!process.env.KAFKA_OFFSETS_E2E_KEEP_STATE) try { fs.rmSync(stateDir, { recursive: true, force: true }); } catch {}
  };
  process.on('exit', onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    const signal = s => { try { process.kill(-pid, s); } catch {} };
    signal('SIGTERM');
    const timedOut = await Promise.race([exitedP.then(() => false), new Promise(r => setTimeout(() => r(true), 5000).unref())]);
    signal('SIGKILL'); // children (extension host) may outlive a clean code-server exit; make sure.
    if (timedOut) await Promise.race([exitedP, new Promise(r => setTimeout(r, 2000).unref())]);
    if (!process.env.KAFKA_OFFSETS_E2E_KEEP_STATE) fs.rmSync(stateDir, { recursive: true, force: true });
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (!(await httpOk(`${url}/healthz`))) {
    if (exited || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      await stop();
      throw new Error(`code-server ${exited ? 'exited' : 'did not answer /healthz'} on port ${port}:\n${tail}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { url, port, pid, stateDir, logFile, stop };
}

/**
 * Workbench URL opening `folder` with the extension at `extensionDevelopmentPath` loaded as under
 * development (like F5), and, if given, running `extensionTestsPath` (like @vscode/test-electron).
 * Paths are given as vscode-remote URIs whose authority is the host:port the browser talks to.
 */
function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const remote = p => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `http://${authority}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Debian chromium, headless, through playwright-core (which ships no browser of its own here). */
// Extra playwright launch options may be passed, e.g. { handleSIGINT: false } when the caller does its
// own signal cleanup (playwright's default handler kills the browser and exits the process at once).
async function launchChromium({ args = [], ...launchOptions } = {}) {
  const { chromium } = require('playwright-core');
  // Fresh profile every time (no service worker / IndexedDB state from an earlier workbench):
  // chromium.launch() already gives each browser a new temp --user-data-dir
  // (os.tmpdir()/playwright_chromiumdev_profile-*) and deletes it on close. Passing our own
  // --user-data-dir is rejected by playwright ("use launchPersistentContext"), which would return
  // a BrowserContext instead of a Browser.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', // small /dev/shm in containers crashes renderers
      ...args,
    ],
    ...launchOptions,
  });
}

module.exports = { ensureCodeServer, startCodeServer, workbenchUrl, launchChromium, CS_VERSION, CS_DIR, CHROMIUM };
