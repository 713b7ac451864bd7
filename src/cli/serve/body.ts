/**
 * The request body: JSON only, at most 64 KiB, received within the read timeout; then the seed's
 * fields through the same core functions as the CLI's `reset --request` (parseSeedRequest +
 * validateResetInput), so the server and the CLI accept and refuse exactly the same bodies.
 */
import type { IncomingMessage } from 'node:http';
import { ResetRequest, describeIssues, parseSeedRequest, validateResetInput } from '../../core';
import { HttpError } from './errors';
import type { ResetRoute } from './routes';

export const MAX_BODY_BYTES = 64 * 1024;

/** application/json, optionally with charset=utf-8 (the only charset JSON has). */
export function checkContentType(header: string | undefined): void {
  const [type, ...params] = (header ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8'))
    throw new HttpError('unsupportedMediaType', `The body must be sent as Content-Type: application/json${header ? `, not ${JSON.stringify(header.slice(0, 100))}` : ' (the header is missing)'}.`);
}

/** Read the whole body; 413 past the limit, 408 when it does not arrive within timeoutMs. */
export function readBody(req: IncomingMessage, o: { limit?: number; timeoutMs: number }): Promise<string> {
  const limit = o.limit ?? MAX_BODY_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (f: () => void) => {
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('aborted', onAborted);
      f();
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) done(() => reject(tooLarge(limit)));
      else chunks.push(c);
    };
    const onEnd = () =>
      done(() => {
        try {
          resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
        } catch {
          reject(new HttpError('notJson', 'The body is not valid UTF-8, so it is not JSON.'));
        }
      });
    const onError = (e: Error) => done(() => reject(new HttpError('invalidRequest', `The body could not be read: ${e.message}.`)));
    const onAborted = () => done(() => reject(new HttpError('invalidRequest', 'The client closed the connection before the body was complete.')));
    const timer = setTimeout(
      () => done(() => reject(new HttpError('requestTimeout', `The body did not arrive within ${o.timeoutMs} ms (${size} bytes received).`))),
      o.timeoutMs,
    );
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onAborted);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError('bodyTooLarge', `The body is larger than ${limit / 1024} KiB; a reset request is a few dozen bytes.`);
}

/** The seed's body for this route → a validated request, or the 400 that says what is wrong. */
export function resetRequestOf(body: string, r: ResetRoute): ResetRequest {
  const who = `Reset of group ${JSON.stringify(r.group)}`;
  const parsed = parseSeedRequest(body, r.group);
  if (!parsed.ok) throw new HttpError(parsed.reason === 'not-json' ? 'notJson' : 'invalidRequest', `${who} refused: ${parsed.error}`);
  // DMS's PUT makes topic optional: without it, every topic the group has committed offsets for — the
  // engine's all-topics scope (Kafka's --all-topics), so a partition without a topic is refused there.
  const wholeGroup = r.style === 'dms' && (parsed.input.topic === undefined || parsed.input.topic === null);
  const input = wholeGroup ? { ...parsed.input, topic: undefined, allTopics: true } : parsed.input;
  // The seed's timestamps are milliseconds; a seconds-looking value is refused (no override over HTTP).
  const v = validateResetInput({ ...input, allowOldTimestamp: false });
  if (!v.ok) throw new HttpError(v.issues.some((i) => i.field === 'group') ? 'badGroupId' : 'invalidRequest', `${who} refused: ${describeIssues(v.issues)}`);
  return v.request;
}
