'use strict';
/**
 * Test/dev harness for a real Apache Kafka broker run from Maven Central jars (no Docker, no
 * downloads from anywhere else). Plain CommonJS with Node built-ins only, so tests, scripts and
 * .ci/run can use it without a build step.
 *
 *   const { startBroker } = require('./broker.js');
 *   const broker = await startBroker();          // single-node KRaft on a free port
 *   ... broker.bootstrap ...                     // '127.0.0.1:PORT'
 *   await broker.stop();
 *
 *   // Secured: SASL_PLAINTEXT (SCRAM-SHA-512/256, PLAIN), SSL and SASL_SSL, StandardAuthorizer.
 *   const secure = await startBroker({ heap: '512m', security: { users: [{ name: 'alice', password: 'alice-pw' }] } });
 *   secure.security.listeners.SASL_PLAINTEXT / .SSL / .SASL_SSL, secure.security.caFile (CA PEM)
 *   await secure.security.acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 't']);
 *
 * Every child process started here (brokers, tools, consumers) dies with this Node process:
 * an 'exit' handler SIGKILLs them, SIGINT/SIGTERM stop brokers first, and a tiny `sh` watchdog per
 * child kills it even when Node itself is SIGKILLed (the only case the handlers cannot cover).
 */

const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');

/** Kafka version used when none is given; KAFKA_VERSION lets a whole run target another release. */
const DEFAULT_KAFKA_VERSION = process.env.KAFKA_VERSION || '4.3.1';
const POM = path.resolve(__dirname, '../../scripts/kafka/pom.xml');
const CACHE_ROOT = path.join(os.homedir(), '.cache', 'kafka-offsets');
const READY_TIMEOUT_MS = 90_000;

/**
 * Broker settings for tests and development. Values are chosen for speed and for tests of group
 * behaviour; every one can be overridden with `extraProps`.
 * @type {Record<string, string>}
 */
const DEFAULT_BROKER_PROPS = {
  'offsets.topic.replication.factor': '1',
  // 5 instead of 50 partitions: __consumer_offsets is created on the first group call and 50
  // partitions cost seconds on a 2-core machine.
  'offsets.topic.num.partitions': '5',
  'transaction.state.log.replication.factor': '1',
  'transaction.state.log.min.isr': '1',
  'transaction.state.log.num.partitions': '5',
  // A consumer joining an empty classic group would otherwise wait 3 s.
  'group.initial.rebalance.delay.ms': '0',
  // Classic protocol: the client's session.timeout.ms must be >= this (broker default 6000).
  'group.min.session.timeout.ms': '1000',
  // KIP-848 'consumer' protocol: the session timeout is broker-side. Defaults are 45 s session
  // and 5 s heartbeat, which makes "killed consumer -> group empty" tests slow.
  'group.consumer.min.session.timeout.ms': '1000',
  'group.consumer.session.timeout.ms': '6000',
  'group.consumer.min.heartbeat.interval.ms': '500', // default 5000 in 4.x would reject the next line
  'group.consumer.heartbeat.interval.ms': '1000',
  // An unknown topic must stay unknown (the product reports it rather than creating it).
  // After a SIGKILL the restarted controller refuses the broker's new registration until the old
  // broker session expires (default 9 s); 4 s with 1 s heartbeats keeps kill+restart tests short.
  'broker.session.timeout.ms': '4000',
  'broker.heartbeat.interval.ms': '1000',
  'auto.create.topics.enable': 'false',
  'num.partitions': '1',
  // Tests and the demo write messages with timestamps months in the past (to test date-time
  // resets); the default 7-day time retention would delete them under the test's feet.
  'log.retention.ms': '-1',
  // Share groups (KIP-932): the share coordinator's state topic defaults to replication factor 3 and
  // min ISR 2, which one broker cannot host — share consumers then silently receive nothing.
  // 5 partitions instead of 50 for the same reason as __consumer_offsets. Unknown to Kafka 3.x (ignored).
  'share.coordinator.state.topic.replication.factor': '1',
  'share.coordinator.state.topic.min.isr': '1',
  'share.coordinator.state.topic.num.partitions': '5',
};

// ---------------------------------------------------------------------------------------------
// Small utilities

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

// ---------------------------------------------------------------------------------------------
// Jars from Maven Central

/** @type {Map<string, Promise<string>>} */
const jarsPromises = new Map();

/** @param {string} dir */
const hasJars = (dir) => {
  try {
    return fs.readdirSync(dir).some((f) => /^kafka_2\.13-.*\.jar$/.test(f));
  } catch {
    return false;
  }
};

/**
 * Cross-process lock: mkdir is atomic. Guards Maven (its local repository is not safe for
 * concurrent writers) and avoids two callers downloading the same thing.
 * @template T @param {string} lockDir @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function withLock(lockDir, fn) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
    }
    // A holder that died leaves its lock behind: take it over.
    let stale = false;
    try {
      const owner = Number(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'));
      stale = !owner || !isAlive(owner);
    } catch {
      try {
        stale = Date.now() - fs.statSync(lockDir).mtimeMs > 30_000; // owner file never written
      } catch {}
    }
    if (stale) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir}`);
    await sleep(300);
  }
  fs.writeFileSync(path.join(lockDir, 'owner'), String(process.pid));
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** @param {string[]} args @param {string} what */
function mvn(args, what) {
  return new Promise((resolve, reject) => {
    execFile('mvn', ['-q', '-B', '-f', POM, ...args], { maxBuffer: 64 << 20, timeout: 20 * 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`mvn failed (${what}): ${err.message}\n${(stdout + stderr).slice(-4000)}`));
      else resolve(undefined);
    });
  });
}

/**
 * The published Kafka poms bring slf4j-api and log4j-core but no slf4j binding (the binary
 * distribution adds it), so the broker would log nothing at all. Add the log4j2 binding that
 * matches the log4j-core and slf4j-api versions found. Kafka 3.x brings slf4j-reload4j itself.
 * @param {string} dir
 */
async function addSlf4jBinding(dir) {
  const files = fs.readdirSync(dir);
  if (files.some((f) => /^(slf4j-reload4j|slf4j-log4j12|log4j-slf4j2?-impl|slf4j-simple|logback-classic)-/.test(f))) return;
  const core = files.map((f) => /^log4j-core-(.+)\.jar$/.exec(f)).find(Boolean);
  const api = files.map((f) => /^slf4j-api-(\d+)\..*\.jar$/.exec(f)).find(Boolean);
  if (!core || !api) return;
  const artifact = api[1] === '1' ? 'log4j-slf4j-impl' : 'log4j-slf4j2-impl';
  await mvn(['dependency:copy', `-Dartifact=org.apache.logging.log4j:${artifact}:${core[1]}`, `-DoutputDirectory=${dir}`], artifact);
}

/**
 * Absolute path of a folder holding every runtime jar of Kafka `version` (broker + tools), fetched
 * once with Maven into ~/.cache/kafka-offsets/kafka-<version>/jars. Safe to call concurrently,
 * also from several processes: the folder is filled under a temporary name and renamed at the end.
 * @param {{version?: string}} [opts]
 * @returns {Promise<string>}
 */
function ensureKafkaJars({ version = DEFAULT_KAFKA_VERSION } = {}) {
  let p = jarsPromises.get(version);
  if (!p) {
    p = fetchJars(version);
    jarsPromises.set(version, p);
    p.catch(() => jarsPromises.delete(version)); // let a later call retry
  }
  return p;
}

/** @param {string} version */
async function fetchJars(version) {
  if (!/^[\w.-]+$/.test(version)) throw new Error(`bad Kafka version: ${version}`);
  const home = path.join(CACHE_ROOT, `kafka-${version}`);
  const jars = path.join(home, 'jars');
  if (!hasJars(jars)) {
    fs.mkdirSync(home, { recursive: true });
    await withLock(path.join(CACHE_ROOT, '.lock'), async () => {
      if (hasJars(jars)) return; // another process finished while we waited
      const tmp = `${jars}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      await mvn(['dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime', `-Dkafka.version=${version}`], `Kafka ${version}`);
      await addSlf4jBinding(tmp);
      if (!hasJars(tmp)) throw new Error(`Maven produced no Kafka jars in ${tmp}`);
      fs.rmSync(jars, { recursive: true, force: true }); // a leftover without jars
      fs.renameSync(tmp, jars);
    });
  }
  writeLogConfigs(home);
  return jars;
}

/**
 * Logging configs next to the jars. Both log4j2 (Kafka 4.x) and log4j 1 / reload4j (Kafka 3.x)
 * files are written and both system properties passed; each Kafka uses the one it understands.
 * Broker: INFO to stdout (which is the broker's log file). Tools: WARN to stderr, so stdout stays
 * the tool's output.
 * @param {string} home
 */
function writeLogConfigs(home) {
  for (const [kind, level, target] of [['broker', 'INFO', 'OUT'], ['tools', 'WARN', 'ERR']]) {
    writeFileAtomic(path.join(home, `log4j2-${kind}.properties`), [
      'status = warn',
      'appender.console.type = Console',
      'appender.console.name = CONSOLE',
      `appender.console.target = SYSTEM_${target}`,
      'appender.console.layout.type = PatternLayout',
      'appender.console.layout.pattern = [%d] %p %m (%c)%n',
      `rootLogger.level = ${level}`,
      'rootLogger.appenderRefs = console',
      'rootLogger.appenderRef.console.ref = CONSOLE',
      '',
    ].join('\n'));
    writeFileAtomic(path.join(home, `log4j-${kind}.properties`), [
      `log4j.rootLogger=${level}, console`,
      'log4j.appender.console=org.apache.log4j.ConsoleAppender',
      `log4j.appender.console.Target=System.${target === 'OUT' ? 'out' : 'err'}`,
      'log4j.appender.console.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.console.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'));
  }
}

/**
 * JVM arguments to run `mainClass` from the jars.
 * @param {string} jarsDir @param {'broker'|'tools'} kind @param {string} mainClass
 */
function javaArgs(jarsDir, kind, mainClass, { heap } = /** @type {{heap?: string}} */ ({})) {
  const home = path.dirname(jarsDir);
  const jvm = kind === 'broker'
    ? [`-Xmx${heap || '768m'}`, '-XX:+ExitOnOutOfMemoryError']
    // Short-lived tools: C1 only and serial GC start noticeably faster.
    : ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  return [
    ...jvm,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(home, `log4j2-${kind}.properties`)}`,
    `-Dlog4j.configuration=file:${path.join(home, `log4j-${kind}.properties`)}`,
    '-cp', path.join(jarsDir, '*'),
    mainClass,
  ];
}

// ---------------------------------------------------------------------------------------------
// Child process bookkeeping: nothing may outlive this Node process.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Set<BrokerHandle>} */
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

// ---------------------------------------------------------------------------------------------
// Tools

/**
 * @typedef {{code: number|null, signal: string|null, timedOut: boolean, stdout: string, stderr: string, ms: number}} ToolResult
 */

/**
 * Run a Kafka command-line class (TopicCommand, ConsumerGroupCommand, ...) and collect its output.
 * Never throws for a non-zero exit: check `code`.
 * @param {string} mainClass e.g. 'org.apache.kafka.tools.TopicCommand'
 * @param {string[]} args
 * @param {{version?: string, timeoutMs?: number, input?: string}} [opts]
 * @returns {Promise<ToolResult>}
 */
async function runKafkaTool(mainClass, args, { version = DEFAULT_KAFKA_VERSION, timeoutMs = 60_000, input } = {}) {
  const jarsDir = await ensureKafkaJars({ version });
  const started = Date.now();
  const child = spawn('java', [...javaArgs(jarsDir, 'tools', mainClass), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  child.stdin?.on('error', () => {});
  child.stdin?.end(input ?? '');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * kafka-consumer-groups.sh: `consumerGroupCommand(bootstrap, ['--list'])`.
 * @param {string} bootstrap @param {string[]} args
 * @param {{version?: string, timeoutMs?: number}} [opts]
 */
function consumerGroupCommand(bootstrap, args, opts) {
  return runKafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', bootstrap, ...args], opts);
}

// ---------------------------------------------------------------------------------------------
// Readiness probe: one Kafka Metadata v1 request over a raw socket (no JVM, ~1 ms when up).

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

// ---------------------------------------------------------------------------------------------
// Broker

/**
 * @typedef {object} SecurityOptions
 * @property {boolean} [sasl] a SASL_PLAINTEXT listener with SCRAM-SHA-512, SCRAM-SHA-256 and PLAIN (default true)
 * @property {boolean} [ssl] an SSL listener (and SASL_SSL when `sasl`) with certificates made here: a
 *   CA and a broker certificate it signs for 127.0.0.1 and localhost (default true)
 * @property {Array<{name: string, password: string}>} [users] client users: SCRAM credentials
 *   created at format time (`kafka-storage format --add-scram`), and the same passwords for PLAIN
 * @property {boolean} [acls] StandardAuthorizer, deny when no ACL matches; super users are the admin
 *   and ANONYMOUS (the plaintext controller listener's principal, hence also the SSL listener's,
 *   which asks for no client certificate) (default true)
 * @property {{name: string, password: string}} [admin] the broker's own user, a super user
 *   (default `admin` with a random password)
 */

/**
 * @typedef {object} BrokerOptions
 * @property {number} [port] client port (the first listener's); 0/undefined = a free one
 * @property {number} [controllerPort] KRaft controller port; 0/undefined = a free one
 * @property {string} [dataDir] default: a new temp dir, deleted when this process exits
 * @property {string} [logFile] broker stdout+stderr (log4j INFO); default `<dataDir>/broker.log`
 * @property {string} [version] Kafka version (default KAFKA_VERSION or 4.3.1)
 * @property {Record<string, string>} [extraProps] server.properties overrides
 * @property {number} [nodeId] default 1
 * @property {boolean} [detached] for scripts/kafka.js only: the broker outlives this process
 * @property {number} [readyTimeoutMs] default 90 000
 * @property {string} [heap] broker JVM -Xmx, e.g. '512m' (default 768m)
 * @property {SecurityOptions} [security] a secured broker instead of one PLAINTEXT listener
 */

/**
 * @typedef {object} SecurityHandle
 * @property {{SASL_PLAINTEXT?: string, SSL?: string, SASL_SSL?: string}} listeners bootstrap per listener
 * @property {string} caFile PEM of the CA that signed the broker certificate (for clients' `ca`)
 * @property {{name: string, password: string}} admin the super user
 * @property {Array<{name: string, password: string}>} users
 * @property {string} adminConfigFile client properties for Kafka's tools (`--command-config`), as the admin
 * @property {(args: string[], opts?: {timeoutMs?: number}) => Promise<ToolResult>} acls kafka-acls as the
 *   admin: `acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 't'])`; throws on failure
 * @property {(mainClass: string, args: string[], opts?: {timeoutMs?: number}) => Promise<ToolResult>} runAdminTool
 *   any Kafka tool with `--bootstrap-server` and `--command-config` of the admin prepended
 */

/**
 * @typedef {object} BrokerHandle
 * @property {string} bootstrap '127.0.0.1:PORT' (a secured broker: its SASL_PLAINTEXT listener, else SSL)
 * @property {number} port
 * @property {number} controllerPort
 * @property {string} dataDir
 * @property {string} logFile
 * @property {number|undefined} pid pid of the current broker process
 * @property {boolean} running
 * @property {string} jarsDir
 * @property {SecurityHandle} [security] only for `startBroker({security})`
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} stop SIGTERM (controlled shutdown), SIGKILL after timeoutMs (30 s)
 * @property {() => Promise<void>} kill SIGKILL; data stays for restart()
 * @property {() => Promise<void>} restart start again on the same ports and data dir (stops it first if running)
 */

/** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-' (CLI parsing). */
function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

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

const USER_NAME = /^[A-Za-z0-9_.-]+$/;
// Passwords go into JAAS strings and `--add-scram` values: no quotes, backslashes, commas, brackets.
const USER_PASSWORD = /^[A-Za-z0-9_.~!@#$%^&*+=:/?-]+$/;

/** @param {SecurityOptions} s */
function normalizeSecurity(s) {
  const admin = s.admin ?? { name: 'admin', password: `admin-${crypto.randomBytes(9).toString('hex')}` };
  const users = s.users ?? [];
  for (const u of [admin, ...users]) {
    if (!USER_NAME.test(u.name)) throw new Error(`security: user name ${JSON.stringify(u.name)} must match ${USER_NAME}`);
    if (!USER_PASSWORD.test(u.password)) throw new Error(`security: the password of ${u.name} must match ${USER_PASSWORD}`);
  }
  if (users.some((u) => u.name === admin.name)) throw new Error(`security: "${admin.name}" is the admin user`);
  const sasl = s.sasl !== false;
  const ssl = s.ssl !== false;
  if (!sasl && !ssl) throw new Error('security: at least one of sasl and ssl');
  return { sasl, ssl, acls: s.acls !== false, admin, users };
}

/** Names of the client listeners (each named after its security protocol). @param {ReturnType<typeof normalizeSecurity> | null} sec */
function listenerNames(sec) {
  if (!sec) return ['PLAINTEXT'];
  return [...(sec.sasl ? ['SASL_PLAINTEXT'] : []), ...(sec.ssl ? ['SSL'] : []), ...(sec.sasl && sec.ssl ? ['SASL_SSL'] : [])];
}

/**
 * server.properties of a secured broker.
 * @param {ReturnType<typeof normalizeSecurity>} sec @param {Record<string, number>} ports @param {number} controllerPort
 * @param {{keystore: string, password: string, caFile: string} | null} tlsFiles
 */
function securityProps(sec, ports, controllerPort, tlsFiles) {
  const names = listenerNames(sec);
  /** @type {Record<string, string>} */
  const props = {
    listeners: [...names.map((n) => `${n}://127.0.0.1:${ports[n]}`), `CONTROLLER://127.0.0.1:${controllerPort}`].join(','),
    'advertised.listeners': names.map((n) => `${n}://127.0.0.1:${ports[n]}`).join(','),
    'listener.security.protocol.map': ['CONTROLLER:PLAINTEXT', ...names.map((n) => `${n}:${n}`)].join(','),
    'inter.broker.listener.name': sec.sasl ? 'SASL_PLAINTEXT' : 'SSL',
  };
  if (sec.sasl) {
    const plainUsers = [sec.admin, ...sec.users].map((u) => `user_${u.name}="${u.password}"`).join(' ');
    props['sasl.enabled.mechanisms'] = 'SCRAM-SHA-512,SCRAM-SHA-256,PLAIN';
    props['sasl.mechanism.inter.broker.protocol'] = 'PLAIN';
    for (const l of names.filter((n) => n.startsWith('SASL_')).map((n) => n.toLowerCase())) {
      props[`listener.name.${l}.plain.sasl.jaas.config`] =
        `org.apache.kafka.common.security.plain.PlainLoginModule required username="${sec.admin.name}" password="${sec.admin.password}" ${plainUsers};`;
      props[`listener.name.${l}.scram-sha-512.sasl.jaas.config`] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
      props[`listener.name.${l}.scram-sha-256.sasl.jaas.config`] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    }
  }
  if (tlsFiles) {
    Object.assign(props, {
      'ssl.keystore.type': 'PKCS12',
      'ssl.keystore.location': tlsFiles.keystore,
      'ssl.keystore.password': tlsFiles.password,
      'ssl.key.password': tlsFiles.password,
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': tlsFiles.caFile,
      'ssl.client.auth': 'none',
    });
  }
  if (sec.acls) {
    props['authorizer.class.name'] = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
    props['super.users'] = `User:${sec.admin.name};User:ANONYMOUS`;
    props['allow.everyone.if.no.acl.found'] = 'false';
  }
  return props;
}

/**
 * Start a single-node KRaft broker (combined broker+controller) and resolve once it answers.
 * With `security`, the broker has a SASL_PLAINTEXT and/or SSL (+ SASL_SSL) listener instead of
 * PLAINTEXT, SCRAM users created at format time, and optionally the StandardAuthorizer: see
 * SecurityOptions and SecurityHandle.
 * @param {BrokerOptions} [opts]
 * @returns {Promise<BrokerHandle>}
 */
async function startBroker(opts = {}) {
  const version = opts.version || DEFAULT_KAFKA_VERSION;
  const nodeId = opts.nodeId ?? 1;
  const sec = opts.security ? normalizeSecurity(opts.security) : null;
  const names = listenerNames(sec);
  const jarsDir = await ensureKafkaJars({ version });
  const free = await freePorts(names.length + 1);
  const port = opts.port || free[0];
  const controllerPort = opts.controllerPort || free.find((p) => p !== port) || free[0];
  const spare = free.filter((p) => p !== port && p !== controllerPort);
  /** @type {Record<string, number>} listener name → port */
  const ports = Object.fromEntries(names.map((n, i) => [n, i === 0 ? port : /** @type {number} */ (spare.shift())]));
  let dataDir = opts.dataDir;
  if (!dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-broker-'));
    if (!opts.detached) ownedDirs.add(dataDir);
  }
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.resolve(opts.logFile || path.join(dataDir, 'broker.log'));
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const logDir = path.join(dataDir, 'logs');
  const tlsFiles = sec?.ssl ? await makeTlsMaterial(path.join(dataDir, 'tls')) : null;

  // Static voter (controller.quorum.voters) rather than a dynamic quorum (--standalone with
  // controller.quorum.bootstrap.servers): works the same on Kafka 3.x and 4.x, and the ports may
  // change between restarts of the same data dir (the dynamic quorum records the endpoint).
  /** @type {Record<string, string>} */
  const props = {
    'process.roles': 'broker,controller',
    'node.id': String(nodeId),
    'controller.quorum.voters': `${nodeId}@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    ...(sec ? securityProps(sec, ports, controllerPort, tlsFiles) : {}),
    ...DEFAULT_BROKER_PROPS,
    ...opts.extraProps,
  };
  const propsFile = path.join(dataDir, 'server.properties');
  fs.writeFileSync(propsFile, Object.entries(props).map(([k, v]) => `${k}=${String(v).replace(/\\/g, '\\\\')}\n`).join(''), { mode: 0o600 });

  // Format once; a restart (or the dev broker's next start) reuses the formatted dir.
  if (!fs.existsSync(path.join(logDir, 'meta.properties'))) {
    const scram = sec?.sasl
      ? [sec.admin, ...sec.users].flatMap((u) => ['SCRAM-SHA-512', 'SCRAM-SHA-256'].flatMap((m) => ['--add-scram', `${m}=[name=${u.name},password=${u.password}]`]))
      : [];
    const r = await runKafkaTool('kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', propsFile, ...scram], { version, timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`kafka-storage format failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  }

  // Readiness: a Metadata request on the first listener, over TLS and/or after SASL/PLAIN as the admin.
  const probeName = names[0];
  const probeOpts = {
    ...(probeName.endsWith('SSL') && tlsFiles ? { tls: { ca: fs.readFileSync(tlsFiles.caFile) } } : {}),
    ...(probeName.startsWith('SASL_') && sec ? { plain: { username: sec.admin.name, password: sec.admin.password } } : {}),
  };

  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;

  async function launch() {
    for (const p of [...Object.values(ports), controllerPort]) await assertPortFree(p);
    const fd = fs.openSync(logFile, 'a');
    try {
      fs.writeSync(fd, `\n==== kafka-offsets harness: starting Kafka ${version} on 127.0.0.1:${port} at ${new Date().toISOString()}\n`);
      child = spawn('java', [...javaArgs(jarsDir, 'broker', 'kafka.Kafka', { heap: opts.heap }), propsFile], {
        cwd: dataDir,
        stdio: ['ignore', fd, fd],
        detached: !!opts.detached,
      });
    } finally {
      fs.closeSync(fd); // the child has its own copy
    }
    const c = child;
    let exited = false;
    c.once('exit', () => (exited = true));
    c.on('error', () => {});
    if (opts.detached) c.unref();
    else track(c);

    const deadline = Date.now() + (opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
    for (;;) {
      if (exited) throw new Error(`Kafka broker exited during start-up (code ${c.exitCode}, signal ${c.signalCode}); ${logFile} ends with:\n${tailFile(logFile)}`);
      if (await isBrokerReady('127.0.0.1', port, 1000, probeOpts)) return;
      if (Date.now() > deadline) {
        await terminate(c, 1000, 'SIGKILL');
        throw new Error(`Kafka broker not ready on 127.0.0.1:${port} after ${(opts.readyTimeoutMs ?? READY_TIMEOUT_MS) / 1000}s; ${logFile} ends with:\n${tailFile(logFile)}`);
      }
      await sleep(200);
    }
  }

  await launch();

  /** @type {BrokerHandle} */
  const handle = {
    bootstrap: `127.0.0.1:${port}`,
    port,
    controllerPort,
    dataDir,
    logFile,
    jarsDir,
    get pid() {
      return child?.pid;
    },
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    async stop({ timeoutMs = 30_000 } = {}) {
      if (child) await terminate(child, timeoutMs);
      brokers.delete(handle);
    },
    async kill() {
      if (child) await terminate(child, 5000, 'SIGKILL');
      brokers.delete(handle);
    },
    async restart() {
      if (handle.running) await handle.stop();
      await launch();
      if (!opts.detached) brokers.add(handle);
    },
  };
  if (sec) handle.security = securityHandle(sec, ports, tlsFiles, dataDir, version);
  if (!opts.detached) brokers.add(handle);
  return handle;
}

/**
 * @param {ReturnType<typeof normalizeSecurity>} sec @param {Record<string, number>} ports
 * @param {{caFile: string} | null} tlsFiles @param {string} dataDir @param {string} version
 * @returns {SecurityHandle}
 */
function securityHandle(sec, ports, tlsFiles, dataDir, version) {
  /** @type {SecurityHandle['listeners']} */
  const listeners = {};
  for (const [name, p] of Object.entries(ports)) /** @type {any} */ (listeners)[name] = `127.0.0.1:${p}`;
  // The admin's tool connection: SASL_PLAINTEXT with PLAIN, or SSL (ANONYMOUS is a super user).
  const adminConfigFile = path.join(dataDir, 'admin-client.properties');
  const adminBootstrap = listeners.SASL_PLAINTEXT ?? /** @type {string} */ (listeners.SSL);
  fs.writeFileSync(
    adminConfigFile,
    (sec.sasl
      ? [
          'security.protocol=SASL_PLAINTEXT',
          'sasl.mechanism=PLAIN',
          `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${sec.admin.name}" password="${sec.admin.password}";`,
        ]
      : ['security.protocol=SSL', 'ssl.truststore.type=PEM', `ssl.truststore.location=${tlsFiles?.caFile}`]
    ).join('\n') + '\n',
    { mode: 0o600 },
  );
  /** @type {SecurityHandle['runAdminTool']} */
  const runAdminTool = (mainClass, args, o = {}) =>
    runKafkaTool(mainClass, ['--bootstrap-server', adminBootstrap, '--command-config', adminConfigFile, ...args], { version, ...o });
  // kafka-acls moved from the core jar (kafka.admin) to kafka-tools in 4.0.
  const aclClass = /^[0-3]\./.test(version) ? 'kafka.admin.AclCommand' : 'org.apache.kafka.tools.AclCommand';
  return {
    listeners,
    caFile: tlsFiles ? tlsFiles.caFile : '',
    admin: sec.admin,
    users: sec.users,
    adminConfigFile,
    runAdminTool,
    async acls(args, o = {}) {
      const r = await runAdminTool(aclClass, args, o);
      if (r.code !== 0) throw new Error(`kafka-acls ${args.join(' ')} failed (${r.code}):\n${r.stdout}${r.stderr}`);
      return r;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A real Java consumer in a group (kafka-console-consumer)

let consumerCount = 0;

/**
 * @typedef {object} JavaConsumer
 * @property {number} pid
 * @property {string} clientId the consumer's client.id (shown by `--describe --members`)
 * @property {(check?: () => Promise<boolean>, opts?: {timeoutMs?: number}) => Promise<void>} waitUntilMember
 *   resolves once `check()` is true; default check: `--describe --members` lists this client.id
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} close SIGTERM: the consumer leaves the group cleanly
 * @property {() => Promise<void>} kill SIGKILL: the member stays until its session times out
 * @property {() => string} stderr what the consumer printed on stderr (warnings and errors)
 */

/**
 * Start kafka-console-consumer as a member of `group`, output discarded.
 * Session timeout: with the classic protocol it is the client's `session.timeout.ms` (broker
 * accepts >= group.min.session.timeout.ms, 1000 in the harness). With the KIP-848 'consumer'
 * protocol the client may not set it; it is the broker's group.consumer.session.timeout.ms (6000
 * in the harness), so `sessionTimeoutMs` is applied as the group's dynamic config
 * `consumer.session.timeout.ms` (one extra JVM run of kafka-configs).
 * @param {{bootstrap: string, group: string, topic: string, sessionTimeoutMs?: number,
 *   groupProtocol?: 'classic'|'consumer', clientId?: string, consumerProps?: Record<string,string>,
 *   version?: string}} opts
 * @returns {Promise<JavaConsumer>}
 */
async function startJavaConsumer({ bootstrap, group, topic, sessionTimeoutMs, groupProtocol = 'classic', clientId, consumerProps = {}, version = DEFAULT_KAFKA_VERSION }) {
  const jarsDir = await ensureKafkaJars({ version });
  const id = clientId || `kafka-offsets-test-${process.pid}-${++consumerCount}`;
  /** @type {Record<string, string>} */
  const props = { 'client.id': id, ...consumerProps };
  if (groupProtocol === 'consumer') {
    props['group.protocol'] = 'consumer';
    if (sessionTimeoutMs) {
      const r = await runKafkaTool('kafka.admin.ConfigCommand', ['--bootstrap-server', bootstrap, '--alter', '--entity-type', 'groups', '--entity-name', group, '--add-config', `consumer.session.timeout.ms=${sessionTimeoutMs}`], { version });
      if (r.code !== 0) throw new Error(`setting consumer.session.timeout.ms on group ${group} failed (per-group configs need Kafka 4.0+; or set the broker's group.consumer.session.timeout.ms):\n${r.stdout}${r.stderr}`);
    }
  } else if (sessionTimeoutMs) {
    props['session.timeout.ms'] = String(sessionTimeoutMs);
    // heartbeat.interval.ms (default 3000) must stay below the session timeout.
    props['heartbeat.interval.ms'] = String(Math.max(100, Math.min(3000, Math.floor(sessionTimeoutMs / 3))));
  }
  const args = ['--bootstrap-server', bootstrap, '--topic', topic, '--group', group];
  // --consumer-property works on 3.x and 4.x (4.2+ also has --command-property and calls this one deprecated).
  for (const [k, v] of Object.entries(props)) args.push('--consumer-property', `${k}=${v}`);

  const child = spawn('java', [...javaArgs(jarsDir, 'tools', 'org.apache.kafka.tools.consumer.ConsoleConsumer'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  /** @type {any} */ (child.stderr)?.unref?.(); // a forgotten consumer must not keep Node alive
  child.on('error', () => {});
  const pid = /** @type {number} */ (child.pid);
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  return {
    pid,
    clientId: id,
    stderr: () => stderr,
    async waitUntilMember(check, { timeoutMs = 60_000 } = {}) {
      const isMember = check || (async () => {
        const r = await consumerGroupCommand(bootstrap, ['--describe', '--group', group, '--members'], { version });
        return r.code === 0 && r.stdout.split('\n').some((line) => line.split(/\s+/).includes(id));
      });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited()) throw new Error(`console consumer ${id} exited (code ${child.exitCode}):\n${stderr}`);
        if (await isMember()) return;
        if (Date.now() > deadline) throw new Error(`console consumer ${id} not a member of ${group} after ${timeoutMs} ms:\n${stderr}`);
        await sleep(250);
      }
    },
    close: ({ timeoutMs = 15_000 } = {}) => terminate(child, timeoutMs),
    kill: () => terminate(child, 5000, 'SIGKILL'),
  };
}

module.exports = {
  DEFAULT_KAFKA_VERSION,
  DEFAULT_BROKER_PROPS,
  ensureKafkaJars,
  startBroker,
  runKafkaTool,
  consumerGroupCommand,
  startJavaConsumer,
  freePort,
  freePorts,
  isBrokerReady,
};
