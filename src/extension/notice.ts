/**
 * Text for VS Code notifications and dialogs. Non-modal notifications turn `[label](target)` into a
 * clickable link — and `command:` targets run VS Code commands with arguments — so a group id, client
 * id or broker error that reaches a notification could offer a "Re-authenticate" link that runs a
 * command of someone else's choosing. Every message we show goes through `notice()`: the characters
 * that act or hide (display.ts `visible`) are shown as escapes, and the `](` that makes a link gets an
 * invisible break, so the text reads the same and links nothing.
 *
 * No vscode import: unit-tested as it is.
 */
import { visible, visibleLines } from '../core/display';

const LINK_JOINT = /\]\s*\(/g;

/** One line for a notification's message: no control bytes, no link syntax. */
export function notice(message: string): string {
  return visible(message).replace(LINK_JOINT, ']\u200b(');
}

/** A dialog's detail: line breaks kept, each line as `notice`. */
export function noticeDetail(detail: string): string {
  return visibleLines(detail).replace(LINK_JOINT, ']\u200b(');
}
