'use strict';
/**
 * Child processes for the benchmark: every one has a hard timeout, is timed with process.hrtime from
 * spawn to exit, and is SIGKILLed if this process exits or is interrupted first.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** GNU time (Debian package "time"): optional, for CPU seconds of a child. */
const TIME = '/usr/bin/time';
let cpuSeq = 0;

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/** SIGKILL a child and everything in its process group (it is spawned detached: its own group). */
function killTree(c) {
  try {
    process.kill(-c.pid, 'SIGKILL');
  } catch {
    try {
      c.kill('SIGKILL');
    } catch {}
  }
}

function killAll() {
  for (const c of live) killTree(c);
}
process.on('exit', killAll);

/**
 * @param {string} cmd @param {string[]} args
 * @param {{timeoutMs: number, cwd?: string, env?: Record<string,string>, input?: string, cpu?: boolean}} opts
 * @returns {Promise<{code: number|null, signal: string|null, timedOut: boolean, ms: number, cpuMs?: number, rssMb?: number, stdout: string, stderr: string}>}
 */
function runProc(cmd, args, { timeoutMs, cwd, env, input, cpu }) {
  if (!(timeoutMs > 0)) throw new Error('runProc needs a timeout');
  // cpu: run under GNU time, which writes the child's user and system CPU seconds to a file.
  const cpuFile = cpu && fs.existsSync(TIME) ? path.join(os.tmpdir(), `kafka-offsets-bench-cpu-${process.pid}-${++cpuSeq}`) : null;
  if (cpuFile) {
    args = ['-f', '%U %S %M', '-o', cpuFile, cmd, ...args];
    cmd = TIME;
  }
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let t1 = 0n;
    // detached: its own process group, so a timeout also kills what GNU time started.
    const child = spawn(cmd, args, { cwd, env: env ? { ...process.env, ...env } : process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    live.add(child);
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    child.once('exit', () => (t1 = process.hrtime.bigint()));
    child.once('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      if (!t1) t1 = process.hrtime.bigint();
      /** @type {number | undefined} */
      let cpuMs;
      /** @type {number | undefined} peak resident set of the child, MB (GNU time's %M, in KB) */
      let rssMb;
      if (cpuFile) {
        try {
          const m = /(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s*$/.exec(fs.readFileSync(cpuFile, 'utf8').trim());
          if (m) {
            cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
            rssMb = Number(m[3]) / 1024;
          }
        } catch {}
        fs.rmSync(cpuFile, { force: true });
      }
      resolve({ code, signal, timedOut, ms: Number(t1 - t0) / 1e6, cpuMs, rssMb, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Milliseconds of an async function, with process.hrtime. @template T @param {() => Promise<T>} fn */
async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Reject after ms (the bench never waits forever on anything). @template T @param {Promise<T>} p @param {number} ms @param {string} what */
function withTimeout(p, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let t;
  return Promise.race([p, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(t));
}

module.exports = { runProc, timed, withTimeout, killAll };
