/**
 * reset's flags → the engine's ResetInput for one group: exactly one "where to" flag, the topic scope
 * (--topic, repeated --topic, --topic T:0,2, --all-topics), a CSV plan file or a JSON request.
 */
import * as fs from 'node:fs';
import { KafkaOffsetsError, MODE_LABELS, parseSeedRequest, type ResetInput } from '../core';
import { all, str, type Opts } from './options';

/** Each "where to" flag and the engine's mode for it (core's one list of modes; seed is --request). */
const MODE_FLAGS: Array<[string, string]> = MODE_LABELS.map((m) => [m.flag, m.mode === 'seed' ? 'request' : m.mode]);

export function resetInput(o: Opts, group: string): ResetInput {
  const given = MODE_FLAGS.filter(([flag]) => o.has(flag));
  if (given.length === 0) throw new KafkaOffsetsError('validation', `Say where to reset to: one of ${MODE_FLAGS.map(([f]) => `--${f}`).join(', ')}.`);
  if (given.length > 1) throw new KafkaOffsetsError('validation', `Give only one of ${given.map(([f]) => `--${f}`).join(' and ')}.`);
  const [flag, mode] = given[0];
  const allowOldTimestamp = o.has('allow-old-timestamp');
  if (mode === 'request') {
    let json = str(o, 'request')!;
    if (json.startsWith('@')) {
      try {
        json = fs.readFileSync(json.slice(1), 'utf8');
      } catch (e) {
        throw new KafkaOffsetsError('validation', `--request: cannot read ${json.slice(1)}: ${(e as Error).message}`);
      }
    }
    if (o.has('topic') || o.has('partition') || o.has('all-topics')) throw new KafkaOffsetsError('validation', '--request carries topic and partition itself; do not also pass --topic/--partition/--all-topics.');
    const r = parseSeedRequest(json, group);
    if (!r.ok) throw new KafkaOffsetsError('validation', `--request: ${r.error}`);
    return { ...r.input, allowOldTimestamp };
  }
  // One plain --topic is the seed's request as before; several, or topic:partitions, a list.
  const topics = all(o, 'topic');
  const scope = o.has('all-topics') ? { allTopics: true, ...(topics.length ? { topics } : {}) } : topics.length > 1 || topics.some((t) => t.includes(':')) ? { topics } : { topic: str(o, 'topic') };
  // A date-time without a zone means UTC, as in kafka-consumer-groups (the preview says so).
  const base: ResetInput = { group, ...scope, partition: str(o, 'partition'), allowOldTimestamp, zonelessDateTime: 'utc' };
  if (mode === 'offset') return { ...base, messageOffset: str(o, flag) };
  if (mode === 'timestamp') return { ...base, timestamp: str(o, flag) };
  if (mode === 'csv') {
    return { group, mode: 'csv', value: readPlanFile(str(o, flag)!), allowOldTimestamp };
  }
  return { ...base, mode, value: o.get(flag) === true ? undefined : str(o, flag) };
}

export function readPlanFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new KafkaOffsetsError('validation', `--from-file: cannot read ${file}: ${(e as Error).message}`);
  }
}
