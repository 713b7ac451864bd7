/**
 * `--help` and argument errors are answered without loading kafkajs or the engine (issue 18: a Node
 * start is most of what they cost). Fails if someone imports the engine eagerly again from the CLI's
 * front (main.ts, dispatch.ts, commands/index.ts, options.ts, connection.ts …). Two views:
 *  - the transpiled modules (out/): after --help and an unknown option, neither kafkajs nor the
 *    engine's index is in require.cache;
 *  - the shipped bundle (dist/cli.js, one file with kafkajs inside): the Node built-ins it asks for
 *    stay within what the loader and the argument parser use (kafkajs asks for util, crypto, assert…).
 * Each runs in a child process, so nothing this test process loaded counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function node(args: string[], input?: string) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, KAFKA_OFFSETS_NO_CODE_CACHE: '1' } });
  assert.equal(r.error, undefined, String(r.error));
  return r;
}

test('out/: --help and an unknown option leave kafkajs and the engine unloaded', () => {
  const script = `
    const { run } = require('./out/src/cli/dispatch.js');
    const signal = new AbortController().signal;
    (async () => {
      const help = await run(['--help'], signal);
      const bad = await run(['lag', '--grop', 'g'], signal).then(() => 'no error', (e) => e.message);
      const loaded = Object.keys(require.cache).filter((f) => f.includes('node_modules/kafkajs') || f.endsWith('out/src/core/index.js'));
      process.stderr.write(JSON.stringify({ help, bad, loaded }));
    })();`;
  const r = node(['-e', script]);
  const got = JSON.parse(r.stderr);
  assert.equal(got.help, 0);
  assert.match(got.bad, /Unknown option --grop/);
  assert.deepEqual(got.loaded, []);
});

test('dist/cli.js: --help and an unknown option ask Node for no module beyond the loader and the parser', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-lazy-'));
  try {
    const hook = path.join(dir, 'hook.js');
    fs.writeFileSync(
      hook,
      `const Module = require('node:module'); const seen = new Set(); const load = Module._load;
       Module._load = function (request, ...rest) { seen.add(request.replace(/^node:/, '')); return load.call(this, request, ...rest); };
       process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify([...seen])));`,
    );
    const front = new Set(['fs', 'path', 'vm', 'os', 'module', 'events']);
    for (const args of [['--help'], ['lag', '--grop', 'g']]) {
      const r = node(['-r', hook, path.join(root, 'dist/cli.js'), ...args]);
      assert.equal(r.status, args[0] === '--help' ? 0 : 2, r.stderr);
      const loaded: string[] = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('LOADED ') + 7));
      const extra = loaded.filter((m) => !front.has(m) && !m.endsWith('cli.js'));
      assert.deepEqual(extra, [], `${args.join(' ')} loaded ${extra.join(', ')}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
