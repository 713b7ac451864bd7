/**
 * What a reset session (./resetSession.ts) applies: a reset of a plan, the restore of a snapshot, or a
 * share group's delete of its start offsets on a topic. Each says which partitions it touches, how to
 * read their positions now (committed offsets, or share start offsets), how to re-plan from fresh
 * offsets, and how to apply itself through the engine (which re-checks everything at commit time).
 */
import type { Plan, ResetRequest } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { SessionOperation } from './resetSession';
import type { Snapshot } from './snapshot';
import { sameTargets } from './plan';
import { applyPlan, assertPlanApplicable, planFromCluster, undoSnapshot, type UndoOptions } from './reset';
import { planShareReset } from './shareReset';
import { applyShareDelete, planShareDelete, type ShareDeletePlan } from './shareDelete';
import { currentOffsets } from './groupReset';

/** A reset; plan() is the plan as it stands (after re-plans). */
export interface ResetOperation extends SessionOperation {
  verb: 'reset';
  plan(): Plan;
}

export interface ResetOperationOptions {
  snapshotDir: string;
  reason?: string;
  onSnapshot?: (file: string) => void;
  /** Re-plans read where consumption restarts, in time (for front ends that show it). */
  targetTimestamps?: boolean;
}

/** The plan again from fresh offsets, through the engine of the plan's group type. */
async function replan(client: KafkaEngine, request: ResetRequest, like: Plan, o: CallOptions & { targetTimestamps?: boolean }): Promise<Plan> {
  if (like.groupType === 'share') return planShareReset(client, request, o);
  const plan = await planFromCluster(client, request, o);
  return like.groupType === 'streams' ? { ...plan, groupType: 'streams' } : plan;
}

/**
 * A reset of the given plan (any group type: the plan carries it). Re-planning keeps to the plan's
 * partitions: the form plans a chosen subset of a topic as "all" and keeps the chosen rows, and a
 * re-plan must never widen what the user chose. Refuses at once a plan the engine would refuse
 * (errors in rows, nothing to reset).
 */
export function resetOperation(client: KafkaEngine, request: ResetRequest, plan: Plan, o: ResetOperationOptions): ResetOperation {
  assertPlanApplicable(plan);
  let current = plan;
  const chosen = new Set(plan.rows.map((r) => `${r.topic}:${r.partition}`));
  const partitions = () => current.rows.map((r) => ({ topic: r.topic, partition: r.partition }));
  const { targetTimestamps, ...applyOptions } = o;
  return {
    verb: 'reset',
    group: request.group,
    groupType: plan.groupType,
    plan: () => current,
    partitions,
    readPositions: (signal) => currentOffsets(client, request.group, partitions(), current.groupType, { signal }),
    refresh: async (signal) => {
      const fresh = await replan(client, request, current, { signal, ...(targetTimestamps ? { targetTimestamps } : {}) });
      const next = { ...fresh, rows: fresh.rows.filter((r) => chosen.has(`${r.topic}:${r.partition}`)) };
      const changed = !sameTargets(current, next);
      current = next;
      return changed;
    },
    apply: (signal) => applyPlan(client, current, { signal, ...applyOptions }),
  };
}

/** The restore of a snapshot, under the same protocol. */
export function undoOperation(client: KafkaEngine, snap: Snapshot, o: UndoOptions | (() => UndoOptions)): SessionOperation {
  const partitions = () => snap.entries.map((e) => ({ topic: e.topic, partition: e.partition }));
  return {
    verb: 'undo',
    group: snap.group,
    groupType: snap.groupType,
    partitions,
    readPositions: (signal) => currentOffsets(client, snap.group, partitions(), snap.groupType, { signal }),
    // A snapshot's targets do not depend on the current offsets.
    refresh: async () => false,
    apply: (signal) => undoSnapshot(client, snap, { ...(typeof o === 'function' ? o() : o), signal }),
  };
}

/** A share group's delete of its start offsets on one topic; plan() is the plan as it stands. */
export interface ShareDeleteOperation extends SessionOperation {
  verb: 'delete';
  plan(): ShareDeletePlan;
}

export function shareDeleteOperation(client: KafkaEngine, plan: ShareDeletePlan, o: { snapshotDir: string }): ShareDeleteOperation {
  let current = plan;
  const partitions = () => current.rows.map((r) => ({ topic: r.topic, partition: r.partition }));
  return {
    verb: 'delete',
    group: plan.group,
    groupType: 'share',
    plan: () => current,
    partitions,
    readPositions: (signal) => currentOffsets(client, plan.group, partitions(), 'share', { signal }),
    refresh: async (signal) => {
      const fresh = await planShareDelete(client, current.group, current.topic, { signal });
      const changed = fresh.rows.some((r, i) => r.committed !== current.rows[i]?.committed);
      current = fresh;
      return changed;
    },
    apply: (signal) => applyShareDelete(client, current, { snapshotDir: o.snapshotDir, signal }),
  };
}
