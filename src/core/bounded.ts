/**
 * Bounds on what untrusted input can cost: a message quotes at most a short prefix of a value, and a
 * list of errors keeps the first few plus a count. A 95 MB line or a million bad rows must give a
 * short sentence, not a 95 MB one.
 */

/** The value as it may appear inside a sentence: at most `max` characters, with the real length when cut. */
export function clip(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** How many errors a report lists before "and N more". */
export const MAX_LISTED_ERRORS = 5;

/** Collects errors, keeping only the first MAX_LISTED_ERRORS but counting all. */
export class ErrorList {
  private readonly kept: string[] = [];
  count = 0;

  add(message: string): void {
    this.count++;
    if (this.kept.length < MAX_LISTED_ERRORS) this.kept.push(message);
  }

  /** The kept errors, then one "… and N more" line when some were dropped. */
  list(): string[] {
    const more = this.count - this.kept.length;
    return more > 0 ? [...this.kept, `… and ${more} more error${more === 1 ? '' : 's'} (${this.count} in all).`] : [...this.kept];
  }
}
