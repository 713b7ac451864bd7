/**
 * The reset modes as people see them: one label per mode, the same in the quick pick, the form and
 * the CLI (whose flag is listed beside it). Pure data: the webview loads this module too. The
 * extension passes labels through vscode.l10n.t; the English text here is the key.
 */

/** Every way to say where to reset to, across the front ends (`seed` is the reset API's JSON body). */
export type ModeId = 'offset' | 'timestamp' | 'datetime' | 'duration' | 'earliest' | 'latest' | 'shiftBy' | 'current' | 'csv' | 'fromGroup' | 'seed';

export interface ModeLabel {
  mode: ModeId;
  label: string;
  /** The CLI's flag for it (kafka-consumer-groups' where one exists). */
  flag: string;
  /** Whether the mode needs a value (an offset, an instant, a file…). */
  needsValue: boolean;
}

/** In the order the quick pick and the form list them; current, csv and seed are offered where they apply. */
export const MODE_LABELS: readonly ModeLabel[] = [
  { mode: 'offset', label: 'Offset', flag: 'offset', needsValue: true },
  { mode: 'timestamp', label: 'Timestamp (ms)', flag: 'timestamp', needsValue: true },
  { mode: 'datetime', label: 'Date and time', flag: 'to-datetime', needsValue: true },
  { mode: 'duration', label: 'Duration back from now', flag: 'by-duration', needsValue: true },
  { mode: 'earliest', label: 'Earliest (log start)', flag: 'to-earliest', needsValue: false },
  { mode: 'latest', label: 'Latest (log end)', flag: 'to-latest', needsValue: false },
  { mode: 'current', label: 'Current offsets', flag: 'to-current', needsValue: false },
  { mode: 'shiftBy', label: 'Shift by', flag: 'shift-by', needsValue: true },
  { mode: 'csv', label: 'CSV plan', flag: 'from-file', needsValue: true },
  { mode: 'fromGroup', label: 'Copy from group', flag: 'from-group', needsValue: true },
  { mode: 'seed', label: 'Paste a request (JSON)', flag: 'request', needsValue: true },
];

export function modeLabel(mode: ModeId): string {
  return MODE_LABELS.find((m) => m.mode === mode)?.label ?? mode;
}
