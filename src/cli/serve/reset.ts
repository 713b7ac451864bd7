/**
 * One reset over HTTP, through the engine exactly as `kafka-offsets reset --request … --yes` does it:
 * planFromCluster, then applyPlan (members refused, snapshot first, one commit, read-back).
 *
 * Two requests for the same group never interleave: the second is answered 409 at once rather than
 * queued, because a queued reset would run against offsets its caller never saw. The engine's
 * cross-process lock (CLI, extension, another server) gives the same 409 through httpErrorOf.
 */
import * as path from 'node:path';
import { KafkaClient, Plan, ResetRequest, ResultRow, applyPlan, planFromCluster } from '../../core';
import { rowJson } from '../format';
import { HttpError } from './errors';
import type { Instance } from './instances';

export type ResetOutcome = { dryRun: true; body: unknown } | { dryRun: false; snapshotFile: string; partitions: number };

export class Resets {
  private readonly clients = new Map<string, KafkaClient>();
  private readonly running = new Set<string>();

  constructor(private readonly instances: Map<string, Instance>, private readonly snapshotDir: string) {}

  instance(id: string): Instance {
    const i = this.instances.get(id);
    if (!i) throw new HttpError('noSuchInstance', `Instance ${JSON.stringify(id)} is not in the instances file; known: ${[...this.instances.keys()].map((k) => JSON.stringify(k)).join(', ')}.`);
    return i;
  }

  private client(i: Instance): KafkaClient {
    let c = this.clients.get(i.id);
    if (!c) this.clients.set(i.id, (c = new KafkaClient(i.config)));
    return c;
  }

  async reset(i: Instance, request: ResetRequest, dryRun: boolean, onSnapshot: (file: string) => void): Promise<ResetOutcome> {
    const client = this.client(i);
    if (dryRun) {
      const plan = planned(await planFromCluster(client, request, { targetTimestamps: true }));
      return { dryRun: true, body: { group: request.group, topic: request.allTopics ? null : request.topic, partition: request.partition, dry_run: true, plan: plan.rows.map(rowJson) } };
    }
    const key = `${i.id}\u0000${request.group}`;
    if (this.running.has(key))
      throw new HttpError('resetInProgress', `A reset of group ${JSON.stringify(request.group)} on instance ${JSON.stringify(i.id)} is already running on this server. Nothing was committed; try again when it has finished.`);
    this.running.add(key);
    try {
      const plan = planned(await planFromCluster(client, request));
      const result = await applyPlan(client, plan, { snapshotDir: this.snapshotDir, onSnapshot });
      const bad = result.rows.filter((r) => r.outcome !== 'applied');
      if (bad.length) throw new HttpError('commitFailed', `${bad.length} of ${result.rows.length} partitions of group ${JSON.stringify(request.group)} were NOT reset: ${bad.slice(0, 5).map(describeRow).join('; ')}${bad.length > 5 ? '; …' : ''}. Undo snapshot: ${path.basename(result.snapshotFile)} (X-Snapshot).`);
      return { dryRun: false, snapshotFile: result.snapshotFile, partitions: result.rows.length };
    } finally {
      this.running.delete(key);
    }
  }

  /** Requests whose reset is running now (shutdown waits for them). */
  get busy(): number {
    return this.running.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close().catch(() => undefined)));
    this.clients.clear();
  }
}

/** A whole-group request on a group with no committed offsets plans nothing: say so (nothing to reset). */
function planned(plan: Plan): Plan {
  if (plan.rows.length === 0 && plan.request.allTopics)
    throw new HttpError('notFound', `Group ${JSON.stringify(plan.request.group)} has no committed offsets: a request without "topic" resets every topic the group has offsets for, and there are none. Nothing was changed.`);
  return plan;
}

function describeRow(r: ResultRow): string {
  return `${r.topic} partition ${r.partition}: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}`;
}
