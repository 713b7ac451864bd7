/**
 * Modal questions of the confirm flow (confirm a reset, wait for members, type the group id).
 *
 * They go through here rather than straight to vscode.window so extension-host tests can answer them:
 * a modal dialog cannot be clicked from a test, and an unanswered one blocks the flow forever. The
 * extension's exported API (see extension.ts) lets a test install a Prompter; nothing else does.
 */
import * as vscode from 'vscode';
import { notice, noticeDetail } from './notice';

export interface Prompter {
  /** A modal warning; resolves to the chosen button, undefined for Cancel. */
  modal(message: string, detail: string, buttons: string[]): Promise<string | undefined>;
  /** A typed confirmation (protected clusters); resolves to what was typed, undefined for Cancel. */
  typed(title: string, prompt: string, expected: string): Promise<string | undefined>;
}

const vscodePrompter: Prompter = {
  modal: async (message, detail, buttons) => vscode.window.showWarningMessage(notice(message), { modal: true, detail: noticeDetail(detail) }, ...buttons),
  typed: async (title, prompt, expected) =>
    vscode.window.showInputBox({
      title,
      prompt,
      placeHolder: expected,
      ignoreFocusOut: true,
      validateInput: (v) => (v === expected ? undefined : vscode.l10n.t('Type the group id exactly as shown to confirm.')),
    }),
};

let current: Prompter = vscodePrompter;

export function setPrompter(p: Prompter | undefined): void {
  current = p ?? vscodePrompter;
}

export function modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  return current.modal(message, detail, buttons);
}

export function typed(title: string, prompt: string, expected: string): Promise<string | undefined> {
  return current.typed(title, prompt, expected);
}
