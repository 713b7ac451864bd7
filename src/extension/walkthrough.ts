/**
 * The walkthrough's steps complete on context keys (package.json completionEvents "onContext:…"), set
 * when the thing really happened — a cluster answered, a group's lag was shown — not when a command
 * merely ran (an Add Cluster that was cancelled connected nothing).
 */
import * as vscode from 'vscode';

const done = new Set<string>();

export function walkthroughEvent(key: 'connected' | 'lagViewed'): void {
  if (done.has(key)) return;
  done.add(key);
  void vscode.commands.executeCommand('setContext', `kafkaOffsets.${key}`, true);
}
