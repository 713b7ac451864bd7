/**
 * A small, strict argument parser: `--name value`, `--name=value`, boolean flags. Values may start
 * with '-' (`--shift-by -5`, `--offset=-5`), because a declared option always takes the next word.
 * Unknown options are errors, not ignored: a mistyped `--dryrun` must not turn into a real reset.
 */
export interface OptionSpec {
  /** true = takes a value */
  value: boolean;
  repeatable?: boolean;
}

export class UsageError extends Error {}

/**
 * `options` holds the last value of each option; `lists` every value of a repeatable one, in order
 * (`--topic a --topic b:0,2`).
 */
export function parseArgs(
  argv: string[],
  specs: Record<string, OptionSpec>,
): { positional: string[]; options: Map<string, string | true>; lists: Map<string, string[]> } {
  const options = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option --${name}.`);
    if (options.has(name) && !spec.repeatable) throw new UsageError(`Option --${name} is given twice.`);
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`Option --${name} takes no value.`);
      options.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`Option --${name} needs a value.`);
    options.set(name, value);
    lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { positional, options, lists };
}

/**
 * The subcommand and the rest of the words: options may come before it (`kafka-offsets --bootstrap B
 * lag …`). The command is the first word that is neither an option nor the value of an option that
 * takes one.
 */
export function splitCommand(argv: string[], specs: Record<string, OptionSpec>): { command: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (!arg.startsWith('--')) return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
    if (!arg.includes('=') && specs[arg.slice(2)]?.value) i++;
  }
  return { command: undefined, rest: argv };
}
