import '../../../../helpers/quietPowertools.ts';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { PLATFORM_ENV } from '../../../../../shared/contracts/platformEnvironment.ts';
import { userService } from '../../../../../shared/contracts/services/authServices.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import { functionEnvironment } from '../../../../../shared/platformModel/functionEnvironment.ts';
import type { ServiceEntry } from '../../../../../shared/runtime/catalog/CatalogItems.ts';
import { toProblem } from '../../../../../shared/runtime/errors/toProblem.ts';
import { InvalidRuntimeConfigError, runtimeConfig } from '../../../../../shared/runtime/runtimeConfig.ts';
import { createServiceClient } from '../../../../../shared/runtime/services/ServiceClient.ts';
import { UndeclaredServiceCallError } from '../../../../../shared/runtime/services/UndeclaredServiceCallError.ts';
import { fixtureManifest } from '../../../../helpers/manifestFixtures.ts';

const lambda = mockClient(LambdaClient);
const entry: ServiceEntry = {
  module: 'auth',
  name: 'user_service',
  version: 1,
  operations: ['getUser', 'getMembership', 'listBandMembers'],
  functionName: 'auth-userService',
};
const answer = { ok: true, output: { user: null } };

const clientFor = (uses: readonly string[]) => {
  const getService = vi.fn(async () => entry);
  const client = createServiceClient({
    module: 'content',
    uses,
    catalog: { getService },
    lambda: new LambdaClient({ region: 'eu-west-1' }),
  });
  return { client, getService };
};

beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).resolves({
    StatusCode: 200,
    Payload: new TextEncoder().encode(JSON.stringify(answer)) as never,
  });
});

describe('service client: only declared uses', () => {
  it('refuses a service the caller did not declare, before reading the catalog or invoking', async () => {
    const { client, getService } = clientFor(['drive/file_service']);
    const error = await client
      .call('auth', 'user_service', 'getUser', { userId: 'user-1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UndeclaredServiceCallError);
    expect(error).toMatchObject({ status: 500, type: 'undeclared-service-call' });
    expect((error as Error).message).toMatch(/content.*auth\/user_service/);
    expect(getService).not.toHaveBeenCalled();
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('answers a refused call as a 500 that does not reveal the wiring to the client', async () => {
    const { client } = clientFor([]);
    const error = await client
      .call('auth', 'user_service', 'getUser', { userId: 'user-1' })
      .catch((e: unknown) => e);
    const problem = toProblem(error);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('user_service');
  });

  it('lets a declared service through to the catalog and the invoke', async () => {
    const { client, getService } = clientFor(['auth/user_service']);
    await expect(client.call('auth', 'user_service', 'getUser', { userId: 'user-1' })).resolves.toEqual({
      user: null,
    });
    expect(getService).toHaveBeenCalledWith('auth', 'user_service');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });
});

describe('SOLEIL_USES', () => {
  it('carries what functionEnvironment renders from the manifest, and the client accepts exactly that', async () => {
    const model = buildPlatformModel(
      [
        fixtureManifest('auth', {
          services: [{ contract: userService, handler: 'handlers/userService.handler' }],
        }),
        fixtureManifest('content', { uses: [{ module: 'auth', service: 'user_service' }] }),
      ],
      { eventContracts },
    );
    const resolver = {
      stage: 'dev',
      eventBusName: 'bus',
      serviceCatalogTable: 'catalog',
      tableName: (id: string) => id,
      configValue: () => undefined,
    };
    const contentFn = model.functions.find((f) => f.id === 'content-health');
    const authFn = model.functions.find((f) => f.id === 'auth-health');
    if (!contentFn || !authFn) throw new Error('fixture functions missing');

    const uses = runtimeConfig.declaredUses(functionEnvironment(model, contentFn, resolver));
    expect(uses).toEqual(['auth/user_service']);
    await expect(
      clientFor(uses).client.call('auth', 'user_service', 'getUser', { userId: 'user-1' }),
    ).resolves.toBeDefined();

    // A module that uses nothing gets no variable, which reads as "uses nothing".
    const authEnv = functionEnvironment(model, authFn, resolver);
    expect(authEnv).not.toHaveProperty(PLATFORM_ENV.uses);
    expect(runtimeConfig.declaredUses(authEnv)).toEqual([]);
  });

  it('refuses a malformed variable rather than guessing', () => {
    for (const raw of ['not json', '{"auth":"user_service"}', '["auth.user_service"]', '[1]']) {
      expect(() => runtimeConfig.declaredUses({ [PLATFORM_ENV.uses]: raw }), raw).toThrow(
        InvalidRuntimeConfigError,
      );
    }
  });
});
