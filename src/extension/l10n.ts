/**
 * Localisation of the extension's plain-string modules (tree labels, quick-pick items, the form's
 * texts). vscode.l10n.t is installed by activate() through setTranslator; unit tests keep the English
 * fallback, which only fills {0}-style placeholders exactly as l10n.t does for the default language.
 * No vscode import: these modules are unit-tested without VS Code.
 */
import { english, partitionsText as corePartitionsText, type Translate } from '../core/planText';
import { formatCount } from '../core/numbers';

export type { Translate };

let translate: Translate = english;

export function setTranslator(t: Translate): void {
  translate = t;
}

/** Every user-facing string of the plain-string modules goes through here. */
export const t: Translate = (message, ...args) => translate(message, ...args);

export const plural = (n: number, one: string, many: string): string => (n === 1 ? t(one, n) : t(many, formatCount(n)));

/** "1 partition", "12 partitions" — to embed in longer messages. */
export function partitionsText(n: number): string {
  return corePartitionsText(n, t);
}

/** "1 member", "3 members". */
export function membersCount(n: number): string {
  return plural(n, '{0} member', '{0} members');
}
