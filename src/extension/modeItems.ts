/**
 * The reset modes as quick-pick items: core's one list of modes and labels (src/core/modes.ts, also
 * the form's and the CLI's), with what the quick pick adds — a detail line and the value prompt.
 */
import type { ResetMode } from '../core/validate';
import { MODE_LABELS, type ModeId } from '../core/modes';
import { t } from './l10n';

export interface ModeItem {
  mode: ResetMode;
  label: string;
  description: string;
  detail: string;
  /** Earliest/latest need no value. */
  needsValue: boolean;
  prompt?: string;
  placeholder?: string;
}

/** What the quick pick adds per mode it offers (in MODE_LABELS order). */
const QUICK_PICK: Partial<Record<ModeId, Omit<ModeItem, 'mode' | 'label' | 'needsValue'>>> = {
  offset: { description: 'messageOffset', detail: 'A message offset; clamped to the log start / end.', prompt: 'Offset to reset to (decimal integer)', placeholder: '42' },
  timestamp: { description: 'timestamp', detail: 'Unix time in milliseconds: first offset at or after it.', prompt: 'Unix time in milliseconds (13 digits today)', placeholder: String(1_700_000_000_000) },
  datetime: { description: 'ISO-8601', detail: 'A date-time with its time zone, e.g. 2026-11-24T10:00:00+01:00.', prompt: 'ISO-8601 date-time with a zone (Z or ±hh:mm)', placeholder: '2026-11-24T10:00:00Z' },
  duration: { description: 'ISO-8601', detail: 'E.g. PT30M = the first offset of 30 minutes ago.', prompt: 'ISO-8601 duration back from now, e.g. PT30M, PT2H, P1D', placeholder: 'PT30M' },
  earliest: { description: '', detail: 'Replay everything still in the log.' },
  latest: { description: '', detail: 'Skip everything: lag becomes 0.' },
  shiftBy: { description: '± n', detail: 'Move each committed offset by n (negative = replay).', prompt: 'Number of messages to shift by (negative replays)', placeholder: '-100' },
};

export function modeItems(): ModeItem[] {
  return MODE_LABELS.flatMap((m) => {
    const q = QUICK_PICK[m.mode];
    if (!q) return [];
    return [
      {
        mode: m.mode as ResetMode,
        label: t(m.label),
        needsValue: m.needsValue,
        description: q.description,
        detail: t(q.detail),
        ...(q.prompt ? { prompt: t(q.prompt) } : {}),
        ...(q.placeholder ? { placeholder: q.placeholder } : {}),
      },
    ];
  });
}
