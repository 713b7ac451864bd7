/**
 * Deadlines and cancellation for anything that waits on Kafka. kafkajs has its own timeouts, but not
 * for every path (metadata retries, locks), so every engine call is also raced against a timer and the
 * caller's AbortSignal. The timer is always cleared, so a finished call leaves nothing keeping Node alive.
 */
import { KafkaOffsetsError } from './errors';

export function cancelledError(what: string): KafkaOffsetsError {
  return new KafkaOffsetsError('cancelled', `Cancelled while ${what}.`);
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelledError(what);
}

/**
 * Run fn; reject with onTimeout() after ms, or with a cancellation error when signal aborts.
 * onGiveUp runs when we stop waiting (timeout or cancel), e.g. to close sockets.
 */
export function withDeadline<T>(
  fn: () => Promise<T>,
  opts: { ms: number; what: string; signal?: AbortSignal; onTimeout: () => Error; onGiveUp?: () => void },
): Promise<T> {
  throwIfAborted(opts.signal, opts.what);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void, gaveUp: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (gaveUp) opts.onGiveUp?.();
      action();
    };
    const onAbort = () => finish(() => reject(cancelledError(opts.what)), true);
    const timer = setTimeout(() => finish(() => reject(opts.onTimeout()), true), opts.ms);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    fn().then(
      (v) => finish(() => resolve(v), false),
      (e) => finish(() => reject(e), false),
    );
  });
}

/** A cancellable sleep. */
export function sleep(ms: number, signal?: AbortSignal, what = 'waiting'): Promise<void> {
  throwIfAborted(signal, what);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelledError(what));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Run tasks with at most `limit` in flight (lag of hundreds of groups without a request storm). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Groups planned at once by several-group commands: enough to hide round trips, few enough not to flood a coordinator. */
export const PLANS_IN_FLIGHT = 8;

/**
 * mapLimit for a batch that one failure ends: the first failure aborts the calls still in flight
 * (through the signal each call gets), no further item starts, and that first failure is thrown. The
 * caller's signal aborts them all too. For read-only work such as planning many groups: a broker that
 * stops answering fails the batch once, not once per group after each one's deadline.
 */
export async function mapLimitFailFast<T, R>(items: T[], limit: number, signal: AbortSignal | undefined, fn: (item: T, signal: AbortSignal, i: number) => Promise<R>): Promise<R[]> {
  const ac = new AbortController();
  const stop = () => ac.abort();
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  let failure: { error: unknown } | undefined;
  try {
    return await mapLimit(items, limit, async (item, i) => {
      if (failure) throw failure.error;
      // A signal per item, so the shared one holds at most `limit` listeners (each call adds its own).
      const own = new AbortController();
      const abortOwn = () => own.abort();
      if (ac.signal.aborted) abortOwn();
      else ac.signal.addEventListener('abort', abortOwn, { once: true });
      try {
        return await fn(item, own.signal, i);
      } catch (e) {
        failure ??= { error: e };
        ac.abort();
        throw failure.error;
      } finally {
        ac.signal.removeEventListener('abort', abortOwn);
      }
    });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
