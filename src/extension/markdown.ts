/**
 * Markdown and quick-pick text helpers. Group ids, client ids, hosts, topics and error sentences come
 * from the cluster (any consumer chooses its client.id): in a tooltip they must read as text — never a
 * link, an image, HTML, emphasis, a list or a new paragraph. MarkdownStrings are also created
 * untrusted, without HTML or theme icons (tree/items.ts), so even a miss here could not run a command.
 */
import { visible } from '../core/display';

/**
 * Text for Markdown: first `visible` (a line break or control becomes `\n`, `\x1b`…, so the value
 * stays inside its line and paragraph), then every ASCII punctuation character backslash-escaped —
 * CommonMark lets any of them be escaped, and escaping all of them leaves no syntax at all: no `[`,
 * `!`, `<`, `` ` ``, `*`, `_`, `#`, `|`, and no bare `https://` or `www.` for autolinking.
 */
export function md(s: string): string {
  return visible(s).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * An inline code span holding exactly the (visible) text: fenced by more backticks than the longest
 * run inside, padded with a space where the text starts or ends with a backtick or a space.
 */
export function code(s: string): string {
  const text = visible(s);
  if (text === '') return '` `';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a quick pick label, description or detail: `visible`, and `$(` escaped so a group id or
 * topic like `$(check) approved` shows as written instead of as an icon.
 */
export function pickText(s: string): string {
  return visible(s).replace(/\$\(/g, '\\$(');
}
