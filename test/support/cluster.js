'use strict';
/**
 * A real multi-broker KRaft cluster for tests, built on the single-broker harness (broker.js):
 * every node is a combined broker+controller started with startBroker() on its own ports and data
 * dir; this file only adds the shared quorum (controller.quorum.voters listing all nodes), one
 * cluster id formatted on every node, and replication settings for 3 replicas.
 *
 *   const { startCluster } = require('./cluster.js');
 *   const cluster = await startCluster({ size: 3 });   // ready when metadata lists 3 live brokers
 *   cluster.bootstrap                                  // '127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3'
 *   cluster.nodes[0].stop() / .kill() / .restart()     // one node (restart waits for it to serve)
 *   await cluster.stop();
 *
 * Child processes die with this Node process exactly as in broker.js (the nodes are its brokers);
 * the data dirs made here are removed at exit.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startBroker, runKafkaTool, freePorts, DEFAULT_KAFKA_VERSION } = require('./broker.js');

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Data dirs made here; removed when this process exits (restart() needs them until then). */
const ownedDirs = new Set();
let exitHook = false;
function ownDir(/** @type {string} */ d) {
  ownedDirs.add(d);
  if (!exitHook) {
    exitHook = true;
    // broker.js's own 'exit' handler (installed first, by the first startBroker) kills the JVMs.
    process.on('exit', () => {
      for (const dir of ownedDirs) {
        try {
          fs.rmSync(dir, { recursive: true, force: true });
        } catch {}
      }
    });
  }
}

/** A Kafka cluster id: 16 random bytes, base64url, not starting with '-'. */
function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Number of live brokers a Metadata request to `bootstrap` lists (kafkajs admin; null on failure).
 * @param {string[]} brokers
 */
async function liveBrokerCount(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers, clientId: 'kafka-offsets-cluster-probe', logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000, requestTimeout: 5000 }).admin();
  try {
    await admin.connect();
    const d = await admin.describeCluster();
    return d.brokers.length;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * @typedef {object} ClusterNode
 * @property {number} nodeId
 * @property {number} port client port
 * @property {number} controllerPort
 * @property {string} bootstrap '127.0.0.1:PORT'
 * @property {string} dataDir
 * @property {string} logFile
 * @property {boolean} running
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} stop SIGTERM (controlled shutdown), SIGKILL after timeoutMs
 * @property {() => Promise<void>} kill SIGKILL
 * @property {() => Promise<void>} restart start again on the same ports and data dir; resolves when it serves clients
 */

/**
 * @typedef {object} ClusterHandle
 * @property {string} bootstrap every node's client listener, comma-separated
 * @property {string[]} brokers the same as an array
 * @property {ClusterNode[]} nodes
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} waitForBrokers resolves when metadata lists every node
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} stop stops every node
 */

/**
 * Start `size` KRaft nodes in combined mode (broker+controller), all voters of one quorum, with
 * replication factor `size` for internal topics and new topics, min.insync.replicas 2 (when size
 * >= 3), and the single-broker harness's test-friendly defaults. Resolves when a Metadata request
 * lists `size` live brokers.
 * @param {{size?: number, version?: string, heap?: string, extraProps?: Record<string, string>,
 *   readyTimeoutMs?: number, logDir?: string}} [opts] logDir: where node-N.log go (default: each data dir)
 * @returns {Promise<ClusterHandle>}
 */
async function startCluster(opts = {}) {
  const size = opts.size ?? 3;
  const version = opts.version || DEFAULT_KAFKA_VERSION;
  const heap = opts.heap || '384m';
  const readyTimeoutMs = opts.readyTimeoutMs ?? 180_000;
  const ports = await freePorts(size * 2);
  const specs = Array.from({ length: size }, (_, i) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-offsets-cluster-n${i + 1}-`));
    ownDir(dataDir);
    return { nodeId: i + 1, port: ports[2 * i], controllerPort: ports[2 * i + 1], dataDir };
  });
  const voters = specs.map((s) => `${s.nodeId}@127.0.0.1:${s.controllerPort}`).join(',');
  const rf = String(size);
  const minIsr = String(Math.min(2, size));
  /** @type {Record<string, string>} */
  const clusterProps = {
    'controller.quorum.voters': voters,
    'offsets.topic.replication.factor': rf,
    'default.replication.factor': rf,
    'min.insync.replicas': minIsr,
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': minIsr,
    ...opts.extraProps,
  };

  // Format every node with the same cluster id before startBroker sees the dir (it formats only a
  // dir without meta.properties, and with a new id of its own). The properties that matter to the
  // storage tool are the ones startBroker writes: roles, node id, voters, listeners, log.dirs.
  const clusterId = newClusterId();
  await Promise.all(specs.map(async (s) => {
    const propsFile = path.join(s.dataDir, 'format.properties');
    const props = {
      'process.roles': 'broker,controller',
      'node.id': String(s.nodeId),
      'controller.quorum.voters': voters,
      listeners: `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${s.port}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'log.dirs': path.join(s.dataDir, 'logs'),
    };
    fs.writeFileSync(propsFile, Object.entries(props).map(([k, v]) => `${k}=${v}\n`).join(''));
    const r = await runKafkaTool('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propsFile], { version, timeoutMs: 90_000 });
    if (r.code !== 0) throw new Error(`kafka-storage format of node ${s.nodeId} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  }));

  // Start all nodes together: none answers clients before a quorum majority is up.
  const started = await Promise.allSettled(specs.map((s) => startBroker({
    version,
    nodeId: s.nodeId,
    port: s.port,
    controllerPort: s.controllerPort,
    dataDir: s.dataDir,
    heap,
    readyTimeoutMs,
    logFile: opts.logDir ? path.join(opts.logDir, `node-${s.nodeId}.log`) : undefined,
    extraProps: clusterProps,
  })));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(started.map((r) => (r.status === 'fulfilled' ? r.value.kill() : undefined)));
    throw /** @type {PromiseRejectedResult} */ (failed).reason;
  }
  const handles = started.map((r) => /** @type {PromiseFulfilledResult<any>} */ (r).value);
  const brokers = specs.map((s) => `127.0.0.1:${s.port}`);

  async function waitForBrokers({ timeoutMs = readyTimeoutMs } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = handles.filter((h) => h.running).map((h) => h.bootstrap);
      const n = up.length ? await liveBrokerCount(up) : null;
      if (n === size) return;
      if (Date.now() > deadline) throw new Error(`cluster: metadata lists ${n ?? 'no'} of ${size} brokers after ${timeoutMs / 1000}s; logs: ${handles.map((h) => h.logFile).join(', ')}`);
      await sleep(300);
    }
  }
  try {
    await waitForBrokers();
  } catch (e) {
    await Promise.allSettled(handles.map((h) => h.kill()));
    throw e;
  }

  /** @type {ClusterNode[]} */
  const nodes = specs.map((s, i) => {
    const h = handles[i];
    return {
      nodeId: s.nodeId,
      port: s.port,
      controllerPort: s.controllerPort,
      bootstrap: h.bootstrap,
      dataDir: s.dataDir,
      logFile: h.logFile,
      get running() {
        return h.running;
      },
      stop: (o) => h.stop(o),
      kill: () => h.kill(),
      restart: () => h.restart(),
    };
  });
  return {
    bootstrap: brokers.join(','),
    brokers,
    nodes,
    waitForBrokers,
    async stop({ timeoutMs = 20_000 } = {}) {
      await Promise.allSettled(handles.map((h) => h.stop({ timeoutMs })));
    },
  };
}

module.exports = { startCluster };
