import { timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest, QueryParameterBag } from '@smithy/types';
import { HeaderSignature } from '../../../shared/runtime/aws/HeaderSignature.ts';
import { LastBodyHash } from '../../../shared/runtime/aws/LastBodyHash.ts';
import { NodeSha256 } from '../../../shared/runtime/aws/NodeSha256.ts';
import { WEBSOCKET_MAX_MESSAGE_BYTES } from '../../../shared/runtime/websocket/webSocketLimits.ts';

/** A request as it reached the endpoint, before anything is decoded. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query exactly as received (`req.url`), still percent-encoded. */
  readonly url: string;
  /** Header values by lower-case name (`req.headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

/** What the signature says about a request: who signed it, or why it is refused (with AWS's error code). */
export type SignatureCheck =
  | {
      readonly valid: true;
      readonly accessKeyId: string;
      readonly region: string;
      readonly service: string;
      /** Signed in the query string (a presigned URL) rather than the `Authorization` header. */
      readonly presigned: boolean;
    }
  | { readonly valid: false; readonly status: 400 | 403; readonly code: string; readonly message: string };

/** Options of {@link SigV4Verifier}. */
export interface SigV4VerifierOptions {
  /** The one identity that may call: what IAM would know as the caller's access key. */
  readonly credentials: AwsCredentialIdentity;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const CONTENT_SHA256 = 'x-amz-content-sha256';
/** AWS refuses a request whose signing time is further than this from its own clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned URL may be valid (SigV4: 7 days). */
const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;
/** Payload hashes that say the body is not signed; any other value must be the body's SHA-256. */
const UNSIGNED_PAYLOADS = new Set(['UNSIGNED-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER']);

type Failure = 'missing' | 'malformed' | 'unknownKey' | 'mismatch' | 'skewed' | 'expired' | 'payload';

// S3 names its errors differently from the JSON and REST services; SDK clients recognise each by its own.
const ERROR_CODES: Record<Failure, { status: 400 | 403; code: string; s3: string }> = {
  missing: { status: 403, code: 'MissingAuthenticationTokenException', s3: 'AccessDenied' },
  malformed: { status: 400, code: 'IncompleteSignatureException', s3: 'AuthorizationQueryParametersError' },
  unknownKey: { status: 403, code: 'UnrecognizedClientException', s3: 'InvalidAccessKeyId' },
  mismatch: { status: 403, code: 'InvalidSignatureException', s3: 'SignatureDoesNotMatch' },
  skewed: { status: 403, code: 'InvalidSignatureException', s3: 'RequestTimeTooSkewed' },
  expired: { status: 403, code: 'AccessDeniedException', s3: 'AccessDenied' },
  payload: { status: 400, code: 'InvalidSignatureException', s3: 'XAmzContentSHA256Mismatch' },
};

const refuse = (failure: Failure, message: string, service?: string): SignatureCheck => {
  const { status, code, s3 } = ERROR_CODES[failure];
  return { valid: false, status, code: service === 's3' ? s3 : code, message };
};

interface CredentialScope {
  readonly accessKeyId: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
}

/** `AKID/20260101/eu-west-1/events/aws4_request` → its parts. */
const parseScope = (credential: string | undefined): CredentialScope | undefined => {
  const parts = credential?.split('/');
  if (parts?.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(shortDate) || !region || !service) return undefined;
  return { accessKeyId, shortDate, region, service };
};

/** `20260101T120000Z` → epoch ms. */
const parseAmzDate = (text: string | undefined): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
};

/** The query string decoded into the bag the signer canonicalises (repeated keys become arrays). */
const parseQuery = (raw: string): QueryParameterBag | undefined => {
  const query: Record<string, string | string[]> = {};
  try {
    for (const pair of raw === '' ? [] : raw.split('&')) {
      const at = pair.indexOf('=');
      const key = decodeURIComponent(at === -1 ? pair : pair.slice(0, at));
      const value = at === -1 ? '' : decodeURIComponent(pair.slice(at + 1));
      const previous = query[key];
      query[key] =
        previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
  } catch {
    return undefined;
  }
  return query;
};

const single = (value: string | string[] | null | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

const sameSignature = (computed: string | undefined, given: string): boolean => {
  if (computed === undefined || computed.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(computed), Buffer.from(given));
};

/**
 * Verifies AWS Signature Version 4, as AWS does before IAM looks at a request: the `Authorization` header
 * form (what SDK clients, the AWS CLI and boto3 send) and the query-string form of presigned URLs
 * (`X-Amz-Signature`, with `X-Amz-Expires`). The signature is recomputed over the request as received — the
 * header form by {@link HeaderSignature} (canonicalised as `@smithy/signature-v4` does, without re-signing a
 * copy of the request), the query form by `@smithy/signature-v4` — and compared in constant time; the signing time must be within 15 minutes of the
 * clock (a presigned URL: not expired), and a declared `x-amz-content-sha256` must be the body's.
 *
 * @example
 * const check = await new SigV4Verifier({ credentials }).verify({ method, url: req.url, headers: req.headersDistinct, body });
 * if (!check.valid) sendAwsError(res, check.status, check.code, check.message);
 */
export class SigV4Verifier {
  // S3 signs the path as sent; every other service signs it URI-encoded once more.
  private readonly signers = new Map<boolean, SignatureV4>();
  private readonly headerSignature: HeaderSignature;
  /** Bodies up to a WebSocket message's size: a broadcast posts one to every connection. */
  private readonly bodyHash = new LastBodyHash(WEBSOCKET_MAX_MESSAGE_BYTES);

  constructor(private readonly options: SigV4VerifierOptions) {
    this.headerSignature = new HeaderSignature(options.credentials);
  }

  async verify(request: ReceivedRequest): Promise<SignatureCheck> {
    const queryAt = request.url.indexOf('?');
    const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const query = parseQuery(queryAt === -1 ? '' : request.url.slice(queryAt + 1));
    if (query === undefined) return refuse('malformed', 'The query string is not valid percent-encoding.');
    const authorization = request.headers.authorization?.[0];
    if (authorization !== undefined) return this.verifyHeader(request, path, query, authorization);
    if (query['X-Amz-Signature'] !== undefined) return this.verifyQuery(request, path, query);
    return refuse('missing', 'Missing Authentication Token: sign the request (AWS SigV4).');
  }

  private async verifyHeader(
    request: ReceivedRequest,
    path: string,
    query: QueryParameterBag,
    authorization: string,
  ): Promise<SignatureCheck> {
    const fields = new Map<string, string>();
    const [algorithm, ...rest] = authorization.split(' ');
    for (const field of rest.join(' ').split(/,\s*/)) {
      const at = field.indexOf('=');
      if (at > 0) fields.set(field.slice(0, at).trim(), field.slice(at + 1).trim());
    }
    const scope = parseScope(fields.get('Credential'));
    const signedHeaders = fields.get('SignedHeaders')?.split(';') ?? [];
    const signature = fields.get('Signature');
    if (algorithm !== ALGORITHM || !scope || !signature || signedHeaders.length === 0) {
      return refuse(
        'malformed',
        `Authorization header requires ${ALGORITHM} with Credential, SignedHeaders and Signature.`,
      );
    }
    const { service } = scope;
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
      return refuse('malformed', 'The signed headers must include host and x-amz-date.', service);
    }
    const known = this.checkScope(scope, request.headers['x-amz-date']?.[0]);
    if (!known.ok) return known.refusal;
    const skew = Math.abs(this.now() - known.signedAt);
    if (skew > MAX_CLOCK_SKEW_MS) {
      return refuse(
        'skewed',
        'Signature expired: the signing time is more than 15 minutes from the local clock.',
        service,
      );
    }

    const declared = request.headers[CONTENT_SHA256]?.[0];
    if (declared !== undefined && !UNSIGNED_PAYLOADS.has(declared)) {
      if (!/^[0-9a-f]{64}$/.test(declared)) {
        return refuse('payload', `${CONTENT_SHA256} "${declared}" is not supported locally.`, service);
      }
      if (declared !== this.bodyHash.of(request.body)) {
        return refuse('payload', `The provided ${CONTENT_SHA256} does not match the body.`, service);
      }
    }
    const headers = this.signedHeaderValues(request, signedHeaders);
    if (!headers) return refuse('mismatch', 'A signed header is missing from the request.', service);
    // The declared payload hash stands for the body even when the client did not sign the header (S3 does).
    if (declared !== undefined) headers[CONTENT_SHA256] = declared;

    const computed = this.headerSignature.of({
      method: request.method,
      path,
      query,
      headers,
      payloadHash: declared ?? this.bodyHash.of(request.body),
      amzDate: request.headers['x-amz-date']?.[0] ?? '',
      shortDate: scope.shortDate,
      region: scope.region,
      service,
    });
    if (!sameSignature(computed, signature)) return this.mismatch(service);
    return { valid: true, accessKeyId: scope.accessKeyId, region: scope.region, service, presigned: false };
  }

  private async verifyQuery(
    request: ReceivedRequest,
    path: string,
    query: QueryParameterBag,
  ): Promise<SignatureCheck> {
    const scope = parseScope(single(query['X-Amz-Credential']));
    const signature = single(query['X-Amz-Signature']);
    const expires = Number(single(query['X-Amz-Expires']));
    const signedHeaders = single(query['X-Amz-SignedHeaders'])?.split(';') ?? [];
    if (single(query['X-Amz-Algorithm']) !== ALGORITHM || !scope || !signature) {
      return refuse(
        'malformed',
        `Query-string authentication requires X-Amz-Algorithm ${ALGORITHM}, X-Amz-Credential and X-Amz-Signature.`,
      );
    }
    const { service } = scope;
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_SECONDS) {
      return refuse('malformed', 'X-Amz-Expires must be a number of seconds from 1 to 604800.', service);
    }
    if (!signedHeaders.includes('host')) {
      return refuse('malformed', 'X-Amz-SignedHeaders must include host.', service);
    }
    const known = this.checkScope(scope, single(query['X-Amz-Date']));
    if (!known.ok) return known.refusal;
    const now = this.now();
    if (now < known.signedAt - MAX_CLOCK_SKEW_MS)
      return refuse('expired', 'Request is not valid yet.', service);
    if (now > known.signedAt + expires * 1000) return refuse('expired', 'Request has expired.', service);

    const headers = this.signedHeaderValues(request, signedHeaders);
    if (!headers) return refuse('mismatch', 'A signed header is missing from the request.', service);
    // Presigned S3 requests never sign their body; other services sign its hash.
    headers[CONTENT_SHA256] =
      single(query['X-Amz-Content-Sha256']) ??
      (service === 's3' ? 'UNSIGNED-PAYLOAD' : this.bodyHash.of(request.body));
    const onlySigned = new Set(signedHeaders);
    const presigned = await this.signerFor(service).presign(this.toSign(request, path, query, headers), {
      signingDate: new Date(known.signedAt),
      expiresIn: expires,
      signingRegion: scope.region,
      signingService: service,
      signableHeaders: onlySigned,
      unsignableHeaders: new Set([CONTENT_SHA256]),
      unhoistableHeaders: new Set([...onlySigned, CONTENT_SHA256]),
    });
    if (!sameSignature(single(presigned.query?.['X-Amz-Signature']), signature))
      return this.mismatch(service);
    return { valid: true, accessKeyId: scope.accessKeyId, region: scope.region, service, presigned: true };
  }

  /** The caller is the one we know, and the date it signed with agrees with its credential scope. */
  private checkScope(
    scope: CredentialScope,
    amzDate: string | undefined,
  ): { ok: true; signedAt: number } | { ok: false; refusal: SignatureCheck } {
    if (scope.accessKeyId !== this.options.credentials.accessKeyId) {
      return {
        ok: false,
        refusal: refuse(
          'unknownKey',
          'The security token included in the request is invalid.',
          scope.service,
        ),
      };
    }
    const signedAt = parseAmzDate(amzDate);
    if (signedAt === undefined || amzDate?.slice(0, 8) !== scope.shortDate) {
      return {
        ok: false,
        refusal: refuse(
          'malformed',
          'X-Amz-Date is missing, malformed or not the date of the credential scope.',
          scope.service,
        ),
      };
    }
    return { ok: true, signedAt };
  }

  /** The signed headers' values as received (repeated ones comma-joined, as SigV4 canonicalises them). */
  private signedHeaderValues(
    request: ReceivedRequest,
    names: readonly string[],
  ): Record<string, string> | undefined {
    const headers: Record<string, string> = {};
    for (const name of names) {
      const values = request.headers[name];
      if (values === undefined) return undefined;
      headers[name] = values.join(',');
    }
    return headers;
  }

  private toSign(
    request: ReceivedRequest,
    path: string,
    query: QueryParameterBag,
    headers: Record<string, string>,
  ): HttpRequest {
    return {
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path,
      query,
      headers,
      body: request.body,
    };
  }

  private mismatch(service: string): SignatureCheck {
    return refuse(
      'mismatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      service,
    );
  }

  private signerFor(service: string): SignatureV4 {
    const s3 = service === 's3';
    let signer = this.signers.get(s3);
    if (!signer) {
      // Region and service are the request's own (its credential scope), given with each signing.
      signer = new SignatureV4({
        credentials: this.options.credentials,
        region: 'scope',
        service: 'scope',
        sha256: NodeSha256,
        uriEscapePath: !s3,
        applyChecksum: false,
      });
      this.signers.set(s3, signer);
    }
    return signer;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
