import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpRequest, RequestSigner } from '@smithy/types';

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
   * The SDK client's SigV4 signer (`client.config.signer`): its credentials, region and service name. Asked
   * once: the SDK's provider builds a new signer on every call — a copy of the whole client configuration and
   * an empty signing-key cache, so four more HMACs per request — which cost a broadcast a third of its
   * CPU per push. The signer reads the client's credentials provider at each signature, so refreshed
   * credentials are still used.
   */
  readonly signer: () => Promise<RequestSigner>;
  /** Sockets kept open to the endpoint: as many as a broadcast keeps calls in flight. */
  readonly maxSockets: number;
}

/** AWS's names for the statuses a PostToConnection answers, for answers that carry no error type header. */
const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'BadRequestException',
  403: 'ForbiddenException',
  410: 'GoneException',
  413: 'PayloadTooLargeException',
  429: 'LimitExceededException',
};

// The SDK's path-parameter encoding: encodeURIComponent plus the characters it leaves alone but SigV4 escapes.
const encodePathSegment = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const errorNameOf = (response: IncomingMessage, status: number): string => {
  // `x-amzn-ErrorType: GoneException:http://internal.amazon.com/coral/...`
  const header = response.headers['x-amzn-errortype'];
  const typed = (Array.isArray(header) ? header[0] : header)?.split(':')[0];
  return typed || ERROR_NAMES[status] || `Http${status}Error`;
};

/**
 * PostToConnection as one SigV4-signed HTTPS request. A broadcast is thousands of identical small calls, and
 * the SDK client's middleware stack (serialisation, endpoint rules, retries, deserialisation) cost about
 * 1 ms of CPU per call on the development machine against about 0.2 ms for this; on a function with one
 * vCPU that is the difference between a 1,000-connection broadcast taking a second and a fifth of one.
 * The signer is the SDK client's own (its credentials, region and `execute-api` signing name), so IAM sees
 * the same request, and no signing code is bundled twice. Retries stay with the caller, which knows which connections are worth another try.
 */
export class SignedConnectionPoster {
  private readonly url: URL;
  private readonly signerProvider: () => Promise<RequestSigner>;
  private signer: Promise<RequestSigner> | undefined;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(options: SignedConnectionPosterOptions) {
    this.url = new URL(options.endpoint);
    const secure = this.url.protocol === 'https:';
    this.signerProvider = options.signer;
    this.agent = secure
      ? new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets })
      : new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.send = secure ? httpsRequest : httpRequest;
  }

  /** Posts `data` to one connection; rejects only when no answer came (the network failed). */
  async post(connectionId: string, data: Uint8Array): Promise<PostAnswer> {
    const base = this.url.pathname.replace(/\/+$/, '');
    const path = `${base}/@connections/${encodePathSegment(connectionId)}`;
    const unsigned: HttpRequest = {
      method: 'POST',
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      ...(this.url.port ? { port: Number(this.url.port) } : {}),
      path,
      query: {},
      headers: {
        host: this.url.host,
        'content-type': 'application/octet-stream',
        'content-length': String(data.byteLength),
      },
      body: data,
    };
    const signed = await (await this.signerOnce()).sign(unsigned);
    return new Promise<PostAnswer>((resolve, reject) => {
      const request = this.send(
        {
          agent: this.agent,
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path,
          method: 'POST',
          headers: signed.headers,
        },
        (response) => {
          const status = response.statusCode ?? 0;
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

  private signerOnce(): Promise<RequestSigner> {
    if (!this.signer) {
      const made = this.signerProvider();
      // A provider that failed (no region yet...) is asked again next time, not remembered failing.
      made.catch(() => {
        if (this.signer === made) this.signer = undefined;
      });
      this.signer = made;
    }
    return this.signer;
  }

  /** Closes the kept-alive sockets. */
  destroy(): void {
    this.agent.destroy();
  }
}
