/** The form's reset modes: their labels, hints and what their value field looks like. */
import type { FormMode } from '../protocol';
import { MODE_LABELS } from '../core/modes';

export interface ModeInfo {
  mode: FormMode;
  label: string;
  /** Label of the value field; none = the mode takes no value. */
  valueLabel?: string;
  hint: string;
  placeholder?: string;
  numeric?: boolean;
}

/** What the form adds per mode it offers (in core's MODE_LABELS order; labels are core's). */
const FORM: Partial<Record<FormMode, Omit<ModeInfo, 'mode' | 'label'>>> = {
  offset: { valueLabel: 'Offset', hint: 'A message offset (a decimal whole number). Clamped to each partition’s log start and log end.', placeholder: '42', numeric: true },
  timestamp: { valueLabel: 'Timestamp in milliseconds', hint: 'Unix time in milliseconds (13 digits today): the first offset at or after it.', placeholder: '1700000000000', numeric: true },
  datetime: { valueLabel: 'Date and time', hint: 'The first offset at or after this moment, read in your time zone.' },
  duration: { valueLabel: 'Duration (ISO-8601)', hint: 'How far back from now, e.g. PT30M (30 minutes), PT2H, P1DT12H.', placeholder: 'PT30M' },
  earliest: { hint: 'Replay everything still in the log.' },
  latest: { hint: 'Skip everything: the lag becomes 0.' },
  shiftBy: { valueLabel: 'Messages to shift by', hint: 'Moves each committed offset by n: negative replays, positive skips.', placeholder: '-100', numeric: true },
  seed: {
    valueLabel: 'Request (JSON)',
    hint: 'The reset API’s JSON body as is: topic, partition (-1 or absent = all) and exactly one of message_offset and timestamp (ms).',
    placeholder: '{"topic":"orders","partition":0,"message_offset":10}',
  },
};

export const MODES: readonly ModeInfo[] = MODE_LABELS.flatMap((m) => {
  const extra = FORM[m.mode as FormMode];
  return extra ? [{ mode: m.mode as FormMode, label: m.label, ...extra }] : [];
});

export const modeInfo = (mode: FormMode): ModeInfo => MODES.find((m) => m.mode === mode) ?? MODES[0];

export const isMode = (v: unknown): v is FormMode => typeof v === 'string' && MODES.some((m) => m.mode === v);

/** Earliest and latest take no value. */
export const takesValue = (mode: FormMode): boolean => mode !== 'earliest' && mode !== 'latest';

/** The element id of a mode's value control. */
export const valueControlId = (mode: FormMode): string => (mode === 'datetime' ? 'value-datetime' : mode === 'seed' ? 'value-seed' : 'value');
