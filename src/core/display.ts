/**
 * Broker-supplied strings shown to a person. Kafka accepts almost any string as a group id, every
 * consumer picks its own client.id and host, and a member's assignment may name anything: these are
 * data, and must never act on the screen that shows them.
 *
 * `visible` is the one rule for that, shared by every sink (CLI tables and sentences, the output
 * channel, quick picks, tooltips): characters that would act instead of print — C0/C1 controls (ESC
 * starts terminal sequences, CR rewrites a line, LF forges one), DEL, line/paragraph separators — and
 * characters that print nothing or reorder what follows — bidi overrides and isolates, zero-width and
 * other invisible format characters, unusual spaces — are replaced by escapes a person can read
 * (`\x1b`, `\r`, `\n`, `\u202e`). The escapes are those of bash's $'…' strings, so an escaped id can
 * be typed back as $'…' (in a UTF-8 locale). A backslash is left as is, so ordinary ids read unchanged.
 *
 * Pure: no Node or VS Code API, so the webview, the CLI and the extension can all use it.
 */

// Controls, separators, bidi and invisible/format characters, unusual spaces, tag characters; and
// (with the u flag, a paired surrogate is one code point) lone surrogates.
const ACTIVE_OR_INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\ufff0-\ufffb]|[\u{e0000}-\u{e007f}]|[\ud800-\udfff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const cp = ch.codePointAt(0)!;
  // Above ASCII always \u: bash's $'\x9b' is the byte 0x9b, $'\u009b' the character U+009B.
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** The string with every control, separator, bidi and invisible character shown as an escape. */
export function visible(s: string): string {
  return s.replace(ACTIVE_OR_INVISIBLE, escapeOne);
}

/** True when `visible` would change the string (the name holds something that cannot be seen as is). */
export function hasInvisible(s: string): boolean {
  ACTIVE_OR_INVISIBLE.lastIndex = 0;
  const found = ACTIVE_OR_INVISIBLE.test(s);
  ACTIVE_OR_INVISIBLE.lastIndex = 0;
  return found;
}

/**
 * A text block meant to span lines (a table, a list of sentences): each line through `visible`, the
 * line breaks kept. The values inside must already be single-line (`visible` per cell).
 */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}

/**
 * JSON text with the non-ASCII characters that act on a terminal (C1 controls, separators, bidi,
 * invisible ones) written as \u escapes. JSON.stringify already escapes C0 controls; these can only
 * occur inside strings, so the document still parses to exactly the same values.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u00a0\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
