'use strict';
/** Kafka's command-line tools (TopicCommand, ConsumerGroupCommand, ...) run from the jars, output collected. */
const { spawn } = require('node:child_process');
const { DEFAULT_KAFKA_VERSION, ensureKafkaJars, javaArgs, sharedClasses } = require('./jars');
const { track } = require('./processes');

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
  const cds = sharedClasses(jarsDir, mainClass);
  const child = spawn('java', [...cds.args, ...javaArgs(jarsDir, 'tools', mainClass), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
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
      cds.settle();
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      cds.settle();
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

module.exports = { runKafkaTool, consumerGroupCommand };
