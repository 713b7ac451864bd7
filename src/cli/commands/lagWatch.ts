/**
 * `lag --group G --watch [--interval S] [--window S]`: the group's lag read every interval, with
 * consume rate, ETA and status per partition and for the group (src/core/catchUp.ts), until Ctrl-C.
 * A terminal gets the table redrawn in place; a pipe gets one table per sample; --json one JSON
 * document per line (NDJSON). Ctrl-C is the normal end: exit 0, the client closed by the dispatcher.
 * A sample that fails after the first is reported and the watch goes on (a broker restarting is
 * exactly what one watches); the first failing is an error, so a wrong --bootstrap exits at once.
 */
import { KafkaOffsetsError, groupLag, isKafkaOffsetsError, describeError, sleep, formatCount } from '../../core';
import { catchUp, recordSample, sampleOf, formatEta, formatRate, statusText, type CatchUp, type CatchUpStatus, type OffsetSample } from '../../core/catchUp';
import { tpKey } from '../../core/tp';
import type { GroupLag } from '../../core/types';
import type { CommandContext } from '../command';
import { str, type Opts } from '../options';
import { noSuchGroup } from '../connection';
import { jsonNum, lagText, table } from '../format';

/** A positive number of seconds (decimals allowed), at least `min`. */
function seconds(o: Opts, name: string, fallback: number, min: number): number {
  const v = str(o, name);
  if (v === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(v) || +v < min) throw new KafkaOffsetsError('validation', `--${name} must be a number of seconds of at least ${min}, got "${v}".`);
  return +v;
}

export async function watchLag(ctx: CommandContext, groupId: string): Promise<number> {
  const { client, options, out, signal, cfg } = ctx;
  const intervalMs = seconds(options, 'interval', 5, 1) * 1000;
  const windowMs = seconds(options, 'window', 60, 2) * 1000;
  const tty = !out.json && process.stdout.isTTY === true;
  let history: OffsetSample[] = [];
  let first = true;
  try {
    for (;;) {
      let lag: GroupLag | undefined;
      let state = '';
      try {
        const description = await client.describeGroup(groupId, { signal });
        lag = await groupLag(client, groupId, { signal, description });
        state = description.state;
        if (first && description.state === 'Dead' && lag.topics.length === 0 && !lag.hiddenTopics?.length) throw noSuchGroup(groupId, cfg);
      } catch (e) {
        if (first || isCancelled(e)) throw e;
        const at = new Date().toISOString();
        if (out.json) out.record({ at, group: groupId, error: describeError(e) });
        else out.text(`${at}  lag unavailable: ${describeError(e)} (trying again in ${intervalMs / 1000} s)`);
      }
      first = false;
      if (lag) {
        const at = Date.now();
        history = recordSample(history, sampleOf(lag, at), { maxAgeMs: 2 * windowMs, maxSamples: 1_000 });
        if (out.json) out.record(watchJson(lag, state, history, windowMs, at));
        else {
          if (tty) out.clearScreen();
          out.block(watchTable(lag, history, windowMs));
          out.text(summary(groupId, state, catchUp(history, { windowMs }), at, intervalMs, windowMs));
          if (!tty) out.text('');
        }
      }
      await sleep(intervalMs, signal, 'watching');
    }
  } catch (e) {
    if (isCancelled(e)) return 0;
    throw e;
  }
}

const isCancelled = (e: unknown) => isKafkaOffsetsError(e) && e.kind === 'cancelled';

function keysOf(lag: GroupLag, topic?: string): string[] {
  return lag.topics.filter((t) => topic === undefined || t.topic === topic).flatMap((t) => t.partitions.map((p) => tpKey(p.topic, p.partition)));
}

/** The status column: the words without the ETA (it has its own column). */
const statusWord = (s: CatchUpStatus): string => statusText(s, { eta: false });

const etaText = (s: CatchUpStatus) => (s.kind === 'catching-up' ? formatEta(s.etaMs) : '-');

export function watchTable(lag: GroupLag, history: readonly OffsetSample[], windowMs: number): string {
  const rows: string[][] = [];
  for (const t of lag.topics)
    for (const p of t.partitions) {
      const c = catchUp(history, { windowMs, scope: [tpKey(p.topic, p.partition)] });
      rows.push([t.topic, String(p.partition), p.committed === null ? 'no commit' : formatCount(p.committed), formatCount(p.logEnd), p.lag === null ? '-' : formatCount(p.lag), formatRate(c.consumeRate), etaText(c.status), statusWord(c.status)]);
    }
  return table(['TOPIC', 'PARTITION', 'COMMITTED', 'LOG-END', 'LAG', 'RATE', 'ETA', 'STATUS'], rows);
}

function summary(groupId: string, state: string, c: CatchUp, at: number, intervalMs: number, windowMs: number): string {
  const when = new Date(at).toISOString().slice(11, 19);
  const rates = c.consumeRate === null ? 'rates after the next sample' : `consuming ${formatRate(c.consumeRate)}, producing ${formatRate(c.produceRate)}`;
  const eta = c.status.kind === 'catching-up' ? ` (${formatEta(c.status.etaMs)})` : '';
  return `${when} UTC  group ${groupId} (${state})  total lag ${lagText(c.lag)}  ${statusWord(c.status)}${eta}  ${rates}  — every ${intervalMs / 1000} s over ${windowMs / 1000} s; Ctrl-C to stop`;
}

function progressJson(c: CatchUp): Record<string, unknown> {
  return { consumeRate: round(c.consumeRate), produceRate: round(c.produceRate), status: c.status.kind, etaMs: c.status.kind === 'catching-up' ? c.status.etaMs : null };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** One NDJSON line: lag --json's fields, plus rates, status and ETA for the group, each topic and partition. */
export function watchJson(lag: GroupLag, state: string, history: readonly OffsetSample[], windowMs: number, at: number): Record<string, unknown> {
  return {
    at: new Date(at).toISOString(),
    group: lag.groupId,
    state,
    lag: jsonNum(lag.lag),
    ...progressJson(catchUp(history, { windowMs })),
    topics: lag.topics.map((t) => ({
      topic: t.topic,
      lag: jsonNum(t.lag),
      ...progressJson(catchUp(history, { windowMs, scope: keysOf(lag, t.topic) })),
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        committed: jsonNum(p.committed),
        logEnd: jsonNum(p.logEnd),
        lag: jsonNum(p.lag),
        ...progressJson(catchUp(history, { windowMs, scope: [tpKey(p.topic, p.partition)] })),
      })),
    })),
  };
}
