'use strict';
/** The machine and versions a run was measured on, and the broker's server.properties, for the report. */
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync, spawnSync } = require('node:child_process');
const { ROOT } = require('./config');

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
  } catch (e) {
    return (e.stderr || e.stdout || '').toString().trim();
  }
}

function machineInfo(harness) {
  const cpus = os.cpus();
  let distro = '';
  try {
    distro = /PRETTY_NAME="?([^"\n]+)/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {}
  const jv = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 20_000 });
  const java = `${jv.stderr || ''}${jv.stdout || ''}`.trim().split('\n');
  const head = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    ramGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${distro} (Linux ${os.release()})`,
    node: process.version,
    java: java.slice(0, 2).join(' / '),
    kafka: harness.DEFAULT_KAFKA_VERSION,
    kafkajs: require('kafkajs/package.json').version,
    commit: head,
    dirtySourceFiles: dirty,
  };
}

function readProps(file) {
  const props = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([^#=]+)=(.*)$/.exec(line);
    if (m) props[m[1]] = m[2];
  }
  return props;
}

module.exports = { machineInfo, readProps };
