/**
 * Multi-step quick input: quick picks and input boxes with a Back button, busy state while items load
 * from Kafka, and live validation. Shared by the reset flow, cluster add/edit and import.
 */
import * as vscode from 'vscode';

/** Returned when the user pressed Back; undefined means Escape (cancel everything). */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Show the Back button. */
  back?: boolean;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepInfo {
  placeholder?: string;
  /** Items, or a promise of them: the pick shows a busy indicator until they arrive. */
  items: T[] | Promise<T[]>;
  active?: (item: T) => boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Offer the typed text as an extra item (e.g. a group id that does not exist yet). */
  custom?: (value: string, items: readonly T[]) => T | undefined;
}

export function pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T | Back | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  const disposables: vscode.Disposable[] = [qp];
  qp.title = o.title;
  qp.step = o.step;
  qp.totalSteps = o.totalSteps;
  qp.placeholder = o.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = o.matchOnDescription ?? true;
  qp.matchOnDetail = o.matchOnDetail ?? false;
  qp.buttons = o.back ? [vscode.QuickInputButtons.Back] : [];
  let base: T[] = [];
  const setItems = (items: T[]) => {
    base = items;
    const extra = o.custom?.(qp.value, items);
    qp.items = extra ? [extra, ...items] : items;
    // Never a separator: an active separator makes Enter do nothing.
    const active = o.active ? items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && o.active!(i)) : undefined;
    if (active) qp.activeItems = [active];
  };
  return new Promise<T | Back | undefined>((resolve, reject) => {
    let done = false;
    const finish = (v: T | Back | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      disposables.forEach((d) => d.dispose());
    };
    disposables.push(
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      qp.onDidAccept(() => {
        const sel = qp.selectedItems[0] ?? qp.activeItems[0];
        if (sel && sel.kind !== vscode.QuickPickItemKind.Separator) finish(sel);
      }),
      qp.onDidHide(() => finish(undefined)),
    );
    if (o.custom) disposables.push(qp.onDidChangeValue(() => setItems(base)));
    if (Array.isArray(o.items)) setItems(o.items);
    else {
      qp.busy = true;
      qp.enabled = true;
      o.items.then(
        (items) => {
          qp.busy = false;
          setItems(items);
        },
        (e) => {
          // A failed load ends the flow with the error: the command wrapper reports it.
          done = true;
          disposables.forEach((d) => d.dispose());
          reject(e);
        },
      );
    }
    qp.show();
  });
}

export interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Live validation: undefined = fine; a Warning still lets the user accept. */
  validate?: (value: string) => vscode.InputBoxValidationMessage | undefined;
}

export function input(o: InputOptions): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  const disposables: vscode.Disposable[] = [box];
  box.title = o.title;
  box.step = o.step;
  box.totalSteps = o.totalSteps;
  box.prompt = o.prompt;
  box.placeholder = o.placeholder;
  box.value = o.value ?? '';
  box.password = o.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = o.back ? [vscode.QuickInputButtons.Back] : [];
  const check = () => {
    const m = o.validate?.(box.value);
    box.validationMessage = m;
    return m;
  };
  if (box.value) check();
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | Back | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      disposables.forEach((d) => d.dispose());
    };
    disposables.push(
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      box.onDidChangeValue(() => check()),
      box.onDidAccept(() => {
        const m = check();
        if (m && m.severity === vscode.InputBoxValidationSeverity.Error) return;
        finish(box.value);
      }),
      box.onDidHide(() => finish(undefined)),
    );
    box.show();
  });
}

export function error(message: string): vscode.InputBoxValidationMessage {
  return { message, severity: vscode.InputBoxValidationSeverity.Error };
}

export function warning(message: string): vscode.InputBoxValidationMessage {
  return { message, severity: vscode.InputBoxValidationSeverity.Warning };
}

/**
 * Run steps in order; Back goes to the previous step that was actually shown. A step returns 'next',
 * 'back', or 'cancel'. A step whose `skip()` is true (e.g. the cluster came from the tree node) is
 * passed over in both directions.
 */
export interface Step {
  skip?: () => boolean;
  run: (hasBack: boolean) => Promise<'next' | 'back' | 'cancel'>;
}

export async function runSteps(steps: Step[]): Promise<boolean> {
  const shown: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const s = steps[i];
    if (s.skip?.()) {
      i++;
      continue;
    }
    const r = await s.run(shown.length > 0);
    if (r === 'cancel') return false;
    if (r === 'back') {
      const prev = shown.pop();
      if (prev === undefined) return false;
      i = prev;
      continue;
    }
    shown.push(i);
    i++;
  }
  return true;
}

/** Map a pick/input result onto a step outcome, storing the value on 'next'. */
export function outcome<T>(r: T | Back | undefined, store: (v: T) => void): 'next' | 'back' | 'cancel' {
  if (r === undefined) return 'cancel';
  if (r === BACK) return 'back';
  store(r as T);
  return 'next';
}
