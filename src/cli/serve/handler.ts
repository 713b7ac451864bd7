/**
 * One request, start to finish, in the order that gives away least to a stranger: route (404/405),
 * token (401), instance (404), content type (415), body (413/408/400), then the reset itself.
 * Every failure is an HttpError answered as {error_code, error_msg}; the access log gets one line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { HttpError, httpErrorOf } from './errors';
import { route } from './routes';
import { checkContentType, readBody, resetRequestOf } from './body';
import type { Authenticator } from './auth';
import type { Resets } from './reset';
import { accessLine } from './accessLog';

export interface HandlerState {
  /** Set by SIGTERM: new requests get 503, the ones in flight finish. */
  draining: boolean;
  /** Requests being handled (body being read or reset running). */
  inFlight: number;
}

export interface HandlerOptions {
  auth: Authenticator;
  resets: Resets;
  maxConcurrent: number;
  readTimeoutMs: number;
  log: (line: string) => void;
  /** Called after each request finished (shutdown waits for inFlight to reach 0). */
  onIdle: () => void;
}

function send(res: ServerResponse, status: number, body: string | undefined, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...(body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

export function createHandler(state: HandlerState, o: HandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = req.method ?? '';
    const target = req.url ?? '';
    let group: string | undefined;
    let snapshot: string | undefined;
    let status = 500;
    let counted = false;
    try {
      if (state.draining) throw new HttpError('shuttingDown', 'The server is shutting down; retry against another instance or after it restarted.', { 'Retry-After': '5' });
      const r = route(method, target);
      if (r.kind === 'healthz') {
        status = 200;
        send(res, 200, method === 'HEAD' ? undefined : JSON.stringify({ status: 'ok' }));
        return;
      }
      group = r.group;
      state.inFlight++;
      counted = true;
      if (state.inFlight > o.maxConcurrent)
        throw new HttpError('serverBusy', `The server is already handling ${o.maxConcurrent} requests; retry in a moment.`, { 'Retry-After': '1' });
      o.auth(req.headers);
      const instance = o.resets.instance(r.instanceId);
      checkContentType(req.headers['content-type']);
      const body = await readBody(req, { timeoutMs: o.readTimeoutMs });
      const request = resetRequestOf(body, r);
      const out = await o.resets.reset(instance, request, r.dryRun, (f) => (snapshot = f));
      // Finishing during shutdown: the connection ends with this answer, after it is flushed.
      const close: Record<string, string> = state.draining ? { Connection: 'close' } : {};
      if (out.dryRun) {
        status = 200;
        send(res, 200, JSON.stringify(out.body), close);
      } else {
        status = 204;
        send(res, 204, undefined, { 'X-Snapshot': path.basename(out.snapshotFile), ...close });
      }
    } catch (e) {
      const err = httpErrorOf(e);
      status = err.status;
      // A body we did not read to the end must not be parsed as the next request on this connection.
      const close: Record<string, string> = !req.complete || state.draining ? { Connection: 'close' } : {};
      // A reset that failed after its snapshot (a member joined at the last moment, a partition not applied).
      const snap: Record<string, string> = snapshot ? { 'X-Snapshot': path.basename(snapshot) } : {};
      send(res, err.status, err.body(), { ...err.headers, ...close, ...snap });
    } finally {
      if (counted) state.inFlight--;
      o.log(accessLine({ method, target, group, status, ms: Date.now() - started, snapshot }));
      o.onIdle();
    }
  };
}
