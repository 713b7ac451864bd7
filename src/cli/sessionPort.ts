/**
 * The CLI's face of the reset session (src/core/resetSession.ts): where the extension asks in modals,
 * the CLI either was told up front (--yes, --wait-empty) or asks y/N on the terminal, and refuses with
 * a sentence (exit 1) where it may not ask. Progress goes to stderr.
 *
 *   members          → without --wait-empty: refused, naming them; with it: waits, then re-plans;
 *   offsets moving   → with --yes: refused ('offsets-moving'); on a terminal: "Reset anyway?";
 *   stale plan       → refused ('stale-plan'): plan again;
 *   broker refusal   → the session ends 'refused' and the caller reports the error.
 */
import { KafkaOffsetsError, notEmptyError, planSummary, shareNotEmpty, type Plan, type SessionOperation, type SessionPort } from '../core';
import { planTable } from './format';
import type { Output } from './output';

export interface CliSessionOptions {
  /** --wait-empty SECONDS; undefined = a group with members is refused at once. */
  waitSeconds?: number;
  /** --yes: no questions. */
  yes: boolean;
  /** Already confirmed (a batch asked once for all): the session's confirmation step passes. */
  confirmed?: boolean;
  /** The question when offsets still move on a terminal (default "Reset anyway?"). */
  anyway?: string;
  confirm: (question: string) => Promise<boolean>;
  /** The y/N question before the commit. */
  question: () => string;
  /** A reset's plan now (shown again, with its summary, after re-planning). */
  plan?: () => Plan;
  /** Shows the plan again after re-planning instead of the table and summary (a share group's columns). */
  show?: () => void;
}

/** What the port writes to: stderr notes, and the plan again on stdout. */
export type SessionOutput = Pick<Output, 'note' | 'block' | 'text'>;

export function cliSessionPort(out: SessionOutput, signal: AbortSignal, o: CliSessionOptions): SessionPort {
  const showPlan = () => {
    if (o.show) return o.show();
    if (!o.plan) return;
    out.block(planTable(o.plan().rows));
    out.text(planSummary(o.plan()));
  };
  return {
    waitSeconds: o.waitSeconds ?? 0,

    notEmpty: async (op, d, timedOut) => {
      if (timedOut) throw timedOut;
      if (o.waitSeconds === undefined) throw d.groupType === 'share' ? shareNotEmpty(d) : notEmptyError(d);
      out.note(`${op.groupType === 'share' ? 'Share group' : 'Group'} "${op.group}" has ${d.members.length} member(s); waiting up to ${o.waitSeconds} s for it to become empty…`);
      return 'wait';
    },

    // Ctrl-C is the CLI's one cancel: every step runs under its signal.
    step: (step, work) =>
      work(signal, (p) => {
        if (p.group.members.length) out.note(`  ${p.group.state}: ${p.group.members.map((m) => `${m.clientId} (${m.host})`).join(', ')} — ${Math.ceil(p.remainingMs / 1000)} s left`);
      }),

    offsetsMoving: async (op, moved, windowMs) => {
      const list = moved.slice(0, 8).map((m) => `${m.topic}/${m.partition}: ${m.from ?? 'none'} → ${m.to ?? 'none'}`);
      const why =
        `Group "${op.group}" has no members, but its committed offsets moved in the last ${windowMs / 1000} s (${list.join(', ')}${moved.length > 8 ? ', …' : ''}): ` +
        `consumers with manually assigned partitions commit without joining the group, and their next commit would overwrite the ${op.verb === 'undo' ? 'restored offsets' : 'reset'}. Stop them first` +
        ' (or pass --no-offsets-moving-check if you know nobody commits outside the group).';
      if (o.yes) throw new KafkaOffsetsError('offsets-moving', `${why} Nothing was changed.`, { moved: moved.map((m) => ({ topic: m.topic, partition: m.partition })) });
      out.note(why);
      return (await o.confirm(o.anyway ?? 'Reset anyway?')) ? 'continue' : 'stop';
    },

    confirm: async () => (o.yes || o.confirmed ? true : o.confirm(o.question())),

    stalePlan: async (_op, e) => {
      throw e;
    },

    brokerRefused: () => {},

    event: (_op: SessionOperation, e) => {
      if (e.kind === 'emptied') out.note('Group is empty; planning again from fresh offsets.');
      else if (e.kind === 'replanned' && (e.why === 'after-wait' || e.changed)) showPlan();
    },
  };
}
