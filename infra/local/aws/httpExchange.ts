import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestBodyTooLargeError, readRequestBody } from '../http/readRequestBody.ts';

/**
 * Reads a request body of at most `limitBytes` — each API knows its own limit — or, past it, answers through
 * `tooLarge` (a 413) and resolves to `undefined`. An oversized body is refused by its declared length before
 * a byte is read, or as soon as the streamed bytes pass the limit; the rest is discarded as it arrives
 * (never kept) and the connection closed after the answer.
 */
export const readBoundedBody = async (
  req: IncomingMessage,
  res: ServerResponse,
  limitBytes: number,
  tooLarge: (res: ServerResponse) => void,
): Promise<Buffer | undefined> => {
  try {
    return await readRequestBody(req, limitBytes);
  } catch (error) {
    if (!(error instanceof RequestBodyTooLargeError)) throw error;
    res.setHeader('connection', 'close');
    tooLarge(res);
    req.resume();
    return undefined;
  }
};

/** Writes a JSON body with the given content type (AWS protocols differ only in it). */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
    ...headers,
  });
  res.end(text);
};

/**
 * An AWS error the SDK v3 recognises by name: both the `x-amzn-errortype` header (REST protocols) and
 * `__type` (JSON 1.1) carry the code; `message` and `Message` the text, as different services spell it.
 */
export const sendAwsError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  contentType = 'application/json',
): void =>
  sendJson(
    res,
    status,
    { __type: code, message, Message: message, Type: status < 500 ? 'User' : 'Service' },
    { 'x-amzn-errortype': code },
    contentType,
  );
