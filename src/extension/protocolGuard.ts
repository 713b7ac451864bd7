/**
 * Checks every message arriving from the reset form webview before the host acts on it.
 *
 * The webview is untrusted input (its script could be replaced, a message could be forged or
 * malformed): each message must be a plain object of a known type with exactly the expected fields,
 * of the expected types and within length limits. Anything else is dropped and logged as a warning —
 * the reason only, never the payload (it may be large or contain anything).
 *
 * The *content* of a form (is "abc" an offset? does the topic exist?) is not judged here: the core
 * validator does that and answers with sentences the user can act on. This module only guarantees
 * the shapes that validator and the panel rely on.
 *
 * No vscode import: unit-tested with node:test (test/unit/webview-protocol.test.ts).
 */
import type { FormInput, FormMode, WebviewMessageType, WebviewToHost } from '../protocol';

/** Request ids are the webview's own counters/uuids: short and plain. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Kafka's own limit is 249; longer is certainly not a topic (the core says why for shorter bad names). */
export const MAX_TOPIC_LENGTH = 255;
/** A value is a number, a date-time, a duration or a seed JSON body: a few hundred characters at most. */
export const MAX_VALUE_LENGTH = 10_000;
/** More partitions than any real topic has; bounds the work a forged message can cause. */
export const MAX_PARTITIONS = 100_000;
const MAX_PARTITION_ID = 2_147_483_647;

/** Exhaustive by construction: adding a FormMode without listing it here does not compile. */
const MODES: Record<FormMode, true> = {
  offset: true,
  timestamp: true,
  datetime: true,
  duration: true,
  earliest: true,
  latest: true,
  shiftBy: true,
  seed: true,
};

/** The fields each message type has besides `type` (exhaustive, as above). */
const FIELDS: Record<WebviewMessageType, readonly string[]> = {
  ready: [],
  preview: ['requestId', 'input'],
  reset: ['requestId', 'planId'],
  undo: ['requestId'],
  reloadGroup: ['requestId'],
  copyCommand: ['requestId', 'planId'],
  showOutput: [],
};
const INPUT_FIELDS = ['topic', 'partitions', 'mode', 'value', 'allowOldTimestamp'];
/** Fields an input may carry besides INPUT_FIELDS. */
const OPTIONAL_INPUT_FIELDS = ['allTopics', 'topics', 'overrides'];
/** More topics than a group reads; bounds the work a forged message can cause. */
export const MAX_TOPICS = 10_000;
const OVERRIDE_FIELDS = ['topic', 'partition', 'offset'];

export type GuardResult = { ok: true; message: WebviewToHost } | { ok: false; reason: string };

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Exactly these keys (plus the `optional` ones when present): no missing, no unknown ones. */
export function keysProblem(o: Record<string, unknown>, expected: readonly string[], where: string, optional: readonly string[] = []): string | undefined {
  const keys = Object.keys(o);
  const unknown = keys.filter((k) => !expected.includes(k) && !optional.includes(k));
  if (unknown.length) return `${where} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map(printable).join(', ')}`;
  const missing = expected.filter((k) => !has(o, k));
  if (missing.length) return `${where} lacks ${missing.join(', ')}`;
  return undefined;
}

/** A short, single-line, quoted rendering of an untrusted string for the log. */
export function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}

export function idProblem(v: unknown, name: string): string | undefined {
  if (typeof v !== 'string' || !REQUEST_ID.test(v)) return `${name} must be 1–64 characters of A–Z, a–z, 0–9, _ or -`;
  return undefined;
}

function inputProblem(v: unknown): string | undefined {
  if (!isPlainObject(v)) return 'input must be an object';
  const k = keysProblem(v, INPUT_FIELDS, 'input', OPTIONAL_INPUT_FIELDS);
  if (k) return k;
  const scope = scopeProblem(v);
  if (scope) return scope;
  if (typeof v.topic !== 'string') return 'input.topic must be a string';
  if (v.topic.length > MAX_TOPIC_LENGTH) return `input.topic is longer than ${MAX_TOPIC_LENGTH} characters`;
  if (typeof v.mode !== 'string' || !has(MODES, v.mode)) return 'input.mode is not a known mode';
  if (typeof v.value !== 'string') return 'input.value must be a string';
  if (v.value.length > MAX_VALUE_LENGTH) return `input.value is longer than ${MAX_VALUE_LENGTH} characters`;
  if (typeof v.allowOldTimestamp !== 'boolean') return 'input.allowOldTimestamp must be a boolean';
  const p = v.partitions;
  if (p === 'all') return undefined;
  if (!Array.isArray(p)) return 'input.partitions must be "all" or a list of partition numbers';
  if (p.length === 0) return 'input.partitions is an empty list';
  if (p.length > MAX_PARTITIONS) return `input.partitions has more than ${MAX_PARTITIONS} entries`;
  const seen = new Set<number>();
  for (const n of p) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_PARTITION_ID) return 'input.partitions must hold whole numbers from 0 to 2147483647';
    if (seen.has(n)) return `input.partitions lists partition ${n} twice`;
    seen.add(n);
  }
  return undefined;
}

/** allTopics, topics and overrides: shapes only (the core says whether the topics exist and the offsets parse). */
function scopeProblem(v: Record<string, unknown>): string | undefined {
  if (has(v, 'allTopics') && typeof v.allTopics !== 'boolean') return 'input.allTopics must be a boolean';
  if (has(v, 'topics')) {
    const t = v.topics;
    if (!Array.isArray(t) || t.length === 0) return 'input.topics must be a non-empty list of topic names';
    if (t.length > MAX_TOPICS) return `input.topics has more than ${MAX_TOPICS} entries`;
    const seen = new Set<string>();
    for (const name of t) {
      if (typeof name !== 'string' || name.length > MAX_TOPIC_LENGTH) return `input.topics must hold topic names of at most ${MAX_TOPIC_LENGTH} characters`;
      if (seen.has(name)) return `input.topics lists ${printable(name)} twice`;
      seen.add(name);
    }
  }
  if (has(v, 'overrides')) {
    const o = v.overrides;
    if (!Array.isArray(o)) return 'input.overrides must be a list';
    if (o.length > MAX_PARTITIONS) return `input.overrides has more than ${MAX_PARTITIONS} entries`;
    for (const item of o) {
      if (!isPlainObject(item)) return 'input.overrides must hold objects';
      const k = keysProblem(item, OVERRIDE_FIELDS, 'an override');
      if (k) return k;
      if (typeof item.topic !== 'string' || item.topic.length > MAX_TOPIC_LENGTH) return 'an override\'s topic must be a topic name';
      if (typeof item.partition !== 'number' || !Number.isInteger(item.partition) || item.partition < 0 || item.partition > MAX_PARTITION_ID) return 'an override\'s partition must be a whole number from 0 to 2147483647';
      if (typeof item.offset !== 'string' || item.offset.length > 40) return 'an override\'s offset must be a decimal string';
    }
  }
  return undefined;
}

/** Check one raw message. Returns a fresh object holding only the checked fields. */
export function checkWebviewMessage(raw: unknown): GuardResult {
  if (!isPlainObject(raw)) return { ok: false, reason: 'not an object' };
  const type = raw.type;
  if (typeof type !== 'string') return { ok: false, reason: 'no message type' };
  if (!has(FIELDS, type)) return { ok: false, reason: `unknown message type ${printable(type)}` };
  const t = type as WebviewMessageType;
  const keys = keysProblem(raw, ['type', ...FIELDS[t]], `"${t}" message`);
  if (keys) return { ok: false, reason: keys };
  const bad = (reason: string): GuardResult => ({ ok: false, reason: `"${t}" message: ${reason}` });

  switch (t) {
    case 'ready':
    case 'showOutput':
      return { ok: true, message: { type: t } };
    case 'undo':
    case 'reloadGroup': {
      const p = idProblem(raw.requestId, 'requestId');
      return p ? bad(p) : { ok: true, message: { type: t, requestId: raw.requestId as string } };
    }
    case 'reset':
    case 'copyCommand': {
      const p = idProblem(raw.requestId, 'requestId') ?? idProblem(raw.planId, 'planId');
      return p ? bad(p) : { ok: true, message: { type: t, requestId: raw.requestId as string, planId: raw.planId as string } };
    }
    case 'preview': {
      const p = idProblem(raw.requestId, 'requestId') ?? inputProblem(raw.input);
      if (p) return bad(p);
      const i = raw.input as Record<string, unknown>;
      const input: FormInput = {
        topic: i.topic as string,
        partitions: i.partitions === 'all' ? 'all' : [...(i.partitions as number[])].sort((a, b) => a - b),
        mode: i.mode as FormMode,
        value: i.value as string,
        allowOldTimestamp: i.allowOldTimestamp as boolean,
      };
      if (i.allTopics === true) input.allTopics = true;
      if (Array.isArray(i.topics)) input.topics = [...(i.topics as string[])];
      if (Array.isArray(i.overrides))
        input.overrides = (i.overrides as Array<Record<string, unknown>>).map((o) => ({ topic: o.topic as string, partition: o.partition as number, offset: o.offset as string }));
      return { ok: true, message: { type: 'preview', requestId: raw.requestId as string, input } };
    }
  }
}

/** checkWebviewMessage, logging what was dropped. undefined = ignore the message. */
export function acceptWebviewMessage(raw: unknown, log: { warn(message: string): void }): WebviewToHost | undefined {
  let r: GuardResult;
  try {
    r = checkWebviewMessage(raw);
  } catch {
    // A getter or proxy that throws: still only a malformed message.
    r = { ok: false, reason: 'unreadable message' };
  }
  if (r.ok) return r.message;
  log.warn(`Reset form: ignored a malformed message from the webview (${r.reason}).`);
  return undefined;
}
