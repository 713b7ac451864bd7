'use strict';
/**
 * Child process bookkeeping: nothing started by the harness may outlive this Node process. An 'exit'
 * handler SIGKILLs every child, SIGINT/SIGTERM stop brokers first, and a tiny `sh` watchdog per child
 * kills it even when Node itself is SIGKILLed.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { sleep } = require('./util');

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** Running brokers (stopped gracefully on SIGINT/SIGTERM). @type {Set<import('./kraft').BrokerHandle>} */
const brokers = new Set();
/** Temp data dirs made here; removed at exit (restart() needs them until then). */
const ownedDirs = new Set();
let handlersInstalled = false;
let signalled = false;

function killAllNow() {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {}
  }
}

/** Last words (synchronous: runs in 'exit'): kill every child, delete temp data dirs. */
function cleanUp() {
  killAllNow();
  for (const d of ownedDirs) {
    try {
      fs.rmSync(d, { recursive: true, force: true });
    } catch {}
  }
  ownedDirs.clear();
}

/** @param {NodeJS.Signals} sig */
async function onSignal(sig) {
  if (!signalled) {
    signalled = true;
    // Give brokers a short graceful stop, then make sure everything is gone.
    await Promise.race([Promise.allSettled([...brokers].map((b) => b.stop({ timeoutMs: 5000 }))), sleep(8000)]);
  }
  cleanUp(); // a death by signal skips the 'exit' event
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // Re-raise for the default action (exit by signal) unless someone else (e.g. mocha) handles it.
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanUp);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Track a child so it is killed with us. The `sh` watchdog holds the read end of a pipe whose
 * write end only this process has: when this process dies in any way (even SIGKILL) `read` sees
 * EOF and the watchdog kills the child. Linux has no portable parent-death signal from Node.
 * The child and watchdog are unref'd: a forgotten broker must not keep Node alive; the exit
 * handler kills it instead.
 * @param {import('node:child_process').ChildProcess} child
 */
function track(child) {
  installHandlers();
  children.add(child);
  const dog = spawn('sh', ['-c', `read _; kill -9 ${child.pid} 2>/dev/null`], { stdio: ['pipe', 'ignore', 'ignore'] });
  dog.on('error', () => {});
  dog.stdin?.on('error', () => {});
  /** @type {any} */ (dog.stdin)?.unref?.();
  dog.unref();
  child.unref();
  child.once('exit', () => {
    children.delete(child);
    dog.kill('SIGKILL'); // before the pid can be reused
  });
}

/**
 * Wait for a child to exit: SIGTERM (or `signal`), then SIGKILL after `timeoutMs`.
 * The timers also keep Node's event loop alive while an unref'd child is awaited, until it exits.
 * @param {import('node:child_process').ChildProcess} child @param {number} timeoutMs
 * @param {NodeJS.Signals} [signal]
 */
function terminate(child, timeoutMs, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    /** @type {NodeJS.Timeout | undefined} */
    let keepAlive;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      // The SIGKILL timer was the last thing keeping Node alive for an unref'd child: without this,
      // Node could exit (code 0!) before the child's 'exit' event, in the middle of `await stop()`.
      keepAlive = setInterval(() => {}, 100);
      setTimeout(() => done(), 15_000).unref(); // a child that ignores SIGKILL: stop waiting
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      if (keepAlive) clearInterval(keepAlive);
      resolve(undefined);
    };
    child.once('exit', done);
    child.kill(signal);
  });
}

module.exports = { brokers, ownedDirs, track, terminate };
