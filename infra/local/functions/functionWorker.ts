import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeMessage, WorkerBootData, WorkerMessage } from './workerMessages.ts';

// One warm "container": loads the handler once (Lambda's init phase), then runs one invocation at a time.
type Handler = (event: unknown, context: unknown) => unknown;

const boot = workerData as WorkerBootData;
const port = parentPort;
if (!port) throw new Error('functionWorker.ts must run in a worker thread');

const send = (message: WorkerMessage): void => port.postMessage(message);

const errorFields = (error: unknown): { errorType: string; errorMessage: string } =>
  error instanceof Error
    ? { errorType: error.name || error.constructor.name, errorMessage: error.message }
    : { errorType: 'Error', errorMessage: String(error) };

const lambdaContext = (message: InvokeMessage) => ({
  awsRequestId: message.requestId,
  functionName: boot.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${boot.region}:${boot.account}:function:${boot.functionName}`,
  memoryLimitInMB: String(boot.memoryMb),
  logGroupName: `/aws/lambda/${boot.functionName}`,
  logStreamName: `local/${randomUUID()}`,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

let handler: Handler;
try {
  const loaded = (await import(boot.handlerUrl)) as Record<string, unknown>;
  const candidate = loaded[boot.exportName];
  if (typeof candidate !== 'function') {
    send({
      type: 'init-error',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${boot.handlerUrl} does not export a function named "${boot.exportName}"`,
    });
    process.exit(1);
  }
  handler = candidate as Handler;
} catch (error) {
  send({
    type: 'init-error',
    errorType: 'Runtime.ImportModuleError',
    errorMessage: errorFields(error).errorMessage,
  });
  process.exit(1);
}

port.on('message', async (message: InvokeMessage) => {
  try {
    const result = await handler(JSON.parse(message.payload), lambdaContext(message));
    // Lambda serialises the result as JSON: `undefined` becomes `null`, class instances plain data.
    send({ type: 'result', requestId: message.requestId, payload: JSON.stringify(result ?? null) });
  } catch (error) {
    send({ type: 'error', requestId: message.requestId, ...errorFields(error) });
  }
});

send({ type: 'ready' });
