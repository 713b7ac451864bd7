/**
 * `*` / `?` wildcard matching without backtracking, for the group filter. The filter comes from a
 * setting (a workspace can set it) and runs on every group id at every refresh, and group ids can be
 * long: a regex built from `a*a*a*…b` backtracks polynomially on a long id. Here the pattern is cut at
 * its stars: the first piece must match at the start, the last at the end, and each piece between is
 * taken at its leftmost place after the previous one — leftmost is always safe, because a star before
 * the next piece can absorb anything a later placement would have skipped. So every piece is searched
 * once, left to right: O(id length × pattern length) at worst, never more.
 *
 * Case-insensitive, character by character (a `?` is one character, also outside the BMP).
 */

type Chars = string[];

const chars = (s: string): Chars => Array.from(s, (c) => c.toLowerCase());

/** Does `piece` (no stars; `?` = any one character) match `text` at `at`? */
function matchesAt(piece: Chars, text: Chars, at: number): boolean {
  if (at < 0 || at + piece.length > text.length) return false;
  for (let i = 0; i < piece.length; i++) if (piece[i] !== '?' && piece[i] !== text[at + i]) return false;
  return true;
}

/** Leftmost index ≥ from where `piece` matches and ends by `end`, or -1. */
function find(piece: Chars, text: Chars, from: number, end: number): number {
  for (let at = from; at + piece.length <= end; at++) if (matchesAt(piece, text, at)) return at;
  return -1;
}

/** A compiled glob: `*` any run of characters (also none), `?` one character, the rest literal. */
export function globMatcher(pattern: string): (text: string) => boolean {
  const pieces = pattern.split('*').map(chars);
  if (pieces.length === 1) {
    const only = pieces[0];
    return (s) => {
      const text = chars(s);
      return text.length === only.length && matchesAt(only, text, 0);
    };
  }
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const middle = pieces.slice(1, -1).filter((p) => p.length > 0);
  return (s) => {
    const text = chars(s);
    if (text.length < first.length + last.length) return false;
    if (!matchesAt(first, text, 0) || !matchesAt(last, text, text.length - last.length)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const found = find(piece, text, at, end);
      if (found < 0) return false;
      at = found + piece.length;
    }
    return true;
  };
}
