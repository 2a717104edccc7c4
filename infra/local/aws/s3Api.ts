import type { ServerResponse } from 'node:http';
import type { S3ObjectStore } from './S3ObjectStore.ts';

/** Longest object key S3 accepts, in bytes. */
const MAX_KEY_BYTES = 1024;

export interface S3ApiOptions {
  readonly store: S3ObjectStore;
  /** The buckets of the platform model (local names); any other is `NoSuchBucket`. */
  readonly buckets: readonly string[];
}

/** A path-style S3 request: `/<bucket>/<key>`. */
export interface S3Request {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const xmlEscape = (text: string): string =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** S3 answers errors in XML, with the code the SDK maps to an exception name. */
const sendS3Error = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  head = false,
): void => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': head ? 0 : Buffer.byteLength(body),
    'x-amz-request-id': crypto.randomUUID(),
  });
  res.end(head ? undefined : body);
};

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` over `size` bytes; `null` when unsatisfiable, `undefined` when absent. */
export const parseRange = (
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | undefined => {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
};

/**
 * The S3 subset the drive's download links need, path-style (`forcePathStyle`): PutObject, GetObject (with
 * `Range`), HeadObject and DeleteObject on the model's buckets. Signatures (header or presigned query, with
 * expiry) are the endpoint's business, checked before any API sees the request.
 */
export class S3Api {
  constructor(private readonly options: S3ApiOptions) {}

  /** Whether a path names one of the platform's buckets (the endpoint routes it here). */
  handles(url: URL): boolean {
    const bucket = url.pathname.split('/')[1] ?? '';
    return this.options.buckets.includes(bucket);
  }

  async handle(request: S3Request, res: ServerResponse): Promise<void> {
    const [, bucket = '', ...rest] = request.url.pathname.split('/');
    const head = request.method === 'HEAD';
    let key: string;
    try {
      key = decodeURIComponent(rest.join('/'));
    } catch {
      sendS3Error(res, 400, 'InvalidURI', 'The key is not valid percent-encoding', head);
      return;
    }
    if (key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES) {
      sendS3Error(res, 400, 'KeyTooLongError', 'Name an object key of 1 to 1024 bytes', head);
      return;
    }
    const { store } = this.options;
    switch (request.method) {
      case 'PUT': {
        const encoding = String(request.headers['content-encoding'] ?? '');
        if (encoding.includes('aws-chunked')) {
          sendS3Error(
            res,
            501,
            'NotImplemented',
            'Send the body unchunked (requestChecksumCalculation: WHEN_REQUIRED)',
          );
          return;
        }
        const type = request.headers['content-type'];
        const stored = await store.put(
          bucket,
          key,
          request.body,
          typeof type === 'string' ? type : 'binary/octet-stream',
        );
        res.writeHead(200, { etag: stored.etag, 'content-length': 0 });
        res.end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        const object = await store.get(bucket, key);
        if (object === null) {
          sendS3Error(res, 404, head ? 'NotFound' : 'NoSuchKey', 'The specified key does not exist.', head);
          return;
        }
        const rangeHeader = request.headers.range;
        const range = parseRange(
          typeof rangeHeader === 'string' ? rangeHeader : undefined,
          object.body.length,
        );
        const common = {
          'content-type': object.contentType,
          etag: object.etag,
          'last-modified': object.lastModified,
          'accept-ranges': 'bytes',
        };
        if (range === null) {
          res.writeHead(416, { 'content-range': `bytes */${object.body.length}`, 'content-length': 0 });
          res.end();
          return;
        }
        const slice = range === undefined ? object.body : object.body.subarray(range.start, range.end + 1);
        res.writeHead(range === undefined ? 200 : 206, {
          ...common,
          'content-length': slice.length,
          ...(range === undefined
            ? {}
            : { 'content-range': `bytes ${range.start}-${range.end}/${object.body.length}` }),
        });
        res.end(head ? undefined : slice);
        return;
      }
      case 'DELETE':
        await store.delete(bucket, key);
        res.writeHead(204);
        res.end();
        return;
      default:
        sendS3Error(res, 405, 'MethodNotAllowed', `${request.method} is not supported on objects here`, head);
    }
  }
}
