import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a request body whole; the endpoint's APIs all take small bodies. */
export const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

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
