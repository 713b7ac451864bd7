/**
 * A JSON array written element by element as the elements arrive (`lag --all-groups --json` at
 * 50,000 groups is a 95 MB document: building it whole took seconds and hundreds of MB). The bytes
 * are those of `data()` on the whole array — the same 2-space layout, exact bigints, terminal-safe
 * escapes — and the writer waits for the sink to drain whenever it asks to.
 */
import { terminalSafeJson } from '../core/display';
import { stringifyExact } from './format';
import { cliError, errorJson, markReportedInJson } from './failure';

/** What the writers need of a stream (process.stdout; a fake in the unit tests). */
export interface TextSink {
  /** false: the sink's buffer is full, wait for 'drain' before writing more. */
  write(chunk: string): boolean;
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/** Text is handed to the sink in pieces of about this size (one write per group would be 50,000 writes). */
const FLUSH_AT = 64 * 1024;

export class JsonArrayWriter {
  private pending = '';
  private count = 0;
  constructor(
    private readonly sink: TextSink,
    private readonly flushAt = FLUSH_AT,
  ) {}

  /** True once an element was given: from then on the document has begun and must be ended. */
  get begun(): boolean {
    return this.count > 0;
  }

  /** One element; a promise when the sink asked to wait (await it before the next). */
  add(v: unknown): Promise<void> | undefined {
    // The element as JSON.stringify([v], null, 2) lays it out inside the array: indented by 2.
    const wrapped = stringifyExact([v]);
    this.pending += (this.count++ === 0 ? '[\n' : ',\n') + terminalSafeJson(wrapped.slice(2, -2));
    return this.pending.length >= this.flushAt ? this.flush() : undefined;
  }

  /** Closes the array (`[]` when nothing was added) and writes what is left. */
  end(): Promise<void> | undefined {
    this.pending += this.count === 0 ? '[]\n' : '\n]\n';
    return this.flush();
  }

  private flush(): Promise<void> | undefined {
    const text = this.pending;
    this.pending = '';
    return text && !this.sink.write(text) ? drained(this.sink) : undefined;
  }
}

/**
 * A whole array whose elements `produce` adds as they come. A failure after the first element ends
 * the array with the failure's {error: {kind, message}} — stdout stays one valid document — and is
 * rethrown marked, so main.ts prints no second document; before it, nothing is written and main.ts
 * prints the error document alone, as for any command.
 */
export async function writeJsonArray(doc: JsonArrayWriter, produce: (add: (v: unknown) => Promise<void> | undefined) => Promise<unknown>): Promise<void> {
  try {
    await produce((v) => doc.add(v));
  } catch (e) {
    if (!doc.begun) throw e;
    await doc.add(errorJson(cliError(e)));
    await doc.end();
    markReportedInJson(e);
    throw e;
  }
  await doc.end();
}

/** One JSON document per line (NDJSON), each written at once (a reader sees each group as it is read), back-pressure kept. */
export class JsonLinesWriter {
  constructor(private readonly sink: TextSink) {}
  add(v: unknown): Promise<void> | undefined {
    return this.sink.write(terminalSafeJson(stringifyExact(v, 0)) + '\n') ? undefined : drained(this.sink);
  }
}

/** Resolves at 'drain', or when the sink closes or fails (main.ts reports those): never a hang. */
function drained(sink: TextSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const ev of ['drain', 'close', 'error'] as const) sink.off(ev, done);
      resolve();
    };
    for (const ev of ['drain', 'close', 'error'] as const) sink.once(ev, done);
  });
}
