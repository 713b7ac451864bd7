'use strict';
/**
 * Real Java clients for the Kafka 4 group types kafka-console-consumer cannot make:
 *   - a share consumer (KafkaShareConsumer, KIP-932): `startShareConsumer({bootstrap, group, topic})`
 *   - a Kafka Streams application with group.protocol=streams (KIP-1071):
 *     `startStreamsApp({bootstrap, appId, input, output})` — input → repartition → output, so the
 *     group has two subtopologies and an internal repartition topic, as Kafka's tools expect.
 * Both come from test/support/java/GroupClients.java, compiled once with javac against the Kafka
 * jars into ~/.cache/kafka-offsets/kafka-<version>/group-clients-<hash of the source>. The
 * kafka-streams jar is not among the broker/tools jars; it is fetched once from Maven Central into
 * ~/.cache/kafka-offsets/kafka-<version>/streams-jars (Maven's own cache makes later runs offline).
 *
 * Every client started here is SIGKILLed when this Node process exits; close() is a SIGTERM, on
 * which the Java side closes the client so it leaves its group at once.
 */

const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureKafkaJars, runKafkaTool, DEFAULT_KAFKA_VERSION } = require('./broker.js');

const SOURCE = path.join(__dirname, 'java', 'GroupClients.java');
const POM = path.resolve(__dirname, '../../scripts/kafka/pom.xml');
const CACHE_ROOT = path.join(os.homedir(), '.cache', 'kafka-offsets');

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {string} cmd @param {string[]} args @param {number} timeoutMs */
function exec(cmd, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 16 << 20, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${String(stdout) + String(stderr)}`.slice(0, 6000)));
      else resolve(undefined);
    });
  });
}

/**
 * Fill `dir` once, also when several processes ask at the same time: built under a temporary
 * name, then renamed; a loser of the race finds the folder there.
 * @param {string} dir @param {(tmp: string) => Promise<void>} fill
 */
async function once(dir, fill) {
  if (fs.existsSync(dir)) return dir;
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      if (!fs.existsSync(dir)) throw e; // someone else won: theirs is as good as ours
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** @type {Map<string, Promise<string>>} */
const classpaths = new Map();

/**
 * Classpath (jars + compiled GroupClients) for `version`, built on first use.
 * @param {string} [version]
 * @returns {Promise<string>}
 */
function groupClientsClasspath(version = DEFAULT_KAFKA_VERSION) {
  let p = classpaths.get(version);
  if (!p) {
    p = (async () => {
      if (!/^[\w.-]+$/.test(version)) throw new Error(`bad Kafka version: ${version}`);
      const jars = await ensureKafkaJars({ version });
      const home = path.join(CACHE_ROOT, `kafka-${version}`);
      const streamsJars = await once(path.join(home, 'streams-jars'), (tmp) =>
        exec('mvn', ['-q', '-B', '-f', POM, 'dependency:copy', `-Dartifact=org.apache.kafka:kafka-streams:${version}`, `-DoutputDirectory=${tmp}`], 20 * 60_000),
      );
      const cp = `${jars}/*${path.delimiter}${streamsJars}/*`;
      const hash = crypto.createHash('sha256').update(fs.readFileSync(SOURCE)).digest('hex').slice(0, 12);
      const classes = await once(path.join(home, `group-clients-${hash}`), (tmp) => exec('javac', ['-nowarn', '-d', tmp, '-cp', cp, SOURCE], 5 * 60_000));
      return `${classes}${path.delimiter}${cp}`;
    })();
    classpaths.set(version, p);
    p.catch(() => classpaths.delete(version));
  }
  return p;
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let handlersInstalled = false;
function installExitHandler() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}

let count = 0;

/**
 * @typedef {object} GroupClient
 * @property {number} pid
 * @property {string} clientId
 * @property {() => string} stdout what the client printed ("subscribed", "polled N", "state RUNNING", ...)
 * @property {() => string} stderr
 * @property {(text: string, opts?: {timeoutMs?: number}) => Promise<void>} waitForOutput resolves once stdout contains `text`
 * @property {(check: () => Promise<boolean>, opts?: {timeoutMs?: number}) => Promise<void>} waitUntil polls `check` (e.g. "is a member")
 * @property {(opts?: {timeoutMs?: number}) => Promise<void>} close SIGTERM: the client closes and leaves its group
 * @property {() => Promise<void>} kill SIGKILL: the member stays until its session times out
 */

/**
 * @param {string[]} args @param {string} clientId @param {string} version
 * @returns {Promise<GroupClient>}
 */
async function startClient(args, clientId, version) {
  const cp = await groupClientsClasspath(version);
  installExitHandler();
  const child = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', cp, 'GroupClients', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.on('error', () => {});
  child.unref();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout = (stdout + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  /** @type {any} */ (child.stdout)?.unref?.();
  /** @type {any} */ (child.stderr)?.unref?.();
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  /** @param {NodeJS.Signals} signal @param {number} timeoutMs */
  const stop = (signal, timeoutMs) =>
    exited()
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
          child.kill(signal);
        });
  /** @type {GroupClient} */
  const handle = {
    pid: /** @type {number} */ (child.pid),
    clientId,
    stdout: () => stdout,
    stderr: () => stderr,
    async waitUntil(check, { timeoutMs = 90_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited()) throw new Error(`${clientId} exited (code ${child.exitCode}):\n${stdout}\n${stderr}`);
        if (await check()) return;
        if (Date.now() > deadline) throw new Error(`${clientId}: condition not met after ${timeoutMs} ms:\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`);
        await sleep(300);
      }
    },
    waitForOutput(text, o) {
      return handle.waitUntil(async () => stdout.includes(text), o);
    },
    close: ({ timeoutMs = 20_000 } = {}) => stop('SIGTERM', timeoutMs),
    kill: () => stop('SIGKILL', 5000),
  };
  return handle;
}

/**
 * A KafkaShareConsumer in share group `group`, subscribed to `topic`. With `autoOffsetReset:
 * 'earliest'` the group's config share.auto.offset.reset is set first (a share group otherwise
 * starts at the latest offset) — one run of kafka-configs.
 * @param {{bootstrap: string, group: string, topic: string, clientId?: string, autoOffsetReset?: 'earliest'|'latest', version?: string}} opts
 */
async function startShareConsumer({ bootstrap, group, topic, clientId, autoOffsetReset, version = DEFAULT_KAFKA_VERSION }) {
  if (autoOffsetReset) await setGroupConfig(bootstrap, group, `share.auto.offset.reset=${autoOffsetReset}`, version);
  const id = clientId || `ko-share-${process.pid}-${++count}`;
  return startClient(['share', bootstrap, group, id, topic], id, version);
}

/**
 * A Kafka Streams application `appId` (= its streams group) reading `input`, repartitioning
 * through the internal topic `<appId>-rekey-repartition`, writing `output` (which must exist).
 * Wait for `waitForOutput('state RUNNING')` before relying on its membership.
 * @param {{bootstrap: string, appId: string, input: string, output: string, clientId?: string, version?: string}} opts
 */
async function startStreamsApp({ bootstrap, appId, input, output, clientId, version = DEFAULT_KAFKA_VERSION }) {
  const id = clientId || `ko-streams-${process.pid}-${++count}`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-streams-state-'));
  const c = await startClient(['streams', bootstrap, appId, id, stateDir, input, output], id, version);
  const close = c.close;
  c.close = async (o) => {
    await close(o);
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  return c;
}

/**
 * A group's dynamic config (kafka-configs --entity-type groups), e.g. 'share.auto.offset.reset=earliest'.
 * @param {string} bootstrap @param {string} group @param {string} config @param {string} [version]
 */
async function setGroupConfig(bootstrap, group, config, version = DEFAULT_KAFKA_VERSION) {
  const r = await runKafkaTool('kafka.admin.ConfigCommand', ['--bootstrap-server', bootstrap, '--alter', '--entity-type', 'groups', '--entity-name', group, '--add-config', config], { version });
  if (r.code !== 0) throw new Error(`kafka-configs --add-config ${config} on group ${group} failed:\n${r.stdout}${r.stderr}`);
}

/**
 * kafka-share-groups.sh / kafka-streams-groups.sh.
 * @param {'share'|'streams'} kind @param {string} bootstrap @param {string[]} args @param {{timeoutMs?: number, version?: string}} [opts]
 */
function groupCommand(kind, bootstrap, args, opts) {
  const cls = kind === 'share' ? 'org.apache.kafka.tools.consumer.group.ShareGroupCommand' : 'org.apache.kafka.tools.streams.StreamsGroupCommand';
  return runKafkaTool(cls, ['--bootstrap-server', bootstrap, ...args], opts);
}

module.exports = { groupClientsClasspath, startShareConsumer, startStreamsApp, setGroupConfig, groupCommand };
