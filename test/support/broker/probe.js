'use strict';
/** Readiness probe: one Kafka Metadata v1 request over a raw socket (no JVM, ~1 ms when up). */
const net = require('node:net');
const tls = require('node:tls');

let correlation = 0;

/**
 * One Kafka request frame: request header v1 (api_key, api_version, correlation_id, client_id) + body.
 * @param {number} apiKey @param {number} apiVersion @param {number} id @param {Buffer} body
 */
function requestFrame(apiKey, apiVersion, id, body) {
  const clientId = Buffer.from('kafka-offsets-probe');
  const head = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length);
  let o = head.writeInt32BE(head.length - 4 + body.length, 0);
  o = head.writeInt16BE(apiKey, o);
  o = head.writeInt16BE(apiVersion, o);
  o = head.writeInt32BE(id, o);
  o = head.writeInt16BE(clientId.length, o);
  clientId.copy(head, o);
  return Buffer.concat([head, body]);
}

/** A Kafka STRING (int16 length). @param {string} s */
function kString(s) {
  const b = Buffer.from(s);
  const out = Buffer.alloc(2 + b.length);
  out.writeInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

/**
 * True when a broker at host:port answers a Metadata request listing at least one live broker.
 * A KRaft broker opens its client listener only at the end of start-up, and lists itself only once
 * registered and unfenced, so this means "ready for clients".
 * On secured listeners: `tls` connects with TLS (the CA to trust); `plain` authenticates first with
 * SASL/PLAIN (SaslHandshake v1 + SaslAuthenticate v0, which every Kafka since 1.0 speaks).
 * @param {string} host @param {number} port @param {number} [timeoutMs]
 * @param {{tls?: {ca?: string|Buffer}, plain?: {username: string, password: string}}} [opts]
 * @returns {Promise<boolean>}
 */
function isBrokerReady(host, port, timeoutMs = 2000, opts = {}) {
  return new Promise((resolve) => {
    /** @type {Array<{apiKey: number, version: number, body: Buffer, check: (body: Buffer) => boolean}>} */
    const steps = [];
    if (opts.plain) {
      const { username, password } = opts.plain;
      // SaslHandshake v1: mechanism; response: error_code, mechanisms.
      steps.push({ apiKey: 17, version: 1, body: kString('PLAIN'), check: (b) => b.readInt16BE(0) === 0 });
      // SaslAuthenticate v0: auth_bytes = "\0user\0password"; response: error_code first.
      const auth = Buffer.from(`\u0000${username}\u0000${password}`);
      const body = Buffer.alloc(4 + auth.length);
      body.writeInt32BE(auth.length, 0);
      auth.copy(body, 4);
      steps.push({ apiKey: 36, version: 0, body, check: (b) => b.readInt16BE(0) === 0 });
    }
    // Metadata v1 (supported by Kafka 0.10 .. 4.x) with an empty topic array: only the broker list.
    // Response body starts with the brokers array length.
    steps.push({ apiKey: 3, version: 1, body: Buffer.from([0, 0, 0, 0]), check: (b) => b.length >= 4 && b.readInt32BE(0) > 0 });

    let buf = Buffer.alloc(0);
    let done = false;
    let id = 0;
    const socket = opts.tls
      ? tls.connect({ host, port, ca: opts.tls.ca, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: !!opts.tls.ca })
      : net.connect({ host, port });
    /** @param {boolean} ok */
    const finish = (ok) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(ok);
    };
    const next = () => {
      const step = steps[0];
      id = correlation = (correlation + 1) & 0x7fffffff;
      socket.write(requestFrame(step.apiKey, step.version, id, step.body));
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on(opts.tls ? 'secureConnect' : 'connect', next);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      // Response: size, correlation_id (response header v0), body.
      while (!done && buf.length >= 8 && buf.length >= 4 + buf.readInt32BE(0)) {
        const size = buf.readInt32BE(0);
        const body = buf.subarray(8, 4 + size);
        const ok = buf.readInt32BE(4) === id && body.length >= 2 && steps[0].check(body);
        buf = buf.subarray(4 + size);
        if (!ok) return finish(false);
        steps.shift();
        if (steps.length === 0) return finish(true);
        next();
      }
    });
  });
}

module.exports = { isBrokerReady };
