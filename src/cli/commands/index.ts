/**
 * Every command of kafka-offsets, in the order --help lists them: name, usage lines and options, and
 * load(), which imports the command's own module only when it runs. Keep this file free of engine
 * imports: --help and argument errors are answered from it alone, without loading kafkajs
 * (test/unit/cli-lazy.test.ts fails otherwise). require(), not import(): the bundler then keeps the
 * module in the one file, run only when required, and the transpiled tests load it the same way.
 * A new command: a file in this folder exporting its
 * run (../command.ts), and one entry here.
 */
import type { Command } from '../command';

export const COMMANDS: readonly Command[] = [
  {
    name: 'groups',
    usage: '  kafka-offsets groups [--type classic,consumer,share,streams]\n',
    options: { type: { value: true } },
    load: async () => (require('./groups') as typeof import('./groups')).groups,
  },
  {
    name: 'describe',
    usage: '  kafka-offsets describe --group G\n',
    options: { group: { value: true } },
    load: async () => (require('./describe') as typeof import('./describe')).describe,
  },
  {
    name: 'lag',
    usage:
      '  kafka-offsets lag (--group G | --all-groups [--ndjson]) [--no-time-lag]\n' +
      '  kafka-offsets lag --group G --watch [--interval SECONDS] [--window SECONDS]   (rate, ETA, status until Ctrl-C)\n',
    options: {
      group: { value: true },
      'all-groups': { value: false },
      ndjson: { value: false },
      'no-time-lag': { value: false },
      watch: { value: false },
      interval: { value: true },
      window: { value: true },
    },
    load: async () => (require('./lag') as typeof import('./lag')).lag,
  },
  {
    name: 'peek',
    usage:
      '  kafka-offsets peek --group G --topic T --partition N [--count N]\n' +
      '  kafka-offsets peek --topic T --partition N --offset O [--count N]\n' +
      '      [--max-bytes N] [--isolation read_committed|read_uncommitted]\n',
    options: {
      group: { value: true },
      topic: { value: true },
      partition: { value: true },
      offset: { value: true },
      count: { value: true },
      'max-bytes': { value: true },
      isolation: { value: true },
    },
    load: async () => (require('./peek') as typeof import('./peek')).peekCommand,
  },
  {
    name: 'reset',
    usage: `  kafka-offsets reset (--group G [--group G2 …] | --all-groups)
        (--topic T [--partition N] | --topic T[:P,P…] [--topic T2[:P,…] …] | --all-topics)
        (--offset N | --timestamp MS | --to-datetime ISO | --by-duration ISO | --to-earliest |
         --to-latest | --to-current | --shift-by N | --from-file CSV | --request JSON|@file |
         --from-group G2)
        [--dry-run] [--export] [--yes] [--wait-empty SECONDS] [--snapshot-dir DIR] [--allow-old-timestamp]
        [--no-offsets-moving-check]
`,
    options: {
      group: { value: true, repeatable: true },
      'all-groups': { value: false },
      topic: { value: true, repeatable: true },
      'all-topics': { value: false },
      'to-current': { value: false },
      partition: { value: true },
      offset: { value: true },
      timestamp: { value: true },
      'to-datetime': { value: true },
      'by-duration': { value: true },
      'to-earliest': { value: false },
      'to-latest': { value: false },
      'shift-by': { value: true },
      'from-file': { value: true },
      'from-group': { value: true },
      request: { value: true },
      'dry-run': { value: false },
      yes: { value: false },
      'wait-empty': { value: true },
      'no-offsets-moving-check': { value: false },
      'snapshot-dir': { value: true },
      'allow-old-timestamp': { value: false },
      export: { value: false },
    },
    load: async () => (require('./reset') as typeof import('./reset')).reset,
  },
  {
    name: 'undo',
    usage: '  kafka-offsets undo --snapshot FILE [--snapshot FILE2 …] [--yes] [--dry-run] [--allow-other-cluster] [--no-offsets-moving-check]\n',
    options: {
      snapshot: { value: true, repeatable: true },
      yes: { value: false },
      'dry-run': { value: false },
      'snapshot-dir': { value: true },
      'allow-other-cluster': { value: false },
      'no-offsets-moving-check': { value: false },
    },
    load: async () => (require('./undo') as typeof import('./undo')).undo,
  },
  {
    name: 'delete-offsets',
    usage: '  kafka-offsets delete-offsets --group G --topic T[:P,P…] [--topic T2 …] [--dry-run] [--yes] [--snapshot-dir DIR]\n',
    options: { group: { value: true }, topic: { value: true, repeatable: true }, 'dry-run': { value: false }, yes: { value: false }, 'snapshot-dir': { value: true } },
    load: async () => (require('./deleteOffsets') as typeof import('./deleteOffsets')).deleteOffsets,
  },
  {
    name: 'delete-group',
    usage: '  kafka-offsets delete-group (--group G [--group G2 …] | --all-groups) [--dry-run] [--yes] [--snapshot-dir DIR]\n',
    options: { group: { value: true, repeatable: true }, 'all-groups': { value: false }, 'dry-run': { value: false }, yes: { value: false }, 'snapshot-dir': { value: true } },
    load: async () => (require('./deleteGroup') as typeof import('./deleteGroup')).deleteGroup,
  },
  {
    name: 'export',
    usage: '  kafka-offsets export (--group G [--group G2 …] | --all-groups) [--topic T]\n',
    options: { group: { value: true, repeatable: true }, 'all-groups': { value: false }, topic: { value: true } },
    load: async () => (require('./export') as typeof import('./export')).exportOffsets,
  },
  {
    name: 'serve',
    usage: '  kafka-offsets serve --instances FILE [--listen 127.0.0.1:8080]   (HTTP API; serve --help)\n',
    raw: true,
    load: async () => (require('./serve') as typeof import('./serve')).serve,
  },
];
