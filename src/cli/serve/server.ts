/**
 * The server's life: listen, limits on slow clients, and a graceful end. On SIGTERM (or Ctrl-C) the
 * listener stays open so that new requests get a clear 503 rather than a refused connection, the
 * requests already in flight finish (a reset is never cut between snapshot and commit), and then the
 * Kafka connections close and the process exits 0.
 */
import * as http from 'node:http';
import { KafkaOffsetsError } from '../../core';
import type { Duplex } from 'node:stream';
import { createHandler, HandlerState } from './handler';
import { HttpError } from './errors';
import { accessLine } from './accessLog';
import type { Authenticator } from './auth';
import type { Resets } from './reset';

export interface ServeOptions {
  host: string;
  port: number;
  auth: Authenticator;
  resets: Resets;
  maxConcurrent: number;
  /** Headers and body must arrive within this (a slow client cannot hold a connection). */
  readTimeoutMs: number;
  /** If requests in flight have not finished this long after SIGTERM, exit 1 anyway. */
  drainTimeoutMs: number;
  log: (line: string) => void;
}

export interface RunningServer {
  address: { host: string; port: number };
  /** Start the graceful shutdown (idempotent). */
  drain(why: string): void;
  /** Resolves with the exit code once the server has stopped. */
  stopped: Promise<number>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const state: HandlerState = { draining: false, inFlight: 0 };
  let finish!: (code: number) => void;
  const stopped = new Promise<number>((r) => (finish = r));
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // close() waits for open connections: the last answers are flushed, not cut. Idle keep-alive
    // connections go now; anything still open a second later is closed.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    });
    await o.resets.close();
    finish(code);
  };
  const onIdle = () => {
    if (state.draining && state.inFlight === 0) void stop(0);
  };

  const server = http.createServer(
    {
      headersTimeout: o.readTimeoutMs,
      // A backstop behind readBody's own timer (which answers with our JSON 408 first).
      requestTimeout: o.readTimeoutMs + 5_000,
      keepAliveTimeout: 5_000,
      // How often Node checks the two timeouts above (default 30 s would let a slow client linger).
      connectionsCheckingInterval: Math.min(1_000, o.readTimeoutMs),
    },
    createHandler(state, { auth: o.auth, resets: o.resets, maxConcurrent: o.maxConcurrent, readTimeoutMs: o.readTimeoutMs, log: o.log, onIdle }),
  );
  server.maxConnections = o.maxConcurrent * 8;
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Duplex) => answerClientError(e, socket, o));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new KafkaOffsetsError('kafka', `Cannot listen on ${o.host}:${o.port}: ${e.code === 'EADDRINUSE' ? 'the address is already in use' : e.message}.`)),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  server.on('error', (e) => o.log(`server error: ${e.message}`));
  const a = server.address();
  const address = typeof a === 'object' && a ? { host: a.address, port: a.port } : { host: o.host, port: o.port };

  return {
    address,
    stopped,
    drain(why: string) {
      if (state.draining) return;
      state.draining = true;
      o.log(`${why}: shutting down; ${state.inFlight} request(s) in flight will finish, new requests get 503.`);
      server.closeIdleConnections();
      const t = setTimeout(() => {
        o.log(`${state.inFlight} request(s) still in flight ${o.drainTimeoutMs} ms after ${why}; exiting anyway.`);
        void stop(1);
      }, o.drainTimeoutMs);
      t.unref();
      void stopped.then(() => clearTimeout(t));
      onIdle();
    },
  };
}

/**
 * What Node's parser refuses before our handler sees a request — headers that never finish (slowloris),
 * oversized headers, bytes that are not HTTP — answered in the same JSON shape and logged like the rest.
 */
function answerClientError(e: NodeJS.ErrnoException, socket: Duplex, o: ServeOptions): void {
  const err =
    e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new HttpError('requestTimeout', `The request did not arrive within ${o.readTimeoutMs} ms.`)
      : e.code === 'HPE_HEADER_OVERFLOW'
        ? new HttpError('headersTooLarge', 'The request headers are too large.')
        : new HttpError('invalidRequest', 'This is not a well-formed HTTP/1.1 request.');
  // A reset connection, or one whose answer has started, cannot take another answer.
  if (e.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const body = err.body();
  socket.end(
    `HTTP/1.1 ${err.status} ${http.STATUS_CODES[err.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
  o.log(accessLine({ method: '-', target: '-', status: err.status, ms: 0 }));
}
