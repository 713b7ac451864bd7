/**
 * What the CLI says at the end of a reset or undo, and the warnings it owes the user: the outcome per
 * partition counted apart (unknown is never "not applied"), with the snapshot and the undo command.
 */
import { undoCommand, shellQuote } from '../core/equivalent';
import type { ClusterConfig, ResetResult } from '../core';

/** The part of the CLI's output this needs: text for humans (suppressed with --json) and stderr notes. */
export interface OutcomeOutput {
  text(s: string): void;
  note(s: string): void;
}

/** --ssl-insecure turns off the one thing TLS is for: knowing who answers. Say so every time. */
export function insecureWarning(saslMechanism: string | undefined): string {
  const lines = ['WARNING: --ssl-insecure: the brokers\' certificates are NOT checked; anyone on the network path can pose as the cluster and read or change what is sent.'];
  if (saslMechanism?.toLowerCase() === 'plain')
    lines.push('WARNING: with SASL PLAIN the password itself is sent to whoever answers: an impostor gets it in clear text. Use --ssl-ca with the cluster\'s CA instead.');
  else if (saslMechanism) lines.push('WARNING: SASL credentials are sent to a server whose identity is not checked.');
  return lines.join('\n') + '\n';
}

/** Exit code when the commit's answer was lost: not 0 (it may not have happened), not 1 (it may have). */
export const EXIT_OUTCOME_UNKNOWN = 3;

/**
 * The closing lines of a reset or undo: applied, failed or unknown counted apart. Unknown is never
 * called "not applied": the commit may have landed. Returns the exit code.
 */
export function reportOutcome(out: OutcomeOutput, result: ResetResult, verb: 'reset' | 'undo', cfg: ClusterConfig): number {
  const n = result.rows.length;
  const count = (k: string) => result.rows.filter((r) => r.outcome === k).length;
  const [applied, failed, unknown] = [count('applied'), count('failed'), count('unknown')];
  const undo = undoCommand(result.snapshotFile, cfg.brokers);
  if (unknown > 0) {
    // stderr too, so --json users see it.
    out.note(
      `The outcome of ${unknown} of ${n} partition${n === 1 ? '' : 's'} is UNKNOWN: the commit was sent but its answer was lost, so it may or may not have landed` +
        `${applied ? ` (${applied} applied` : ''}${failed ? `${applied ? ', ' : ' ('}${failed} failed` : ''}${applied || failed ? ')' : ''}. ` +
        `Check with: kafka-offsets lag --bootstrap ${shellQuote(cfg.brokers.join(','))} --group ${shellQuote(result.group)}. ` +
        `The offsets before the ${verb} are in ${result.snapshotFile}; to put them back: ${undo}`,
    );
    return EXIT_OUTCOME_UNKNOWN;
  }
  if (failed > 0) {
    out.text(`${failed} of ${n} partition${n === 1 ? '' : 's'} NOT ${verb === 'reset' ? 'applied' : 'restored'}${applied ? ` (${applied} ${verb === 'reset' ? 'applied' : 'restored'})` : ''}. Snapshot of the offsets before: ${result.snapshotFile}`);
    return 1;
  }
  out.text(verb === 'reset' ? `Applied to ${n} partition(s) in ${result.durationMs} ms. Undo: ${undo}` : `Restored ${n} partition(s). Undo this undo: ${undo}`);
  return 0;
}
