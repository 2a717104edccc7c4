import type { ServerResponse } from 'node:http';
import type { InvokeFunction } from '../shared/InvocationResult.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';

/** Lambda's synchronous payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Matches `POST /2015-03-31/functions/{FunctionName}/invocations`. */
export const LAMBDA_INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface LambdaApiOptions {
  readonly invoke: InvokeFunction;
  readonly hasFunction: (functionId: string) => boolean;
  readonly region: string;
  /** Runs `Event` (asynchronous) invocations, with Lambda's retries; without it they run once. */
  readonly enqueueAsync?: (functionId: string, event: unknown) => void;
}

/** `my-fn`, `my-fn:live`, `123:function:my-fn` or a full ARN → `my-fn`. */
const functionNameOf = (raw: string): string => {
  const decoded = decodeURIComponent(raw);
  const afterFunction = decoded.includes(':function:') ? (decoded.split(':function:')[1] ?? '') : decoded;
  return afterFunction.split(':')[0] ?? afterFunction;
};

/** Lambda's REST Invoke: RequestResponse, Event and DryRun, with `X-Amz-Function-Error` on a function error. */
export class LambdaApi {
  constructor(private readonly options: LambdaApiOptions) {}

  async handle(
    rawName: string,
    invocationType: string | undefined,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
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
    if (body.length > MAX_PAYLOAD_BYTES) {
      sendAwsError(
        res,
        413,
        'RequestTooLargeException',
        'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
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
    const type = invocationType ?? 'RequestResponse';
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
