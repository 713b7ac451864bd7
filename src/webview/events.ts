/** What happens to the reset form (events, for update() in ./update.ts) and what it makes happen (effects). */
import type { FormMode, HostToWebview, WebviewToHost } from '../protocol';
import type { Field, Model } from './model';

/** What the user does (dispatched by the views). */
export type Msg =
  /** The script loaded: say `ready`. */
  | { type: 'start' }
  | { type: 'mode'; mode: FormMode }
  | { type: 'topic'; topic: string }
  | { type: 'topicSearch'; text: string }
  | { type: 'partitions'; which: 'all' | 'some' }
  | { type: 'togglePartition'; partition: number; on: boolean }
  /** Select all (every partition of the topic) / none. */
  | { type: 'chooseAll'; on: boolean }
  /** Typed into the value field of `mode`. */
  | { type: 'value'; mode: FormMode; value: string }
  | { type: 'blur'; field: Field }
  | { type: 'allowOld'; on: boolean }
  | { type: 'useSeconds' }
  | { type: 'reloadGroup' }
  | { type: 'preview' }
  | { type: 'reset' }
  | { type: 'undo' }
  | { type: 'copy' }
  | { type: 'showOutput' }
  | { type: 'host'; message: HostToWebview };

/** A Msg at a moment (the entry stamps `now`). */
export type Event = Msg & { now: number };

export type Effect = { type: 'post'; message: WebviewToHost } | { type: 'focus'; id: string };

export interface Step {
  model: Model;
  effects: Effect[];
}
