/**
 * The CLI's command registry and dispatcher (src/cli/dispatch.ts, src/cli/commands/): every command
 * is listed in --help and in the unknown-command sentence, options may come before the command word,
 * a command gets only its own options and the common ones, and a new command needs nothing but its
 * entry in the registry. No broker: the client is created but never used by these commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, usage } from '../../src/cli/dispatch';
import { COMMANDS } from '../../src/cli/commands';
import { COMMON } from '../../src/cli/options';
import { UsageError } from '../../src/cli/args';
import type { Command, CommandContext } from '../../src/cli/command';

const signal = new AbortController().signal;

test('every registered command has a unique name and its own lines in --help', () => {
  const names = COMMANDS.map((c) => c.name);
  assert.deepEqual(names, ['groups', 'describe', 'lag', 'peek', 'reset', 'undo', 'delete-offsets', 'delete-group', 'export', 'serve']);
  assert.equal(new Set(names).size, names.length);
  const help = usage();
  for (const c of COMMANDS) {
    assert.ok(c.usage.startsWith(`  kafka-offsets ${c.name}`) && c.usage.endsWith('\n'), c.name);
    assert.ok(help.includes(c.usage), `${c.name} in --help`);
  }
});

test('no command redefines a common option differently', () => {
  for (const c of COMMANDS) {
    if (c.raw) continue;
    for (const [name, spec] of Object.entries(c.options)) if (COMMON[name]) assert.deepEqual(spec, COMMON[name], `${c.name} --${name}`);
  }
});

/** A made-up command registered beside the real ones, recording what it was given. */
function probe() {
  const seen: CommandContext[] = [];
  const cmd: Command = {
    name: 'probe',
    usage: '  kafka-offsets probe --thing T\n',
    options: { thing: { value: true, repeatable: true }, flag: { value: false } },
    load: async () => ({
      async run(ctx) {
        seen.push(ctx);
        return 7;
      },
    }),
  };
  return { cmd, seen, commands: [...COMMANDS, cmd] };
}

test('a new command is one registry entry: dispatched with its options, common ones before the word, its exit code', async () => {
  const { seen, commands } = probe();
  const code = await run(['--bootstrap', '127.0.0.1:1', 'probe', '--thing', 'a', '--thing=b', '--flag', '--json'], signal, commands);
  assert.equal(code, 7);
  assert.equal(seen.length, 1);
  const { options, out, cfg } = seen[0];
  assert.deepEqual(options.lists?.get('thing'), ['a', 'b']);
  assert.equal(options.get('flag'), true);
  assert.equal(out.json, true);
  assert.deepEqual(cfg.brokers, ['127.0.0.1:1']);
  assert.ok(usage(commands).includes('kafka-offsets probe --thing T'));
});

test('unknown commands and options, and stray words, are usage errors naming them; nothing runs', async () => {
  const { seen, commands } = probe();
  await assert.rejects(run(['prob'], signal, commands), (e: Error) => e instanceof UsageError && /Unknown command "prob"\. Commands: groups, describe, lag, peek, reset, undo, delete-offsets, delete-group, export, serve, probe\./.test(e.message));
  await assert.rejects(run(['probe', '--group', 'g'], signal, commands), (e: Error) => e instanceof UsageError && /--group/.test(e.message));
  await assert.rejects(run(['probe', 'extra'], signal, commands), (e: Error) => e instanceof UsageError && /"extra"/.test(e.message));
  assert.equal(seen.length, 0);
});
