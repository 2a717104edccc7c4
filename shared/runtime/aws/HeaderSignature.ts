import { createHmac, hash } from 'node:crypto';
import type { AwsCredentialIdentity, QueryParameterBag } from '@smithy/types';
import { HmacSha256 } from './HmacSha256.ts';

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

/** `x-amz-date`'s form: `20261130T070000Z`. */
export const amzDateOf = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * What @smithy/core's escapeUri does: encodeURIComponent, plus the characters it leaves that SigV4 encodes.
 * Also how the SDK encodes a path parameter (a connection id in PostToConnection's path).
 */
export const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Headers the SDK's signer never signs unless told to (`@smithy/signature-v4`'s list), besides `proxy-*` and
 * `sec-*` ones: hop-by-hop headers, and ones proxies and tracing add or change on the way.
 */
const UNSIGNABLE_HEADERS = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** What makes a header value differ from its canonical form: a line break or tab, a run of blanks, an end blank. */
const NOT_CANONICAL = /[\r\n\t]| {2}|^ | $/;

/**
 * A header value as SigV4 signs it: line breaks and runs of blanks made one space, one space trimmed at each end.
 * Most values are already so, and are answered as they are: a verifier canonicalises every signed header of
 * every request it checks.
 */
const canonicalValue = (value: string): string =>
  NOT_CANONICAL.test(value)
    ? value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, '')
    : value;

/**
 * SigV4's canonical headers as the SDK's signer writes them: lower-case names (for names differing only in
 * case, the last in sorted order wins), values with line breaks and runs of blanks made one space and one
 * space trimmed at each end. With `signAll` false the headers the SDK never signs are left out; true signs
 * every header given (what a verifier does with the request's `SignedHeaders`). Sorted by name.
 */
export const canonicalHeadersOf = (
  headers: Readonly<Record<string, string | undefined>>,
  signAll: boolean,
): [name: string, value: string][] => {
  const canonical = new Map<string, string>();
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name];
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    if (
      !signAll &&
      (UNSIGNABLE_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-'))
    ) {
      continue;
    }
    canonical.set(lower, canonicalValue(value));
  }
  return [...canonical.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

/**
 * SigV4's canonical query string: names and values URI-encoded, a repeated name's values sorted, pairs sorted
 * by encoded name, the signature parameter itself left out.
 */
const canonicalQueryOf = (query: QueryParameterBag): string => {
  const serialized = new Map<string, string>();
  for (const [key, value] of Object.entries(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const name = escapeUri(key);
    if (typeof value === 'string') serialized.set(name, `${name}=${escapeUri(value)}`);
    else if (Array.isArray(value)) {
      serialized.set(
        name,
        value
          .map((v) => `${name}=${escapeUri(v)}`)
          .sort()
          .join('&'),
      );
    } else serialized.set(name, '');
  }
  return [...serialized.keys()]
    .sort()
    .map((name) => serialized.get(name))
    .filter((pair) => pair)
    .join('&');
};

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
 * `@smithy/signature-v4` signs it (the header, query and path rules above, which property tests hold equal to
 * its signer's; written here, not imported, because the SDK is left out of a function's bundle — the Lambda
 * runtime has it — and the signer package and its share of `@smithy/core` would be bundled into every
 * function), with node:crypto and a signing key derived once per day, region and service. The SDK's signer
 * re-signs a copy of the whole request through a chain of promises: on the local endpoint, which verifies every
 * PutEvents and every push to a socket, that was the platform thread's largest cost per request after the HTTP
 * parsing (about 50 µs and 16 KB of garbage). Used by the embedded platform's verifier
 * (`infra/local/aws/SigV4Verifier.ts`), the WebSocket notifier's pushes (`SignedConnectionPoster`), which sign
 * thousands of identical small requests per broadcast, and the kit's SDK clients (`HeaderSigner`).
 */
export class HeaderSignature {
  private readonly keys = new Map<string, HmacSha256>();

  constructor(private readonly credentials: AwsCredentialIdentity) {}

  of(parts: SignedRequestParts): string {
    return this.ofCanonical(parts, canonicalHeadersOf(parts.headers, true));
  }

  /** The signature over headers already in canonical form ({@link canonicalHeadersOf}), which it signs. */
  ofCanonical(
    parts: Omit<SignedRequestParts, 'headers'>,
    headers: readonly (readonly [name: string, value: string])[],
  ): string {
    const canonicalRequest = [
      parts.method,
      canonicalPath(parts.path, parts.service),
      canonicalQueryOf(parts.query),
      ...headers.map(([name, value]) => `${name}:${value}`),
      '',
      headers.map(([name]) => name).join(';'),
      parts.payloadHash,
    ].join('\n');
    const scope = `${parts.shortDate}/${parts.region}/${parts.service}/aws4_request`;
    // One-shot hashes, not createHash/createHmac objects: see HmacSha256.
    const stringToSign = `${ALGORITHM}\n${parts.amzDate}\n${scope}\n${hash('sha256', canonicalRequest, 'hex')}`;
    return this.signingKey(parts.shortDate, parts.region, parts.service).hex(stringToSign);
  }

  private signingKey(shortDate: string, region: string, service: string): HmacSha256 {
    const id = `${shortDate}/${region}/${service}`;
    let signing = this.keys.get(id);
    if (!signing) {
      let key = Buffer.from(`AWS4${this.credentials.secretAccessKey}`, 'utf8');
      for (const part of [shortDate, region, service, 'aws4_request']) {
        key = createHmac('sha256', key).update(part).digest();
      }
      signing = new HmacSha256(key);
      // A long-running platform sees a new day now and then: keep the few keys of today and yesterday.
      if (this.keys.size > 16) this.keys.clear();
      this.keys.set(id, signing);
    }
    return signing;
  }
}

/**
 * The {@link HeaderSignature} of the credentials last given, kept while they stay the same (its signing keys
 * with it): for signers whose credentials are refreshed now and then (a Lambda function's).
 */
export class CurrentSignature {
  private current: { readonly secret: string; readonly signature: HeaderSignature } | undefined;

  of(credentials: AwsCredentialIdentity): HeaderSignature {
    if (this.current?.secret !== credentials.secretAccessKey) {
      this.current = { secret: credentials.secretAccessKey, signature: new HeaderSignature(credentials) };
    }
    return this.current.signature;
  }
}
