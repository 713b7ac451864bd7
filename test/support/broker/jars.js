'use strict';
/**
 * Kafka's jars from Maven Central (into ~/.cache/kafka-offsets/kafka-<version>/jars, once, under a
 * cross-process lock), the logging configs next to them, and the JVM arguments to run a class from them.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sleep, isAlive, writeFileAtomic } = require('./util');

/** Kafka version used when none is given; KAFKA_VERSION lets a whole run target another release. */
const DEFAULT_KAFKA_VERSION = process.env.KAFKA_VERSION || '4.3.1';
const POM = path.resolve(__dirname, '../../../scripts/kafka/pom.xml');
const CACHE_ROOT = path.join(os.homedir(), '.cache', 'kafka-offsets');

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

let archiveRuns = 0;

/**
 * Class-data sharing for Kafka's command-line tools, which the differential tests start dozens of
 * times: the first run of a jar set writes an archive of the classes it loaded
 * (-XX:ArchiveClassesAtExit, JDK 13+); later runs map it instead of loading and verifying every class
 * again (measured on this 2-core machine under load: 9–19 s → 3–4 s per ConsumerGroupCommand run).
 * Nothing depends on it: the JVM checks the archive against its classpath and version and runs
 * without it when they differ; -Xlog:disable keeps such CDS notes out of the output the tests parse.
 * KAFKA_OFFSETS_NO_CDS=1 turns it off.
 * One archive per tool (its main class): each holds what that tool loads, e.g. the admin client for
 * ConsumerGroupCommand, not only what the first tool of a run (the broker's StorageTool) needed.
 * @param {string} jarsDir @param {string} mainClass
 * @returns {{ args: string[], settle: () => void }} settle(): call once the JVM has exited (publishes a new archive)
 */
function sharedClasses(jarsDir, mainClass) {
  if (process.env.KAFKA_OFFSETS_NO_CDS || !/^[\w.$]+$/.test(mainClass)) return { args: [], settle: () => undefined };
  const archive = path.join(path.dirname(jarsDir), 'cds', `${mainClass}.jsa`);
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  if (fs.existsSync(archive)) return { args: [`-XX:SharedArchiveFile=${archive}`, '-Xlog:disable'], settle: () => undefined };
  // Written under a name of its own (several first runs may dump at once), then renamed: a reader
  // never maps a half-written archive.
  const tmp = `${archive}.${process.pid}-${++archiveRuns}.tmp`;
  const settle = () => {
    try {
      if (!fs.existsSync(tmp)) return; // killed, or the JVM could not dump: the next run tries again
      if (fs.existsSync(archive)) fs.rmSync(tmp, { force: true });
      else fs.renameSync(tmp, archive);
    } catch {
      // another process won the race: its archive is as good
    }
  };
  return { args: [`-XX:ArchiveClassesAtExit=${tmp}`, '-Xlog:disable'], settle };
}

module.exports = { DEFAULT_KAFKA_VERSION, ensureKafkaJars, javaArgs, sharedClasses };
