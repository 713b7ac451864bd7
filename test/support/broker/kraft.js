'use strict';
/**
 * Start a single-node KRaft broker (combined broker + controller) from the jars: server.properties,
 * storage format, launch, readiness, and the handle to stop, kill and restart it.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sleep, tailFile, freePorts, assertPortFree } = require('./util');
const { DEFAULT_KAFKA_VERSION, ensureKafkaJars, javaArgs } = require('./jars');
const { brokers, ownedDirs, track, terminate } = require('./processes');
const { runKafkaTool } = require('./tools');
const { isBrokerReady } = require('./probe');
const { makeTlsMaterial } = require('./tls');
const { normalizeSecurity, listenerNames, securityProps, securityHandle } = require('./security');

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
 * @property {import('./security').SecurityOptions} [security] a secured broker instead of one PLAINTEXT listener
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
 * @property {import('./security').SecurityHandle} [security] only for `startBroker({security})`
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

module.exports = { DEFAULT_BROKER_PROPS, startBroker };
