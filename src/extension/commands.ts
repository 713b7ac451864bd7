/**
 * The one way commands are registered: every command is logged, and any failure becomes a readable
 * notification (the engine's sentence, never a stack trace) with a "Show Output" button, instead of
 * VS Code's generic "command 'x' resulted in an error".
 */
import * as vscode from 'vscode';
import { isKafkaOffsetsError, describeError } from '../core/errors';
import type { Logger } from './services';
import { notice } from './notice';

export type Handler = (...args: any[]) => unknown;

export function registerCommand(log: Logger, id: string, handler: Handler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    log.debug(`command ${id}`);
    try {
      return await handler(...args);
    } catch (e) {
      reportError(log, e);
      return undefined;
    }
  });
}

/** Show an error the way every command does. Cancellation is the user's choice: logged, not shown. */
export function reportError(log: Logger, e: unknown, prefix?: string): void {
  const message = (prefix ? `${prefix}: ` : '') + describeError(e);
  if (isKafkaOffsetsError(e) && e.kind === 'cancelled') {
    log.info(message);
    return;
  }
  log.error(message);
  if (!isKafkaOffsetsError(e) && e instanceof Error && e.stack) log.debug(e.stack);
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(notice(message), showOutput).then((choice) => {
    if (choice === showOutput) log.show();
  });
}
