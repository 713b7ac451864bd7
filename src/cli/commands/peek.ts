/**
 * `peek --group G --topic T --partition N [--count N]`: the next records the group will read there;
 * `peek --topic T --partition N --offset O`: the records at an offset. Read-only (no group join, no
 * commit). Record contents are hostile input: the text form escapes every line (recordText), --json
 * gives each key/value with its encoding and real size.
 */
import { KafkaOffsetsError, peek, recordJson, recordText, parseInt64, formatCount, MAX_PEEK_COUNT, DEFAULT_PEEK_BYTES } from '../../core';
import type { PeekedPartition, IsolationLevel } from '../../core';
import type { ClusterRun } from '../command';
import { requireGroup, str } from '../options';
import { jsonNum } from '../format';

export const peekCommand: ClusterRun = {
  async run({ client, options, out, signal }) {
    const topic = str(options, 'topic');
    if (!topic) throw new KafkaOffsetsError('validation', '--topic is required.');
    const partition = whole(str(options, 'partition'), '--partition', 0, 1_000_000);
    if (options.has('group') === options.has('offset')) throw new KafkaOffsetsError('validation', 'Give --group (peek at its committed offset) or --offset, not both.');
    const group = options.has('group') ? requireGroup(options) : undefined;
    const offset = options.has('offset') ? int64(str(options, 'offset')) : undefined;
    const count = options.has('count') ? whole(str(options, 'count'), '--count', 1, MAX_PEEK_COUNT) : 1;
    const maxValueBytes = options.has('max-bytes') ? whole(str(options, 'max-bytes'), '--max-bytes', 0, 64 * 1024 * 1024) : DEFAULT_PEEK_BYTES;
    const isolation = str(options, 'isolation') ?? 'read_committed';
    if (isolation !== 'read_committed' && isolation !== 'read_uncommitted') throw new KafkaOffsetsError('validation', `--isolation is read_committed or read_uncommitted, got "${isolation}".`);
    const [p] = await peek(client, { topic, partitions: [partition], group, offset, count, maxValueBytes, isolation: isolation as IsolationLevel }, { signal });
    if (p.read?.error) throw new KafkaOffsetsError(/out of range|does not exist/.test(p.read.error) ? 'not-found' : 'kafka', p.read.error);
    if (p.from === null) throw new KafkaOffsetsError('not-found', `Group "${group}" has no committed offset on "${topic}" partition ${partition}: its consumers would start where their auto.offset.reset says. Use --offset to look at a given offset.`);
    if (out.json) out.data(peekJson(p, group));
    else printPeek(out, p, group);
    return 0;
  },
};

function printPeek(out: { text(s: string): void; block(s: string): void }, p: PeekedPartition, group: string | undefined): void {
  const r = p.read!;
  const where = `"${p.topic}" partition ${p.partition}`;
  const end = `log end ${formatCount(r.highWatermark)}`;
  out.text(group !== undefined ? `Group "${group}" on ${where}: committed offset ${formatCount(p.from!)} · ${end} · lag ${formatCount(r.highWatermark - p.from!)}` : `${where} from offset ${formatCount(p.from!)} · ${end}`);
  if (r.records.length === 0) {
    const skipped = r.transactionMarkers + r.abortedRecords;
    out.text(`No record to read at or after offset ${formatCount(p.from!)}${skipped ? ` (only ${skipped} transaction marker or aborted record offset${skipped === 1 ? '' : 's'})` : ''}${group !== undefined ? ': the group is caught up.' : '.'}`);
    return;
  }
  for (const rec of r.records) out.block(`\n${recordText(rec)}`);
}

function peekJson(p: PeekedPartition, group: string | undefined): Record<string, unknown> {
  const r = p.read!;
  return {
    topic: p.topic,
    partition: p.partition,
    ...(group !== undefined ? { group, committed: jsonNum(p.committed ?? null) } : {}),
    from: jsonNum(p.from),
    logStart: jsonNum(r.logStartOffset < 0n ? null : r.logStartOffset),
    logEnd: jsonNum(r.highWatermark),
    records: r.records.map(recordJson),
  };
}

function whole(v: string | undefined, flag: string, min: number, max: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new KafkaOffsetsError('validation', `${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got ${v === undefined ? 'nothing' : `"${v}"`}.`);
  return Number(v);
}

function int64(v: string | undefined): bigint {
  const parsed = parseInt64(v, '--offset');
  if (!parsed.ok) throw new KafkaOffsetsError('validation', parsed.error);
  return parsed.value;
}
