'use strict';
/**
 * The bench's configuration: command-line flags (--quick, --runs N, --no-ext), the run sizes they
 * select, where the report goes, the JVM flags of each side, timeouts, and the log line prefix.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const ARGV = process.argv.slice(2);
const QUICK = ARGV.includes('--quick');
const runsArg = ARGV.indexOf('--runs');
const RUNS_OVERRIDE = runsArg >= 0 ? Number(ARGV[runsArg + 1]) : undefined;

const CFG = QUICK
  ? {
      runs: 1, // per side, per scenario (whole processes)
      inProcessRuns: 3,
      scaleRuns: 1,
      partitionScale: [10, 1000],
      groupScale: [10, 500],
      messagesPerPartition: 10,
      fastFlagsVariant: false,
      extension: false,
      watchdogMs: 170_000,
    }
  : {
      runs: 7,
      inProcessRuns: 10,
      scaleRuns: 5,
      partitionScale: [10, 100, 1000, 5000],
      groupScale: [10, 100, 500, 2000],
      messagesPerPartition: 20,
      fastFlagsVariant: true,
      extension: !ARGV.includes('--no-ext'),
      watchdogMs: 90 * 60_000,
    };
if (RUNS_OVERRIDE) CFG.runs = RUNS_OVERRIDE;

const DOCS = path.join(ROOT, 'docs');
const OUT_MD = path.join(DOCS, QUICK ? 'benchmarks-quick.md' : 'benchmarks.md');
const OUT_JSON = path.join(DOCS, QUICK ? 'benchmarks-quick.json' : 'benchmarks.json');
const OUT_PNG = path.join(DOCS, QUICK ? 'benchmarks-quick-scaling.png' : 'benchmarks-scaling.png');

const CGC = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
/**
 * JVM options of bin/kafka-consumer-groups.sh → kafka-run-class.sh when the user sets nothing:
 * KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_JMX_OPTS defaults, verbatim.
 */
const SCRIPT_JVM = [
  '-Xmx256M',
  '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true',
  '-Dcom.sun.management.jmxremote=true', '-Dcom.sun.management.jmxremote.authenticate=false', '-Dcom.sun.management.jmxremote.ssl=false',
];
/** What test/support/broker.js's runKafkaTool uses for tools (tuned for start-up, not what users run). */
const HARNESS_JVM = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];

const TIMEOUT = { build: 300_000, reset: 180_000, lag: 300_000, setup: 180_000, ext: 300_000 };
const HOUR = 3600_000;

const t0 = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`, ...a);
const range = (n) => Array.from({ length: n }, (_, i) => i);
const pad = (n, w) => String(n).padStart(w, '0');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { ROOT, ARGV, QUICK, CFG, DOCS, OUT_MD, OUT_JSON, OUT_PNG, CGC, SCRIPT_JVM, HARNESS_JVM, TIMEOUT, HOUR, t0, log, range, pad, sleep };
