/**
 * A failure as the CLI reports it: one KafkaOffsetsError, its `--json` form, and whether a streamed
 * document already carries it (main.ts then prints no second document).
 */
import { KafkaOffsetsError } from '../core/errors';
import { UsageError } from './args';

/** Any failure as the CLI reports it: one KafkaOffsetsError (a usage error is bad input). */
export function cliError(e: unknown): KafkaOffsetsError {
  if (e instanceof KafkaOffsetsError) return e;
  if (e instanceof UsageError) return new KafkaOffsetsError('validation', e.message);
  return new KafkaOffsetsError('kafka', `Unexpected failure: ${(e as Error)?.message ?? e}`);
}

/** The failure as `--json` prints it. */
export const errorJson = (err: KafkaOffsetsError) => ({ error: { kind: err.kind, message: err.message } });

/** Failures a streamed JSON document already ends with. */
const inJson = new WeakSet<object>();
export const markReportedInJson = (e: unknown): void => void (typeof e === 'object' && e !== null && inJson.add(e));
export const reportedInJson = (e: unknown): boolean => typeof e === 'object' && e !== null && inJson.has(e);

