/**
 * The store's changes of one turn of the event loop, handed on once: a lag batch announces thousands
 * of groups in a row, and VS Code told once per group re-asks for each row and recounts the view's
 * description each time. One change of the root (undefined) stands for all. No vscode import.
 */
export class TurnBatch<T> {
  private pending: Set<T> | 'all' | undefined;

  /**
   * @param flush gets the turn's changes: the nodes, or undefined for the root
   * @param later runs its function on a later turn (setTimeout 0; tests pass their own)
   */
  constructor(
    private readonly flush: (nodes: T[] | undefined) => void,
    private readonly later: (fn: () => void) => void = (fn) => void setTimeout(fn, 0),
  ) {}

  /** One node changed, or (undefined) everything from the root. */
  add(node: T | undefined): void {
    const first = this.pending === undefined;
    if (node === undefined) this.pending = 'all';
    else if (this.pending !== 'all') {
      this.pending ??= new Set();
      this.pending.add(node);
    }
    if (!first) return;
    this.later(() => {
      const p = this.pending;
      this.pending = undefined;
      this.flush(p === 'all' || p === undefined ? undefined : [...p]);
    });
  }
}
