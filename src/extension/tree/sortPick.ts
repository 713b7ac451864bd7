/**
 * The view title's "Sort Groups…": a quick pick of the three orders (name, lag, time lag), the current
 * one marked and active. The choice is saved in the kafkaOffsets.groupSort setting (see
 * settings.setViewSetting for where), so it survives reloads and the menus' `when` clauses can read it.
 */
import * as vscode from 'vscode';
import { groupSort, setViewSetting } from '../settings';
import { sortChoices, type GroupSort } from './selection';

export async function pickGroupSort(): Promise<void> {
  const items = sortChoices(groupSort()).map((c) => ({
    label: c.label,
    description: c.current ? vscode.l10n.t('current') : undefined,
    detail: c.detail,
    sort: c.sort,
    current: c.current,
  }));
  const qp = vscode.window.createQuickPick<(typeof items)[number]>();
  qp.title = vscode.l10n.t('Sort Consumer Groups');
  qp.placeholder = vscode.l10n.t('How the Consumer Groups view orders groups');
  qp.items = items;
  qp.activeItems = items.filter((i) => i.current);
  const chosen = await new Promise<GroupSort | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]?.sort ?? qp.activeItems[0]?.sort));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (chosen) await setViewSetting('groupSort', chosen);
}
