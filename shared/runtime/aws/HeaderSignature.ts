import { createHash, createHmac } from 'node:crypto';
import { getCanonicalHeaders, getCanonicalQuery } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, QueryParameterBag } from '@smithy/types';

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** What the signature of a header-signed request covers, as the verifier has read it from the request. */
export interface SignedRequestParts {
  readonly method: string;
  /** The path as received, still percent-encoded. */
  readonly path: string;
  readonly query: QueryParameterBag;
  /** The signed headers' values (lower-case names), repeated ones comma-joined. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's SHA-256 (hex) or the declared `x-amz-content-sha256`. */
  readonly payloadHash: string;
  /** `x-amz-date`: `20260101T120000Z`. */
  readonly amzDate: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
}

/**
 * What @smithy/core's escapeUri does: encodeURIComponent, plus the characters it leaves that SigV4 encodes.
 * Also how the SDK encodes a path parameter (a connection id in PostToConnection's path).
 */
export const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical URI: S3 signs the path as sent; every other service signs it normalised (empty and `.`
 * segments dropped, `..` resolved) and URI-encoded once more — `@smithy/signature-v4`'s `getCanonicalPath`.
 */
const canonicalPath = (path: string, service: string): string => {
  if (service === 's3') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalised).replace(/%2F/g, '/');
};

/**
 * Computes the SigV4 signature of a request signed in its `Authorization` header, canonicalised exactly as
 * `@smithy/signature-v4` signs it (its own header and query canonicalisation; the path rule above, which a
 * test holds equal to its signer's), with node:crypto and a signing key derived once per day, region and
 * service. The SDK's signer re-signs a copy of the whole request through a chain of promises: on the local
 * endpoint, which verifies every PutEvents and every push to a socket, that was the platform thread's largest
 * cost per request after the HTTP parsing (about 50 µs and 16 KB of garbage). Both sides use it: the embedded
 * platform's verifier (`infra/local/aws/SigV4Verifier.ts`) and the WebSocket notifier's pushes
 * (`SignedConnectionPoster`), which sign thousands of identical small requests per broadcast.
 */
export class HeaderSignature {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly credentials: AwsCredentialIdentity) {}

  of(parts: SignedRequestParts): string {
    const canonicalHeaders = getCanonicalHeaders(
      {
        method: parts.method,
        protocol: 'http:',
        hostname: 'localhost',
        path: parts.path,
        headers: { ...parts.headers },
      },
      undefined,
      new Set(Object.keys(parts.headers)),
    );
    const names = Object.keys(canonicalHeaders).sort();
    const canonicalRequest = [
      parts.method,
      canonicalPath(parts.path, parts.service),
      getCanonicalQuery({
        method: parts.method,
        protocol: 'http:',
        hostname: 'localhost',
        path: parts.path,
        query: parts.query,
        headers: {},
      }),
      ...names.map((name) => `${name}:${canonicalHeaders[name]}`),
      '',
      names.join(';'),
      parts.payloadHash,
    ].join('\n');
    const scope = `${parts.shortDate}/${parts.region}/${parts.service}/aws4_request`;
    const stringToSign = `${ALGORITHM}\n${parts.amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    return createHmac('sha256', this.signingKey(parts.shortDate, parts.region, parts.service))
      .update(stringToSign)
      .digest('hex');
  }

  private signingKey(shortDate: string, region: string, service: string): Buffer {
    const id = `${shortDate}/${region}/${service}`;
    let key = this.keys.get(id);
    if (!key) {
      key = Buffer.from(`AWS4${this.credentials.secretAccessKey}`, 'utf8');
      for (const part of [shortDate, region, service, 'aws4_request']) {
        key = createHmac('sha256', key).update(part).digest();
      }
      // A long-running platform sees a new day now and then: keep the few keys of today and yesterday.
      if (this.keys.size > 16) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}
