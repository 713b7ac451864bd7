/**
 * Per-partition overrides: a target typed by hand for one planned partition (the form's preview table
 * lets the user edit a row before confirming). An override is part of the request, not a patch of a
 * plan, so every re-plan (after waiting for the group to empty, or when the offsets moved) applies it
 * again to fresh offsets. It replaces the mode's target of that partition and is clamped to
 * [log start, log end] like every target; an override of a partition the request does not plan is an
 * error, never a silent widening of the reset.
 */
import type { PartitionOverride, PlanRow } from './types';
import { parseInt64, type Parsed } from './numbers';
import { validateTopicName } from './names';
import { clamp } from './clamp';
import { KafkaOffsetsError } from './errors';
import { tpKey } from './tp';

/** More overrides than partitions anyone edits by hand; bounds the work of a forged request. */
export const MAX_OVERRIDES = 10_000;

/** Untrusted overrides ({topic, partition, offset} with the offset as a decimal string, bigint or safe number). */
export function parseOverrides(raw: unknown): Parsed<PartitionOverride[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'The edited targets must be a list of {topic, partition, offset}.' };
  if (raw.length > MAX_OVERRIDES) return { ok: false, error: `More than ${MAX_OVERRIDES} edited targets.` };
  const out: PartitionOverride[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const o = (typeof item === 'object' && item !== null ? item : {}) as { topic?: unknown; partition?: unknown; offset?: unknown };
    const topicErr = validateTopicName(o.topic);
    if (topicErr) return { ok: false, error: `Edited target: ${topicErr}` };
    const topic = o.topic as string;
    if (typeof o.partition !== 'number' || !Number.isInteger(o.partition) || o.partition < 0 || o.partition > 2_147_483_647)
      return { ok: false, error: `Edited target of topic "${topic}": the partition must be a partition number ≥ 0.` };
    const offset = parseInt64(o.offset, `The edited target of "${topic}" partition ${o.partition}`);
    if (!offset.ok) return offset;
    const key = tpKey(topic, o.partition);
    if (seen.has(key)) return { ok: false, error: `"${topic}" partition ${o.partition} has two edited targets.` };
    seen.add(key);
    out.push({ topic, partition: o.partition, offset: offset.value });
  }
  return { ok: true, value: out };
}

/** The rows with the overrides applied (clamped). Throws when an override names a partition not planned. */
export function applyOverrides(rows: PlanRow[], overrides: PartitionOverride[] | undefined): PlanRow[] {
  if (!overrides?.length) return rows;
  const by = new Map(overrides.map((o) => [tpKey(o.topic, o.partition), o]));
  const planned = new Set(rows.map((r) => tpKey(r.topic, r.partition)));
  const stray = overrides.filter((o) => !planned.has(tpKey(o.topic, o.partition)));
  if (stray.length)
    throw new KafkaOffsetsError(
      'validation',
      `An edited target names ${stray.map((o) => `"${o.topic}" partition ${o.partition}`).slice(0, 5).join(', ')}, which this reset does not plan: preview again. Nothing was changed.`,
    );
  return rows.map((r) => {
    const o = by.get(tpKey(r.topic, r.partition));
    if (!o) return r;
    const { target, clamped } = clamp(o.offset, r.logStart, r.logEnd);
    // An edited target is a target: the partition's own error (shift-by with no commit) no longer applies.
    const { error: _error, ...rest } = r;
    return { ...rest, target, clamped, lagAfter: r.logEnd - target, overridden: true };
  });
}

/** Overrides that are not among the given rows (after the form restricted a plan to chosen partitions). */
export function overridesOutside(rows: PlanRow[], overrides: PartitionOverride[] | undefined): PartitionOverride[] {
  const planned = new Set(rows.map((r) => tpKey(r.topic, r.partition)));
  return (overrides ?? []).filter((o) => !planned.has(tpKey(o.topic, o.partition)));
}
