'use strict';
/**
 * Self-test of the broker harness (not part of `npm test`): `node test/support/broker.selftest.js`.
 * Starts a broker on a free port, runs kafka-consumer-groups, starts/kills Java consumers of both
 * group protocols, kills and restarts the broker, stops it, and checks no java process is left.
 * Prints how long each step took.
 */

const { execFileSync } = require('node:child_process');
const h = require('./broker.js');

/** @type {[string, number][]} */
const timings = [];

/** @template T @param {string} name @param {() => Promise<T>} fn @returns {Promise<T>} */
async function step(name, fn) {
  const t0 = Date.now();
  const result = await fn();
  const ms = Date.now() - t0;
  timings.push([name, ms]);
  console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
  return result;
}

/** @param {boolean} cond @param {string} msg */
function assert(cond, msg) {
  if (!cond) throw new Error(`selftest failed: ${msg}`);
}

/** pids of java processes whose command line contains `needle`. @param {string} needle */
function pgrep(needle) {
  try {
    return execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** @param {import('./broker.js').ToolResult} r @param {string} what */
function ok(r, what) {
  assert(r.code === 0, `${what} exited ${r.code}${r.timedOut ? ' (timed out)' : ''}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

async function main() {
  const version = h.DEFAULT_KAFKA_VERSION;
  console.log(`Kafka ${version} harness self-test`);
  const jars = await step('ensureKafkaJars', () => h.ensureKafkaJars({ version }));
  console.log(`           jars: ${jars}`);

  const broker = await step('startBroker (format + start + ready)', () => h.startBroker({ version }));
  console.log(`           bootstrap ${broker.bootstrap}, pid ${broker.pid}, log ${broker.logFile}`);
  const propsFile = `${broker.dataDir}/server.properties`;

  try {
    await step('TopicCommand --create', async () => ok(await h.runKafkaTool('org.apache.kafka.tools.TopicCommand',
      ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'selftest', '--partitions', '3'], { version }), 'TopicCommand --create'));

    const list = await step('ConsumerGroupCommand --list', async () => ok(await h.consumerGroupCommand(broker.bootstrap, ['--list'], { version }), '--list'));
    assert(list.stdout.trim() === '', `expected no groups, got ${JSON.stringify(list.stdout)}`);

    // Classic protocol: kill -9 the member; the broker removes it after the session timeout.
    const classic = await step('startJavaConsumer (classic, session 6000 ms)', () =>
      h.startJavaConsumer({ bootstrap: broker.bootstrap, group: 'g-classic', topic: 'selftest', sessionTimeoutMs: 6000, version }));
    await step('  waitUntilMember (classic)', () => classic.waitUntilMember());
    await step('  kill consumer (SIGKILL)', () => classic.kill());
    await step('  wait until g-classic is Empty (~session timeout)', () => waitForState(broker.bootstrap, 'g-classic', 'Empty', version));

    // Graceful close: the member leaves the group at once.
    const polite = await step('startJavaConsumer (classic, default session)', () =>
      h.startJavaConsumer({ bootstrap: broker.bootstrap, group: 'g-classic', topic: 'selftest', version }));
    await step('  waitUntilMember (classic)', () => polite.waitUntilMember());
    await step('  close consumer (SIGTERM)', () => polite.close());
    await step('  wait until g-classic is Empty (immediate)', () => waitForState(broker.bootstrap, 'g-classic', 'Empty', version));

    // KIP-848 protocol (GA in Kafka 4.0; 3.x has no per-group configs): session timeout set on the group.
    if (Number(version.split('.')[0]) >= 4) {
      const modern = await step('startJavaConsumer (consumer protocol, session 3000 ms)', () =>
        h.startJavaConsumer({ bootstrap: broker.bootstrap, group: 'g-consumer', topic: 'selftest', sessionTimeoutMs: 3000, groupProtocol: 'consumer', version }));
      await step('  waitUntilMember (consumer)', () => modern.waitUntilMember());
      await step('  kill consumer (SIGKILL)', () => modern.kill());
      await step('  wait until g-consumer is Empty (~session timeout)', () => waitForState(broker.bootstrap, 'g-consumer', 'Empty', version));
    }

    const groups = ok(await h.consumerGroupCommand(broker.bootstrap, ['--list'], { version }), '--list').stdout.split('\n');
    assert(groups.includes('g-classic'), `group g-classic missing from --list: ${groups}`);

    await step('broker.kill (SIGKILL)', () => broker.kill());
    assert(pgrep(propsFile).length === 0, 'broker still running after kill()');
    await step('broker.restart (same port + data)', () => broker.restart());
    const list3 = ok(await h.consumerGroupCommand(broker.bootstrap, ['--list'], { version }), '--list after restart');
    assert(list3.stdout.split('\n').includes('g-classic'), 'groups lost across restart');
  } finally {
    await step('broker.stop (SIGTERM)', () => broker.stop());
  }
  const left = pgrep(propsFile);
  assert(left.length === 0, `java processes left behind: ${left}`);
  const anyKafka = pgrep('kafka.Kafka');
  console.log(`           pgrep -f kafka.Kafka after stop: ${anyKafka.length ? anyKafka.join(' ') + ' (not ours: ' + propsFile + ' not in their command line)' : 'none'}`);
  const total = timings.reduce((s, [, ms]) => s + ms, 0);
  console.log(`selftest passed in ${(total / 1000).toFixed(1)} s`);
}

/** Poll `--describe --state` until the group reaches `state`. @param {string} bootstrap @param {string} group @param {string} state @param {string} version */
async function waitForState(bootstrap, group, state, version, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await h.consumerGroupCommand(bootstrap, ['--describe', '--group', group, '--state'], { version });
    if (r.code === 0 && r.stdout.split('\n').some((l) => l.split(/\s+/).includes(state))) return;
    assert(Date.now() < deadline, `group ${group} not ${state} after ${timeoutMs} ms:\n${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exitCode = 1;
});
