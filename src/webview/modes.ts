/** The form's reset modes: their labels, hints and what their value field looks like. */
import type { FormMode } from '../protocol';

export interface ModeInfo {
  mode: FormMode;
  label: string;
  /** Label of the value field; none = the mode takes no value. */
  valueLabel?: string;
  hint: string;
  placeholder?: string;
  numeric?: boolean;
}

export const MODES: readonly ModeInfo[] = [
  { mode: 'offset', label: 'Offset', valueLabel: 'Offset', hint: 'A message offset (a decimal whole number). Clamped to each partition’s log start and log end.', placeholder: '42', numeric: true },
  { mode: 'timestamp', label: 'Timestamp (ms)', valueLabel: 'Timestamp in milliseconds', hint: 'Unix time in milliseconds (13 digits today): the first offset at or after it.', placeholder: '1700000000000', numeric: true },
  { mode: 'datetime', label: 'Date and time', valueLabel: 'Date and time', hint: 'The first offset at or after this moment, read in your time zone.' },
  { mode: 'duration', label: 'Duration back from now', valueLabel: 'Duration (ISO-8601)', hint: 'How far back from now, e.g. PT30M (30 minutes), PT2H, P1DT12H.', placeholder: 'PT30M' },
  { mode: 'earliest', label: 'Earliest (log start)', hint: 'Replay everything still in the log.' },
  { mode: 'latest', label: 'Latest (log end)', hint: 'Skip everything: the lag becomes 0.' },
  { mode: 'shiftBy', label: 'Shift by', valueLabel: 'Messages to shift by', hint: 'Moves each committed offset by n: negative replays, positive skips.', placeholder: '-100', numeric: true },
  {
    mode: 'seed',
    label: 'Paste a request (JSON)',
    valueLabel: 'Request (JSON)',
    hint: 'The reset API’s JSON body as is: topic, partition (-1 or absent = all) and exactly one of message_offset and timestamp (ms).',
    placeholder: '{"topic":"orders","partition":0,"message_offset":10}',
  },
];

export const modeInfo = (mode: FormMode): ModeInfo => MODES.find((m) => m.mode === mode) ?? MODES[0];

export const isMode = (v: unknown): v is FormMode => typeof v === 'string' && MODES.some((m) => m.mode === v);

/** Earliest and latest take no value. */
export const takesValue = (mode: FormMode): boolean => mode !== 'earliest' && mode !== 'latest';

/** The element id of a mode's value control. */
export const valueControlId = (mode: FormMode): string => (mode === 'datetime' ? 'value-datetime' : mode === 'seed' ? 'value-seed' : 'value');
