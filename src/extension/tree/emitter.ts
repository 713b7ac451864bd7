/**
 * A minimal event emitter with vscode.Event's shape (subscribe returns something to dispose), so the
 * tree's store can announce changes without importing vscode.
 */
export type Listener<T> = (e: T) => void;
export type Subscribe<T> = (listener: Listener<T>) => { dispose(): void };

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event: Subscribe<T> = (listener) => {
    // A wrapper per subscription: the same function subscribed twice is two subscriptions.
    const own: Listener<T> = (e) => listener(e);
    this.listeners.add(own);
    return { dispose: () => void this.listeners.delete(own) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
