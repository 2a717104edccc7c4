import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AwsCredentialIdentity } from '@smithy/types';
import { amzDateOf, CurrentSignature, escapeUri } from '../aws/HeaderSignature.ts';
import { LastBodyHash } from '../aws/LastBodyHash.ts';
import { WEBSOCKET_MAX_MESSAGE_BYTES } from './webSocketLimits.ts';

/** What API Gateway answered to one PostToConnection. */
export interface PostAnswer {
  readonly status: number;
  /** AWS's error name (`GoneException`, `LimitExceededException`...) when the status is not 2xx. */
  readonly errorName: string | undefined;
}

/** How a {@link SignedConnectionPoster} signs and where it sends. */
export interface SignedConnectionPosterOptions {
  /** The management endpoint, `https://{domainName}/{stage}`. */
  readonly endpoint: string;
  /**
   * The SDK client's credentials provider (`client.config.credentials`): asked at each post, so refreshed
   * credentials are used (the SDK's provider memoizes them until they near expiry).
   */
  readonly credentials: () => Promise<AwsCredentialIdentity>;
  /** The SDK client's region provider (`client.config.region`). */
  readonly region: () => Promise<string>;
  /** Sockets kept open to the endpoint: as many as a broadcast keeps calls in flight. */
  readonly maxSockets: number;
  /** @default the system clock */
  readonly now?: () => Date;
}

/** AWS's names for the statuses a PostToConnection answers, for answers that carry no error type header. */
const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'BadRequestException',
  403: 'ForbiddenException',
  410: 'GoneException',
  413: 'PayloadTooLargeException',
  429: 'LimitExceededException',
};

const SERVICE = 'execute-api';

/**
 * How far the clock may be from AWS's before pushes are signed with AWS's time instead (the SDK's rule: AWS
 * refuses a signature more than 15 minutes off; the SDK corrects past 5).
 */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The errors AWS answers a signature dated too far from its clock with (the SDK's clock-skew error names). */
const CLOCK_SKEW_ERRORS = new Set([
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
]);

const errorNameOf = (response: IncomingMessage, status: number): string => {
  // `x-amzn-ErrorType: GoneException:http://internal.amazon.com/coral/...`
  const header = response.headers['x-amzn-errortype'];
  const typed = (Array.isArray(header) ? header[0] : header)?.split(':')[0];
  return typed || ERROR_NAMES[status] || `Http${status}Error`;
};

/**
 * PostToConnection as one SigV4-signed HTTPS request. A broadcast is thousands of identical small calls, and
 * the SDK client's middleware stack (serialisation, endpoint rules, retries, deserialisation) cost about
 * 1 ms of CPU per call on the development machine against about 0.2 ms for a request signed by the SDK's
 * signer, and about 0.1 ms signed here: the SDK's signer formats and canonicalises through a chain of promises
 * and its own hash wrappers; {@link HeaderSignature} computes the same signature (a property test holds them
 * equal) with node:crypto and a signing key kept per day. The credentials and region are the SDK client's, so
 * IAM sees the same caller; retries stay with the caller, which knows which connections are worth another try.
 */
export class SignedConnectionPoster {
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly now: () => Date;
  private region: Promise<string> | undefined;
  /** A broadcast posts one encoded message to every connection: hashed once. */
  private readonly bodyHash = new LastBodyHash(WEBSOCKET_MAX_MESSAGE_BYTES);
  private readonly signature = new CurrentSignature();
  /**
   * AWS's time minus ours, learnt from an answer's `Date` when the two are more than 5 minutes apart (as the
   * SDK's `systemClockOffset`): a push signed with a drifted clock is refused, then signed again with AWS's.
   */
  private clockOffsetMs = 0;
  /** The last `Date` answered: it changes once a second, and a broadcast's thousand answers need one look. */
  private lastDate: string | undefined;

  constructor(private readonly options: SignedConnectionPosterOptions) {
    this.url = new URL(options.endpoint);
    const secure = this.url.protocol === 'https:';
    this.agent = secure
      ? new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets })
      : new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.request = secure ? httpsRequest : httpRequest;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Posts `data` to one connection; rejects only when no answer came (the network failed). A push refused for
   * its signing time, whose answer showed our clock off, is signed again with AWS's time and sent once more.
   */
  async post(connectionId: string, data: Uint8Array): Promise<PostAnswer> {
    const base = this.url.pathname.replace(/\/+$/, '');
    const path = `${base}/@connections/${escapeUri(connectionId)}`;
    const offsetBefore = this.clockOffsetMs;
    const answer = await this.sendSigned(path, data);
    const refusedForItsTime =
      (answer.status === 400 || answer.status === 403) &&
      CLOCK_SKEW_ERRORS.has(answer.errorName ?? '') &&
      this.clockOffsetMs !== offsetBefore;
    return refusedForItsTime ? this.sendSigned(path, data) : answer;
  }

  private async sendSigned(path: string, data: Uint8Array): Promise<PostAnswer> {
    const headers = await this.signedHeaders(path, data);
    return new Promise<PostAnswer>((resolve, reject) => {
      const request = this.request(
        {
          agent: this.agent,
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path,
          method: 'POST',
          headers,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          this.learnClock(response.headers.date);
          // Drained so the socket goes back to the pool; the body only repeats the error name.
          response.resume();
          response.on('end', () =>
            resolve({ status, errorName: status < 300 ? undefined : errorNameOf(response, status) }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(data);
    });
  }

  /** The request's headers with its SigV4 `Authorization`, as the SDK's signer would write them. */
  private async signedHeaders(path: string, data: Uint8Array): Promise<Record<string, string>> {
    const [credentials, region] = await Promise.all([this.options.credentials(), this.regionOnce()]);
    const amzDate = amzDateOf(new Date(this.now().getTime() + this.clockOffsetMs));
    const shortDate = amzDate.slice(0, 8);
    const payloadHash = this.bodyHash.of(data);
    // What the SDK's signer sends and signs: the body's hash declared too, and the session token if any.
    const headers: Record<string, string> = {
      host: this.url.host,
      'content-type': 'application/octet-stream',
      'content-length': String(data.byteLength),
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    };
    const signature = this.signature.of(credentials).of({
      method: 'POST',
      path,
      query: {},
      headers,
      payloadHash,
      amzDate,
      shortDate,
      region,
      service: SERVICE,
    });
    const scope = `${shortDate}/${region}/${SERVICE}/aws4_request`;
    const signedHeaders = Object.keys(headers).sort().join(';');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
  }

  /** Takes AWS's time as ours when an answer's `Date` is more than 5 minutes from our clock (with its offset). */
  private learnClock(dateHeader: string | undefined): void {
    if (dateHeader === this.lastDate) return;
    this.lastDate = dateHeader;
    const awsTime = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
    if (Number.isNaN(awsTime)) return;
    const ours = this.now().getTime();
    if (Math.abs(awsTime - (ours + this.clockOffsetMs)) > MAX_CLOCK_SKEW_MS)
      this.clockOffsetMs = awsTime - ours;
  }

  private regionOnce(): Promise<string> {
    if (!this.region) {
      const asked = this.options.region();
      // A provider that failed is asked again next time, not remembered failing.
      asked.catch(() => {
        if (this.region === asked) this.region = undefined;
      });
      this.region = asked;
    }
    return this.region;
  }

  /** Closes the kept-alive sockets. */
  destroy(): void {
    this.agent.destroy();
  }
}
