/**
 * Validation of reset requests: a pure function shared by the CLI, the quick-pick flow and the
 * webview form, so every surface refuses the same inputs with the same sentence.
 */
import type { ResetRequest, ResetSpec, TopicSelection } from './types';
import { parseInt64, parseSafeInt, Parsed } from './numbers';
import { parseDateTime, parseDuration, type ZonelessDateTime } from './time';
import { parseCsvPlan } from './csv';
import { validateGroupId, validateTopicName } from './names';
import { parseOverrides } from './overrides';

export { validateGroupId, validateTopicName };

/** A user's value in a message, whatever its type (JSON.stringify throws on bigint). */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  try {
    return String(JSON.stringify(v) ?? v);
  } catch {
    return String(v);
  }
}

export type ResetMode = 'offset' | 'timestamp' | 'datetime' | 'duration' | 'earliest' | 'latest' | 'shiftBy' | 'csv' | 'current' | 'fromGroup';
export const RESET_MODES: ResetMode[] = ['offset', 'timestamp', 'datetime', 'duration', 'earliest', 'latest', 'shiftBy', 'csv', 'current', 'fromGroup'];

/** Why a mode is not offered for share groups, or undefined when it is. */
export function shareModeUnsupported(kind: ResetMode | ResetRequest['spec']['kind']): string | undefined {
  if (kind === 'shiftBy') return 'Shift-by is not offered for share groups: a share group has no committed position to shift from (Kafka\'s kafka-share-groups offers earliest, latest and a date-time).';
  if (kind === 'fromGroup') return 'Copying offsets from another group is not offered for share groups: their start offsets are not committed offsets.';
  if (kind === 'csv') return 'A CSV plan is not offered for share groups (Kafka\'s kafka-share-groups offers earliest, latest and a date-time).';
  return undefined;
}


/** Raw input as typed or pasted: every field may be missing or malformed. */
export interface ResetInput {
  group?: unknown;
  topic?: unknown;
  /** -1 (default) = all partitions. */
  partition?: unknown;
  /**
   * Several topics instead of `topic`/`partition`: each `topic` or `topic:0,2,5` (Kafka's --topic
   * syntax), or a {topic, partitions?} object.
   */
  topics?: unknown;
  /** Every partition the group has committed offsets for, instead of naming topics. */
  allTopics?: boolean;
  /** How a date-time without a zone is read (the CLI's `--to-datetime`, as kafka-consumer-groups); refused when absent. */
  zonelessDateTime?: ZonelessDateTime;
  /** The seed's two value fields. */
  messageOffset?: unknown;
  timestamp?: unknown;
  /** Or one of the extra modes with its value (none for earliest/latest; CSV text for csv). */
  mode?: unknown;
  value?: unknown;
  /** A timestamp below 1e11 ms (before 1973) is almost certainly seconds; this says "I mean it". */
  allowOldTimestamp?: boolean;
  /** Targets typed by hand for some partitions ({topic, partition, offset}): see overrides.ts. */
  overrides?: unknown;
}

export type IssueField = 'group' | 'topic' | 'partition' | 'mode' | 'value';
export interface ValidationIssue {
  field: IssueField;
  message: string;
  /** 'looks-like-seconds' can be overridden by the user (allowOldTimestamp); others cannot. */
  code?: 'looks-like-seconds' | 'invalid';
}

export type Validation = { ok: true; request: ResetRequest } | { ok: false; issues: ValidationIssue[] };

/** Below this a millisecond timestamp is before 1973-03-03: someone typed seconds. */
export const SECONDS_THRESHOLD_MS = 100_000_000_000;
const YEAR_MS = 366 * 24 * 3600 * 1000;

export function validatePartition(v: unknown): Parsed<number> {
  if (v === undefined || v === null || v === '') return { ok: true, value: -1 };
  const r = parseSafeInt(v, 'Partition');
  if (!r.ok) return { ok: false, error: `Partition must be -1 (all) or a partition number, got ${show(v)}.` };
  if (r.value < -1) return { ok: false, error: `Partition ${r.value} is invalid: use -1 for all partitions or a partition number ≥ 0.` };
  if (r.value > 2_147_483_647) return { ok: false, error: `Partition ${r.value} is out of range.` };
  return r;
}

/** A millisecond timestamp with the unit checks of the contract. */
export function validateTimestamp(v: unknown, now: number, allowOld = false): { value?: number; issue?: ValidationIssue } {
  const r = parseSafeInt(v, 'Timestamp');
  if (!r.ok) return { issue: { field: 'value', message: r.error, code: 'invalid' } };
  if (r.value < 0) return { issue: { field: 'value', message: `Timestamp ${r.value} is negative; use milliseconds since 1970-01-01 UTC.`, code: 'invalid' } };
  if (r.value > now + YEAR_MS)
    return {
      issue: {
        field: 'value',
        message: `Timestamp ${r.value} is more than a year in the future: it looks like micro- or nanoseconds. Use milliseconds (13 digits today).`,
        code: 'invalid',
      },
    };
  if (r.value < SECONDS_THRESHOLD_MS && !allowOld)
    return {
      issue: {
        field: 'value',
        message: `Timestamp ${r.value} is before 1973 in milliseconds: this looks like seconds (did you mean ${r.value * 1000}?). Confirm to use it as milliseconds anyway.`,
        code: 'looks-like-seconds',
      },
    };
  return { value: r.value };
}

/** Validate the value of one mode: what the quick input and form call as the user types. */
export function validateModeValue(
  mode: ResetMode,
  value: unknown,
  now: number,
  allowOld = false,
  group?: string,
  zoneless?: ZonelessDateTime,
): { spec?: ResetSpec; issue?: ValidationIssue } {
  const bad = (message: string): { issue: ValidationIssue } => ({ issue: { field: 'value', message, code: 'invalid' } });
  switch (mode) {
    case 'earliest':
      return { spec: { kind: 'earliest' } };
    case 'latest':
      return { spec: { kind: 'latest' } };
    case 'current':
      return { spec: { kind: 'current' } };
    case 'offset': {
      const r = parseInt64(value, 'Offset');
      return r.ok ? { spec: { kind: 'offset', offset: r.value } } : bad(r.error);
    }
    case 'shiftBy': {
      const r = parseInt64(value, 'Shift');
      return r.ok ? { spec: { kind: 'shiftBy', by: r.value } } : bad(r.error);
    }
    case 'timestamp': {
      const t = validateTimestamp(value, now, allowOld);
      return t.issue ? { issue: t.issue } : { spec: { kind: 'timestamp', timestamp: t.value! } };
    }
    case 'datetime': {
      if (typeof value !== 'string') return bad('Date-time is required (ISO-8601 with a zone, e.g. 2026-11-24T10:00:00Z).');
      const r = parseDateTime(value, zoneless);
      if (!r.ok) return bad(r.error);
      if (r.value > now + YEAR_MS) return bad(`Date-time ${value} is more than a year in the future.`);
      if (r.value < 0) return bad(`Date-time ${value} is before 1970.`);
      return { spec: { kind: 'datetime', iso: value.trim(), timestamp: r.value, ...(r.zone ? { zone: r.zone } : {}) } };
    }
    case 'duration': {
      if (typeof value !== 'string') return bad('Duration is required (ISO-8601, e.g. PT30M).');
      const r = parseDuration(value);
      return r.ok ? { spec: { kind: 'duration', iso: value.trim().toUpperCase(), ms: r.value } } : bad(r.error);
    }
    case 'fromGroup': {
      const err = validateGroupId(value);
      if (err) return bad(`The group to copy from: ${err}`);
      if (value === group) return bad(`Group "${value}" cannot copy its own offsets: name another group to copy from.`);
      return { spec: { kind: 'fromGroup', group: value as string } };
    }
    case 'csv': {
      if (typeof value !== 'string') return bad('CSV plan text is required.');
      const r = parseCsvPlan(value, group);
      return r.ok ? { spec: { kind: 'csv', rows: r.rows } } : bad(r.errors.join(' '));
    }
  }
}

/** The whole request: seed fields or a mode, plus group, topic and partition. */
export function validateResetInput(input: ResetInput, now: number = Date.now()): Validation {
  const issues: ValidationIssue[] = [];
  const groupErr = validateGroupId(input.group);
  if (groupErr) issues.push({ field: 'group', message: groupErr, code: 'invalid' });

  const hasOffset = input.messageOffset !== undefined && input.messageOffset !== null;
  const hasTimestamp = input.timestamp !== undefined && input.timestamp !== null;
  let mode: ResetMode | undefined;
  let value: unknown = input.value;
  if (input.mode !== undefined && input.mode !== null && input.mode !== '') {
    if (typeof input.mode !== 'string' || !RESET_MODES.includes(input.mode as ResetMode)) {
      issues.push({ field: 'mode', message: `Unknown reset mode ${show(input.mode)}; use one of ${RESET_MODES.join(', ')}.`, code: 'invalid' });
    } else mode = input.mode as ResetMode;
    if (hasOffset || hasTimestamp)
      issues.push({ field: 'mode', message: 'Give either a mode or message_offset/timestamp, not both.', code: 'invalid' });
  } else if (hasOffset && hasTimestamp) {
    issues.push({ field: 'value', message: 'Give exactly one of message_offset and timestamp, not both.', code: 'invalid' });
  } else if (hasOffset) {
    mode = 'offset';
    value = input.messageOffset;
  } else if (hasTimestamp) {
    mode = 'timestamp';
    value = input.timestamp;
  } else {
    issues.push({ field: 'value', message: 'Give exactly one of message_offset and timestamp (or a reset mode such as earliest).', code: 'invalid' });
  }

  const isCsv = mode === 'csv';
  const scope = isCsv ? undefined : validateScope(input, issues);
  const partition = isCsv || scope?.topics || scope?.allTopics ? { ok: true as const, value: -1 } : validatePartition(input.partition);
  if (!partition.ok) issues.push({ field: 'partition', message: partition.error, code: 'invalid' });

  let spec: ResetSpec | undefined;
  if (mode) {
    const r = validateModeValue(mode, value, now, input.allowOldTimestamp, typeof input.group === 'string' ? input.group : undefined, input.zonelessDateTime);
    if (r.issue) issues.push(r.issue);
    spec = r.spec;
  }
  const overrides = input.overrides === undefined ? undefined : parseOverrides(input.overrides);
  if (overrides && !overrides.ok) issues.push({ field: 'value', message: overrides.error, code: 'invalid' });
  if (issues.length > 0 || !spec || !partition.ok) return { ok: false, issues };
  const request: ResetRequest = { group: input.group as string, topic: isCsv ? '' : scope?.topic ?? '', partition: partition.value, spec };
  if (scope?.topics) request.topics = scope.topics;
  if (scope?.allTopics) request.allTopics = true;
  if (overrides?.ok && overrides.value.length) request.overrides = overrides.value;
  return { ok: true, request };
}

/** Which topics: the seed's one topic, a list of topics (with partition lists), or all of the group's. */
function validateScope(input: ResetInput, issues: ValidationIssue[]): { topic?: string; topics?: TopicSelection[]; allTopics?: boolean } {
  const named = input.topic !== undefined && input.topic !== null && input.topic !== '';
  const partitionGiven = input.partition !== undefined && input.partition !== null && input.partition !== '' && input.partition !== -1 && input.partition !== '-1';
  if (input.allTopics === true) {
    if (named || input.topics !== undefined) issues.push({ field: 'topic', message: 'Give either all topics or the topics to reset, not both.', code: 'invalid' });
    if (partitionGiven) issues.push({ field: 'partition', message: 'A partition cannot be chosen with all topics; name the topic with its partitions instead (topic:0,2).', code: 'invalid' });
    return { allTopics: true };
  }
  if (input.topics === undefined || input.topics === null) {
    const topicErr = validateTopicName(input.topic);
    if (topicErr) issues.push({ field: 'topic', message: topicErr, code: 'invalid' });
    return { topic: typeof input.topic === 'string' ? input.topic : '' };
  }
  if (named) issues.push({ field: 'topic', message: 'Give either one topic or a list of topics, not both.', code: 'invalid' });
  if (partitionGiven) issues.push({ field: 'partition', message: 'With several topics, give partitions per topic (topic:0,2), not one partition for all.', code: 'invalid' });
  if (!Array.isArray(input.topics) || input.topics.length === 0) {
    issues.push({ field: 'topic', message: 'Name at least one topic.', code: 'invalid' });
    return {};
  }
  const topics: TopicSelection[] = [];
  for (const t of input.topics) {
    const r = typeof t === 'string' ? parseTopicSelection(t) : topicSelectionOf(t);
    if (r.ok) topics.push(r.value);
    else issues.push({ field: 'topic', message: r.error, code: 'invalid' });
  }
  return { topic: topics.length === 1 ? topics[0].topic : '', topics };
}

/** Kafka's --topic syntax: `orders` (every partition) or `orders:0,2,5` (those partitions). */
export function parseTopicSelection(text: string): Parsed<TopicSelection> {
  const colon = text.indexOf(':');
  if (colon === -1) return topicSelectionOf({ topic: text });
  const list = text.slice(colon + 1);
  const partitions: number[] = [];
  for (const p of list.split(',')) {
    const r = parseSafeInt(p.trim(), 'Partition');
    if (!r.ok || r.value < 0 || r.value > 2_147_483_647)
      return { ok: false, error: `In ${show(text)}, ${show(p.trim())} is not a partition number: use topic:0,2,5.` };
    partitions.push(r.value);
  }
  return topicSelectionOf({ topic: text.slice(0, colon), partitions });
}

function topicSelectionOf(v: unknown): Parsed<TopicSelection> {
  const o = (typeof v === 'object' && v !== null ? v : {}) as { topic?: unknown; partitions?: unknown };
  const topicErr = validateTopicName(o.topic);
  if (topicErr) return { ok: false, error: topicErr };
  if (o.partitions === undefined) return { ok: true, value: { topic: o.topic as string } };
  if (!Array.isArray(o.partitions) || o.partitions.length === 0 || !o.partitions.every((p) => Number.isSafeInteger(p) && p >= 0 && p <= 2_147_483_647))
    return { ok: false, error: `The partitions of topic ${show(o.topic)} must be a list of partition numbers ≥ 0.` };
  return { ok: true, value: { topic: o.topic as string, partitions: [...new Set(o.partitions as number[])].sort((a, b) => a - b) } };
}

/** Why a seed body was refused: not JSON at all (DMS's own error 10240009), or JSON of the wrong shape. */
export type SeedRequestFault = 'not-json' | 'shape';

const SEED_FIELDS = new Set(['topic', 'partition', 'message_offset', 'timestamp']);

/**
 * The seed API's JSON body, verbatim: {"topic":"test","partition":0,"message_offset":10}. Unknown
 * fields are refused (a typo like "messageOffset" must not silently become "no value").
 */
export function parseSeedRequest(json: string, group: string): { ok: true; input: ResetInput } | { ok: false; error: string; reason: SeedRequestFault } {
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch (e) {
    return { ok: false, reason: 'not-json', error: `The request is not valid JSON: ${(e as Error).message}.` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'shape', error: 'The request must be a JSON object like {"topic":"test","partition":0,"message_offset":10}.' };
  const unknown = Object.keys(body).filter((k) => !SEED_FIELDS.has(k));
  if (unknown.length > 0)
    return {
      ok: false,
      reason: 'shape',
      error: `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => show(k.slice(0, 64))).join(', ')}${unknown.length > 5 ? ', …' : ''} in the request; allowed: topic, partition, message_offset, timestamp.`,
    };
  const b = body as Record<string, unknown>;
  return { ok: true, input: { group, topic: b.topic, partition: b.partition, messageOffset: b.message_offset, timestamp: b.timestamp } };
}

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => i.message).join(' ');
}
