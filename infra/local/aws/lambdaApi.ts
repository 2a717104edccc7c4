import type { ServerResponse } from 'node:http';
import type { InvokeFunction } from '../shared/InvocationResult.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';

/** Lambda's payload limits (Invoke API reference): 6 MB for a synchronous invocation, 1 MB asynchronous. */
const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

/** The largest payload an invocation of this type takes (the endpoint refuses a larger body unread). */
export const invokePayloadLimit = (invocationType: string | undefined): number =>
  invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;

/** Lambda's answer to a payload over `limit` bytes. */
export const sendPayloadTooLarge = (res: ServerResponse, limit: number): void =>
  sendAwsError(
    res,
    413,
    'RequestTooLargeException',
    `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  );

/** Matches `POST /2015-03-31/functions/{FunctionName}/invocations`. */
export const LAMBDA_INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** The `FunctionName` pattern of Lambda's Invoke API reference: a name, a partial or a full ARN. */
const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?' +
  '([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?';
const FUNCTION_NAME = new RegExp(`^${FUNCTION_NAME_PATTERN}$`);

const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

export interface LambdaApiOptions {
  readonly invoke: InvokeFunction;
  readonly hasFunction: (functionId: string) => boolean;
  readonly region: string;
  /** Runs `Event` (asynchronous) invocations, with Lambda's retries; without it they run once. */
  readonly enqueueAsync?: (functionId: string, event: unknown) => void;
}

/** The path's function name, percent-decoded; one that does not decode stays as sent (and fails the pattern). */
const decodeName = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/** `my-fn`, `my-fn:live`, `123:function:my-fn` or a full ARN → `my-fn`. */
const functionNameOf = (raw: string): string => {
  const decoded = decodeName(raw);
  const afterFunction = decoded.includes(':function:') ? (decoded.split(':function:')[1] ?? '') : decoded;
  return afterFunction.split(':')[0] ?? afterFunction;
};

const validationError = (res: ServerResponse, violation: string): void =>
  sendAwsError(res, 400, 'ValidationException', `1 validation error detected: ${violation}`);

/** Lambda's REST Invoke: RequestResponse, Event and DryRun, with `X-Amz-Function-Error` on a function error. */
export class LambdaApi {
  constructor(private readonly options: LambdaApiOptions) {}

  async handle(
    rawName: string,
    invocationType: string | undefined,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const requested = decodeName(rawName);
    if (!FUNCTION_NAME.test(requested)) {
      validationError(
        res,
        `Value '${requested}' at 'functionName' failed to satisfy constraint: ` +
          `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
      );
      return;
    }
    const type = invocationType ?? 'RequestResponse';
    if (!(INVOCATION_TYPES as readonly string[]).includes(type)) {
      validationError(
        res,
        `Value '${type}' at 'invocationType' failed to satisfy constraint: ` +
          `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
      );
      return;
    }
    const name = functionNameOf(rawName);
    if (!this.options.hasFunction(name)) {
      sendAwsError(
        res,
        404,
        'ResourceNotFoundException',
        `Function not found: ${LOCAL_NAMES.functionArn(this.options.region, name)}`,
      );
      return;
    }
    let event: unknown;
    try {
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendAwsError(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
      return;
    }
    await this.run(name, type as InvocationType, event, res);
  }

  private async run(name: string, type: InvocationType, event: unknown, res: ServerResponse): Promise<void> {
    if (type === 'DryRun') {
      res.writeHead(204).end();
      return;
    }
    if (type === 'Event') {
      res.writeHead(202, { 'content-length': 0 }).end();
      if (this.options.enqueueAsync) this.options.enqueueAsync(name, event);
      else await this.options.invoke(name, event);
      return;
    }
    const result = await this.options.invoke(name, event);
    const headers = { 'x-amz-executed-version': '$LATEST' };
    if (result.ok) {
      sendJson(res, 200, result.result, headers);
    } else {
      sendJson(
        res,
        200,
        { errorType: result.errorType, errorMessage: result.errorMessage, trace: [] },
        { ...headers, 'x-amz-function-error': 'Unhandled' },
      );
    }
  }
}
