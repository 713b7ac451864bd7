/**
 * "Wait until empty", shared by resets (through the core's reset session) and the deletes: the modal that
 * names a group's members and why a killed consumer lingers, the cancellable progress while polling, and
 * its message. A group with members is never changed; waiting is the user's choice, bounded by the
 * kafkaOffsets.waitForEmptySeconds setting.
 */
import * as vscode from 'vscode';
import type { GroupDescription } from '../core/types';
import type { WaitProgress } from '../core/resetSession';
import type { ClusterEntry } from './services';
import { memberText, membersText } from './groupLabels';
import { membersCount } from './l10n';

/** A step under a progress notification whose Cancel aborts it. */
export function withCancel<T>(title: string, work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return work(abort.signal, progress);
  }));
}

/** The members modal's title; waitedSeconds after a wait that ran out. */
export function membersTitle(cluster: ClusterEntry, d: GroupDescription, action: 'reset' | 'delete', waitedSeconds?: number): string {
  if (waitedSeconds !== undefined) return vscode.l10n.t('Group "{0}" still has {1} after waiting {2} s', d.groupId, membersCount(d.members.length), waitedSeconds);
  if (action === 'delete')
    return d.members.length > 0
      ? vscode.l10n.t('Group "{0}" on {1} still has {2}: its offsets cannot be deleted while consumers are in it', d.groupId, cluster.name, membersCount(d.members.length))
      : vscode.l10n.t('Group "{0}" on {1} is {2}: its offsets cannot be deleted until it is Empty', d.groupId, cluster.name, d.state);
  return d.members.length > 0
    ? vscode.l10n.t('Group "{0}" on {1} still has {2}: it cannot be reset while consumers are in it', d.groupId, cluster.name, membersCount(d.members.length))
    : vscode.l10n.t('Group "{0}" on {1} is {2}: it cannot be reset until it is Empty', d.groupId, cluster.name, d.state);
}

/** Who is in the group, why a killed consumer lingers, and what "Wait until empty" does. */
export function membersDetail(d: GroupDescription, seconds: number): string {
  const who = d.members.map((m) => `• ${memberText(m)}${m.assignment.length ? ` — ${m.assignment.slice(0, 6).map((a) => `${a.topic}/${a.partition}`).join(', ')}${m.assignment.length > 6 ? ' …' : ''}` : ''}`);
  return [
    ...(who.length ? [vscode.l10n.t('Members (client id, host):'), ...who.slice(0, 15), ...(who.length > 15 ? [vscode.l10n.t('… and {0} more', who.length - 15)] : []), ''] : []),
    vscode.l10n.t('Stop these consumers first. A consumer that closed cleanly leaves the group at once; one that was killed, crashed or is paused in a debugger stays a member until its session timeout expires (45 s by default for Java clients since Kafka 3.0, 30 s for kafkajs).'),
    '',
    vscode.l10n.t('"Wait until empty" polls the group for up to {0} s (setting kafkaOffsets.waitForEmptySeconds) and continues when the last member has left. Nothing has been changed.', seconds),
  ].join('\n');
}

export function waitMessage(p: WaitProgress): string {
  const left = Math.ceil(p.remainingMs / 1000);
  return p.group.members.length > 0
    ? vscode.l10n.t('{0} s left · {1}: {2}', left, membersCount(p.group.members.length), membersText(p.group.members, 3))
    : vscode.l10n.t('{0} s left · {1}', left, p.group.state);
}

/** The progress notification's bar and message for each poll of a wait (the bar only moves forward). */
export function waitProgress(progress: vscode.Progress<{ message?: string; increment?: number }>): (p: WaitProgress) => void {
  let reported = 0;
  return (p) => {
    const done = Math.round(((p.totalMs - p.remainingMs) / p.totalMs) * 100);
    progress.report({ increment: Math.max(0, done - reported), message: waitMessage(p) });
    reported = Math.max(reported, done);
  };
}
