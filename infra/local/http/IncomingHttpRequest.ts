/** One HTTP request as the edge received it, before API Gateway turns it into an event. */
export interface IncomingHttpRequest {
  readonly method: string;
  /** Path as sent, still percent-encoded, without the query string. */
  readonly rawPath: string;
  /** Query string as sent, without `?`. */
  readonly rawQueryString: string;
  /** Header values by lower-case name, every occurrence kept (Node's `headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  readonly protocol: string;
  readonly body: Buffer;
  readonly requestId: string;
  readonly receivedAt: Date;
}
