/**
 * Small pieces the views share. Templates are lit-html: every `${…}` goes in as text or as an
 * attribute value, never as markup, so nothing from Kafka (topic names, client ids, error sentences)
 * can become HTML; lit-html needs no eval and sets no style attributes, so it runs under the page's
 * CSP (nonce scripts, stylesheets from the extension only).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { ValidationIssueView } from '../../protocol';
import type { Msg } from '../events';

export type Dispatch = (msg: Msg) => void;

/** A decorative codicon: hidden from screen readers (the text next to it says the same). */
export const icon = (name: string, extra = ''): TemplateResult => html`<span class=${`codicon codicon-${name}${extra ? ` ${extra}` : ''}`} aria-hidden="true"></span>`;

export const spinner = (): TemplateResult => icon('loading', 'codicon-modifier-spin');

/** The messages under a field: errors, or the looks-like-seconds warning. */
export const issueList = (issues: ValidationIssueView[]) =>
  issues.map((i) => {
    const warning = i.code === 'looks-like-seconds';
    return html`<p class=${warning ? 'warning' : 'invalid'}>${icon(warning ? 'warning' : 'error')} ${i.message}</p>`;
  });

/** aria-invalid for a control whose shown issues include an error. */
export const invalidAttr = (issues: ValidationIssueView[]) => (issues.some((i) => i.code !== 'looks-like-seconds') ? 'true' : nothing);
