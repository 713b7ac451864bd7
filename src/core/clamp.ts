/** The one clamping rule of every target: into [log start, log end], saying which edge was hit. */
import type { Clamp } from './types';

export function clamp(target: bigint, logStart: bigint, logEnd: bigint): { target: bigint; clamped: Clamp } {
  if (target < logStart) return { target: logStart, clamped: 'earliest' };
  if (target > logEnd) return { target: logEnd, clamped: 'latest' };
  return { target, clamped: null };
}
