import { LambdaClient } from '@aws-sdk/client-lambda';
import { signWithHeaderSignature } from '../aws/HeaderSigner.ts';
import { DynamoDbServiceCatalogStore } from '../catalog/DynamoDbServiceCatalogStore.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { SDK_CLIENT_CONFIG } from '../sdkClientConfig.ts';
import { storageClient } from '../storage/storageClient.ts';
import { createServiceClient, type ServiceClient } from './ServiceClient.ts';

let client: ServiceClient | undefined;

/**
 * The service client handlers use: created on first call from the function's environment (`runtimeConfig`: its
 * module, the catalog table, its declared uses; the SDK honours endpoint variables), then kept for the container's life
 * so its catalog cache and circuit breakers survive between invocations.
 *
 * @example
 * ```ts
 * const { user } = await services.call('auth', 'user_service', 'getUser', { userId });
 * ```
 */
export const services: ServiceClient = {
  call: async (module, service, operation, input, options) => {
    if (!client) {
      const caller = runtimeConfig.module();
      client = createServiceClient({
        module: caller,
        uses: runtimeConfig.declaredUses(),
        catalog: new DynamoDbServiceCatalogStore(storageClient(), runtimeConfig.serviceCatalogTable()),
        lambda: signWithHeaderSignature(new LambdaClient(SDK_CLIENT_CONFIG)),
        metrics: createMetrics(caller),
        logger: createLogger(caller),
      });
    }
    return client.call(module, service, operation, input, options);
  },
};
