/**
 * Checks every message from the Group Details webview before the host acts on it (the webview is
 * untrusted input, as for the reset form: ./protocolGuard holds the shared shape checks). Only two
 * messages exist and neither carries data beyond a request id. No vscode import.
 */
import type { DetailsToHost } from '../protocol';
import { idProblem, isPlainObject, keysProblem, printable } from './protocolGuard';

export type DetailsGuardResult = { ok: true; message: DetailsToHost } | { ok: false; reason: string };

export function checkDetailsMessage(raw: unknown): DetailsGuardResult {
  if (!isPlainObject(raw)) return { ok: false, reason: 'not an object' };
  const type = raw.type;
  if (type === 'ready') {
    const k = keysProblem(raw, ['type'], '"ready" message');
    return k ? { ok: false, reason: k } : { ok: true, message: { type: 'ready' } };
  }
  if (type === 'refresh') {
    const k = keysProblem(raw, ['type', 'requestId'], '"refresh" message') ?? idProblem(raw.requestId, 'requestId');
    return k ? { ok: false, reason: k } : { ok: true, message: { type: 'refresh', requestId: raw.requestId as string } };
  }
  return { ok: false, reason: typeof type === 'string' ? `unknown message type ${printable(type)}` : 'no message type' };
}

/** checkDetailsMessage, logging what was dropped (the reason only, never the payload). undefined = ignore. */
export function acceptDetailsMessage(raw: unknown, log: { warn(message: string): void }): DetailsToHost | undefined {
  let r: DetailsGuardResult;
  try {
    r = checkDetailsMessage(raw);
  } catch {
    r = { ok: false, reason: 'unreadable message' };
  }
  if (r.ok) return r.message;
  log.warn(`Group Details: ignored a malformed message from the webview (${r.reason}).`);
  return undefined;
}
