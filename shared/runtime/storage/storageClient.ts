import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { signWithHeaderSignature } from '../aws/HeaderSigner.ts';
import { recordStorageCall } from '../observability/currentInvocation.ts';

const TIMING_MIDDLEWARE = 'soleilStorageTiming';

/**
 * Counts a DynamoDB client's requests and their time into the running invocation's tally, which the event
 * kit reports with each reaction (the flow trace then shows how much of a hop was DynamoDB). Measured around
 * the whole request, retries and backoff included: that is what the handler waited for. A request that fails
 * counts too.
 */
export const timeStorageRequests = (client: DynamoDBClient): DynamoDBClient => {
  client.middlewareStack.add(
    (next) => async (args) => {
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        recordStorageCall(performance.now() - started);
      }
    },
    { step: 'initialize', name: TIMING_MIDDLEWARE, override: true },
  );
  return client;
};

/**
 * The DynamoDB client of a module's stores, outbox and idempotency records: the SDK's, with its requests
 * timed for the flow trace ({@link timeStorageRequests}) and signed by the kit's header signer
 * ({@link signWithHeaderSignature}: no new signer and configuration copy per request).
 *
 * @example
 * ```ts
 * export const dependencies = dependencyContainer<Dependencies>({ client: () => storageClient(), ... });
 * ```
 */
export const storageClient = (config: DynamoDBClientConfig = {}): DynamoDBClient =>
  signWithHeaderSignature(timeStorageRequests(new DynamoDBClient(config)));
