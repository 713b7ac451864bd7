/** What happens to the reset form (events, for update() in ./update.ts) and what it makes happen (effects). */
import type { FormMode, HostToWebview, WebviewToHost } from '../protocol';
import type { Field, Model, Scope } from './model';

/** What the user does (dispatched by the views). */
export type Msg =
  /** The script loaded: say `ready`. */
  | { type: 'start' }
  | { type: 'mode'; mode: FormMode }
  | { type: 'topic'; topic: string }
  | { type: 'topicSearch'; text: string }
  /** All topics of the group, one topic (the `topic` select), or several (checkboxes). */
  | { type: 'scope'; scope: Scope }
  /** A topic's checkbox in the "several topics" list. */
  | { type: 'toggleTopic'; topic: string; on: boolean }
  /** Edit the target of one row of the preview table (opens its input), type, apply or cancel. */
  | { type: 'editTarget'; topic: string; partition: number }
  | { type: 'editText'; text: string }
  | { type: 'applyEdit' }
  | { type: 'cancelEdit' }
  /** Drop the edited target of one partition (back to the mode's target). */
  | { type: 'revertTarget'; topic: string; partition: number }
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
