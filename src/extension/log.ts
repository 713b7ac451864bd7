/**
 * The "Kafka Offsets" output channel behind the small Logger seam. A LogOutputChannel gives levels,
 * timestamps and the user's chosen log level for free.
 *
 * Untrusted text: every message is one line (see clean).
 *
 * Secrets: nothing logs a password on purpose, and every resolved password is also registered here
 * and masked, so a Kafka error message that happens to echo one cannot leak it either.
 */
import * as vscode from 'vscode';
import type { Logger } from './services';
import { visible } from '../core/display';

export class OutputLogger implements Logger, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();
  /** The last lines written, for the extension-host tests (an output channel cannot be read back). */
  private readonly lines: string[] = [];

  constructor(name = 'Kafka Offsets') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Mask this value wherever it would appear in a log line. */
  addSecret(value: string): void {
    // Very short values would mask ordinary words; a password that short is masked by never being logged.
    if (value.length >= 4) this.secrets.add(value);
  }

  /**
   * Passwords masked, and every line break and control character shown as an escape: a group id or
   * client id that carries a newline must not be able to print a fake log line of its own.
   */
  private clean(message: string): string {
    let out = message;
    for (const s of this.secrets) out = out.split(s).join('****');
    return visible(out);
  }

  private keep(level: string, line: string): string {
    this.lines.push(`[${level}] ${line}`);
    if (this.lines.length > 1000) this.lines.splice(0, this.lines.length - 1000);
    return line;
  }

  /** Recent lines as "[level] message", oldest first. */
  recent(): string[] {
    return [...this.lines];
  }

  info(message: string): void {
    this.channel.info(this.keep('info', this.clean(message)));
  }
  warn(message: string): void {
    this.channel.warn(this.keep('warn', this.clean(message)));
  }
  error(message: string): void {
    this.channel.error(this.keep('error', this.clean(message)));
  }
  debug(message: string): void {
    // Debug lines (kafkajs detail) are not kept: they would push the interesting ones out.
    this.channel.debug(this.clean(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
