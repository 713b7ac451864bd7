/**
 * The CSV plan format of kafka-consumer-groups --export / --from-file: `topic,partition,offset` per
 * line, no header; `group,topic,partition,offset` when the file spans several groups.
 * Tolerates what real files contain (a UTF-8 BOM, CRLF line ends, blank lines, spaces around fields);
 * refuses what would make a reset ambiguous (duplicate partitions). Given a group, a file that spans
 * several groups gives that group's rows, as kafka-consumer-groups --from-file does.
 */
import type { CsvPlanRow } from './types';
import { parseInt64, parseSafeInt } from './numbers';
import { validateTopicName } from './names';
import { ErrorList, clip } from './bounded';

/**
 * Errors list the first few lines that are wrong and how many there are in all; quoted values are
 * clipped. Every check is linear in the line's length, so a huge malformed file costs one pass.
 */
export function parseCsvPlan(text: string, group?: string): { ok: true; rows: CsvPlanRow[] } | { ok: false; errors: string[] } {
  const errors = new ErrorList();
  const rows: CsvPlanRow[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '') return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 3 && cells.length !== 4) {
      errors.add(`Line ${lineNo}: expected "topic,partition,offset" or "group,topic,partition,offset", got ${cells.length} field${cells.length === 1 ? '' : 's'}.`);
      return;
    }
    const [rowGroup, topic, p, o] = cells.length === 4 ? cells : [undefined, ...cells];
    if (rowGroup !== undefined && group !== undefined && rowGroup !== group) return;
    const topicErr = topic === undefined ? undefined : validateTopicName(topic);
    if (topic === undefined || p === undefined || o === undefined) return;
    if (topicErr) {
      errors.add(`Line ${lineNo}: ${topicErr}${lineNo === 1 && /partition/i.test(line) ? ' (the file must not have a header line)' : ''}`);
      return;
    }
    const partition = parseSafeInt(p, 'partition');
    if (!partition.ok || partition.value < 0) {
      errors.add(`Line ${lineNo}: partition must be a number ≥ 0, got "${clip(p)}"${lineNo === 1 && /partition/i.test(p) ? ' (the file must not have a header line)' : ''}.`);
      return;
    }
    const offset = parseInt64(o, 'offset');
    if (!offset.ok) {
      errors.add(`Line ${lineNo}: ${offset.error}`);
      return;
    }
    const key = `${rowGroup ?? ''}\u0000${topic}:${partition.value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(`Line ${lineNo} repeats ${topic} partition ${partition.value} (first on line ${first}).`);
      return;
    }
    seen.set(key, lineNo);
    rows.push({ ...(rowGroup !== undefined ? { group: rowGroup } : {}), topic, partition: partition.value, offset: offset.value });
  });
  if (errors.count === 0 && rows.length === 0) {
    const others = [...new Set(lines.map((l) => l.split(',')).filter((c) => c.length === 4).map((c) => c[0].trim()))];
    const named = others.slice(0, 5).map((g) => `"${clip(g)}"`).join(', ') + (others.length > 5 ? `, … (${others.length} groups)` : '');
    errors.add(group !== undefined && others.length ? `The CSV plan has no rows for group "${clip(group)}" (it has rows for ${named}).` : 'The CSV plan has no rows.');
  }
  return errors.count ? { ok: false, errors: errors.list() } : { ok: true, rows };
}

/** Rows as kafka-consumer-groups CSV (with the group column when withGroup). Ends with a newline. */
export function formatCsvPlan(rows: Array<{ group?: string; topic: string; partition: number; offset: bigint }>, withGroup = false): string {
  return rows.map((r) => (withGroup ? `${r.group ?? ''},` : '') + `${r.topic},${r.partition},${r.offset}`).join('\n') + (rows.length ? '\n' : '');
}

/** The groups a CSV plan names in its group column, in order of first appearance (none for a 3-column file). */
export function csvPlanGroups(rows: CsvPlanRow[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.group !== undefined ? [r.group] : [])))];
}
