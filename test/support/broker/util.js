'use strict';
/** Small helpers of the broker harness: sleeping, process liveness, log tails, atomic writes, free ports. */
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** Last `bytes` of a file, for error messages. @param {string} file */
function tailFile(file, bytes = 6000) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - bytes);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '(no log)';
  }
}

/** Write a file only when its content changes, atomically (concurrent readers never see half). @param {string} file @param {string} content */
function writeFileAtomic(file, content) {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return;
  } catch {}
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Distinct free TCP ports on 127.0.0.1 (held open together so they differ). @param {number} n */
async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      await new Promise((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve(undefined));
      });
      servers.push(srv);
    }
    return servers.map((s) => /** @type {net.AddressInfo} */ (s.address()).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))));
  }
}

/**
 * Throws if something already listens on 127.0.0.1:port. Without this check the readiness probe
 * could be answered by another broker while ours fails to bind.
 * @param {number} port
 */
async function assertPortFree(port) {
  const srv = net.createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', (e) => reject(new Error(`port 127.0.0.1:${port} is in use (${/** @type {NodeJS.ErrnoException} */ (e).code}); is another broker running?`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(undefined)));
  });
}

/** A free TCP port on 127.0.0.1. @returns {Promise<number>} */
async function freePort() {
  return (await freePorts(1))[0];
}

module.exports = { sleep, isAlive, tailFile, writeFileAtomic, freePorts, assertPortFree, freePort };
