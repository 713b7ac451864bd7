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
 *
 * This file is the harness's public face; each job lives in ./broker/: jars (Maven Central, log
 * configs, JVM arguments), processes (child bookkeeping), tools (Kafka's CLI classes), probe (the
 * readiness request), kraft (starting a broker), tls and security (secured brokers), consumers (a
 * real Java consumer in a group), util (ports, files).
 */

const { DEFAULT_KAFKA_VERSION, ensureKafkaJars } = require('./broker/jars');
const { DEFAULT_BROKER_PROPS, startBroker } = require('./broker/kraft');
const { runKafkaTool, consumerGroupCommand } = require('./broker/tools');
const { startJavaConsumer } = require('./broker/consumers');
const { freePort, freePorts } = require('./broker/util');
const { isBrokerReady } = require('./broker/probe');

/** @typedef {import('./broker/tools').ToolResult} ToolResult */
/** @typedef {import('./broker/kraft').BrokerOptions} BrokerOptions */
/** @typedef {import('./broker/kraft').BrokerHandle} BrokerHandle */
/** @typedef {import('./broker/security').SecurityOptions} SecurityOptions */
/** @typedef {import('./broker/security').SecurityHandle} SecurityHandle */
/** @typedef {import('./broker/consumers').JavaConsumer} JavaConsumer */

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
