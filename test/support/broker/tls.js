'use strict';
/** TLS material for a secured test broker, made with the JDK's keytool (no other tool needed). */
const { execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Run a program, reject with its output on failure. @param {string} cmd @param {string[]} args */
function execOrThrow(cmd, args, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * TLS material for a test broker, made with the JDK's keytool (no other tool needed): a CA, a
 * broker key pair whose certificate the CA signs for DNS:localhost and IP:127.0.0.1, a PKCS12
 * keystore with the chain, and the CA as PEM for clients (Kafka also reads it as a PEM truststore).
 * @param {string} dir
 * @returns {Promise<{caFile: string, keystore: string, password: string}>}
 */
async function makeTlsMaterial(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const caFile = path.join(dir, 'ca.pem');
  const keystore = path.join(dir, 'broker.p12');
  const passFile = path.join(dir, 'password');
  if (fs.existsSync(caFile) && fs.existsSync(keystore) && fs.existsSync(passFile)) return { caFile, keystore, password: fs.readFileSync(passFile, 'utf8') };
  const password = crypto.randomBytes(12).toString('hex');
  const caStore = path.join(dir, 'ca.p12');
  const csr = path.join(dir, 'broker.csr');
  const cert = path.join(dir, 'broker.pem');
  for (const f of [caStore, keystore, csr, cert, caFile]) fs.rmSync(f, { force: true });
  const kt = (/** @type {string[]} */ ...args) => execOrThrow('keytool', ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', ...args]);
  const store = (/** @type {string} */ file) => ['-keystore', file, '-storetype', 'PKCS12', '-storepass', password];
  // Independent steps in parallel: each keytool run is a JVM start.
  await Promise.all([
    kt('-genkeypair', '-alias', 'ca', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=kafka-offsets test CA', '-ext', 'bc:c', '-validity', '30', ...store(caStore), '-keypass', password),
    kt('-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=localhost', '-validity', '30', ...store(keystore), '-keypass', password),
  ]);
  await Promise.all([
    kt('-exportcert', '-rfc', '-alias', 'ca', ...store(caStore), '-file', caFile),
    kt('-certreq', '-alias', 'broker', ...store(keystore), '-file', csr),
  ]);
  await kt('-gencert', '-alias', 'ca', ...store(caStore), '-infile', csr, '-outfile', cert, '-rfc', '-validity', '30',
    '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-ext', 'EKU=serverAuth', '-ext', 'KU=digitalSignature,keyEncipherment');
  // The chain into the broker's keystore: CA first (trusted entry), then the signed reply.
  await kt('-importcert', '-alias', 'ca', '-file', caFile, ...store(keystore), '-noprompt');
  await kt('-importcert', '-alias', 'broker', '-file', cert, ...store(keystore), '-noprompt');
  fs.writeFileSync(passFile, password, { mode: 0o600 });
  return { caFile, keystore, password };
}

module.exports = { makeTlsMaterial };
