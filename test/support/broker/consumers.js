'use strict';
/** A real Java consumer in a group (kafka-console-consumer), for tests of groups with members. */
const { spawn } = require('node:child_process');
const { sleep } = require('./util');
const { DEFAULT_KAFKA_VERSION, ensureKafkaJars, javaArgs } = require('./jars');
const { track, terminate } = require('./processes');
const { runKafkaTool, consumerGroupCommand } = require('./tools');

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

module.exports = { startJavaConsumer };
