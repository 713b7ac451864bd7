/**
 * Every terminal write of the CLI goes through here, and the one question it asks (y/N).
 */
import * as readline from 'node:readline';
import { visible, visibleLines, terminalSafeJson } from '../core/display';
import { stringifyExact } from './format';
import { JsonArrayWriter, JsonLinesWriter } from './jsonStream';

/**
 * Group ids, client ids, hosts and topics come from the cluster and may hold ESC sequences, CR or
 * line breaks: `text` and `note` print one line with every control character escaped
 * (src/core/display.ts), `block` prints a multi-line table whose cells were escaped one by one
 * (format.ts), and `data` prints JSON whose values stay exact.
 */
export class Output {
  constructor(readonly json: boolean) {}
  data(v: unknown): void {
    // Offsets beyond 2^53 are printed exactly (bigints), never rounded; terminal-active characters escaped.
    process.stdout.write(terminalSafeJson(stringifyExact(v)) + '\n');
  }
  /** One JSON document on one line (NDJSON: `lag --watch --json`), values exact like data(). */
  record(v: unknown): void {
    process.stdout.write(terminalSafeJson(stringifyExact(v, 0)) + '\n');
  }
  /** A JSON array written element by element, the same bytes as data() of the whole array (`lag --all-groups --json`). */
  jsonArray(): JsonArrayWriter {
    return new JsonArrayWriter(process.stdout);
  }
  /** NDJSON written line by line with back-pressure (`lag --all-groups --ndjson`). */
  jsonLines(): JsonLinesWriter {
    return new JsonLinesWriter(process.stdout);
  }
  /** Clear a terminal before redrawing (`lag --watch`); the caller checks that stdout is one. */
  clearScreen(): void {
    process.stdout.write('\x1b[H\x1b[2J');
  }
  /** One sentence (a line break in it is printed as \n). */
  text(s: string) {
    if (!this.json) process.stdout.write(visible(s) + '\n');
  }
  /** A table or other block whose lines are meant. */
  block(s: string) {
    if (!this.json) process.stdout.write(visibleLines(s) + '\n');
  }
  /** Progress and prompts go to stderr so stdout stays parseable. */
  note(s: string) {
    process.stderr.write(visible(s) + '\n');
  }
}

/** Asks on stderr; only "y" or "yes" (any case) is a yes. */
export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${visible(question)} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
