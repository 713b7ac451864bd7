/** Text tables and JSON shapes of the CLI. */
import type { GroupLag, HiddenTopic, PlanRow, ResultRow } from '../core';
import { hasTimeLag, noteCell, partitionTimeLagJson, targetTimeCell, timeLagCell, totalTimeLagJson } from './timeLagColumns';
import { formatCount } from '../core';
import { visible } from '../core/display';
import { randomBytes } from 'node:crypto';

/**
 * Columns padded to their widest cell. Every cell is shown through `visible` first: a group id, client
 * id or host with a line break or ESC sequence stays one cell of one row (and widths are counted on
 * what is printed).
 */
export function table(header: string[], raw: string[][]): string {
  const rows = raw.map((r) => r.map((c) => visible(c ?? '')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Numbers are right-aligned so digits line up; everything else reads left to right.
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^(-?[\d,]+|-|none|no commit)$/.test(r[i] ?? '')));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A topic's or group's total lag: "no commit" when no partition has a committed offset (never 0). */
export const lagText = (v: bigint | null): string => (v === null ? 'no commit' : formatCount(v));

const n = (v: bigint | null | undefined) => (v === null || v === undefined ? '-' : formatCount(v));

export function planTable(rows: Array<PlanRow | ResultRow>): string {
  const withOutcome = rows.some((r) => 'outcome' in r);
  const timed = rows.some((r) => r.targetTimestamp !== undefined);
  const header = ['TOPIC', 'PARTITION', 'COMMITTED', 'LOG-START', 'LOG-END', 'TARGET', ...(timed ? ['TARGET TIME'] : []), 'LAG BEFORE → AFTER', 'NOTE'];
  if (withOutcome) header.push('RESULT');
  return table(
    header,
    rows.map((r) => {
      const note = r.error ?? (r.clamped ? `clamped to ${r.clamped}` : r.committed === null ? 'no commit before' : '');
      const cells = [r.topic, String(r.partition), r.committed === null ? 'none' : n(r.committed), n(r.logStart), n(r.logEnd), r.target < 0n ? 'none' : n(r.target), ...(timed ? [targetTimeCell(r.targetTimestamp)] : []), `${r.lagBefore === null ? 'none' : n(r.lagBefore)} → ${n(r.lagAfter)}`, note];
      if (withOutcome) {
        const rr = r as ResultRow;
        cells.push(rr.outcome + (rr.reason ? ` (${rr.reason})` : ''));
      }
      return cells;
    }),
  );
}

export function lagTable(lag: GroupLag): string {
  const rows: string[][] = [];
  const timed = hasTimeLag(lag);
  const notes = lag.topics.some((t) => t.partitions.some((p) => noteCell(p)));
  for (const t of lag.topics)
    for (const p of t.partitions)
      rows.push([
        t.topic,
        String(p.partition),
        p.committed === null ? 'no commit' : n(p.committed),
        n(p.logEnd),
        p.lag === null ? '-' : n(p.lag),
        ...(timed ? [timeLagCell(p.timeLagMs, p.timeLagError)] : []),
        p.owner ? `${p.owner.clientId} ${p.owner.host}` : '-',
        ...(notes ? [noteCell(p)] : []),
      ]);
  return table(['TOPIC', 'PARTITION', 'COMMITTED', 'LOG-END', 'LAG', ...(timed ? ['TIME-LAG'] : []), 'CONSUMER', ...(notes ? ['NOTE'] : [])], rows);
}

/** Why a topic of the group has no lag rows: one sentence per topic. */
export function hiddenTopicNote(h: HiddenTopic): string {
  const why =
    h.reason === 'deleted'
      ? `Topic "${h.topic}" does not exist (deleted?)`
      : h.reason === 'unauthorized'
        ? `Not authorized to describe topic "${h.topic}" (needs Describe on the topic)`
        : `Kafka cannot describe topic "${h.topic}" (${h.error ?? 'error'})`;
  const facts: string[] = [];
  if (h.assignedTo.length) facts.push(`assigned to ${h.assignedTo.join(', ')}`);
  if (h.committed.length) facts.push(`committed ${h.committed.map((c) => `p${c.partition}=${formatCount(c.offset)}`).join(' ')}`);
  return `${why}${facts.length ? `; ${facts.join('; ')}` : ''}: its lag cannot be read and is not in the total.`;
}

/** The TOPICS cell of `lag --all-groups`: every topic, hidden ones marked with why. */
export function topicsCell(lag: GroupLag): string {
  return [...lag.topics.map((t) => t.topic), ...(lag.hiddenTopics ?? []).map((h) => `${h.topic} (${hiddenWord(h)})`)].join(' ');
}

function hiddenWord(h: HiddenTopic): string {
  return h.reason === 'deleted' ? 'deleted' : h.reason === 'unauthorized' ? 'not authorized' : (h.error ?? 'error');
}

/**
 * bigint → a JSON number: a plain number when exact, the bigint itself beyond 2^53 (offsets are int64;
 * a hand-made snapshot or a long-lived topic can exceed 2^53), which stringifyExact prints digit for digit.
 */
export function jsonNum(v: bigint | null | undefined): number | bigint | null {
  if (v === null || v === undefined) return null;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * JSON.stringify that prints bigints as exact integer literals (JSON has no size limit on numbers;
 * JSON.stringify itself refuses bigints). Each bigint goes out as a string carrying a random marker,
 * which is then unquoted: no string from the cluster can forge the marker.
 */
export function stringifyExact(v: unknown, indent = 2): string {
  // Nearly every value holds no bigint (jsonNum makes exact ones numbers), and JSON.stringify without
  // a replacer is much faster (lag of 50,000 groups); it throws a TypeError at the first bigint.
  try {
    return JSON.stringify(v, null, indent) ?? 'null';
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
  const marker = `\u0000${randomBytes(8).toString('hex')}:`;
  const json = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${marker}${x}` : x), indent) ?? 'null';
  return json.replace(new RegExp(`"\\\\u0000${marker.slice(1)}(-?\\d+)"`, 'g'), '$1');
}

export function rowJson(r: PlanRow | ResultRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    topic: r.topic,
    partition: r.partition,
    committed: jsonNum(r.committed),
    logStart: jsonNum(r.logStart),
    logEnd: jsonNum(r.logEnd),
    target: r.target < 0n ? null : jsonNum(r.target),
    clamped: r.clamped,
    lagBefore: jsonNum(r.lagBefore),
    lagAfter: jsonNum(r.lagAfter),
  };
  if (r.targetTimestamp !== undefined) out.targetTimestamp = r.targetTimestamp;
  if (r.error) out.error = r.error;
  if ('outcome' in r) {
    out.outcome = r.outcome;
    out.readBack = jsonNum(r.readBack);
    if (r.reason) out.reason = r.reason;
  }
  return out;
}

export function lagJson(lag: GroupLag): Record<string, unknown> {
  return {
    group: lag.groupId,
    lag: jsonNum(lag.lag),
    topics: lag.topics.map((t) => ({
      topic: t.topic,
      lag: jsonNum(t.lag),
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        committed: jsonNum(p.committed),
        logStart: jsonNum(p.logStart),
        logEnd: jsonNum(p.logEnd),
        lag: jsonNum(p.lag),
        ...partitionTimeLagJson(p),
        ...(p.owner ? { consumer: { clientId: p.owner.clientId, host: p.owner.host, memberId: p.owner.memberId } } : {}),
      })),
      ...totalTimeLagJson(t),
    })),
    ...totalTimeLagJson(lag),
    ...(lag.hiddenTopics?.length
      ? {
          hiddenTopics: lag.hiddenTopics.map((h) => ({
            topic: h.topic,
            reason: h.reason,
            ...(h.error ? { error: h.error } : {}),
            assignedTo: h.assignedTo,
            committed: h.committed.map((c) => ({ partition: c.partition, offset: jsonNum(c.offset) })),
          })),
        }
      : {}),
  };
}
